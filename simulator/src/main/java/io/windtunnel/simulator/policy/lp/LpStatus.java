package io.windtunnel.simulator.policy.lp;

/**
 * How an {@link LpPlan} relates to its demand.
 */
public enum LpStatus
{
    /** The fractional plan meets the demand exactly at the least cost (for the objective solved). */
    OPTIMAL,
    /**
     * The options cannot meet the demand even at their bounds ({@code sum a_i M_i < d}): the plan runs every option
     * at its bound (the most capacity there is, best effort) and {@link LpPlan#unmetCapacity()} says how much is
     * missing. Not an error: a caller decides what a shortfall means (launch what there is, alert, shed load).
     */
    INFEASIBLE
}
