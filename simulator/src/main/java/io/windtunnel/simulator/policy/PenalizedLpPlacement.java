package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.policy.lp.LpFleetPlanner;

/**
 * LP placement, model 2: as {@link LpPlacement}, but the plan minimizes {@code sum (c_i + s_i p) x_i}, where
 * {@code s_i} is the share of the offer's region quota in use when the decision is made (replicas not yet ended over
 * the quota, in [0, 1]) and {@code p} the {@code penalty}, USD per replica-hour at a full quota; so placement moves
 * away from regions running close to their quota as {@code p} grows. Single launches go to the available offer
 * with the lowest {@code c_i + s_i p}. Solved by {@link LpFleetPlanner#planPenalized}; each option's price, quota
 * share, penalized price, bound and planned replicas are recorded through {@link SimulationView#decisions()}.
 * <p>
 * <b>Caveat:</b> {@code s_i} is measured before the plan and the plan changes it: moving replicas off a hot region
 * cools it and heats the one they move to, so for penalties where the move makes the destination the dearer one,
 * consecutive plans alternate (docs/policies.md says when).
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> a plan allocates the Simplex's tableau (once per
 * control decision); {@link #chooseOffer} allocates nothing.
 */
public final class PenalizedLpPlacement extends FleetLpPlacement
{
    /** The YAML type. */
    public static final String TYPE = "lp-penalized";
    /** Largest {@code penalty} accepted, USD per replica-hour. */
    public static final double MAX_PENALTY = 1000.0;

    /**
     * @param allowedMarket     per market code: may it be used.
     * @param allowedProvider   per provider index: may it be used.
     * @param penaltyPerHourUsd {@code p}, USD per replica-hour at a full region quota, in [0, 1000].
     */
    public PenalizedLpPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider,
        final double penaltyPerHourUsd)
    {
        this(new OfferFilter(allowedMarket, allowedProvider), penaltyPerHourUsd);
    }

    private PenalizedLpPlacement(final OfferFilter filter, final double penaltyPerHourUsd)
    {
        super(filter, TYPE, true, penaltyPerHourUsd, "least penalized-cost fleet plan (LP model 2)",
            "cheapest available per penalized replica-hour");
    }

    /** Registry entry: {@code type: lp-penalized}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "LP fleet plan minimizing sum (c_i + s_i p) x_i: s_i the share of the offer's region quota in use",
                OfferFilter.markets(), OfferFilter.providers(),
                PolicyParameter.number("penalty", 0, MAX_PENALTY).defaultValue(0.1).unit("USD/replica-hour")
                    .doc("p: added to an offer's price per replica-hour when its region's quota is fully used " +
                        "(times the share in use)").build());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new PenalizedLpPlacement(OfferFilter.from(arguments), arguments.getDouble("penalty"));
        }
    }
}
