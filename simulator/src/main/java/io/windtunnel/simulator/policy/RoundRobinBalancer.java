package io.windtunnel.simulator.policy;

/**
 * Default balancer: cycles through the ready replicas, ignoring client region, queue lengths and round-trip times
 * (the baseline that the next issue's least-outstanding and latency-aware balancers are compared with).
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
public final class RoundRobinBalancer implements Balancer
{
    private int next;

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int ready = view.readyCount();
        if (ready == 0)
        {
            return -1;
        }
        if (next >= ready)
        {
            next = 0;
        }
        return view.readyReplica(next++);
    }

    /** Registry entry: {@code type: round-robin}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        /** Declares the type; it has no parameters. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "round-robin",
                "cycles through the ready replicas, ignoring client region, RTT and queue lengths");
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new RoundRobinBalancer();
        }
    }
}
