package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;

/**
 * Provisions for the load forecast a boot time ahead: additive Holt-Winters ({@link HoltWinters}) with a daily
 * {@code season}, one observation per control interval (the arrival rate the control loop observed over the last
 * interval), forecast over the next {@code horizon}; the answer is the target-tracking count
 * ({@code target-utilization}'s rule) for the highest rate forecast within the horizon or observed last, whichever is
 * higher (AWS predictive scaling, run beside dynamic scaling, likewise takes the higher of the two capacities).
 * <p>
 * <b>Training.</b> {@code train: observed} fits on the load seen so far: until a full season has been observed
 * there is no forecast and the answer follows the observed rate alone. {@code train: prefix} first feeds the model,
 * at the first decision, the scenario's load trace over {@code [0, prefix)} (rounded down to whole seasons, at least
 * one; the expected arrivals of each control interval, or the logged arrivals of an arrival log) as if it were the
 * days before the run, the history an operator would have; then it goes on with what it observes from time 0. The
 * run replays that prefix itself, which the model has seen: hold results to the time after it ({@code warmup} at
 * least {@code prefix}) for a comparison in which no policy knows its future.
 * <p>
 * <b>Boot delay.</b> The default {@code horizon} (0) is the longest boot time of the scenario's instance types plus
 * one control interval, rounded up to whole intervals: a replica asked for now serves from then on.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> the model's seasonal array at the first decision;
 * nothing after.
 */
public final class PredictiveAutoscaler implements Autoscaler
{
    /** {@code train: observed}. */
    public static final String OBSERVED = "observed";
    /** {@code train: prefix}. */
    public static final String PREFIX = "prefix";

    private final double targetUtilization;
    private final boolean trainOnPrefix;
    private final long prefixNs;
    private final long horizonNs;
    private final long seasonNs;
    private final double alpha;
    private final double beta;
    private final double gamma;
    private final int initialReplicas;
    private final ScalingLimits limits;

    private HoltWinters model;
    private int horizonSteps;

    /**
     * @param targetUtilization share of workers the forecast load should fill, in (0, 1].
     * @param train             {@link #OBSERVED} or {@link #PREFIX}.
     * @param prefixNs          with {@link #PREFIX}: the trace span fed before the run, ns.
     * @param horizonNs         how far ahead to provision, ns; 0 for the longest boot time plus one interval.
     * @param seasonNs          the season's length, ns (a day).
     * @param alpha             level smoothing, in [0, 1].
     * @param beta              trend smoothing, in [0, 1].
     * @param gamma             seasonal smoothing, in [0, 1].
     * @param minReplicas       lower bound.
     * @param maxReplicas       upper bound.
     * @param initialReplicas   replicas at time 0.
     * @param upCooldownNs      after a rise, ns before the next rise.
     * @param downCooldownNs    after any change, ns before a fall.
     */
    public PredictiveAutoscaler(final double targetUtilization, final String train, final long prefixNs,
        final long horizonNs, final long seasonNs, final double alpha, final double beta, final double gamma,
        final int minReplicas, final int maxReplicas, final int initialReplicas, final long upCooldownNs,
        final long downCooldownNs)
    {
        if (!(targetUtilization > 0 && targetUtilization <= 1) || !(OBSERVED.equals(train) || PREFIX.equals(train)) ||
            prefixNs < 0 || horizonNs < 0 || seasonNs <= 0)
        {
            throw new IllegalArgumentException("target in (0, 1], train observed or prefix, prefix >= 0, " +
                "horizon >= 0 and season > 0 required");
        }
        if (PREFIX.equals(train) && prefixNs < seasonNs)
        {
            throw new IllegalArgumentException("train: prefix needs a prefix of at least one season (" +
                "the model starts from a full season)");
        }
        this.targetUtilization = targetUtilization;
        this.trainOnPrefix = PREFIX.equals(train);
        this.prefixNs = prefixNs;
        this.horizonNs = horizonNs;
        this.seasonNs = seasonNs;
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.initialReplicas = initialReplicas;
        this.limits = new ScalingLimits(minReplicas, maxReplicas, upCooldownNs, downCooldownNs);
        HoltWinters.checkSmoothing(alpha, beta, gamma);
    }

    @Override
    public int desiredReplicas(final SimulationView view)
    {
        final CloudModel cloud = view.model();
        final long intervalNs = cloud.controlIntervalNs;
        if (model == null)
        {
            start(cloud, intervalNs);
        }
        final long nowNs = view.nowNs();
        if (nowNs == 0)
        {
            return limits.apply(0, initialReplicas);
        }
        final double observed = view.observedArrivalRatePerSec();
        model.observe(observed);
        double rate = observed;
        if (model.ready())
        {
            for (int h = 1; h <= horizonSteps; h++)
            {
                rate = Math.max(rate, model.forecast(h));
            }
        }
        return limits.apply(nowNs, TargetUtilizationAutoscaler.replicasFor(view, rate, targetUtilization));
    }

    /** At the first decision, once the control interval is known: size the model and feed it the prefix. */
    private void start(final CloudModel cloud, final long intervalNs)
    {
        final int seasonSteps = (int)Math.max(2, Math.min(1 << 20, (seasonNs + intervalNs / 2) / intervalNs));
        model = new HoltWinters(seasonSteps, alpha, beta, gamma);
        long aheadNs = horizonNs;
        if (aheadNs == 0)
        {
            for (final long bootNs : cloud.typeBootNs)
            {
                aheadNs = Math.max(aheadNs, bootNs);
            }
            aheadNs += intervalNs;
        }
        horizonSteps = (int)Math.max(1, Math.min(seasonSteps, (aheadNs + intervalNs - 1) / intervalNs));
        if (trainOnPrefix)
        {
            // Whole seasons, so that the run's first step falls where the season starts again.
            final long seasons = Math.max(1, prefixNs / seasonNs);
            for (final double y : prefixRates(cloud, intervalNs, (int)Math.min(1 << 24, seasons * seasonSteps)))
            {
                model.observe(y);
            }
        }
    }

    /**
     * @param steps whole control intervals of the prefix.
     * @return the arrival rate of each, summed over the clients, per second.
     */
    static double[] prefixRates(final CloudModel cloud, final long intervalNs, final int steps)
    {
        final double[] rates = new double[steps];
        final long endNs = steps * intervalNs;
        for (int c = 0; c < cloud.clientNames.length; c++)
        {
            final ArrivalLog log = cloud.clientArrivals[c];
            if (log != null)
            {
                for (int i = 0; i < log.size() && log.timeNs(i) < endNs; i++)
                {
                    if (log.timeNs(i) >= 0)
                    {
                        rates[(int)(log.timeNs(i) / intervalNs)] += 1e9 / intervalNs;
                    }
                }
            }
            else
            {
                for (int k = 0; k < steps; k++)
                {
                    rates[k] += cloud.clientLoad[c].expectedArrivals(k * intervalNs, (k + 1) * intervalNs) * 1e9 /
                        intervalNs;
                }
            }
        }
        return rates;
    }

    /** Registry entry: {@code type: predictive}. */
    public static final class Provider extends PolicyProvider<Autoscaler>
    {
        private static final long SECOND_NS = 1_000_000_000L;
        private static final long DAY_NS = 86_400 * SECOND_NS;

        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.AUTOSCALER, "predictive",
                "Holt-Winters (additive, daily season) forecast of the arrival rate a boot time ahead, " +
                    "target tracking on the higher of forecast and observed",
                ScalingLimits.withBounds(new PolicyParameter[] {
                    PolicyParameter.number("target", 0.01, 1).defaultValue(0.6).unit("share of workers")
                        .doc("share of the workers the forecast load should keep busy").build(),
                    PolicyParameter.choice("train", OBSERVED, PREFIX).defaultValue(OBSERVED)
                        .doc("fit on the load observed so far, or also on the load trace's first 'prefix' " +
                            "before the run").build(),
                    PolicyParameter.duration("prefix", 0, 365 * DAY_NS).defaultValue(DAY_NS)
                        .doc("with train: prefix, the span of the load trace fed to the model before the run " +
                            "(at least one season)").build(),
                    PolicyParameter.duration("horizon", 0, DAY_NS).defaultValue(0)
                        .doc("provision for the forecast this far ahead (0: the longest boot time plus one " +
                            "control interval)").build(),
                    PolicyParameter.duration("season", 60 * SECOND_NS, 7 * DAY_NS).defaultValue(DAY_NS)
                        .doc("the season's length, rounded to whole control intervals").build(),
                    PolicyParameter.number("alpha", 0, 1).defaultValue(0.3).doc("level smoothing").build(),
                    PolicyParameter.number("beta", 0, 1).defaultValue(0.01).doc("trend smoothing").build(),
                    PolicyParameter.number("gamma", 0, 1).defaultValue(0.3).doc("seasonal smoothing").build()},
                    1, true, 0, false));
        }

        @Override
        public Autoscaler create(final PolicyArguments arguments)
        {
            return new PredictiveAutoscaler(arguments.getDouble("target"), arguments.getString("train"),
                arguments.getDurationNs("prefix"), arguments.getDurationNs("horizon"),
                arguments.getDurationNs("season"), arguments.getDouble("alpha"), arguments.getDouble("beta"),
                arguments.getDouble("gamma"), arguments.getInt("min"), arguments.getInt("max"),
                arguments.getInt("initial"), arguments.getDurationNs("upCooldown"),
                arguments.getDurationNs("downCooldown"));
        }
    }
}
