package io.windtunnel.simulator.policy.lp;

import org.apache.commons.math3.exception.MathIllegalStateException;
import org.apache.commons.math3.optim.MaxIter;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.linear.LinearConstraint;
import org.apache.commons.math3.optim.linear.LinearConstraintSet;
import org.apache.commons.math3.optim.linear.LinearObjectiveFunction;
import org.apache.commons.math3.optim.linear.NonNegativeConstraint;
import org.apache.commons.math3.optim.linear.Relationship;
import org.apache.commons.math3.optim.linear.SimplexSolver;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Plans a fleet with a linear program: how many replicas {@code x_i} of each option (an offer: provider, region,
 * zone, instance type, market) to run so that their capacity meets a demand {@code d} at the least cost per hour.
 * <ul>
 * <li>Model 1 ({@link #plan}): minimize {@code sum c_i x_i} subject to {@code sum a_i x_i = d} and
 * {@code 0 <= x_i <= M_i}, with {@code c_i} the option's price per replica-hour, {@code a_i} its capacity per
 * replica and {@code M_i} its bound (quota, spot availability).</li>
 * <li>Model 2 ({@link #planPenalized}): minimize {@code sum (c_i + s_i p_i) x_i} under the same constraints, with
 * {@code s_i} in [0, 1] the option's utilization and {@code p_i >= 0} a penalty per replica-hour at full
 * utilization, so that the plan moves away from options running hot as {@code p} grows.</li>
 * </ul>
 * Both are solved with commons-math's {@link SimplexSolver}: the variables are non-negative, and each option has
 * one {@code <=} row, {@code x_i <= min(M_i, d / a_i)} (the second term is implied by the equality; it gives
 * unbounded options a row too, which works around a commons-math 3.6.1 bug with identical columns). Then:
 * <ul>
 * <li><b>Ties:</b> options with equal cost per capacity ({@code cost_i / a_i}, equal to 1e-12 relative so that
 * rounding in the arithmetic does not split a tie) are filled in index order: after the solve, the capacity the
 * solver gave a group of tied options is handed back to them lowest index first, each up to its bound. The
 * objective is unchanged (to that 1e-12); the plan no longer depends on which optimal vertex the solver happened to
 * reach. The solver itself resolves costs to 1e-9 $/h per replica: options closer than that but not tied may be
 * filled in either order, at a difference in objective of at most that per replica.</li>
 * <li><b>Infeasible demand</b> ({@code sum a_i M_i < d}): the solver is not called; every option runs at its bound
 * (best effort), the status is {@link LpStatus#INFEASIBLE} and {@link LpPlan#unmetCapacity()} is the shortfall.
 * Nothing is thrown. {@code d = 0} plans nothing; zero options plan nothing and are infeasible unless
 * {@code d = 0}.</li>
 * <li><b>Rounding to whole replicas</b> {@code n_i}: (1) {@code n_i = floor(x_i)} (after snapping values within
 * {@code 1e-9} relative below an integer up to it, so that a solver's 499.9999999 is 500), never above
 * {@code floor(M_i)}; (2) while {@code sum a_i n_i < d}, add a batch to one option: each option's batch is the
 * whole replicas that would cover what is missing, as far as its room {@code floor(M_i) - n_i} allows, and the
 * batch chosen is the one with the lowest cost per capacity the demand needs ({@code cost_i x batch / min(a_i x
 * batch, missing)}: a large replica covering a small remainder is charged for all of itself), ties by index; (3) walk the options dearest per capacity first and take away whole replicas
 * the demand does not need ({@code a_i} at most the surplus {@code sum a_i n_i - d}). So {@code 0 <= n_i <=
 * floor(M_i)} always, the demand is covered whenever {@code sum a_i floor(M_i) >= d}, and otherwise every option
 * runs {@code floor(M_i)} replicas and {@link LpPlan#wholeUnmetCapacity()} is the shortfall. Capacity within
 * {@code 1e-9 x max(1, d)} below d counts as covering it. The result is not always the integer optimum (that is a
 * knapsack problem); the tests compare it with a brute-force optimum on small instances.</li>
 * </ul>
 * <b>Threading:</b> not thread-safe; one planner per owner, reused across calls. <b>Allocation:</b> each solve
 * allocates: the constraint rows ({@code n + 1} dense rows of {@code n}), {@link SimplexSolver}'s dense tableau of
 * about {@code (n + 2) x (2n + 3)} doubles and its copies between phases: measured with JMH's {@code -prof gc},
 * about 17 KB at 10 options, 0.9 MB at 100 and 100 MB at 1,000, plus the rounding's order arrays when {@code n}
 * grows. That is acceptable because placement plans run once per control interval, not per request: keep this
 * planner off the per-request path. The time per solve grows faster than {@code n^2} (about 0.2 ms at 10 options,
 * 5 ms at 100, 0.7 s at 1,000 on a busy 2-core machine; {@code docs/performance.md}); for one constraint
 * {@link FractionalKnapsackSolver} gives the same optimum in {@code O(n log n)} without allocating.
 */
public final class LpFleetPlanner
{
    /** Relative slack for snapping a fractional solution onto the integer just above it before flooring. */
    private static final double SNAP = 1e-9;

    /**
     * Costs per capacity within this relative distance of the cheapest in their group count as tied: wide enough
     * for rounding in their arithmetic (0.1 x 3 is not 0.3 in doubles), far below any price difference.
     */
    private static final double TIE = 1e-12;

    /**
     * Convergence tolerance 1e-9 instead of the default 1e-6: the solver treats reduced costs within it as zero, so
     * with the default two options whose costs differ by under 1e-6 $/h per replica could be ranked wrongly.
     */
    private final SimplexSolver solver = new SimplexSolver(1e-9, 10, 1e-12);
    private final CostOrder costOrder = new CostOrder();
    private double[] objectiveCost = new double[0];

    /** Creates a planner; reuse it across calls. */
    public LpFleetPlanner()
    {
    }

    /**
     * Model 1: the cheapest plan meeting {@code demandCapacity}, fractional and rounded (see the class comment).
     *
     * @param pricePerHourUsd    c_i, price per replica-hour, finite and {@code >= 0}.
     * @param capacityPerReplica a_i, capacity per replica (any unit, the same as the demand's), finite and
     *                           {@code > 0}.
     * @param maxReplicas        M_i, the most replicas of the option, {@code >= 0}; {@code +Infinity} for none.
     * @param demandCapacity     d, the capacity to plan, finite and {@code >= 0}.
     * @param out                receives the plan (overwritten).
     * @throws IllegalArgumentException when the arrays differ in length or a value is outside its range (a bug in
     *                                  the caller, not an expected situation). An infeasible demand is not one.
     * @throws IllegalStateException    when the Simplex solver fails on a feasible problem (a bug).
     */
    public void plan(
        final double[] pricePerHourUsd,
        final double[] capacityPerReplica,
        final double[] maxReplicas,
        final double demandCapacity,
        final LpPlan out)
    {
        final int n = LpInputs.check(pricePerHourUsd, capacityPerReplica, maxReplicas, demandCapacity);
        final double[] cost = objectiveCost(n);
        System.arraycopy(pricePerHourUsd, 0, cost, 0, n);
        solve(pricePerHourUsd, cost, capacityPerReplica, maxReplicas, demandCapacity, n, out);
    }

    /**
     * Model 2: the plan minimizing {@code sum (c_i + s_i p_i) x_i}; otherwise as {@link #plan}. The plan reports
     * both the penalized objective and the plain cost {@code sum c_i x_i}.
     *
     * @param pricePerHourUsd    c_i.
     * @param capacityPerReplica a_i.
     * @param maxReplicas        M_i.
     * @param utilization        s_i, the option's utilization, in [0, 1].
     * @param penaltyPerHourUsd  p_i, the penalty per replica-hour at full utilization, finite and {@code >= 0}.
     * @param demandCapacity     d.
     * @param out                receives the plan (overwritten).
     * @throws IllegalArgumentException as {@link #plan}, and for utilizations or penalties out of range.
     * @throws IllegalStateException    when the Simplex solver fails on a feasible problem (a bug).
     */
    public void planPenalized(
        final double[] pricePerHourUsd,
        final double[] capacityPerReplica,
        final double[] maxReplicas,
        final double[] utilization,
        final double[] penaltyPerHourUsd,
        final double demandCapacity,
        final LpPlan out)
    {
        final int n = LpInputs.check(pricePerHourUsd, capacityPerReplica, maxReplicas, demandCapacity);
        LpInputs.checkPenalty(utilization, penaltyPerHourUsd, n);
        final double[] cost = objectiveCost(n);
        for (int i = 0; i < n; i++)
        {
            cost[i] = pricePerHourUsd[i] + utilization[i] * penaltyPerHourUsd[i];
        }
        solve(pricePerHourUsd, cost, capacityPerReplica, maxReplicas, demandCapacity, n, out);
    }

    private double[] objectiveCost(final int n)
    {
        if (objectiveCost.length < n)
        {
            objectiveCost = new double[n];
        }
        return objectiveCost;
    }

    private void solve(
        final double[] price,
        final double[] cost,
        final double[] capacity,
        final double[] max,
        final double demand,
        final int n,
        final LpPlan out)
    {
        out.reset(n, demand);
        final double[] x = out.replicasArray();
        double mostCapacity = 0;
        for (int i = 0; i < n; i++)
        {
            mostCapacity += capacity[i] * max[i];
        }
        final double slack = LpPlan.coverageSlack(demand);
        if (demand == 0)
        {
            // a_i > 0 and x_i >= 0: x = 0 is the only feasible point
        }
        else if (mostCapacity < demand)
        {
            out.status(LpStatus.INFEASIBLE);
            System.arraycopy(max, 0, x, 0, n);
        }
        else if (mostCapacity - demand <= slack)
        {
            // every option at its bound is the only feasible point (to rounding); the solver's own tolerance
            // could call it infeasible
            System.arraycopy(max, 0, x, 0, n);
        }
        else
        {
            simplex(cost, capacity, max, demand, n, x);
            settleTies(cost, capacity, max, n, x);
        }
        round(cost, capacity, max, demand, n, x, out.wholeReplicasArray());
        out.total(price, cost, capacity);
    }

    private void simplex(
        final double[] cost,
        final double[] capacity,
        final double[] max,
        final double demand,
        final int n,
        final double[] x)
    {
        final List<LinearConstraint> rows = new ArrayList<>(n + 1);
        rows.add(new LinearConstraint(capacity, Relationship.EQ, demand));
        for (int i = 0; i < n; i++)
        {
            // every option gets its own bound row, even an unbounded one (the equality already implies
            // x_i <= d / a_i, so the row changes nothing): commons-math 3.6.1 returns a wrong vertex when columns
            // are identical, as unbounded options of equal capacity would be (three such options priced 0.5, 0.5,
            // 0.25 came back as x = (25, 0, 0) at twice the optimal cost; LpFleetPlannerTest keeps that case)
            final double[] unit = new double[n];
            unit[i] = 1;
            rows.add(new LinearConstraint(unit, Relationship.LEQ, Math.min(max[i], demand / capacity[i])));
        }
        final PointValuePair solution;
        try
        {
            solution = solver.optimize(
                new MaxIter(100 * (n + 10)),
                // the cost array may be longer than n (it is reused across calls)
                new LinearObjectiveFunction(cost.length == n ? cost : copyOf(cost, n), 0),
                new LinearConstraintSet(rows),
                GoalType.MINIMIZE,
                new NonNegativeConstraint(true));
        }
        catch (final MathIllegalStateException e)
        {
            // feasibility was checked above, and the objective is bounded (x is boxed by 0 and the equality):
            // a failure here is a solver or formulation bug, not a property of the input
            throw new IllegalStateException("Simplex failed on a feasible fleet LP (" + n + " options, demand " +
                demand + "): " + e.getMessage(), e);
        }
        final double[] point = solution.getPointRef();
        for (int i = 0; i < n; i++)
        {
            // the solver works to a tolerance: keep x_i inside its box
            x[i] = Math.min(max[i], Math.max(0.0, point[i]));
        }
    }

    private static double[] copyOf(final double[] values, final int n)
    {
        final double[] copy = new double[n];
        System.arraycopy(values, 0, copy, 0, n);
        return copy;
    }

    /**
     * Hands the capacity of each group of options with equal cost per capacity back to its members in index order.
     */
    private void settleTies(final double[] cost, final double[] capacity, final double[] max, final int n,
        final double[] x)
    {
        final int[] order = costOrder.sort(cost, capacity, n);
        int start = 0;
        while (start < n)
        {
            int end = start + 1;
            final double groupKey = costOrder.key(order[start]);
            while (end < n && costOrder.key(order[end]) - groupKey <= TIE * groupKey)
            {
                end++;
            }
            if (end - start > 1)
            {
                // near-tied members may sort out of index order: fill them by index
                Arrays.sort(order, start, end);
                double groupCapacity = 0;
                for (int k = start; k < end; k++)
                {
                    groupCapacity += capacity[order[k]] * x[order[k]];
                }
                for (int k = start; k < end; k++)
                {
                    final int i = order[k];
                    x[i] = groupCapacity > 0 ? Math.min(max[i], groupCapacity / capacity[i]) : 0.0;
                    groupCapacity -= capacity[i] * x[i];
                }
            }
            start = end;
        }
    }

    private void round(
        final double[] cost,
        final double[] capacity,
        final double[] max,
        final double demand,
        final int n,
        final double[] x,
        final int[] whole)
    {
        double covered = 0;
        for (int i = 0; i < n; i++)
        {
            final double snapped = Math.floor(x[i] + SNAP * Math.max(1.0, x[i]));
            whole[i] = (int) Math.min(wholeBound(max[i]), snapped);
            covered += capacity[i] * whole[i];
        }
        final double slack = LpPlan.coverageSlack(demand);
        // each step either covers the demand or fills an option to its bound: at most n + 1 steps
        while (covered < demand - slack)
        {
            final double missing = demand - slack - covered;
            int best = -1;
            double bestBatch = 0;
            double bestScore = Double.POSITIVE_INFINITY;
            for (int i = 0; i < n; i++)
            {
                final double room = wholeBound(max[i]) - whole[i];
                if (room < 1)
                {
                    continue;
                }
                final double batch = Math.min(room, Math.ceil(missing / capacity[i]));
                // cost per capacity the batch adds that the demand needs: a large replica that covers a small
                // remainder is charged for all of itself
                final double score = cost[i] * batch / Math.min(batch * capacity[i], missing);
                if (score < bestScore)
                {
                    bestScore = score;
                    best = i;
                    bestBatch = batch;
                }
            }
            if (best < 0)
            {
                break; // not coverable in whole replicas: every option is at floor(M_i)
            }
            whole[best] += (int) bestBatch;
            covered += capacity[best] * bestBatch;
        }
        final int[] order = costOrder.sort(cost, capacity, n);
        for (int k = n - 1; k >= 0 && covered > demand; k--)
        {
            final int i = order[k];
            final double spare = Math.floor((covered - (demand - slack)) / capacity[i]);
            final int removed = (int) Math.min(whole[i], spare);
            whole[i] -= removed;
            covered -= capacity[i] * removed;
        }
    }

    /** @return {@code floor(M_i)}, capped at {@link Integer#MAX_VALUE} (an unbounded option). */
    private static double wholeBound(final double max)
    {
        return Math.min(Math.floor(max), Integer.MAX_VALUE);
    }
}
