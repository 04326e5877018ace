package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

/**
 * The offer choice shared by the baseline placements and SpotHedge's on-demand fallback: among the offers a mask
 * allows, the available one with the lowest current price per worker-speed ({@code pricePerHourUsd / (workers x
 * speed)}, as {@link CheapestPricePlacement} ranks them), ties to the lower offer index; each choice is recorded
 * with its options' scores when the run records decisions.
 * <p>
 * <b>Threading:</b> stateless. <b>Allocation:</b> {@link #mask} allocates (once per run, when a policy first sees the
 * model); {@link #choose} allocates nothing.
 */
final class CheapestOffer
{
    /** Score: the offer's price now, USD per hour. */
    static final String PRICE = "pricePerHourUsd";
    /** Score: the price now per worker-speed, USD per hour: what the choice ranks by. */
    static final String PRICE_PER_WORKER = "pricePerWorkerHourUsd";
    /** Rule of a choice that found no available allowed offer. */
    static final String NONE_AVAILABLE = "no allowed offer available";

    /** The {@code providers} parameter of the placements built on this: which providers they may launch on. */
    static final PolicyParameter PROVIDERS = OfferFilter.providers();
    /** The {@code regions} parameter of the placements built on this: which regions they may launch in. */
    static final PolicyParameter REGIONS = PolicyParameter.names("regions", PolicyContext.Names.REGIONS)
        .doc("regions it may launch in").build();

    /** Any market, for {@link #mask}. */
    static final int ANY_MARKET = -1;

    private CheapestOffer()
    {
    }

    /**
     * @param model    the model.
     * @param market   {@link CloudModel#ON_DEMAND}, {@link CloudModel#SPOT} or {@link #ANY_MARKET}.
     * @param provider per provider index: allowed (null: all).
     * @param region   per region index: allowed (null: all).
     * @return per offer: is it in that market, on an allowed provider and in an allowed region.
     */
    static boolean[] mask(final CloudModel model, final int market, final boolean[] provider, final boolean[] region)
    {
        final boolean[] allowed = new boolean[model.offers()];
        for (int offer = 0; offer < allowed.length; offer++)
        {
            final int offerRegion = model.offerRegion[offer];
            allowed[offer] = (market == ANY_MARKET || model.offerMarket[offer] == market) &&
                (provider == null || provider[model.regionProvider[offerRegion]]) &&
                (region == null || region[offerRegion]);
        }
        return allowed;
    }

    /**
     * @param view  the running simulation.
     * @param offer an offer.
     * @return its price now per worker-speed, USD per hour.
     */
    static double pricePerWorkerHourUsd(final SimulationView view, final int offer)
    {
        return OfferFilter.pricePerWorkerSpeedHourUsd(view, view.model(), offer);
    }

    /**
     * The cheapest available allowed offer, recorded as one decision of {@code policy} (every available allowed
     * offer an option with its price and price per worker-speed).
     *
     * @param view    the running simulation.
     * @param allowed per offer: may it be chosen.
     * @param policy  the deciding policy's type, a constant.
     * @param rule    the rule to record when an offer is chosen, a constant.
     * @return the offer, or -1 if no allowed offer is available.
     */
    static int choose(final SimulationView view, final boolean[] allowed, final String policy, final String rule)
    {
        final DecisionRecorder decisions = view.decisions();
        final boolean record = decisions.enabled();
        if (record)
        {
            decisions.begin(view.nowNs(), policy);
        }
        int best = -1;
        double bestPrice = Double.MAX_VALUE;
        for (int offer = 0; offer < allowed.length; offer++)
        {
            if (!allowed[offer] || !view.offerAvailable(offer))
            {
                continue;
            }
            final double price = pricePerWorkerHourUsd(view, offer);
            if (record)
            {
                decisions.option(offer);
                decisions.score(PRICE, view.offerPricePerHourUsd(offer));
                decisions.score(PRICE_PER_WORKER, price);
            }
            if (price < bestPrice)
            {
                bestPrice = price;
                best = offer;
            }
        }
        if (record)
        {
            decisions.chose(best, best >= 0 ? rule : NONE_AVAILABLE);
        }
        return best;
    }
}
