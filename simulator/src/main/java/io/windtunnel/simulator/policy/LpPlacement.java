package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.policy.lp.LpFleetPlanner;

/**
 * LP placement, model 1: once per control decision, the fleet that minimizes {@code sum c_i x_i} subject to
 * {@code sum a_i x_i = d} and {@code 0 <= x_i <= M_i}, solved by {@link LpFleetPlanner} and rounded to whole
 * replicas; {@code c_i} is the offer's current price per replica-hour, {@code a_i = 1}, {@code d} the autoscaler's
 * desired replicas and {@code M_i} what the offer's availability and its region's quota leave (see
 * {@link FleetLpPlacement}). A single launch (a failover replacement) goes to the cheapest available offer per
 * replica-hour. Every plan and choice is recorded through {@link SimulationView#decisions()} with each option's
 * price, bound and planned replicas. With {@code transfer: true} each {@code c_i} also carries the expected transfer
 * cost of the requests a replica there serves (see {@link FleetLpPlacement}), recorded as its own score.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> a plan allocates the Simplex's tableau (once per
 * control decision); {@link #chooseOffer} allocates nothing.
 */
public final class LpPlacement extends FleetLpPlacement
{
    /** The YAML type. */
    public static final String TYPE = "lp";

    /**
     * @param allowedMarket   per market code: may it be used.
     * @param allowedProvider per provider index: may it be used.
     */
    public LpPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider)
    {
        this(allowedMarket, allowedProvider, false);
    }

    /**
     * @param allowedMarket   per market code: may it be used.
     * @param allowedProvider per provider index: may it be used.
     * @param transfer        true to add the transfer term to each offer's cost ({@code transfer: true}).
     */
    public LpPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider, final boolean transfer)
    {
        this(new OfferFilter(allowedMarket, allowedProvider), transfer);
    }

    LpPlacement(final OfferFilter filter, final boolean transfer)
    {
        super(filter, TYPE, false, 0.0, 1,
            transfer ? "least-cost fleet plan with transfer (LP model 1)" : "least-cost fleet plan (LP model 1)",
            transfer ? "cheapest available per replica-hour with transfer" : "cheapest available per replica-hour",
            transfer);
    }

    /** Registry entry: {@code type: lp}. */
    public static final class Provider extends PolicyProvider<PlacementPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.PLACEMENT, TYPE,
                "a least-cost fleet plan per control decision (LP: min sum c_i x_i, sum x_i = desired, " +
                    "x_i <= quota and availability)",
                OfferFilter.markets(), OfferFilter.providers(), FleetLpPlacement.transferParameter());
        }

        @Override
        public PlacementPolicy create(final PolicyArguments arguments)
        {
            return new LpPlacement(OfferFilter.from(arguments), arguments.getBoolean("transfer"));
        }
    }
}
