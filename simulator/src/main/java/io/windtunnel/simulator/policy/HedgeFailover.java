package io.windtunnel.simulator.policy;

import org.HdrHistogram.Histogram;

/**
 * Hedged requests, after Dean and Barroso, "The Tail at Scale" (CACM 56(2), 2013): when a request has had no response
 * for a while, send a copy to another replica; the first response to reach the client wins and the other copies are
 * cancelled. "While" is {@code trigger}: {@code fixed} waits {@code delay}; {@code percentile} waits the observed
 * {@code percentile} (95 by default, the paper's "defer sending a secondary request until the first request has been
 * outstanding for more than the 95th-percentile expected latency") of the latencies of the last {@code window}
 * completed requests, from arrival to response as the client saw them (before the first window is full: {@code
 * delay}). At most {@code maxHedges} copies per request, each after the same wait from the previous one.
 * <p>
 * The simulator sends each copy through the balancer to a ready replica that holds no copy of the request, and
 * cancels the losers: off the network, out of the queue, or off their worker at once (the time they worked counts as
 * busy time and in {@code hedges.loser_work_seconds}). Lost replicas are replaced at once (at the notice) and the
 * requests they held retried as {@code drain-on-notice} does, up to {@code retries} retries; a request with another copy still out
 * is not retried: it goes on with that copy.
 * <p>
 * The percentile comes from an HdrHistogram with a fixed range (1 microsecond to 1 hour, 2 significant digits:
 * values above are clamped), read once per window and reset, so nothing is allocated per request and a window costs
 * one scan of the histogram.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none after construction.
 */
public final class HedgeFailover extends ReplacingFailover
{
    /** Triggers, in {@code trigger}'s order. */
    static final String[] TRIGGERS = {"fixed", "percentile"};

    private static final long HIGHEST_NS = 3_600_000_000_000L;

    private final boolean percentileTrigger;
    private final double percentile;
    private final int window;
    private final int maxHedges;
    /** Latencies of the window being filled; null with the fixed trigger. */
    private final Histogram recent;
    private int inWindow;
    private long hedgeDelayNs;

    /**
     * @param trigger    one of {@link #TRIGGERS}.
     * @param delayNs    the wait with the fixed trigger, and until the first window is full with the percentile one.
     * @param percentile the percentile of recent latencies to wait, in (0, 100).
     * @param window     completed requests per window.
     * @param maxHedges  copies per request at most.
     * @param maxRetries retries a request may make after losing its replica.
     */
    public HedgeFailover(final String trigger, final long delayNs, final double percentile, final int window,
        final int maxHedges, final int maxRetries)
    {
        super(maxRetries);
        if (!TRIGGERS[0].equals(trigger) && !TRIGGERS[1].equals(trigger))
        {
            throw new IllegalArgumentException("trigger '" + trigger + "' is neither fixed nor percentile");
        }
        this.percentileTrigger = TRIGGERS[1].equals(trigger);
        this.hedgeDelayNs = delayNs;
        this.percentile = percentile;
        this.window = window;
        this.maxHedges = maxHedges;
        this.recent = percentileTrigger ? new Histogram(1_000L, HIGHEST_NS, 2) : null;
    }

    @Override
    public long hedgeDelayNs(final SimulationView view, final long requestId, final int hedgesSent)
    {
        return hedgesSent < maxHedges ? hedgeDelayNs : NO_HEDGE;
    }

    @Override
    public void onCompleted(final SimulationView view, final long requestId, final int attempt, final int replica,
        final long latencyNs)
    {
        if (!percentileTrigger)
        {
            return;
        }
        recent.recordValue(Math.max(0, Math.min(latencyNs, HIGHEST_NS)));
        if (++inWindow == window)
        {
            hedgeDelayNs = recent.getValueAtPercentile(percentile);
            recent.reset();
            inWindow = 0;
        }
    }

    /** @return the wait before the next hedge now: the fixed delay, or the last window's percentile. */
    long currentDelayNs()
    {
        return hedgeDelayNs;
    }

    /** Registry entry: {@code type: hedge}. */
    public static final class Provider extends PolicyProvider<FailoverPolicy>
    {
        private static final long MS = 1_000_000L;

        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.FAILOVER, "hedge",
                "hedged requests (Dean and Barroso): a copy to another replica after a delay, first response wins",
                PolicyParameter.choice("trigger", TRIGGERS).defaultValue("percentile")
                    .doc("fixed: wait 'delay'; percentile: wait the observed percentile of recent latencies").build(),
                PolicyParameter.duration("delay", 0, HIGHEST_NS).defaultValue(50 * MS)
                    .doc("the wait before a copy (with percentile: until the first window is full)").build(),
                PolicyParameter.number("percentile", 1, 99.99).defaultValue(95.0).unit("percent")
                    .doc("the percentile of recent request latencies to wait").build(),
                PolicyParameter.integer("window", 10, 10_000_000).defaultValue(1000).unit("requests")
                    .doc("completed requests whose latencies give the percentile, renewed each window").build(),
                PolicyParameter.integer("maxHedges", 1, 8).defaultValue(1).unit("copies")
                    .doc("copies per request at most, each after the same wait").build(),
                PolicyParameter.integer("retries", 0, 100).defaultValue(1).unit("retries")
                    .doc("retries a request may make after losing its replica (and every copy) before it fails")
                    .build());
        }

        @Override
        public FailoverPolicy create(final PolicyArguments arguments)
        {
            return new HedgeFailover(arguments.getString("trigger"), arguments.getDurationNs("delay"),
                arguments.getDouble("percentile"), arguments.getInt("window"), arguments.getInt("maxHedges"),
                arguments.getInt("retries"));
        }
    }
}
