package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

/**
 * The routing the edge balancers share ({@link CloudOnlyBalancer}, {@link EdgeFirstBalancer},
 * {@link LatencyBudgetBalancer}), and {@link LocalityFirstBalancer}'s: each client's nearest edge site, its regions
 * ranked by round-trip time (cloud regions only, or all regions for locality-first), and two picks over the ready
 * replicas.
 * <ul>
 * <li><b>Cloud pick</b> ({@link #pickCloud}): locality first over cloud regions only (edge sites are never chosen):
 * the nearest cloud region with a replica that has headroom (in flight &lt; workers x {@code headroom}), the least
 * loaded there by {@code (in flight + 1) / (workers x speed)}, ties in turns; when no cloud replica has headroom,
 * the least loaded cloud replica of all, the nearer region on ties.</li>
 * <li><b>Edge pick</b> ({@link #pickEdge}): the client's <i>near site</i>, the edge site with the lowest RTT from the
 * client provided it is lower than the RTT to every cloud region (an edge site farther than the cloud is no edge for
 * that client); its least loaded ready replica that has room (in flight &lt; workers x {@code edgeHeadroom}). The
 * site is <b>full</b> when none of its ready replicas has room, and then, or when it has no ready replica (down,
 * booting), the pick is -1.</li>
 * </ul>
 * <p>
 * <b>Threading:</b> one instance per balancer, so per run. <b>Allocation:</b> the ranks are built from the model at
 * the first call; none per request; O(ready replicas) per pick.
 */
final class EdgeRouting
{
    private final double headroom;
    private final double edgeHeadroom;
    private final boolean cloudOnly;
    private CloudModel model;
    /**
     * Per client, per region: rank of a region by RTT (0 nearest); with {@code cloudOnly}, edge sites
     * {@link Integer#MAX_VALUE} and not counted.
     */
    private int[][] cloudRank;
    /** Per client: its near edge site, or -1. */
    private int[] nearSite;
    private int start;

    /**
     * @param headroom     a cloud replica has headroom while in flight &lt; workers x this; positive.
     * @param edgeHeadroom an edge replica has room while in flight &lt; workers x this; positive.
     */
    EdgeRouting(final double headroom, final double edgeHeadroom)
    {
        this(headroom, edgeHeadroom, true);
    }

    /**
     * @param headroom     a replica of {@link #pickCloud} has headroom while in flight &lt; workers x this; positive.
     * @param edgeHeadroom an edge replica has room while in flight &lt; workers x this; positive.
     * @param cloudOnly    true to rank (and so pick) cloud regions only; false to rank every region, edge sites
     *                     included, as {@link LocalityFirstBalancer} does.
     */
    EdgeRouting(final double headroom, final double edgeHeadroom, final boolean cloudOnly)
    {
        this.cloudOnly = cloudOnly;
        if (!(headroom > 0) || !(edgeHeadroom > 0))
        {
            throw new IllegalArgumentException("headroom must be positive: " + headroom + ", " + edgeHeadroom);
        }
        this.headroom = headroom;
        this.edgeHeadroom = edgeHeadroom;
    }

    /** Builds the ranks at the first call (the model is the run's, fixed for the balancer's life). */
    private void prepare(final CloudModel model)
    {
        if (this.model == model)
        {
            return;
        }
        this.model = model;
        final int regions = model.regionNames.length;
        final int clients = model.clientNames.length;
        cloudRank = new int[clients][regions];
        nearSite = new int[clients];
        for (int c = 0; c < clients; c++)
        {
            long nearestCloudRtt = Long.MAX_VALUE;
            for (int region = 0; region < regions; region++)
            {
                final long rtt = model.rttNs(c, region);
                if (!model.regionEdge[region])
                {
                    nearestCloudRtt = Math.min(nearestCloudRtt, rtt);
                }
                if (cloudOnly && model.regionEdge[region])
                {
                    cloudRank[c][region] = Integer.MAX_VALUE;
                    continue;
                }
                int nearer = 0;
                for (int other = 0; other < regions; other++)
                {
                    final long otherRtt = model.rttNs(c, other);
                    if (!(cloudOnly && model.regionEdge[other]) &&
                        (otherRtt < rtt || otherRtt == rtt && other < region))
                    {
                        nearer++;
                    }
                }
                cloudRank[c][region] = nearer;
            }
            int site = -1;
            for (int region = 0; region < regions; region++)
            {
                if (model.regionEdge[region] && model.rttNs(c, region) < nearestCloudRtt &&
                    (site < 0 || model.rttNs(c, region) < model.rttNs(c, site)))
                {
                    site = region;
                }
            }
            nearSite[c] = site;
        }
    }

    /**
     * @param view   the running simulation.
     * @param client a client region.
     * @return the client's near edge site (see the class doc), or -1.
     */
    int nearSite(final SimulationView view, final int client)
    {
        prepare(view.model());
        return nearSite[client];
    }

    /**
     * @param view   the running simulation.
     * @param client the request's client region.
     * @return a ready replica of the client's near edge site with room, the least loaded; -1 if there is no near
     * site, it has no ready replica or it is full.
     */
    int pickEdge(final SimulationView view, final int client)
    {
        final CloudModel model = view.model();
        prepare(model);
        final int site = nearSite[client];
        if (site < 0)
        {
            return -1;
        }
        int best = -1;
        double bestLoad = Double.POSITIVE_INFINITY;
        for (int i = 0, ready = view.readyCount(); i < ready; i++)
        {
            final int replica = view.readyReplica(i);
            final int offer = view.replicaOffer(replica);
            if (model.offerRegion[offer] != site)
            {
                continue;
            }
            final int type = model.offerType[offer];
            final int workers = model.typeWorkers[type];
            final int inFlight = view.replicaInFlight(replica);
            final double load = (inFlight + 1) / (workers * model.typeSpeed[type]);
            if (inFlight < workers * edgeHeadroom && load < bestLoad)
            {
                best = replica;
                bestLoad = load;
            }
        }
        return best;
    }

    /**
     * @param view   the running simulation.
     * @param client the request's client region.
     * @return a ready cloud replica by the cloud pick (see the class doc; any region's when not {@code cloudOnly}),
     * or -1 if no such replica is ready.
     */
    int pickCloud(final SimulationView view, final int client)
    {
        final int ready = view.readyCount();
        if (ready == 0)
        {
            return -1;
        }
        final CloudModel model = view.model();
        prepare(model);
        final int[] rank = cloudRank[client];
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
            final int r = rank[model.offerRegion[offer]];
            if (r == Integer.MAX_VALUE)
            {
                continue;
            }
            final int type = model.offerType[offer];
            final int workers = model.typeWorkers[type];
            final int inFlight = view.replicaInFlight(replica);
            final double load = (inFlight + 1) / (workers * model.typeSpeed[type]);
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
        if (chosen < 0)
        {
            return -1;
        }
        start = chosen + 1;
        return view.readyReplica(chosen);
    }

    /**
     * @param view the running simulation.
     * @return any ready replica, the least loaded by {@code (in flight + 1) / (workers x speed)} (the lower position
     * on ties), or -1 if none is ready: the last resort when neither pick has one.
     */
    int pickLeastLoaded(final SimulationView view)
    {
        final CloudModel model = view.model();
        int best = -1;
        double bestLoad = Double.POSITIVE_INFINITY;
        for (int i = 0, ready = view.readyCount(); i < ready; i++)
        {
            final int replica = view.readyReplica(i);
            final int type = model.offerType[view.replicaOffer(replica)];
            final double load = (view.replicaInFlight(replica) + 1) / (model.typeWorkers[type] * model.typeSpeed[type]);
            if (load < bestLoad)
            {
                best = replica;
                bestLoad = load;
            }
        }
        return best;
    }

    /**
     * The expected latency of a request sent to a replica: the round trip from the client, the mean network jitter
     * (two one-way draws of mean jitter / 2), the mean work at the replica's speed, and the wait for a worker when
     * all are taken ({@code (in flight - workers + 1) / workers} mean service times: the requests ahead leave at
     * the pool's rate).
     *
     * @param view    the running simulation.
     * @param client  the request's client region.
     * @param replica a replica.
     * @return the estimate, ns.
     */
    static double expectedLatencyNs(final SimulationView view, final int client, final int replica)
    {
        final CloudModel model = view.model();
        final int offer = view.replicaOffer(replica);
        final int type = model.offerType[offer];
        final int workers = model.typeWorkers[type];
        final double serviceNs = model.serviceMeanNs / model.typeSpeed[type];
        final int ahead = Math.max(0, view.replicaInFlight(replica) - workers + 1);
        return model.rttNs(client, model.offerRegion[offer]) + model.jitterNs + serviceNs +
            serviceNs * ahead / workers;
    }
}
