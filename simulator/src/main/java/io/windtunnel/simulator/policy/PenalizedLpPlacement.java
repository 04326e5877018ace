package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.policy.lp.LpFleetPlanner;

/**
 * LP placement, model 2 with a self-consistent utilization: as {@link LpPlacement}, but the plan minimizes
 * {@code sum c_i x_i + sum over regions p x occupancy^2 / (2 quota)}, so that each used offer's marginal cost
 * {@code c_i + p s_i} is charged at {@code s_i}, the share of its region's quota the plan itself leaves in use
 * (replicas leaving the region plus the plan's replicas there, over the quota), and placement moves away from
 * regions the plan would run close to their quota as the {@code penalty} {@code p} grows. At the optimum every used
 * offer below its bound has the same {@code c_i + p s_i}, no unused offer is cheaper, and an offer at its bound is
 * no dearer (to within one segment's step, {@code p / K} plus a replica's share).
 * <p>
 * It is still a linear program solved by {@link LpFleetPlanner#plan} (model 1) on expanded options: each usable
 * offer's room covers region quota occupancies {@code [lo_i, lo_i + M_i)} (the room is handed to a region's offers
 * cheapest first after the replicas leaving it), which is cut at the region's grid of {@code K = segments} steps of
 * {@code quota / K} (rounded to whole replicas) into segments priced {@code c_i + p x (midpoint occupancy) / quota},
 * each bounded by its width. The segments' whole replicas are summed back per offer: the cuts are whole numbers, so
 * the planner's rounding keeps every segment within its bound and the total at the demand. Because the plan does not
 * depend on the utilization it found at the decision (only on the replicas leaving and on availability), consecutive
 * decisions with nothing changed plan the same fleet. Single launches go to the available offer with the lowest
 * {@code c_i + s_i p}, {@code s_i} being the share in use at the launch (the marginal cost of one more replica
 * there). Each plan records per offer its price, the region quota share after the plan, {@code c_i + p s_i} at that
 * share, its bound and its planned replicas through {@link SimulationView#decisions()}. With {@code transfer: true}
 * each cost also carries the expected transfer cost of the requests a replica there serves (see
 * {@link FleetLpPlacement}).
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> a plan allocates the option arrays (one entry per
 * segment: at most {@code regions x K + offers}) and the Simplex's tableau, once per control decision;
 * {@link #chooseOffer} allocates nothing.
 */
public final class PenalizedLpPlacement extends FleetLpPlacement
{
    /** The YAML type. */
    public static final String TYPE = "lp-penalized";
    /** Largest {@code penalty} accepted, USD per replica-hour. */
    public static final double MAX_PENALTY = 1000.0;
    /** Default {@code segments} per region quota. */
    public static final int DEFAULT_SEGMENTS = 10;
    /** Largest {@code segments} accepted: 100 per region keeps 10 regions at about 1,000 options. */
    public static final int MAX_SEGMENTS = 100;

    /**
     * With {@link #DEFAULT_SEGMENTS} segments per region quota.
     *
     * @param allowedMarket     per market code: may it be used.
     * @param allowedProvider   per provider index: may it be used.
     * @param penaltyPerHourUsd {@code p}, USD per replica-hour at a full region quota, in [0, 1000].
     */
    public PenalizedLpPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider,
        final double penaltyPerHourUsd)
    {
        this(allowedMarket, allowedProvider, penaltyPerHourUsd, DEFAULT_SEGMENTS);
    }

    /**
     * @param allowedMarket     per market code: may it be used.
     * @param allowedProvider   per provider index: may it be used.
     * @param penaltyPerHourUsd {@code p}, USD per replica-hour at a full region quota, in [0, 1000].
     * @param segments          {@code K}, the steps a region's quota is cut into, in [1, 100].
     */
    public PenalizedLpPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider,
        final double penaltyPerHourUsd, final int segments)
    {
        this(allowedMarket, allowedProvider, penaltyPerHourUsd, segments, false);
    }

    /**
     * @param allowedMarket     per market code: may it be used.
     * @param allowedProvider   per provider index: may it be used.
     * @param penaltyPerHourUsd {@code p}, USD per replica-hour at a full region quota, in [0, 1000].
     * @param segments          {@code K}, the steps a region's quota is cut into, in [1, 100].
     * @param transfer          true to add the transfer term to each offer's cost ({@code transfer: true}).
     */
    public PenalizedLpPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider,
        final double penaltyPerHourUsd, final int segments, final boolean transfer)
    {
        this(new OfferFilter(allowedMarket, allowedProvider), penaltyPerHourUsd, segments, transfer);
    }

    private PenalizedLpPlacement(final OfferFilter filter, final double penaltyPerHourUsd, final int segments,
        final boolean transfer)
    {
        super(filter, TYPE, true, penaltyPerHourUsd, segments,
            transfer ? "least penalized-cost fleet plan with transfer (LP model 2)" :
                "least penalized-cost fleet plan (LP model 2)",
            transfer ? "cheapest available per penalized replica-hour with transfer" :
                "cheapest available per penalized replica-hour",
            transfer);
    }

    /** Registry entry: {@code type: lp-penalized}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "LP fleet plan minimizing sum (c_i + s_i p) x_i with s_i the share of the offer's region quota " +
                    "the plan leaves in use",
                OfferFilter.markets(), OfferFilter.providers(),
                PolicyParameter.number("penalty", 0, MAX_PENALTY).defaultValue(0.1).unit("USD/replica-hour")
                    .doc("p: added to an offer's price per replica-hour when its region's quota is fully used " +
                        "(times the share in use)").build(),
                PolicyParameter.integer("segments", 1, MAX_SEGMENTS).defaultValue(DEFAULT_SEGMENTS)
                    .unit("per region quota")
                    .doc("K: the penalty is charged in K steps of a region's quota (more steps: closer to the " +
                        "smooth optimum, more LP options)").build(),
                FleetLpPlacement.transferParameter());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new PenalizedLpPlacement(OfferFilter.from(arguments), arguments.getDouble("penalty"),
                arguments.getInt("segments"), arguments.getBoolean("transfer"));
        }
    }
}
