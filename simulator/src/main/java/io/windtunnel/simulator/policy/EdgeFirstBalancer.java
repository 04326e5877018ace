package io.windtunnel.simulator.policy;

/**
 * Edge first: each request goes to its client's near edge site (the edge site with the lowest RTT from the client,
 * if it is nearer than every cloud region), to the least loaded of the site's ready replicas that has room, and
 * spills to the nearest cloud region when the site is full.
 * <p>
 * <b>The spill rule.</b> An edge replica has room while its attempts in flight (on their way, queued or in service)
 * are fewer than its workers x {@code edgeHeadroom}; with the default 1, while a worker is free or about to be (no
 * request waits at the edge). The site is <b>full</b> when none of its ready replicas has room, and a site that is
 * down or has no ready replica counts as full. A request that finds its site full goes to the cloud by
 * {@link CloudOnlyBalancer}'s rule (nearest cloud region with headroom, in flight &lt; workers x {@code headroom});
 * it does not try another edge site, which is as far from the client as the cloud or farther. Only when no cloud
 * replica is ready either does it go to the least loaded ready replica anywhere (queueing at a full site); with
 * none ready it is rejected. A client without a near site is routed as by {@code cloud-only}.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none per request; O(ready replicas).
 */
public final class EdgeFirstBalancer implements Balancer
{
    private final EdgeRouting routing;

    /**
     * @param edgeHeadroom an edge replica has room while in flight &lt; workers x this; positive.
     * @param headroom     a cloud replica has headroom while in flight &lt; workers x this; positive.
     */
    public EdgeFirstBalancer(final double edgeHeadroom, final double headroom)
    {
        routing = new EdgeRouting(headroom, edgeHeadroom);
    }

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int edge = routing.pickEdge(view, client);
        if (edge >= 0)
        {
            return edge;
        }
        final int cloud = routing.pickCloud(view, client);
        return cloud >= 0 ? cloud : routing.pickLeastLoaded(view);
    }

    /** @return the cloud {@code headroom} parameter the edge balancers share. */
    static PolicyParameter headroomParameter()
    {
        return PolicyParameter.number("headroom", 0.01, 1000).defaultValue(2.0).unit("requests per worker")
            .doc("a cloud replica has headroom while its requests in flight are fewer than workers x headroom")
            .build();
    }

    /** @return the {@code edgeHeadroom} parameter: when an edge site is full. */
    static PolicyParameter edgeHeadroomParameter()
    {
        return PolicyParameter.number("edgeHeadroom", 0.01, 1000).defaultValue(1.0).unit("requests per worker")
            .doc("an edge replica has room while its requests in flight are fewer than workers x edgeHeadroom; " +
                "the site is full when no ready replica of it has room")
            .build();
    }

    /** Registry entry: {@code type: edge-first}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "edge-first",
                "the client's near edge site while it has room, else the nearest cloud region with headroom",
                edgeHeadroomParameter(), headroomParameter());
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new EdgeFirstBalancer(arguments.getDouble("edgeHeadroom"), arguments.getDouble("headroom"));
        }
    }
}
