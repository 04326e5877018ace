package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;

import java.util.Arrays;

/**
 * Default balancer: cycles through the ready replicas, ignoring client region, queue lengths and round-trip times
 * (the baseline that the other balancers are compared with).
 * <p>
 * Without {@code reshuffle} it walks the simulator's ready list in its order (which changes as replicas come and
 * go). With it, it does what SkyServe's {@code RoundRobinPolicy} does: it keeps its own copy of the ready set, and
 * whenever the set changes it copies it again, shuffles the copy with the balancer slot's seeded stream and starts
 * from its first entry, so that a replica that joins is not always visited at the same point of the cycle. A change
 * is seen through {@link SimulationView#readySetVersion()} in O(1); a view that does not track it (-1) is compared
 * entry by entry with the list seen at the previous request.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none per request; with {@code reshuffle}, the copy grows
 * (doubling) when the ready set outgrows it.
 */
public final class RoundRobinBalancer implements Balancer
{
    private final boolean reshuffle;
    private int next;
    private RandomStream random;
    /** The shuffled copy of the ready set, its first {@link #orderCount} entries. */
    private int[] order = new int[PerReplica.MIN_LENGTH];
    private int orderCount;
    /** The view's ready list as last seen, for views without a version. */
    private int[] seen = new int[PerReplica.MIN_LENGTH];
    private int seenCount = -1;
    private long version = -1;

    /** Round-robin over the simulator's ready list, without reshuffling (the default). */
    public RoundRobinBalancer()
    {
        this(false);
    }

    /**
     * @param reshuffle shuffle the cycle's order each time the ready set changes (SkyServe).
     */
    public RoundRobinBalancer(final boolean reshuffle)
    {
        this.reshuffle = reshuffle;
    }

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int ready = view.readyCount();
        if (ready == 0)
        {
            return -1;
        }
        if (reshuffle)
        {
            return pickShuffled(view, ready);
        }
        if (next >= ready)
        {
            next = 0;
        }
        return view.readyReplica(next++);
    }

    private int pickShuffled(final SimulationView view, final int ready)
    {
        if (readySetChanged(view, ready))
        {
            shuffle(view, ready);
        }
        if (next >= orderCount)
        {
            next = 0;
        }
        return order[next++];
    }

    private boolean readySetChanged(final SimulationView view, final int ready)
    {
        final long current = view.readySetVersion();
        if (current >= 0)
        {
            final boolean changed = current != version || orderCount != ready;
            version = current;
            return changed;
        }
        boolean changed = seenCount != ready;
        for (int i = 0; i < ready && !changed; i++)
        {
            changed = seen[i] != view.readyReplica(i);
        }
        if (changed)
        {
            if (seen.length < ready)
            {
                seen = new int[PerReplica.grownLength(ready, seen.length)];
            }
            for (int i = 0; i < ready; i++)
            {
                seen[i] = view.readyReplica(i);
            }
            seenCount = ready;
        }
        return changed;
    }

    /** SkyServe's {@code random.shuffle} of the new ready set (Fisher-Yates), and the cycle starts again. */
    private void shuffle(final SimulationView view, final int ready)
    {
        if (random == null)
        {
            random = view.random(PolicySlot.BALANCER);
        }
        if (order.length < ready)
        {
            order = Arrays.copyOf(order, PerReplica.grownLength(ready, order.length));
        }
        for (int i = 0; i < ready; i++)
        {
            order[i] = view.readyReplica(i);
        }
        for (int i = ready - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = order[i];
            order[i] = order[j];
            order[j] = swap;
        }
        orderCount = ready;
        next = 0;
    }

    /** Registry entry: {@code type: round-robin}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        /** Declares the type and its one option. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "round-robin",
                "cycles through the ready replicas, ignoring client region, RTT and queue lengths",
                PolicyParameter.bool("reshuffle").defaultValue(false).quietDefault()
                    .doc("shuffle the order of the cycle whenever the ready set changes (SkyServe's round robin)")
                    .build());
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new RoundRobinBalancer(arguments.getBoolean("reshuffle"));
        }
    }
}
