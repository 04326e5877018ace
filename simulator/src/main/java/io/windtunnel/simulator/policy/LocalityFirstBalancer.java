package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

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
    private final double headroom;
    /** Per client region, per region: 0 for the nearest region, 1 for the next... */
    private int[][] rank;
    private int start;

    /**
     * @param headroom a replica has headroom while in flight &lt; workers x headroom; positive.
     */
    public LocalityFirstBalancer(final double headroom)
    {
        if (!(headroom > 0))
        {
            throw new IllegalArgumentException("headroom must be positive: " + headroom);
        }
        this.headroom = headroom;
    }

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int ready = view.readyCount();
        if (ready == 0)
        {
            return -1;
        }
        final CloudModel model = view.model();
        if (rank == null)
        {
            rank = ranks(model);
        }
        final int[] regionRank = rank[client];
        int from = start;
        if (from >= ready)
        {
            from = 0;
        }
        int local = -1;
        int localRank = Integer.MAX_VALUE;
        double localLoad = Double.POSITIVE_INFINITY;
        int any = -1;
        int anyRank = Integer.MAX_VALUE;
        double anyLoad = Double.POSITIVE_INFINITY;
        for (int k = 0, position = from; k < ready; k++, position = position + 1 == ready ? 0 : position + 1)
        {
            final int replica = view.readyReplica(position);
            final int offer = view.replicaOffer(replica);
            final int type = model.offerType[offer];
            final int workers = model.typeWorkers[type];
            final int inFlight = view.replicaInFlight(replica);
            final double load = (inFlight + 1) / (workers * model.typeSpeed[type]);
            final int r = regionRank[model.offerRegion[offer]];
            if (inFlight < workers * headroom && (r < localRank || r == localRank && load < localLoad))
            {
                local = position;
                localRank = r;
                localLoad = load;
            }
            if (load < anyLoad || load == anyLoad && r < anyRank)
            {
                any = position;
                anyRank = r;
                anyLoad = load;
            }
        }
        final int chosen = local >= 0 ? local : any;
        start = chosen + 1;
        return view.readyReplica(chosen);
    }

    /** Each client's regions ranked by RTT, nearest 0, ties to the lower region index. */
    private static int[][] ranks(final CloudModel model)
    {
        final int regions = model.regionNames.length;
        final int[][] ranks = new int[model.clientNames.length][regions];
        for (int c = 0; c < ranks.length; c++)
        {
            for (int region = 0; region < regions; region++)
            {
                int nearer = 0;
                final long rtt = model.rttNs(c, region);
                for (int other = 0; other < regions; other++)
                {
                    final long otherRtt = model.rttNs(c, other);
                    if (otherRtt < rtt || otherRtt == rtt && other < region)
                    {
                        nearer++;
                    }
                }
                ranks[c][region] = nearer;
            }
        }
        return ranks;
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
