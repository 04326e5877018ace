package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

/**
 * Latency-aware placement: the cheapest available offer per worker-speed (as {@link CheapestPricePlacement}) among
 * the regions whose load-weighted round-trip time to the clients is within {@code rttBudget}.
 * <p>
 * For each cloud region {@code r}, {@code weightedRtt(r) = sum over client regions c of share_c x rtt(c, r)}, with
 * {@code rtt} the model's round-trip times and {@code share_c} client region {@code c}'s share of the arrivals
 * observed over the last control interval ({@link SimulationView#observedClientArrivalRatePerSec}). When the
 * observed rates add up to 0 (before the first control interval has ended, or after an interval without arrivals),
 * the shares are the load traces' expected arrivals over the next control interval, and when those add up to 0 too
 * (clients replaying arrival logs), equal shares. An offer is eligible if its region's weighted RTT is at most the
 * budget; the choice is the eligible available offer with the lowest price per worker-speed (ties to the lower
 * index). If no available offer is eligible, the choice is the cheapest available offer of the region with the
 * lowest weighted RTT (latency first, so the fleet is as close as it can be); -1 only when no allowed offer is
 * available at all.
 * <p>
 * Each choice is recorded through {@link SimulationView#decisions()}: every available allowed offer with its price
 * per worker-speed-hour and its region's weighted RTT in ms.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> its shares and per-region arrays on the first call;
 * none after.
 */
public final class LatencyAwarePlacement implements PlacementPolicy
{
    /** The YAML type. */
    public static final String TYPE = "latency-aware";

    private static final String PRICE = "pricePerWorkerSpeedHourUsd";
    private static final String WEIGHTED_RTT = "weightedRttMs";
    private static final String RULE = "cheapest per worker-speed within the RTT budget";
    private static final String CLOSEST = "none within the RTT budget: cheapest in the lowest weighted-RTT region";

    private final OfferFilter filter;
    private final long rttBudgetNs;
    private double[] share;
    private double[] weightedRttNs;

    /**
     * @param allowedMarket   per market code: may it be used.
     * @param allowedProvider per provider index: may it be used.
     * @param rttBudgetNs     the most load-weighted round-trip time from the clients to an eligible region, ns.
     */
    public LatencyAwarePlacement(final boolean[] allowedMarket, final boolean[] allowedProvider,
        final long rttBudgetNs)
    {
        this(new OfferFilter(allowedMarket, allowedProvider), rttBudgetNs);
    }

    private LatencyAwarePlacement(final OfferFilter filter, final long rttBudgetNs)
    {
        if (rttBudgetNs < 0)
        {
            throw new IllegalArgumentException("rttBudgetNs must be >= 0, was " + rttBudgetNs);
        }
        this.filter = filter;
        this.rttBudgetNs = rttBudgetNs;
    }

    @Override
    public int chooseOffer(final SimulationView view)
    {
        final CloudModel model = view.model();
        weighRegions(view, model);
        final DecisionRecorder log = view.decisions();
        final boolean recording = OfferFilter.beginDecision(view, TYPE);
        int best = -1;
        double bestPrice = Double.MAX_VALUE;
        int closest = -1;
        double closestPrice = Double.MAX_VALUE;
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            if (!filter.usable(view, model, offer))
            {
                continue;
            }
            final double price = OfferFilter.pricePerWorkerSpeedHourUsd(view, model, offer);
            final double rttNs = weightedRttNs[model.offerRegion[offer]];
            if (recording)
            {
                log.option(offer);
                log.score(PRICE, price);
                log.score(WEIGHTED_RTT, rttNs / 1e6);
            }
            if (rttNs <= rttBudgetNs && price < bestPrice)
            {
                best = offer;
                bestPrice = price;
            }
            final double closestRttNs = closest < 0 ? Double.MAX_VALUE : weightedRttNs[model.offerRegion[closest]];
            if (rttNs < closestRttNs || rttNs == closestRttNs && price < closestPrice)
            {
                closest = offer;
                closestPrice = price;
            }
        }
        final int choice = best >= 0 ? best : closest;
        if (recording)
        {
            log.chose(choice, best >= 0 ? RULE : closest >= 0 ? CLOSEST : OfferFilter.NONE_AVAILABLE);
        }
        return choice;
    }

    /**
     * @param region a cloud region.
     * @return its load-weighted RTT from the clients at the last {@link #chooseOffer}, ns (for tests).
     */
    double weightedRttNs(final int region)
    {
        return weightedRttNs[region];
    }

    /** Sets each client's share of the load and each region's weighted RTT. */
    private void weighRegions(final SimulationView view, final CloudModel model)
    {
        final int clients = model.clientNames.length;
        final int regions = model.regionNames.length;
        if (share == null)
        {
            share = new double[clients];
            weightedRttNs = new double[regions];
        }
        double total = 0;
        for (int c = 0; c < clients; c++)
        {
            share[c] = view.observedClientArrivalRatePerSec(c);
            total += share[c];
        }
        if (!(total > 0))
        {
            final long nowNs = view.nowNs();
            total = 0;
            for (int c = 0; c < clients; c++)
            {
                share[c] = model.clientLoad[c].expectedArrivals(nowNs, nowNs + model.controlIntervalNs);
                total += share[c];
            }
        }
        for (int c = 0; c < clients; c++)
        {
            share[c] = total > 0 ? share[c] / total : 1.0 / clients;
        }
        for (int r = 0; r < regions; r++)
        {
            double rttNs = 0;
            for (int c = 0; c < clients; c++)
            {
                rttNs += share[c] * model.rttNs(c, r);
            }
            weightedRttNs[r] = rttNs;
        }
    }

    /** Registry entry: {@code type: latency-aware}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "cheapest per worker-speed among regions whose load-weighted RTT to the clients is within rttBudget",
                OfferFilter.markets(), OfferFilter.providers(),
                PolicyParameter.duration("rttBudget", 0, 3_600_000_000_000L).defaultValue(100_000_000L)
                    .doc("the most load-weighted round-trip time from the clients to a region placement may use")
                    .build());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new LatencyAwarePlacement(OfferFilter.from(arguments), arguments.getDurationNs("rttBudget"));
        }
    }
}
