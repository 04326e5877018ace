package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.Market;

/**
 * Default placement: the available offer with the lowest current price per worker (price per hour divided by the
 * type's workers times its speed), among the allowed markets and providers. Ties go to the lower offer index, so
 * the choice is deterministic.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
public final class CheapestPricePlacement implements PlacementPolicy
{
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
            final double price = view.offerPricePerHourUsd(offer) / (model.typeWorkers[type] * model.typeSpeed[type]);
            if (price < bestPrice)
            {
                bestPrice = price;
                best = offer;
            }
        }
        return best;
    }

    /** Registry entry: {@code type: cheapest-price}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, "cheapest-price",
                "the available offer with the lowest current price per worker-speed; ties to the first declared",
                PolicyParameter.choices("markets", Market.ON_DEMAND.label(), Market.SPOT.label())
                    .aliases(text -> {
                        final Market market = Market.parse(text);
                        return market == null ? null : market.label();
                    })
                    .doc("markets it may launch in").build(),
                PolicyParameter.names("providers", PolicyContext.Names.PROVIDERS)
                    .doc("providers it may launch on").build());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            final boolean[] listed = arguments.getMask("markets");
            final boolean[] markets = new boolean[2];
            markets[CloudModel.ON_DEMAND] = listed[0];
            markets[CloudModel.SPOT] = listed[1];
            return new CheapestPricePlacement(markets, arguments.getMask("providers"));
        }
    }
}
