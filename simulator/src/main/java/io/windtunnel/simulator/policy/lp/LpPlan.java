package io.windtunnel.simulator.policy.lp;

import java.util.Arrays;

/**
 * The answer of one {@link LpFleetPlanner} call: the fractional replicas per option that the linear program chose,
 * the whole replicas they round to (see {@link LpFleetPlanner} for the rule), and the figures a caller needs to
 * judge them: capacity planned, capacity still unmet, cost per hour.
 * <p>
 * A plan is a reusable holder: the planner overwrites it on each call, growing its arrays only when a call has
 * more options than any call before. Option {@code i} here is index {@code i} of the arrays given to the planner.
 * <p>
 * <b>Threading:</b> not thread-safe; one owner. <b>Allocation:</b> only when the number of options grows.
 */
public final class LpPlan
{
    private int optionCount;
    private double[] replicas = new double[0];
    private int[] wholeReplicas = new int[0];
    private LpStatus status = LpStatus.OPTIMAL;
    private double demandCapacity;
    private double plannedCapacity;
    private double costPerHourUsd;
    private double objectivePerHourUsd;
    private double wholeCapacity;
    private double wholeCostPerHourUsd;
    private double wholeObjectivePerHourUsd;

    /** Creates an empty plan (no options, nothing planned). */
    public LpPlan()
    {
    }

    /**
     * Sizes the plan for {@code options} options and clears it. Called by the planner.
     *
     * @param options the number of options of the call.
     * @param demand  the capacity the call asks for.
     */
    void reset(final int options, final double demand)
    {
        if (replicas.length < options)
        {
            replicas = new double[options];
            wholeReplicas = new int[options];
        }
        Arrays.fill(replicas, 0, options, 0.0);
        Arrays.fill(wholeReplicas, 0, options, 0);
        optionCount = options;
        demandCapacity = demand;
        status = LpStatus.OPTIMAL;
        plannedCapacity = 0;
        costPerHourUsd = 0;
        objectivePerHourUsd = 0;
        wholeCapacity = 0;
        wholeCostPerHourUsd = 0;
        wholeObjectivePerHourUsd = 0;
    }

    /** The fractional replicas, for the planner to fill ({@link #optionCount()} valid entries). */
    double[] replicasArray()
    {
        return replicas;
    }

    /** The whole replicas, for the planner to fill ({@link #optionCount()} valid entries). */
    int[] wholeReplicasArray()
    {
        return wholeReplicas;
    }

    void status(final LpStatus status)
    {
        this.status = status;
    }

    /**
     * Computes the totals from the replicas set by the planner.
     *
     * @param pricePerHourUsd   c_i.
     * @param objectiveCost     the cost per replica-hour the planner minimized (c_i, or c_i + s_i p_i).
     * @param capacityPerReplica a_i.
     */
    void total(final double[] pricePerHourUsd, final double[] objectiveCost, final double[] capacityPerReplica)
    {
        double capacity = 0;
        double cost = 0;
        double objective = 0;
        double whole = 0;
        double wholeCost = 0;
        double wholeObjective = 0;
        for (int i = 0; i < optionCount; i++)
        {
            capacity += capacityPerReplica[i] * replicas[i];
            cost += pricePerHourUsd[i] * replicas[i];
            objective += objectiveCost[i] * replicas[i];
            whole += capacityPerReplica[i] * wholeReplicas[i];
            wholeCost += pricePerHourUsd[i] * wholeReplicas[i];
            wholeObjective += objectiveCost[i] * wholeReplicas[i];
        }
        plannedCapacity = capacity;
        costPerHourUsd = cost;
        objectivePerHourUsd = objective;
        wholeCapacity = whole;
        wholeCostPerHourUsd = wholeCost;
        wholeObjectivePerHourUsd = wholeObjective;
    }

    /** @return the number of options of the last call (the valid indexes are 0 to this minus 1). */
    public int optionCount()
    {
        return optionCount;
    }

    /** @return {@link LpStatus#OPTIMAL}, or {@link LpStatus#INFEASIBLE} when the options cannot meet the demand. */
    public LpStatus status()
    {
        return status;
    }

    /**
     * @param option an option index.
     * @return x_i, the fractional replicas of the option in the LP solution, in {@code [0, M_i]}.
     */
    public double replicas(final int option)
    {
        return replicas[checked(option)];
    }

    /**
     * @param option an option index.
     * @return n_i, the whole replicas to run, in {@code [0, floor(M_i)]}.
     */
    public int wholeReplicas(final int option)
    {
        return wholeReplicas[checked(option)];
    }

    /** @return d, the capacity asked for. */
    public double demandCapacity()
    {
        return demandCapacity;
    }

    /** @return {@code sum a_i x_i}: d when optimal, {@code sum a_i M_i} when infeasible. */
    public double plannedCapacity()
    {
        return plannedCapacity;
    }

    /** @return {@code max(0, d - sum a_i x_i)}: 0 when optimal, the shortfall when infeasible. */
    public double unmetCapacity()
    {
        return status == LpStatus.INFEASIBLE ? Math.max(0.0, demandCapacity - plannedCapacity) : 0.0;
    }

    /** @return {@code sum c_i x_i}: what the fractional plan costs per hour, without penalties. */
    public double costPerHourUsd()
    {
        return costPerHourUsd;
    }

    /**
     * @return the objective of the fractional plan: {@code sum c_i x_i} for model 1, {@code sum (c_i + s_i p_i) x_i}
     * for model 2.
     */
    public double objectivePerHourUsd()
    {
        return objectivePerHourUsd;
    }

    /** @return {@code sum a_i n_i}, the capacity of the whole replicas (at least d when they can cover it). */
    public double wholeCapacity()
    {
        return wholeCapacity;
    }

    /**
     * @return {@code max(0, d - sum a_i n_i)}: 0 when the whole replicas cover the demand; positive when even
     * {@code floor(M_i)} replicas of every option cannot (which can happen with fractional bounds while the
     * fractional plan is optimal).
     */
    public double wholeUnmetCapacity()
    {
        final double unmet = demandCapacity - wholeCapacity;
        return unmet > coverageSlack(demandCapacity) ? unmet : 0.0;
    }

    /** @return {@code sum c_i n_i}: what the whole replicas cost per hour, without penalties. */
    public double wholeCostPerHourUsd()
    {
        return wholeCostPerHourUsd;
    }

    /** @return the objective for the whole replicas ({@code sum c_i n_i} or {@code sum (c_i + s_i p_i) n_i}). */
    public double wholeObjectivePerHourUsd()
    {
        return wholeObjectivePerHourUsd;
    }

    /**
     * How far below d a capacity may fall, from rounding in its sum, and still count as covering d:
     * {@code 1e-9 x max(1, d)}.
     *
     * @param demand d.
     * @return the slack, in capacity units.
     */
    static double coverageSlack(final double demand)
    {
        return 1e-9 * Math.max(1.0, demand);
    }

    private int checked(final int option)
    {
        if (option < 0 || option >= optionCount)
        {
            throw new IndexOutOfBoundsException("option " + option + " of a plan with " + optionCount + " options");
        }
        return option;
    }
}
