package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

/**
 * Default placement: the available offer with the lowest current price per worker (price per hour divided by the
 * type's workers times its speed), among the allowed markets and providers. Ties go to the lower offer index, so
 * the choice is deterministic.
 * <p>
 * When the run records decisions ({@link SimulationView#decisions()}), each choice is one decision whose options are
 * the allowed, available offers with their {@link #PRICE} and {@link #PRICE_PER_WORKER}, and whose rule is
 * {@link #RULE_CHEAPEST} (or {@link #RULE_NONE} when no offer is left).
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none, recording included.
 */
public final class CheapestPricePlacement implements PlacementPolicy
{
    /** The YAML type, also the policy name in its recorded decisions. */
    public static final String TYPE = "cheapest-price";
    /** Score: the offer's current price per hour, USD. */
    public static final String PRICE = "pricePerHourUsd";
    /** Score the choice minimizes: price per hour over the type's workers times its speed, USD. */
    public static final String PRICE_PER_WORKER = "pricePerWorkerHourUsd";
    /** Rule of a choice. */
    public static final String RULE_CHEAPEST = "lowest pricePerWorkerHourUsd among allowed available offers; " +
        "ties to the first declared";
    /** Rule when nothing could be chosen. */
    public static final String RULE_NONE = "no allowed offer available";

    private final boolean[] allowedMarket;
    private final boolean[] allowedProvider;

    /**
     * @param allowedMarket   per market code ({@link CloudModel#ON_DEMAND}, {@link CloudModel#SPOT}): may it be used.
     * @param allowedProvider per provider index: may it be used.
     */
    public CheapestPricePlacement(final boolean[] allowedMarket, final boolean[] allowedProvider)
    {
        this.allowedMarket = allowedMarket.clone();
        this.allowedProvider = allowedProvider.clone();
    }

    @Override
    public int chooseOffer(final SimulationView view)
    {
        final CloudModel model = view.model();
        final DecisionRecorder decisions = view.decisions();
        final boolean explain = decisions.enabled();
        if (explain)
        {
            decisions.begin(view.nowNs(), TYPE);
        }
        int best = -1;
        double bestPrice = Double.MAX_VALUE;
        for (int offer = 0, offers = model.offers(); offer < offers; offer++)
        {
            final int type = model.offerType[offer];
            if (!allowedMarket[model.offerMarket[offer]] || !allowedProvider[model.typeProvider[type]] ||
                !view.offerAvailable(offer))
            {
                continue;
            }
            final double pricePerHourUsd = view.offerPricePerHourUsd(offer);
            // OfferFilter.perWorkerSpeed computes the same; calling it here changed what the JIT compiled late in
            // AllocationTest's placement-listening run, which then allocated 240 bytes in its measured hour.
            final double price = pricePerHourUsd / (model.typeWorkers[type] * model.typeSpeed[type]);
            if (explain)
            {
                decisions.option(offer);
                decisions.score(PRICE, pricePerHourUsd);
                decisions.score(PRICE_PER_WORKER, price);
            }
            if (price < bestPrice)
            {
                bestPrice = price;
                best = offer;
            }
        }
        if (explain)
        {
            decisions.chose(best, best < 0 ? RULE_NONE : RULE_CHEAPEST);
        }
        return best;
    }

    /** Registry entry: {@code type: cheapest-price}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "the available offer with the lowest current price per worker-speed; ties to the first declared",
                OfferFilter.markets(), OfferFilter.providers());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new CheapestPricePlacement(OfferFilter.marketMask(arguments), OfferFilter.providerMask(arguments));
        }
    }
}
