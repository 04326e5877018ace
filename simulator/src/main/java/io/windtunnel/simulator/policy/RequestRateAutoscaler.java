package io.windtunnel.simulator.policy;

/**
 * SkyServe's request-rate autoscaler ({@code RequestRateAutoscaler} in SkyPilot's {@code sky/serve/autoscalers.py}),
 * the one SpotHedge runs with. Every control interval it counts the requests of the last {@code window} (60 s in
 * SkyServe), turns them into a target {@code ceil(requests / windowSec / targetQpsPerReplica)} clamped to
 * {@code [min, max]}, and moves its own target to it only after enough consecutive agreeing decisions: scaling up
 * once {@code floor(upscaleDelay / controlInterval)} decisions in a row asked for more than the current target,
 * down once {@code floor(downscaleDelay / controlInterval)} in a row asked for less. A decision that asks for more
 * resets the down counter and the other way round; a decision that asks for exactly the current target resets both.
 * A current target of 0 (with {@code min: 0}, no traffic) jumps to the new target at once. The target starts at
 * {@code min}. SkyServe decides every 20 s; here the scenario's {@code controlInterval} is the decision interval.
 * <p>
 * <b>The window.</b> The requests of the last window are the sum of a ring of per-interval arrival counts
 * ({@link SimulationView#observedArrivalRatePerSec()} times the interval), one slot per control interval: the window
 * is rounded to the nearest whole number of control intervals (halves up, at least one), and the count is divided
 * by that rounded span, so the rate stays a true rate whatever the two durations. As in SkyServe, the first window
 * after the start is divided by its full length although fewer seconds have passed.
 * <p>
 * Over-provisioning ({@code num_overprovision} in SkyServe, added to this target) is left to the placement
 * ({@code spot-hedge}'s {@code overprovision}), so that the on-demand fallback sees the target without it.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> the ring once, at the first decision; nothing after.
 */
public final class RequestRateAutoscaler implements Autoscaler
{
    private final double targetQpsPerReplica;
    private final int minReplicas;
    private final int maxReplicas;
    private final long upscaleDelayNs;
    private final long downscaleDelayNs;
    private final long windowNs;

    /** Per-interval arrival counts of the window, oldest overwritten first; null until the first decision. */
    private long[] ring;
    private int next;
    private long requestsInWindow;
    private double windowSec;
    private int scaleUpThreshold;
    private int scaleDownThreshold;

    private int target;
    private int upscaleCounter;
    private int downscaleCounter;

    /**
     * @param targetQpsPerReplica requests per second one replica should take, above 0.
     * @param minReplicas         lower bound, at least 0.
     * @param maxReplicas         upper bound, at least {@code minReplicas}.
     * @param upscaleDelayNs      how long decisions must agree before scaling up, ns, at least 0.
     * @param downscaleDelayNs    how long decisions must agree before scaling down, ns, at least 0.
     * @param windowNs            the span requests are counted over, ns, above 0.
     */
    public RequestRateAutoscaler(final double targetQpsPerReplica, final int minReplicas, final int maxReplicas,
        final long upscaleDelayNs, final long downscaleDelayNs, final long windowNs)
    {
        if (!(targetQpsPerReplica > 0) || minReplicas < 0 || maxReplicas < minReplicas || upscaleDelayNs < 0 ||
            downscaleDelayNs < 0 || windowNs <= 0)
        {
            throw new IllegalArgumentException("targetQpsPerReplica > 0, 0 <= min <= max, delays >= 0 and " +
                "window > 0 required");
        }
        this.targetQpsPerReplica = targetQpsPerReplica;
        this.minReplicas = minReplicas;
        this.maxReplicas = maxReplicas;
        this.upscaleDelayNs = upscaleDelayNs;
        this.downscaleDelayNs = downscaleDelayNs;
        this.windowNs = windowNs;
        this.target = minReplicas;
    }

    @Override
    public int desiredReplicas(final SimulationView view)
    {
        final long intervalNs = view.model().controlIntervalNs;
        if (ring == null)
        {
            final int slots = (int)Math.max(1, Math.min(1 << 20, (windowNs + intervalNs / 2) / intervalNs));
            ring = new long[slots];
            windowSec = slots * (intervalNs / 1e9);
            // SkyServe: int(delay_seconds / decision_interval_seconds).
            scaleUpThreshold = (int)Math.min(Integer.MAX_VALUE, upscaleDelayNs / intervalNs);
            scaleDownThreshold = (int)Math.min(Integer.MAX_VALUE, downscaleDelayNs / intervalNs);
        }
        if (view.nowNs() > 0)
        {
            // The rate is the last interval's arrival count over its length: undo it to the count.
            final long arrivals = Math.round(view.observedArrivalRatePerSec() * intervalNs / 1e9);
            requestsInWindow += arrivals - ring[next];
            ring[next] = arrivals;
            next = next + 1 == ring.length ? 0 : next + 1;
        }
        final int computed = computedTarget();
        if (target == 0)
        {
            target = computed;
        }
        else if (computed > target)
        {
            upscaleCounter++;
            downscaleCounter = 0;
            if (upscaleCounter >= scaleUpThreshold)
            {
                upscaleCounter = 0;
                target = computed;
            }
        }
        else if (computed < target)
        {
            downscaleCounter++;
            upscaleCounter = 0;
            if (downscaleCounter >= scaleDownThreshold)
            {
                downscaleCounter = 0;
                target = computed;
            }
        }
        else
        {
            upscaleCounter = 0;
            downscaleCounter = 0;
        }
        return target;
    }

    /**
     * @return what the requests of the window ask for, clamped to {@code [min, max]}, before the delays.
     */
    private int computedTarget()
    {
        final double replicas = Math.ceil(requestsInWindow / windowSec / targetQpsPerReplica);
        return (int)Math.max(minReplicas, Math.min(maxReplicas, replicas));
    }

    /** Registry entry: {@code type: request-rate}. */
    public static final class Provider extends PolicyProvider<Autoscaler>
    {
        private static final long SECOND_NS = 1_000_000_000L;
        private static final long DAY_NS = 86_400 * SECOND_NS;

        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.AUTOSCALER, "request-rate",
                "SkyServe's request-rate autoscaler: ceil(requests per second over the window / target QPS per " +
                    "replica), with upscale and downscale delays",
                PolicyParameter.number("targetQpsPerReplica", 0.001, 1e9).unit("requests/s")
                    .doc("requests per second one replica should take (SkyServe target_qps_per_replica)").build(),
                PolicyParameter.integer("min", 0, 1_000_000).defaultValue(1).unit("replicas")
                    .doc("fewest replicas (SkyServe min_replicas)").build(),
                PolicyParameter.integer("max", 0, 1_000_000).atLeast("min").unit("replicas")
                    .doc("most replicas (SkyServe max_replicas, which it requires with a target QPS)").build(),
                PolicyParameter.duration("upscaleDelay", 0, DAY_NS).defaultValue(300 * SECOND_NS)
                    .doc("decisions must ask for more this long in a row before the target rises " +
                        "(SkyServe upscale_delay_seconds)").build(),
                PolicyParameter.duration("downscaleDelay", 0, DAY_NS).defaultValue(1200 * SECOND_NS)
                    .doc("decisions must ask for fewer this long in a row before the target falls " +
                        "(SkyServe downscale_delay_seconds)").build(),
                PolicyParameter.duration("window", SECOND_NS, DAY_NS).defaultValue(60 * SECOND_NS)
                    .doc("requests are counted over this span, rounded to whole control intervals " +
                        "(SkyServe's fixed 60 s QPS window)").build());
        }

        @Override
        public Autoscaler create(final PolicyArguments arguments)
        {
            return new RequestRateAutoscaler(arguments.getDouble("targetQpsPerReplica"), arguments.getInt("min"),
                arguments.getInt("max"), arguments.getDurationNs("upscaleDelay"),
                arguments.getDurationNs("downscaleDelay"), arguments.getDurationNs("window"));
        }
    }
}
