package io.windtunnel.simulator.policy;

/**
 * Latency budget: the edge only for requests whose latency objective the cloud cannot meet. For each request it
 * takes the cloud replica {@link CloudOnlyBalancer} would pick and estimates the request's latency there: the
 * client's round trip to that replica's region, the mean jitter, the mean work at the replica's speed and the
 * expected wait for a worker ({@code (in flight - workers + 1) / workers} mean service times when every worker is
 * taken). If the estimate is within {@code sloShare} x the scenario's SLO latency ({@code slo.latency}) the request
 * goes there; otherwise to its client's near edge site, if that has room (as {@link EdgeFirstBalancer} defines it),
 * else to the cloud replica after all (a slow answer beats none). With no cloud replica ready it goes to the near
 * site with room, else the least loaded ready replica anywhere.
 * <p>
 * The estimate is a mean while the SLO is met or missed per request, so {@code sloShare} &lt; 1 leaves room for
 * service-time spread: with lognormal work of cv 1, a request's work exceeds twice the mean about 10% of the time.
 * Keeping the edge for the clients the cloud cannot serve in time leaves its few workers free for them when load
 * bursts, where {@code edge-first} fills them with requests the cloud would have served in time anyway.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none per request; O(ready replicas).
 */
public final class LatencyBudgetBalancer implements Balancer
{
    private final EdgeRouting routing;
    private final double sloShare;

    /**
     * @param sloShare     share of the SLO latency the cloud's estimate may use; positive.
     * @param edgeHeadroom an edge replica has room while in flight &lt; workers x this; positive.
     * @param headroom     a cloud replica has headroom while in flight &lt; workers x this; positive.
     */
    public LatencyBudgetBalancer(final double sloShare, final double edgeHeadroom, final double headroom)
    {
        if (!(sloShare > 0))
        {
            throw new IllegalArgumentException("sloShare must be positive: " + sloShare);
        }
        this.sloShare = sloShare;
        routing = new EdgeRouting(headroom, edgeHeadroom);
    }

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int cloud = routing.pickCloud(view, client);
        if (cloud >= 0 &&
            EdgeRouting.expectedLatencyNs(view, client, cloud) <= sloShare * view.model().sloLatencyNs)
        {
            return cloud;
        }
        final int edge = routing.pickEdge(view, client);
        if (edge >= 0)
        {
            return edge;
        }
        return cloud >= 0 ? cloud : routing.pickLeastLoaded(view);
    }

    /** Registry entry: {@code type: latency-budget}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "latency-budget",
                "the cloud when its expected latency fits the SLO, else the client's near edge site while it has room",
                PolicyParameter.number("sloShare", 0.01, 10).defaultValue(0.8).unit("share of slo.latency")
                    .doc("the cloud serves a request when its expected latency there is at most sloShare x the SLO")
                    .build(),
                EdgeFirstBalancer.edgeHeadroomParameter(), EdgeFirstBalancer.headroomParameter());
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new LatencyBudgetBalancer(arguments.getDouble("sloShare"), arguments.getDouble("edgeHeadroom"),
                arguments.getDouble("headroom"));
        }
    }
}
