package io.windtunnel.simulator.sweep;

import java.io.Serializable;
import java.util.List;

/**
 * One point of a sweep: which value of each axis, and the seed.
 *
 * @param index        position in the sweep's expansion, from 0; results are ordered by it.
 * @param valueIndexes per axis, the index of its value in the axis's list.
 * @param labels       per axis, the value as text (a list or mapping in flow style, e.g. {@code [spot, on-demand]}).
 * @param seed         the seed the variant runs with (the sweep's {@code seeds}, else the scenario's).
 */
public record Variant(int index, List<Integer> valueIndexes, List<String> labels, long seed) implements Serializable
{
    private static final long serialVersionUID = 1L;

    /**
     * @param axes the sweep's axes, in order.
     * @return e.g. {@code load.multiplier=2, stacks.spot.autoscaler.target=0.6, seed=7}, for messages.
     */
    public String describe(final List<Sweep.Axis> axes)
    {
        final StringBuilder sb = new StringBuilder("variant ").append(index).append(" (");
        for (int a = 0; a < axes.size(); a++)
        {
            sb.append(axes.get(a).path()).append('=').append(labels.get(a)).append(", ");
        }
        return sb.append("seed=").append(seed).append(')').toString();
    }
}
