package io.windtunnel.simulator.policy;

/**
 * Cloud only: edge sites are never used. Each request goes to the nearest cloud region that has a replica with
 * headroom (in flight &lt; workers x {@code headroom}), the least loaded there, and spills to the next nearest cloud
 * region only when none has any; with no headroom anywhere, to the least loaded cloud replica (see
 * {@link EdgeRouting}). With no cloud replica ready the request is rejected, even if an edge replica is ready: this
 * is the baseline that shows what the edge sites buy. In a model without edge sites it routes as
 * {@link LocalityFirstBalancer} does.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none per request; O(ready replicas).
 */
public final class CloudOnlyBalancer implements Balancer
{
    private final EdgeRouting routing;

    /**
     * @param headroom a cloud replica has headroom while in flight &lt; workers x headroom; positive.
     */
    public CloudOnlyBalancer(final double headroom)
    {
        routing = new EdgeRouting(headroom, 1.0);
    }

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        return routing.pickCloud(view, client);
    }

    /** Registry entry: {@code type: cloud-only}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        /** Declares the type and its parameter. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "cloud-only",
                "never an edge site: the client's nearest cloud region with headroom, spilling to the next",
                EdgeFirstBalancer.headroomParameter());
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new CloudOnlyBalancer(arguments.getDouble("headroom"));
        }
    }
}
