package io.windtunnel.simulator.policy;

import org.HdrHistogram.Histogram;

/**
 * Scales on the latency clients see: the observed {@code percentile} (p95 by default) of the attempts that ended in
 * the last {@code intervals} control intervals, against a {@code target}. SkyPilot users asked for exactly this
 * (skypilot-org/skypilot#3686, "Allow scaling of replicas based on response time": scale on response time so that a
 * fleet overloaded by long requests is noticed even when the request rate is not high).
 * <p>
 * <b>The rule</b>, each control interval, with {@code r = observed percentile / target} and {@code n} the previous
 * answer:
 * <ul>
 * <li>{@code r > 1}: multiplicative rise, {@code max(n + 1, ceil(n * min(r, maxStep)))}; but if replicas are still
 * booting (active above ready), hold {@code n}: the latencies do not show that capacity yet, and asking again for
 * it is how a latency controller overshoots;</li>
 * <li>{@code r < scaleDownBelow}: one replica fewer, {@code n - 1} (latency says little about how much capacity is
 * spare: at low load it is the service time whatever the fleet, so the fall is one step at a time);</li>
 * <li>otherwise hold {@code n};</li>
 * </ul>
 * then {@link ScalingLimits}: clamped to {@code [min, max]}, with the cool-downs. At time 0 it asks for
 * {@code initial}.
 * <p>
 * <b>What is recorded.</b> Completed and timed-out attempts with their latency (dispatch to the response at the
 * client, or to the deadline); rejected attempts (no ready replica, or a full queue) as the highest trackable
 * latency, so that an overloaded or empty fleet reads as far above any target (and a fleet at 0 replicas with
 * traffic rises); attempts lost with their replica are left out (a fault, not load). With no attempt in the window
 * the ratio is 0 (a fleet without traffic shrinks to {@code min}).
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> the histograms at construction (ns from 1 us to 1 h, 2
 * significant digits, clamped), nothing after: {@link #onResponse} records into the current interval's histogram,
 * and each decision adds it to the window's and subtracts the one that leaves.
 */
public final class LatencyTargetAutoscaler implements Autoscaler
{
    private static final long LOWEST_NS = 1_000L;
    private static final long HIGHEST_NS = 3_600_000_000_000L;

    private final long targetNs;
    private final double percentile;
    private final double scaleDownBelow;
    private final double maxStep;
    private final int initialReplicas;
    private final ScalingLimits limits;

    /** One histogram per interval: the one being filled and the {@code intervals} before it. */
    private final Histogram[] ring;
    /** The sum of the closed intervals of the ring. */
    private final Histogram window;
    private int current;

    /**
     * @param targetNs        latency target, ns, above 0.
     * @param percentile      the percentile held to the target, in (0, 100).
     * @param intervals       control intervals in the window, at least 1.
     * @param scaleDownBelow  share of the target under which it removes a replica, in [0, 1].
     * @param maxStep         the largest factor one rise multiplies the fleet by, at least 1.
     * @param minReplicas     lower bound.
     * @param maxReplicas     upper bound.
     * @param initialReplicas replicas at time 0.
     * @param upCooldownNs    after a rise, ns before the next rise.
     * @param downCooldownNs  after any change, ns before a fall.
     */
    public LatencyTargetAutoscaler(final long targetNs, final double percentile, final int intervals,
        final double scaleDownBelow, final double maxStep, final int minReplicas, final int maxReplicas,
        final int initialReplicas, final long upCooldownNs, final long downCooldownNs)
    {
        if (targetNs <= 0 || !(percentile > 0 && percentile < 100) || intervals < 1 ||
            !(scaleDownBelow >= 0 && scaleDownBelow <= 1) || !(maxStep >= 1))
        {
            throw new IllegalArgumentException("target > 0, percentile in (0, 100), intervals >= 1, " +
                "scaleDownBelow in [0, 1] and maxStep >= 1 required");
        }
        this.targetNs = targetNs;
        this.percentile = percentile;
        this.scaleDownBelow = scaleDownBelow;
        this.maxStep = maxStep;
        this.initialReplicas = initialReplicas;
        this.limits = new ScalingLimits(minReplicas, maxReplicas, upCooldownNs, downCooldownNs);
        this.ring = new Histogram[intervals + 1];
        for (int i = 0; i < ring.length; i++)
        {
            ring[i] = new Histogram(LOWEST_NS, HIGHEST_NS, 2);
        }
        this.window = new Histogram(LOWEST_NS, HIGHEST_NS, 2);
    }

    @Override
    public void onResponse(final SimulationView view, final int replica, final int outcome, final long latencyNs)
    {
        if (outcome == COMPLETED || outcome == TIMED_OUT)
        {
            ring[current].recordValue(Math.max(0, Math.min(HIGHEST_NS, latencyNs)));
        }
        else if (outcome == REJECTED)
        {
            ring[current].recordValue(HIGHEST_NS);
        }
    }

    @Override
    public int desiredReplicas(final SimulationView view)
    {
        final long nowNs = view.nowNs();
        if (nowNs == 0 || limits.answer() < 0)
        {
            // The first decision (time 0): nothing observed yet.
            return limits.apply(nowNs, initialReplicas);
        }
        closeInterval();
        final long samples = window.getTotalCount();
        final double ratio = samples == 0 ? 0 : window.getValueAtPercentile(percentile) / (double)targetNs;
        final int previous = limits.answer();
        final int wanted;
        if (ratio > 1)
        {
            final boolean booting = view.activeReplicas() > view.readyCount();
            wanted = booting ? previous :
                (int)Math.max(previous + 1L, (long)Math.ceil(previous * Math.min(ratio, maxStep) - 1e-9));
        }
        else if (ratio < scaleDownBelow)
        {
            wanted = previous - 1;
        }
        else
        {
            wanted = previous;
        }
        return limits.apply(nowNs, wanted);
    }

    /** The interval being filled joins the window, the oldest leaves it and is reused for the next interval. */
    private void closeInterval()
    {
        window.add(ring[current]);
        current = current + 1 == ring.length ? 0 : current + 1;
        window.subtract(ring[current]);
        ring[current].reset();
    }

    /**
     * @return the latency percentile over the window as of the last decision, ns (0 with nothing recorded).
     */
    long windowPercentileNs()
    {
        return window.getTotalCount() == 0 ? 0 : window.getValueAtPercentile(percentile);
    }

    /** Registry entry: {@code type: latency-target}. */
    public static final class Provider extends PolicyProvider<Autoscaler>
    {
        private static final long SECOND_NS = 1_000_000_000L;

        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.AUTOSCALER, "latency-target",
                "holds an observed latency percentile of the last intervals to a target: multiplicative rise, " +
                    "one-replica fall",
                ScalingLimits.withBounds(new PolicyParameter[] {
                    PolicyParameter.duration("target", LOWEST_NS, 600 * SECOND_NS)
                        .doc("the latency the percentile should stay under").build(),
                    PolicyParameter.number("percentile", 1, 99.99).defaultValue(95.0).unit("percent")
                        .doc("which percentile of the attempts' latencies is held to the target").build(),
                    PolicyParameter.integer("intervals", 1, 1_000).defaultValue(3).unit("control intervals")
                        .doc("the window: latencies of the last this many control intervals").build(),
                    PolicyParameter.number("scaleDownBelow", 0, 1).defaultValue(0.5).unit("share of target")
                        .doc("remove a replica when the percentile is under this share of the target").build(),
                    PolicyParameter.number("maxStep", 1, 100).defaultValue(2.0).unit("factor")
                        .doc("one rise multiplies the replicas by at most this").build()},
                    1, true, 300 * SECOND_NS, false));
        }

        @Override
        public Autoscaler create(final PolicyArguments arguments)
        {
            return new LatencyTargetAutoscaler(arguments.getDurationNs("target"), arguments.getDouble("percentile"),
                arguments.getInt("intervals"), arguments.getDouble("scaleDownBelow"), arguments.getDouble("maxStep"),
                arguments.getInt("min"), arguments.getInt("max"), arguments.getInt("initial"),
                arguments.getDurationNs("upCooldown"), arguments.getDurationNs("downCooldown"));
        }
    }
}
