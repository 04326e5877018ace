package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.Market;

/**
 * Which offers a placement policy may launch, from its {@code markets} and {@code providers} parameters, and the
 * price per worker-speed-hour that placement policies compare offers on. Shared by the learning placements
 * ({@link ForecastPlacement}, {@link BanditPlacement}) so that they declare and read the two parameters the way
 * {@link CheapestPricePlacement} does.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none after construction.
 */
final class AllowedOffers
{
    private final boolean[] allowedMarket;
    private final boolean[] allowedProvider;

    /**
     * @param allowedMarket   per market code ({@link CloudModel#ON_DEMAND}, {@link CloudModel#SPOT}): may it be used.
     * @param allowedProvider per provider index: may it be used.
     */
    AllowedOffers(final boolean[] allowedMarket, final boolean[] allowedProvider)
    {
        this.allowedMarket = allowedMarket.clone();
        this.allowedProvider = allowedProvider.clone();
    }

    /** @return the {@code markets} parameter (a list of markets; all by default). */
    static PolicyParameter marketsParameter()
    {
        return PolicyParameter.choices("markets", Market.ON_DEMAND.label(), Market.SPOT.label())
            .aliases(text -> {
                final Market market = Market.parse(text);
                return market == null ? null : market.label();
            })
            .doc("markets it may launch in").build();
    }

    /** @return the {@code providers} parameter (a list of the scenario's providers; all by default). */
    static PolicyParameter providersParameter()
    {
        return PolicyParameter.names("providers", PolicyContext.Names.PROVIDERS)
            .doc("providers it may launch on").build();
    }

    /**
     * @param arguments checked values, including {@link #marketsParameter()}.
     * @return per market code ({@link CloudModel#ON_DEMAND}, {@link CloudModel#SPOT}): may it be used.
     */
    static boolean[] markets(final PolicyArguments arguments)
    {
        final boolean[] listed = arguments.getMask("markets");
        final boolean[] markets = new boolean[2];
        markets[CloudModel.ON_DEMAND] = listed[0];
        markets[CloudModel.SPOT] = listed[1];
        return markets;
    }

    /**
     * @param arguments checked values, including {@link #providersParameter()}.
     * @return per provider index: may it be used.
     */
    static boolean[] providers(final PolicyArguments arguments)
    {
        return arguments.getMask("providers");
    }

    /**
     * @param model the model.
     * @param offer an offer.
     * @return true if its market and provider are allowed (whether it is available now is another question).
     */
    boolean allows(final CloudModel model, final int offer)
    {
        return allowedMarket[model.offerMarket[offer]] && allowedProvider[model.typeProvider[model.offerType[offer]]];
    }

    /**
     * @param model           the model.
     * @param offer           an offer.
     * @param pricePerHourUsd a price of the offer, USD per replica-hour.
     * @return that price per worker-speed-hour: divided by the type's workers times its speed.
     */
    static double perWorkerSpeed(final CloudModel model, final int offer, final double pricePerHourUsd)
    {
        final int type = model.offerType[offer];
        return pricePerHourUsd / (model.typeWorkers[type] * model.typeSpeed[type]);
    }
}
