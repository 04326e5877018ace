package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

import java.util.Arrays;

/**
 * Forecast-driven placement: forecasts each offer's price with Holt's linear trend method and its preemption rate
 * from the preemptions seen per replica-hour, and launches on the available allowed offer with the lowest expected
 * cost per useful worker-hour.
 * <p>
 * <b>Price.</b> At each control decision ({@link #planAllocation}, which answers false: launches still go one offer
 * at a time) every offer's current price is one observation of a Holt series (Holt 1957; Hyndman and
 * Athanasopoulos, <i>Forecasting: Principles and Practice</i>, section 8.2): {@code level = alpha y + (1 - alpha)
 * (level + trend dt)}, {@code trend = beta (level - previousLevel) / dt + (1 - beta) trend}, with the trend in USD
 * per hour per ns so that {@code dt}, the time since the previous sample, may vary (on the regular control grid this
 * is Holt's method with one step per control interval). The first sample sets the level and a zero trend. A launch
 * pays the forecast averaged over the next {@code horizon}: {@code level + trend (now - lastSample + horizon / 2)},
 * at least 0. Only prices the run has shown are used, never the trace's future.
 * <p>
 * <b>Preemption rate.</b> {@code lambda = (preemptions + priorRate x priorHours) / (exposureHours + priorHours)} per
 * offer, where preemptions are the notices heard through {@link #onReplicaLost} ({@link FailoverPolicy#PREEMPTION}
 * only: failures and outages hit both markets alike) and exposure is the replica-hours from launch to end of the
 * offer's replicas, running ones counted up to now. The prior, {@code priorRate} preemptions per hour weighted as
 * {@code priorHours} of exposure, applies to spot offers only (providers do not preempt on-demand instances): an
 * unseen spot offer has rate {@code priorRate}, and one preemption in a few minutes of exposure makes the rate large
 * but finite.
 * <p>
 * <b>Cost per useful hour.</b> A replica's life is taken as exponential with rate {@code lambda}; it pays from launch
 * and is useful after its boot {@code b} (the type's boot time) and until its end, less the work {@code w}
 * ({@code lostWork}) each preemption throws away. Renewal-reward over one life: paid {@code 1 / lambda}, useful
 * {@code exp(-lambda b) / lambda - w}, so the useful share is {@code u = exp(-lambda b) - lambda w} (clipped to at
 * least {@value #MIN_USEFUL_SHARE}), 1 for an offer never preempted, and the expected cost per useful worker-hour is
 * {@code forecastPricePerWorkerSpeed / u}. Ties go to the lower offer index: the policy draws no random numbers.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none after the first decision, except when its replica
 * list grows.
 */
public final class ForecastPlacement implements PlacementPolicy
{
    /** Its YAML type, also its name in the decision record. */
    public static final String TYPE = "forecast";
    /** The least useful share an offer is credited with, so that its expected cost stays finite and ordered. */
    public static final double MIN_USEFUL_SHARE = 0.01;

    private static final double NS_PER_HOUR = 3.6e12;
    private static final String RULE_CHEAPEST = "lowest expected cost per useful hour";
    private static final String RULE_NONE = "no available allowed offer";

    private final OfferFilter allowed;
    private final double alpha;
    private final double beta;
    private final long horizonNs;
    private final double priorRatePerHour;
    private final double priorHours;
    private final long lostWorkNs;

    private double[] levelUsd;
    private double[] trendUsdPerNs;
    private long lastSampleNs = -1;
    private long[] preemptions;
    private double[] closedExposureNs;
    private double[] openExposureNs;
    private final OpenReplicas open = new OpenReplicas();

    /**
     * @param allowedMarket    per market code ({@link CloudModel#ON_DEMAND}, {@link CloudModel#SPOT}): may it be
     *                         used.
     * @param allowedProvider  per provider index: may it be used.
     * @param alpha            Holt's level smoothing, in (0, 1].
     * @param beta             Holt's trend smoothing, in [0, 1] (0 keeps the trend at 0: simple exponential
     *                         smoothing).
     * @param horizonNs        the span a new replica's price is averaged over, ns.
     * @param priorRatePerHour a spot offer's preemption rate before any is seen, per replica-hour.
     * @param priorHours       the weight of that prior, replica-hours of exposure.
     * @param lostWorkNs       work a preemption throws away besides the replacement's boot, ns.
     */
    public ForecastPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider, final double alpha,
        final double beta, final long horizonNs, final double priorRatePerHour, final double priorHours,
        final long lostWorkNs)
    {
        this.allowed = new OfferFilter(allowedMarket, allowedProvider);
        this.alpha = alpha;
        this.beta = beta;
        this.horizonNs = horizonNs;
        this.priorRatePerHour = priorRatePerHour;
        this.priorHours = priorHours;
        this.lostWorkNs = lostWorkNs;
    }

    @Override
    public boolean planAllocation(final SimulationView view, final int desiredReplicas, final int[] replicasPerOffer)
    {
        sample(view);
        return false;
    }

    @Override
    public int chooseOffer(final SimulationView view)
    {
        if (lastSampleNs < 0)
        {
            sample(view);
        }
        final CloudModel model = view.model();
        final long nowNs = view.nowNs();
        updateExposure(view);
        final DecisionRecorder decisions = view.decisions();
        final boolean recording = decisions.enabled();
        if (recording)
        {
            decisions.begin(nowNs, TYPE);
        }
        int best = -1;
        double bestCost = Double.MAX_VALUE;
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            if (!allowed.allows(model, offer) || !view.offerAvailable(offer))
            {
                continue;
            }
            final double forecastUsd = forecastPricePerHourUsd(offer, nowNs);
            final double ratePerHour = preemptionsPerHour(model, offer);
            final double useful = usefulShare(model, offer, ratePerHour);
            final double cost = OfferFilter.perWorkerSpeed(model, offer, forecastUsd) / useful;
            if (recording)
            {
                decisions.option(offer);
                decisions.score("pricePerWorkerHourUsd",
                    OfferFilter.perWorkerSpeed(model, offer, view.offerPricePerHourUsd(offer)));
                decisions.score("forecastPricePerWorkerHourUsd",
                    OfferFilter.perWorkerSpeed(model, offer, forecastUsd));
                decisions.score("preemptionsPerHour", ratePerHour);
                decisions.score("usefulShare", useful);
                decisions.score("expectedCostPerUsefulWorkerHourUsd", cost);
            }
            if (cost < bestCost)
            {
                bestCost = cost;
                best = offer;
            }
        }
        if (recording)
        {
            decisions.chose(best, best < 0 ? RULE_NONE : RULE_CHEAPEST);
        }
        return best;
    }

    @Override
    public void onReplicaLost(final SimulationView view, final int replica, final int reason)
    {
        if (reason == FailoverPolicy.PREEMPTION)
        {
            ensureState(view.model());
            preemptions[view.replicaOffer(replica)]++;
        }
    }

    @Override
    public void onReplicaEnded(final SimulationView view, final int replica, final int finalState)
    {
        ensureState(view.model());
        open.catchUp(view);
        if (open.remove(replica))
        {
            closedExposureNs[view.replicaOffer(replica)] += view.nowNs() - view.replicaLaunchNs(replica);
        }
    }

    /**
     * @param offer an offer.
     * @param nowNs now.
     * @return the forecast price averaged over the next {@code horizon}, USD per replica-hour, at least 0 (the
     * current fit; call after a sample).
     */
    double forecastPricePerHourUsd(final int offer, final long nowNs)
    {
        final double aheadNs = (nowNs - lastSampleNs) + horizonNs / 2.0;
        return Math.max(0, levelUsd[offer] + trendUsdPerNs[offer] * aheadNs);
    }

    /**
     * @param model the model.
     * @param offer an offer.
     * @return its preemption rate, per replica-hour, from the exposure last counted ({@link #updateExposure}).
     */
    double preemptionsPerHour(final CloudModel model, final int offer)
    {
        final double prior = model.offerMarket[offer] == CloudModel.SPOT ? priorRatePerHour : 0;
        final double exposureHours = (closedExposureNs[offer] + openExposureNs[offer]) / NS_PER_HOUR;
        return (preemptions[offer] + prior * priorHours) / (exposureHours + priorHours);
    }

    /**
     * @param model       the model.
     * @param offer       an offer.
     * @param ratePerHour its preemption rate.
     * @return the share of a replica's paid time that is useful, {@code exp(-lambda b) - lambda w}, at least
     * {@link #MIN_USEFUL_SHARE}.
     */
    double usefulShare(final CloudModel model, final int offer, final double ratePerHour)
    {
        final double bootHours = model.typeBootNs[model.offerType[offer]] / NS_PER_HOUR;
        final double share = Math.exp(-ratePerHour * bootHours) - ratePerHour * (lostWorkNs / NS_PER_HOUR);
        return Math.max(MIN_USEFUL_SHARE, share);
    }

    /** One Holt step per offer with its price now; the first sets the level. Once per simulated time. */
    private void sample(final SimulationView view)
    {
        final CloudModel model = view.model();
        ensureState(model);
        final long nowNs = view.nowNs();
        if (lastSampleNs >= 0 && nowNs <= lastSampleNs)
        {
            return;
        }
        final double[] level = levelUsd;
        final double[] trend = trendUsdPerNs;
        for (int offer = 0; offer < level.length; offer++)
        {
            final double price = view.offerPricePerHourUsd(offer);
            if (lastSampleNs < 0)
            {
                level[offer] = price;
                trend[offer] = 0;
                continue;
            }
            final double dtNs = nowNs - lastSampleNs;
            final double previous = level[offer];
            level[offer] = alpha * price + (1 - alpha) * (previous + trend[offer] * dtNs);
            trend[offer] = beta * (level[offer] - previous) / dtNs + (1 - beta) * trend[offer];
        }
        lastSampleNs = nowNs;
    }

    /** Recount each offer's exposure of running replicas up to now, closing replicas found ended. */
    private void updateExposure(final SimulationView view)
    {
        open.catchUp(view);
        final long nowNs = view.nowNs();
        final double[] openNs = openExposureNs;
        Arrays.fill(openNs, 0);
        for (int i = open.size() - 1; i >= 0; i--)
        {
            final int replica = open.get(i);
            final int offer = view.replicaOffer(replica);
            final double livedNs = nowNs - view.replicaLaunchNs(replica);
            if (OpenReplicas.ended(view.replicaState(replica)))
            {
                // Its end was not reported to this policy: count it as ended now.
                closedExposureNs[offer] += livedNs;
                open.remove(replica);
            }
            else
            {
                openNs[offer] += livedNs;
            }
        }
    }

    private void ensureState(final CloudModel model)
    {
        if (levelUsd != null)
        {
            return;
        }
        final int offers = model.offers();
        levelUsd = new double[offers];
        trendUsdPerNs = new double[offers];
        preemptions = new long[offers];
        closedExposureNs = new double[offers];
        openExposureNs = new double[offers];
    }

    /** Registry entry: {@code type: forecast}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "the lowest expected cost per useful hour: Holt-forecast price over preemption-adjusted useful share",
                OfferFilter.markets(),
                OfferFilter.providers(),
                PolicyParameter.number("alpha", 0.001, 1).defaultValue(0.5)
                    .doc("Holt's level smoothing: weight of the newest price").build(),
                PolicyParameter.number("beta", 0, 1).defaultValue(0.3)
                    .doc("Holt's trend smoothing: weight of the newest slope (0: no trend)").build(),
                PolicyParameter.duration("horizon", 0, 30L * 24 * 3_600_000_000_000L).defaultValue(3_600_000_000_000L)
                    .doc("span a new replica's price is forecast over (averaged)").build(),
                PolicyParameter.number("priorRate", 0, 1_000).defaultValue(0.05).unit("per replica-hour")
                    .doc("a spot offer's preemption rate before any preemption is seen").build(),
                PolicyParameter.number("priorHours", 0.001, 1_000_000).defaultValue(1.0).unit("replica-hours")
                    .doc("weight of the prior rate, as exposure").build(),
                PolicyParameter.duration("lostWork", 0, 24L * 3_600_000_000_000L).defaultValue(60_000_000_000L)
                    .doc("work a preemption throws away besides the replacement's boot").build());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new ForecastPlacement(OfferFilter.marketMask(arguments), OfferFilter.providerMask(arguments),
                arguments.getDouble("alpha"),
                arguments.getDouble("beta"), arguments.getDurationNs("horizon"), arguments.getDouble("priorRate"),
                arguments.getDouble("priorHours"), arguments.getDurationNs("lostWork"));
        }
    }
}
