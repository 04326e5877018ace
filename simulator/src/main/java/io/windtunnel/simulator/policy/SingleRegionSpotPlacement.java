package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;

import java.util.List;

/**
 * Baseline: every replica on spot in one named region, on its available spot offer (any zone, any instance type)
 * with the lowest current price per worker-speed, ties to the lower offer index. Nothing else: when the region has
 * no spot capacity left (its pool is gone or full, the region or its zones are down, its quota is used up) it
 * answers -1, and the launch is refused and counted ({@code replicas.launches_refused}); it never falls back to
 * on-demand or another region. This is the "spot in a single region" arm of the spot-serving comparison: the
 * cheapest setup, and the one a regional preemption wave hits hardest.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> the offer mask once, when it first sees the model;
 * nothing per launch.
 */
public final class SingleRegionSpotPlacement implements PlacementPolicy
{
    /** The YAML type. */
    static final String TYPE = "single-region-spot";
    private static final String RULE = "cheapest available spot offer in the region";

    private final boolean[] allowedRegion;
    private boolean[] allowedOffer;

    /**
     * @param region the region's index in the model.
     * @param regions how many regions the model declares.
     */
    public SingleRegionSpotPlacement(final int region, final int regions)
    {
        if (region < 0 || region >= regions)
        {
            throw new IllegalArgumentException("region " + region + " is not one of the " + regions + " regions");
        }
        allowedRegion = new boolean[regions];
        allowedRegion[region] = true;
    }

    @Override
    public int chooseOffer(final SimulationView view)
    {
        if (allowedOffer == null)
        {
            allowedOffer = CheapestOffer.mask(view.model(), CloudModel.SPOT, null, allowedRegion);
        }
        return CheapestOffer.choose(view, allowedOffer, TYPE, RULE);
    }

    /** Registry entry: {@code type: single-region-spot}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "baseline: spot only, in one named region, its cheapest available spot offer; refuses when it has none",
                PolicyParameter.names("region", PolicyContext.Names.REGIONS)
                    .doc("the one region it launches in (region: us-east-1); required when the " +
                        "scenario declares more than one region").build());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            final List<String> named = arguments.getStrings("region");
            final List<String> declared = arguments.context().regions();
            if (named.size() != 1)
            {
                throw new IllegalArgumentException("'region' must name exactly one region, e.g. region: " +
                    declared.get(0) + "; it names " + named.size() + " (an absent 'region' means all of the " +
                    "scenario's regions: " + String.join(", ", declared) + ")");
            }
            return new SingleRegionSpotPlacement(declared.indexOf(named.get(0)), declared.size());
        }
    }
}
