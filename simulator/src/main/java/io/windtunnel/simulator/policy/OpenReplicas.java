package io.windtunnel.simulator.policy;

import java.util.Arrays;

/**
 * The replicas of a run that a placement policy has seen launched and not yet seen end: how a learning policy
 * walks the running replicas at a decision without scanning every replica the run ever launched. Replicas are
 * picked up from {@link SimulationView#replicaCount()} (indexes are never reused) and removed when the policy hears
 * of their end ({@link PlacementPolicy#onReplicaEnded}), or, if that call never came (a policy wrapped by a caller
 * that does not forward it), when a scan finds them in an end state.
 * <p>
 * <b>Threading:</b> the run's thread. <b>Allocation:</b> none, except when the list grows (doubling).
 */
final class OpenReplicas
{
    private int[] open = new int[16];
    private int size;
    private int seen;

    /**
     * Add the replicas launched since the last call.
     *
     * @param view the running simulation.
     */
    void catchUp(final SimulationView view)
    {
        final int count = view.replicaCount();
        for (int replica = seen; replica < count; replica++)
        {
            if (size == open.length)
            {
                open = Arrays.copyOf(open, 2 * size);
            }
            open[size++] = replica;
        }
        seen = Math.max(seen, count);
    }

    /** @return replicas in the list. */
    int size()
    {
        return size;
    }

    /**
     * @param i position, below {@link #size()}; positions change when a replica is removed (the last takes its
     *          place), so walk the list from the end when removing.
     * @return the replica at that position.
     */
    int get(final int i)
    {
        return open[i];
    }

    /**
     * @param replica a replica.
     * @return true if it was in the list (and is no longer).
     */
    boolean remove(final int replica)
    {
        for (int i = size - 1; i >= 0; i--)
        {
            if (open[i] == replica)
            {
                open[i] = open[--size];
                return true;
            }
        }
        return false;
    }

    /**
     * @param state a replica state.
     * @return true for the end states ({@link SimulationView#TERMINATED}, {@link SimulationView#PREEMPTED},
     * {@link SimulationView#FAILED}).
     */
    static boolean ended(final int state)
    {
        return state == SimulationView.TERMINATED || state == SimulationView.PREEMPTED ||
            state == SimulationView.FAILED;
    }
}
