package io.windtunnel.simulator.policy.lp;

/**
 * Solves a one-constraint fleet LP, minimize {@code sum cost_i x_i} subject to {@code sum a_i x_i = d},
 * {@code 0 <= x_i <= M_i}, by the fractional-knapsack greedy: fill options in order of cost per capacity
 * ({@code cost_i / a_i}, ties by lower index) up to their bounds until the demand is met, the last one partly.
 * With a single equality constraint this is exact (an exchange argument: moving capacity from a dearer option per
 * capacity to a cheaper one with room never raises the cost), so it gives the same optimum as
 * {@link LpFleetPlanner}'s Simplex for models 1 and 2 (pass {@code c_i + s_i p_i} as the cost for model 2), in
 * {@code O(n log n)}.
 * <p>
 * It is here as the tests' independent oracle for the Simplex solution and the benchmark's baseline, and as the
 * fast path should a planner for one constraint need it; it does not round and does not generalize to more
 * constraints (per-region caps, spread), which is what the Simplex formulation is for.
 * <p>
 * <b>Threading:</b> not thread-safe; one owner. <b>Allocation:</b> only when the number of options grows.
 */
public final class FractionalKnapsackSolver
{
    private final CostOrder costOrder = new CostOrder();

    /** Creates a solver; reuse it across calls. */
    public FractionalKnapsackSolver()
    {
    }

    /**
     * Solves the LP into {@code replicasOut}. When the demand exceeds {@code sum a_i M_i}, every option is filled
     * to its bound (the caller sees the shortfall as {@code d - sum a_i x_i}).
     *
     * @param costPerHourUsd     the cost minimized per replica-hour of each option (c_i, or c_i + s_i p_i).
     * @param capacityPerReplica a_i, capacity per replica, {@code > 0}.
     * @param maxReplicas        M_i, {@code >= 0}, may be {@code +Infinity}.
     * @param demandCapacity     d, {@code >= 0}.
     * @param replicasOut        receives x_i; at least as long as the other arrays.
     * @return the objective {@code sum cost_i x_i}.
     * @throws IllegalArgumentException on inputs out of range (see {@link LpFleetPlanner#plan}).
     */
    public double solve(
        final double[] costPerHourUsd,
        final double[] capacityPerReplica,
        final double[] maxReplicas,
        final double demandCapacity,
        final double[] replicasOut)
    {
        final int n = LpInputs.check(costPerHourUsd, capacityPerReplica, maxReplicas, demandCapacity);
        final int[] order = costOrder.sort(costPerHourUsd, capacityPerReplica, n);
        double remaining = demandCapacity;
        double objective = 0;
        for (int k = 0; k < n; k++)
        {
            final int i = order[k];
            final double x = remaining > 0 ? Math.min(maxReplicas[i], remaining / capacityPerReplica[i]) : 0.0;
            replicasOut[i] = x;
            remaining -= x * capacityPerReplica[i];
            objective += costPerHourUsd[i] * x;
        }
        return objective;
    }
}
