/**
 * LP fleet planning: how many replicas of each offer to run so that the fleet's capacity covers a demand at the
 * least cost, as the two linear programs of the write-up this project started from.
 * <ul>
 * <li>Model 1: minimize {@code sum c_i x_i} subject to {@code sum a_i x_i = d}, {@code 0 <= x_i <= M_i};</li>
 * <li>Model 2 (penalized): minimize {@code sum (c_i + s_i p_i) x_i} under the same constraints, where {@code s_i}
 * is option {@code i}'s utilization in [0, 1] and {@code p_i} a penalty, so that the plan avoids running options
 * hot.</li>
 * </ul>
 * {@link io.windtunnel.simulator.policy.lp.LpFleetPlanner} solves either with commons-math's {@code SimplexSolver}
 * and rounds the fractional answer to whole replicas into a reusable
 * {@link io.windtunnel.simulator.policy.lp.LpPlan};
 * {@link io.windtunnel.simulator.policy.lp.FractionalKnapsackSolver} solves the same one-constraint programs by the
 * greedy (cheapest cost per capacity first), which is exact for them: the tests use it as an independent oracle and
 * the benchmark as a baseline. A short example, the write-up's worked example with its correct optimum:
 * <pre>{@code
 * LpFleetPlanner planner = new LpFleetPlanner();
 * LpPlan plan = new LpPlan();
 * planner.plan(new double[] {0.1, 0.15, 0.2}, new double[] {1, 1, 1}, new double[] {500, 700, 1000}, 1000, plan);
 * plan.replicas(0);            // 500.0
 * plan.replicas(1);            // 500.0
 * plan.costPerHourUsd();       // 125.0
 * plan.wholeReplicas(2);       // 0
 * }</pre>
 * Inputs and outputs are primitive arrays and numbers; nothing here is wired into the simulation yet (placement
 * that answers with a target allocation over offers comes with the policy registry). See {@code docs/policies.md},
 * "LP placement: the planner".
 */
package io.windtunnel.simulator.policy.lp;
