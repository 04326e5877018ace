package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

/**
 * Baseline: every replica on demand, on the available on-demand offer with the lowest current price per
 * worker-speed among the allowed providers and regions (ties to the lower offer index). What the spot policies'
 * savings are measured against; it never sees a preemption.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> the offer mask once, when it first sees the model;
 * nothing per launch.
 */
public final class OnDemandOnlyPlacement implements PlacementPolicy
{
    /** The YAML type. */
    static final String TYPE = "on-demand-only";
    private static final String RULE = "cheapest available on-demand offer";

    private final boolean[] allowedProvider;
    private final boolean[] allowedRegion;
    private boolean[] allowedOffer;

    /**
     * @param allowedProvider per provider index: may it be used.
     * @param allowedRegion   per region index: may it be used.
     */
    public OnDemandOnlyPlacement(final boolean[] allowedProvider, final boolean[] allowedRegion)
    {
        this.allowedProvider = allowedProvider.clone();
        this.allowedRegion = allowedRegion.clone();
    }

    @Override
    public int chooseOffer(final SimulationView view)
    {
        if (allowedOffer == null)
        {
            allowedOffer = CheapestOffer.mask(view.model(), CloudModel.ON_DEMAND, allowedProvider, allowedRegion);
        }
        return CheapestOffer.choose(view, allowedOffer, TYPE, RULE);
    }

    /** Registry entry: {@code type: on-demand-only}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "baseline: the cheapest available on-demand offer (price per worker-speed), never spot",
                CheapestOffer.PROVIDERS, CheapestOffer.REGIONS);
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new OnDemandOnlyPlacement(arguments.getMask("providers"), arguments.getMask("regions"));
        }
    }
}
