package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.Market;

/**
 * What the placement policies share: the {@code markets} and {@code providers} parameters, declared once, and the
 * test they make (may an offer be used at all, and is it available now), the price per worker-speed that the
 * placements rank offers by ({@link #perWorkerSpeed}, also of a forecast price), and the start of a decision record.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none after construction.
 */
final class OfferFilter
{
    /** Decision rule recorded when no allowed offer is available. */
    static final String NONE_AVAILABLE = "no allowed offer available";

    private final boolean[] allowedMarket;
    private final boolean[] allowedProvider;

    /**
     * @param allowedMarket   per market code ({@link CloudModel#ON_DEMAND}, {@link CloudModel#SPOT}): may it be used.
     * @param allowedProvider per provider index: may it be used.
     */
    OfferFilter(final boolean[] allowedMarket, final boolean[] allowedProvider)
    {
        this.allowedMarket = allowedMarket.clone();
        this.allowedProvider = allowedProvider.clone();
    }

    /**
     * @param arguments checked values of a policy that declares {@link #markets()} and {@link #providers()}.
     * @return the filter they describe.
     */
    static OfferFilter from(final PolicyArguments arguments)
    {
        return new OfferFilter(marketMask(arguments), providerMask(arguments));
    }

    /**
     * @param arguments checked values of a policy that declares {@link #markets()}.
     * @return per market code ({@link CloudModel#ON_DEMAND}, {@link CloudModel#SPOT}): may it be used.
     */
    static boolean[] marketMask(final PolicyArguments arguments)
    {
        final boolean[] listed = arguments.getMask("markets");
        final boolean[] markets = new boolean[2];
        markets[CloudModel.ON_DEMAND] = listed[0];
        markets[CloudModel.SPOT] = listed[1];
        return markets;
    }

    /**
     * @param arguments checked values of a policy that declares {@link #providers()}.
     * @return per provider index: may it be used.
     */
    static boolean[] providerMask(final PolicyArguments arguments)
    {
        return arguments.getMask("providers");
    }

    /**
     * @return the {@code markets} parameter: a list of {@code on-demand}, {@code spot} (aliases as
     * {@link Market#parse}), all when absent.
     */
    static PolicyParameter markets()
    {
        return PolicyParameter.choices("markets", Market.ON_DEMAND.label(), Market.SPOT.label())
            .aliases(text -> {
                final Market market = Market.parse(text);
                return market == null ? null : market.label();
            })
            .doc("markets it may launch in").build();
    }

    /**
     * @return the {@code providers} parameter: provider names of the scenario, all when absent.
     */
    static PolicyParameter providers()
    {
        return PolicyParameter.names("providers", PolicyContext.Names.PROVIDERS)
            .doc("providers it may launch on").build();
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
     * @param view  the running simulation.
     * @param model its model.
     * @param offer an offer.
     * @return true if it is allowed and available now: a launch there would not be refused.
     */
    boolean usable(final SimulationView view, final CloudModel model, final int offer)
    {
        return allows(model, offer) && view.offerAvailable(offer);
    }

    /**
     * Starts a decision record if the view records decisions.
     *
     * @param view   the running simulation.
     * @param policy the deciding policy's type, a constant.
     * @return true if the decision is being recorded (then record its options and end it with
     * {@link DecisionRecorder#chose}).
     */
    static boolean beginDecision(final SimulationView view, final String policy)
    {
        final DecisionRecorder log = view.decisions();
        if (!log.enabled())
        {
            return false;
        }
        log.begin(view.nowNs(), policy);
        return true;
    }

    /**
     * @param view  the running simulation.
     * @param model its model.
     * @param offer an offer.
     * @return its current price per hour divided by its type's workers times speed: USD per worker-speed-hour.
     */
    static double pricePerWorkerSpeedHourUsd(final SimulationView view, final CloudModel model, final int offer)
    {
        return perWorkerSpeed(model, offer, view.offerPricePerHourUsd(offer));
    }

    /**
     * @param model           the model.
     * @param offer           an offer.
     * @param pricePerHourUsd a price of the offer (now, or a forecast), USD per replica-hour.
     * @return that price per worker-speed-hour: divided by the offer's type's workers times its speed.
     */
    static double perWorkerSpeed(final CloudModel model, final int offer, final double pricePerHourUsd)
    {
        final int type = model.offerType[offer];
        return pricePerHourUsd / (model.typeWorkers[type] * model.typeSpeed[type]);
    }
}
