package io.windtunnel.simulator.policy;

import java.util.Arrays;

/**
 * Per-replica state for balancers: primitive arrays indexed by replica, grown geometrically as replica indexes grow
 * over a run (they are never reused), and a replica's capacity as the balancers weigh it.
 * <p>
 * <b>Allocation:</b> an array grows only when a replica index reaches its length, to at least twice that length, so a
 * run copies each array a number of times logarithmic in the replicas it launches (as {@code ReplicaTable} does);
 * callers size their arrays from {@link SimulationView#replicaCount()} at their first call so that a run in steady
 * state never grows them.
 */
final class PerReplica
{
    /** The smallest array a balancer keeps. */
    static final int MIN_LENGTH = 256;

    private PerReplica()
    {
    }

    /**
     * @param view the running simulation.
     * @return the length to give per-replica arrays at a balancer's first call: twice the replicas launched so far.
     */
    static int initialLength(final SimulationView view)
    {
        return Math.max(MIN_LENGTH, 2 * view.replicaCount());
    }

    /**
     * @param replica an index that must fit.
     * @param length  the current length.
     * @return the new length: at least twice the old one and above {@code replica}.
     */
    static int grownLength(final int replica, final int length)
    {
        return Math.max(Math.max(MIN_LENGTH, replica + 1), 2 * length);
    }

    /**
     * @param values  an array indexed by replica.
     * @param replica an index that must fit.
     * @param fill    the value of new entries.
     * @return {@code values}, or a longer copy with {@code fill} in the new entries.
     */
    static long[] fit(final long[] values, final int replica, final long fill)
    {
        if (replica < values.length)
        {
            return values;
        }
        final long[] grown = Arrays.copyOf(values, grownLength(replica, values.length));
        Arrays.fill(grown, values.length, grown.length, fill);
        return grown;
    }

    /**
     * @param values  an array indexed by replica.
     * @param replica an index that must fit.
     * @param fill    the value of new entries.
     * @return {@code values}, or a longer copy with {@code fill} in the new entries.
     */
    static double[] fit(final double[] values, final int replica, final double fill)
    {
        if (replica < values.length)
        {
            return values;
        }
        final double[] grown = Arrays.copyOf(values, grownLength(replica, values.length));
        Arrays.fill(grown, values.length, grown.length, fill);
        return grown;
    }

    /**
     * A replica's capacity as the weighted balancers see it: its instance type's workers times their speed (the
     * requests it serves at once, each at that speed), the same worker-speed that placement prices capacity in.
     *
     * @param view    the running simulation.
     * @param replica replica index.
     * @return workers x speed, positive.
     */
    static double capacity(final SimulationView view, final int replica)
    {
        final io.windtunnel.simulator.model.CloudModel model = view.model();
        final int type = model.offerType[view.replicaOffer(replica)];
        return model.typeWorkers[type] * model.typeSpeed[type];
    }
}
