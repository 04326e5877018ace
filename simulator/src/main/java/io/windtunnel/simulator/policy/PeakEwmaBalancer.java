package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;

/**
 * Peak-EWMA load balancing, as Finagle's {@code PeakEwma} balancer and linkerd's proxy (tower's {@code PeakEwma})
 * do it: each replica has a cost, an exponentially weighted moving average of its round-trip times that jumps to
 * a peak at once and decays slowly, and a request goes to the candidate with the lowest load
 * {@code cost x (pending + 1)}, {@code pending} being its attempts in flight ({@link SimulationView#replicaInFlight}).
 * Candidates are {@code choices} ready replicas drawn independently at random (default 2: Finagle's and linkerd's
 * power of two choices), or every ready replica when {@code choices} is at least the ready count; ties to the first.
 * <p>
 * <b>Cost.</b> On each response ({@link #onResponse}), with {@code rtt} the attempt's latency from dispatch to the
 * response at the client and {@code dt} the time since the replica's cost was last updated:
 * {@code w = exp(-dt / decay)}; {@code cost = rtt} if {@code rtt > cost}, else {@code cost x w + rtt x (1 - w)}.
 * A replica with no history yet costs {@code defaultRtt} (linkerd: 30 ms), its clock starting when it is first
 * chosen. Completed attempts and timeouts (whose latency is the timeout, a lower bound of the round trip) update the
 * cost; attempts lost with their replica or turned away by a full queue do not, because a fast failure would lower
 * the cost of a replica that cannot serve and draw more requests to it. Unlike Finagle and tower, the cost is not
 * also decayed toward 0 when it is read; it changes only with responses.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none per request; the per-replica arrays are sized at
 * the first call (twice the replicas launched, at least 256) and double when a replica index reaches their length.
 */
public final class PeakEwmaBalancer implements Balancer
{
    private final double decayNs;
    private final double defaultRttNs;
    private final int choices;
    private RandomStream random;
    private double[] costNs = new double[0];
    /** When each replica's cost was last updated, ns; -1 before it is first chosen. */
    private long[] stampNs = new long[0];

    /**
     * @param decayNs      the EWMA's time constant, ns, positive.
     * @param defaultRttNs the cost of a replica without history, ns, at least 0.
     * @param choices      candidates drawn per request, at least 1.
     */
    public PeakEwmaBalancer(final long decayNs, final long defaultRttNs, final int choices)
    {
        if (decayNs <= 0 || defaultRttNs < 0 || choices < 1)
        {
            throw new IllegalArgumentException("decay must be positive, defaultRtt at least 0 and choices at least 1: " +
                decayNs + ", " + defaultRttNs + ", " + choices);
        }
        this.decayNs = decayNs;
        this.defaultRttNs = defaultRttNs;
        this.choices = choices;
    }

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int ready = view.readyCount();
        if (ready == 0)
        {
            return -1;
        }
        if (stampNs.length == 0)
        {
            size(view);
        }
        final boolean scan = choices >= ready;
        RandomStream stream = random;
        if (stream == null && !scan)
        {
            stream = random = view.random(PolicySlot.BALANCER);
        }
        final int candidates = scan ? ready : choices;
        int best = -1;
        double bestLoad = Double.POSITIVE_INFINITY;
        for (int i = 0; i < candidates; i++)
        {
            final int replica = view.readyReplica(scan ? i : stream.nextInt(ready));
            final double load = load(view, replica);
            if (load < bestLoad)
            {
                best = replica;
                bestLoad = load;
            }
        }
        if (best >= stampNs.length)
        {
            grow(best);
        }
        if (stampNs[best] < 0)
        {
            stampNs[best] = view.nowNs();
        }
        return best;
    }

    /**
     * @param view    the running simulation.
     * @param replica a replica.
     * @return its load, {@code cost x (in flight + 1)}, ns.
     */
    double load(final SimulationView view, final int replica)
    {
        return costNs(replica) * (view.replicaInFlight(replica) + 1);
    }

    /**
     * @param replica a replica.
     * @return its cost, ns: {@code defaultRtt} without history.
     */
    double costNs(final int replica)
    {
        return replica < costNs.length ? costNs[replica] : defaultRttNs;
    }

    @Override
    public void onResponse(final SimulationView view, final int replica, final int outcome, final long latencyNs)
    {
        if (replica < 0 || outcome != COMPLETED && outcome != TIMED_OUT)
        {
            return;
        }
        if (stampNs.length == 0)
        {
            size(view);
        }
        if (replica >= stampNs.length)
        {
            grow(replica);
        }
        final long nowNs = view.nowNs();
        final long lastNs = stampNs[replica] >= 0 ? stampNs[replica] : nowNs - latencyNs;
        final double cost = costNs[replica];
        final double rtt = latencyNs;
        if (rtt > cost)
        {
            costNs[replica] = rtt;
        }
        else
        {
            final double w = Math.exp(-Math.max(0, nowNs - lastNs) / decayNs);
            costNs[replica] = cost * w + rtt * (1 - w);
        }
        stampNs[replica] = nowNs;
    }

    private void size(final SimulationView view)
    {
        costNs = PerReplica.fit(costNs, PerReplica.initialLength(view) - 1, defaultRttNs);
        stampNs = PerReplica.fit(stampNs, costNs.length - 1, -1);
    }

    private void grow(final int replica)
    {
        costNs = PerReplica.fit(costNs, replica, defaultRttNs);
        stampNs = PerReplica.fit(stampNs, replica, -1);
    }

    /** Registry entry: {@code type: peak-ewma}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        private static final long MS = 1_000_000L;
        private static final long SECOND = 1_000_000_000L;

        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "peak-ewma",
                "the lowest RTT cost x (in flight + 1) of `choices` drawn replicas (Finagle, linkerd peak EWMA)",
                PolicyParameter.duration("decay", MS, 3600 * SECOND).defaultValue(10 * SECOND)
                    .doc("the moving average's time constant: w = exp(-dt / decay)").build(),
                PolicyParameter.duration("defaultRtt", 0, 3600 * SECOND).defaultValue(30 * MS)
                    .doc("the cost of a replica with no response yet (linkerd: 30 ms)").build(),
                PolicyParameter.integer("choices", 1, 1000).defaultValue(2).unit("replicas")
                    .doc("replicas drawn per request; all are compared when at least the ready count").build());
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new PeakEwmaBalancer(arguments.getDurationNs("decay"), arguments.getDurationNs("defaultRtt"),
                arguments.getInt("choices"));
        }
    }
}
