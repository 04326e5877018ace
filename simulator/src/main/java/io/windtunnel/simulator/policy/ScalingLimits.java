package io.windtunnel.simulator.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * The bounds and cool-downs an autoscaler applies to what its rule asks for: clamp to {@code [min, max]}, then hold
 * the previous answer while a cool-down runs. A rise is taken only once {@code upCooldown} has passed since the
 * last rise; a fall only once {@code downCooldown} has passed since the last change either way (a fall right after a
 * rise is the flapping a cool-down exists to stop; AWS's scale-in cool-down and the HPA's scale-down stabilization
 * window wait the same way). The first answer of a run is taken at once. A cool-down of 0 changes nothing, so the
 * rules behave as they did before cool-downs existed.
 * <p>
 * Shared by the autoscalers, with the declarations of their {@code upCooldown} and {@code downCooldown} parameters
 * ({@link #upCooldown()}, {@link #downCooldown()}), so the rule and its docs are written once.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
final class ScalingLimits
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long DAY_NS = 86_400 * SECOND_NS;

    private final int minReplicas;
    private final int maxReplicas;
    private final long upCooldownNs;
    private final long downCooldownNs;

    private int answer = -1;
    private long lastUpNs;
    private long lastChangeNs;

    /**
     * @param minReplicas    lower bound, at least 0.
     * @param maxReplicas    upper bound, at least {@code minReplicas}.
     * @param upCooldownNs   after a rise, ns before the next rise; at least 0.
     * @param downCooldownNs after any change, ns before a fall; at least 0.
     */
    ScalingLimits(final int minReplicas, final int maxReplicas, final long upCooldownNs, final long downCooldownNs)
    {
        if (minReplicas < 0 || maxReplicas < minReplicas || upCooldownNs < 0 || downCooldownNs < 0)
        {
            throw new IllegalArgumentException("0 <= min <= max and cool-downs >= 0 required");
        }
        this.minReplicas = minReplicas;
        this.maxReplicas = maxReplicas;
        this.upCooldownNs = upCooldownNs;
        this.downCooldownNs = downCooldownNs;
    }

    /**
     * @param replicas a count.
     * @return it clamped to {@code [min, max]}.
     */
    int clamp(final int replicas)
    {
        return Math.max(minReplicas, Math.min(maxReplicas, replicas));
    }

    /**
     * @param nowNs  now.
     * @param wanted what the rule asks for.
     * @return the answer: {@code wanted} clamped, or the previous answer while the cool-down of that direction runs.
     */
    int apply(final long nowNs, final int wanted)
    {
        final int clamped = clamp(wanted);
        if (answer < 0)
        {
            answer = clamped;
            lastUpNs = nowNs;
            lastChangeNs = nowNs;
        }
        else if (clamped > answer && nowNs - lastUpNs >= upCooldownNs)
        {
            answer = clamped;
            lastUpNs = nowNs;
            lastChangeNs = nowNs;
        }
        else if (clamped < answer && nowNs - lastChangeNs >= downCooldownNs)
        {
            answer = clamped;
            lastChangeNs = nowNs;
        }
        return answer;
    }

    /**
     * @return the last answer of {@link #apply}, or -1 before the first.
     */
    int answer()
    {
        return answer;
    }

    /**
     * The parameters an autoscaler declares after its own: {@code min}, {@code max} (at least {@code min}, default
     * 1000), {@code initial} (optional; default {@code min}), {@code upCooldown} (default 0) and
     * {@code downCooldown}.
     *
     * @param own                   the autoscaler's own parameters, first.
     * @param minDefault            the default of {@code min}.
     * @param initial               whether to declare {@code initial}.
     * @param downCooldownDefaultNs the default of {@code downCooldown}, ns.
     * @param quietCooldowns        whether the cool-downs have quiet defaults (added to an existing autoscaler).
     * @return all its parameters, in reading order.
     */
    static PolicyParameter[] withBounds(final PolicyParameter[] own, final int minDefault, final boolean initial,
        final long downCooldownDefaultNs, final boolean quietCooldowns)
    {
        final List<PolicyParameter> all = new ArrayList<>(List.of(own));
        all.add(PolicyParameter.integer("min", 0, 1_000_000).defaultValue(minDefault).unit("replicas")
            .doc("fewest replicas").build());
        all.add(PolicyParameter.integer("max", 0, 1_000_000).defaultValue(1000).atLeast("min").unit("replicas")
            .doc("most replicas").build());
        if (initial)
        {
            all.add(PolicyParameter.integer("initial", 0, 1_000_000).defaultFrom("min").unit("replicas")
                .doc("replicas asked for at time 0, before any load is observed (clamped to min..max)").build());
        }
        final PolicyParameter.Builder up = upCooldown(0);
        final PolicyParameter.Builder down = downCooldown(downCooldownDefaultNs);
        all.add((quietCooldowns ? up.quietDefault() : up).build());
        all.add((quietCooldowns ? down.quietDefault() : down).build());
        return all.toArray(new PolicyParameter[0]);
    }

    /**
     * @param defaultNs the default, ns.
     * @return the {@code upCooldown} parameter's declaration, to finish with {@code build()}.
     */
    private static PolicyParameter.Builder upCooldown(final long defaultNs)
    {
        return PolicyParameter.duration("upCooldown", 0, DAY_NS).defaultValue(defaultNs)
            .doc("after a rise, how long before the next rise");
    }

    /**
     * @param defaultNs the default, ns.
     * @return the {@code downCooldown} parameter's declaration, to finish with {@code build()}.
     */
    private static PolicyParameter.Builder downCooldown(final long defaultNs)
    {
        return PolicyParameter.duration("downCooldown", 0, DAY_NS).defaultValue(defaultNs)
            .doc("after any change, how long before a fall");
    }
}
