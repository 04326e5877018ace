package io.windtunnel.simulator.policy;

/**
 * Locality first: sends a request to a replica in the region nearest its client (lowest RTT from the client's
 * region, ties to the lower region index) that has headroom, and spills to the next nearest region only when no
 * replica there has any. <b>Headroom:</b> a replica has headroom while its attempts in flight
 * ({@link SimulationView#replicaInFlight}: on their way, queued or in service) are fewer than its workers x
 * {@code headroom}; with the default 2, while at most one request per worker waits or travels beyond the ones in
 * service. Within a region the replica with the lowest {@code (in flight + 1) / (workers x speed)} is chosen, ties
 * round-robin (each scan starts after the previous choice). When no ready replica anywhere has headroom the request
 * goes to the replica with the lowest {@code (in flight + 1) / (workers x speed)} of all, the nearer region on ties:
 * spilling then buys no idle worker, only a longer trip.
 * <p>
 * Spilling trades an RTT for a queue: a request that crosses to a region 70 ms further away must save more than
 * 70 ms of waiting to gain, so a small {@code headroom} spills early (good when remote regions are idle and RTTs are
 * short against the work), a large one keeps requests local under load.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none per request (the clients' region ranks are built
 * from the model at the first call); O(ready replicas) per request.
 */
public final class LocalityFirstBalancer implements Balancer
{
    /** Ranks every region, edge sites included; the same pick as {@link CloudOnlyBalancer}'s over cloud regions. */
    private final EdgeRouting routing;

    /**
     * @param headroom a replica has headroom while in flight &lt; workers x headroom; positive.
     */
    public LocalityFirstBalancer(final double headroom)
    {
        if (!(headroom > 0))
        {
            throw new IllegalArgumentException("headroom must be positive: " + headroom);
        }
        routing = new EdgeRouting(headroom, 1.0, false);
    }

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        return routing.pickCloud(view, client);
    }

    /** Registry entry: {@code type: locality-first}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        /** Declares the type and its parameter. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "locality-first",
                "the client's nearest region with headroom (in flight < workers x headroom), spilling to the next",
                PolicyParameter.number("headroom", 0.01, 1000).defaultValue(2.0).unit("requests per worker")
                    .doc("a replica has headroom while its requests in flight are fewer than workers x headroom")
                    .build());
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new LocalityFirstBalancer(arguments.getDouble("headroom"));
        }
    }
}
