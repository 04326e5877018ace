package io.windtunnel.simulator.policy.lp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LpFleetPlannerTest
{
    private static final double EPS = 1e-9;

    /** The write-up's worked example: unit costs, upper bounds, a_i = 1, demand 1000. */
    private static final double[] EXAMPLE_PRICE = {0.1, 0.15, 0.2};
    private static final double[] EXAMPLE_BOUND = {500, 700, 1000};
    private static final double[] ONES = {1, 1, 1};

    private final LpFleetPlanner planner = new LpFleetPlanner();
    private final LpPlan plan = new LpPlan();

    @Test
    void shouldFindTheTrueOptimumWhenSolvingTheWriteUpsWorkedExample()
    {
        planner.plan(EXAMPLE_PRICE, ONES, EXAMPLE_BOUND, 1000, plan);

        assertThat(plan.status()).isEqualTo(LpStatus.OPTIMAL);
        assertThat(replicas(plan)).containsExactly(new double[] {500, 500, 0}, within(EPS));
        assertThat(wholeReplicas(plan)).containsExactly(500, 500, 0);
        assertThat(plan.costPerHourUsd()).isCloseTo(125, within(EPS));
        assertThat(plan.wholeCostPerHourUsd()).isCloseTo(125, within(EPS));
        assertThat(plan.plannedCapacity()).isCloseTo(1000, within(EPS));
        assertThat(plan.unmetCapacity()).isZero();
        assertThat(plan.wholeUnmetCapacity()).isZero();
        // the write-up prints x = (300, 400, 300) at "240": feasible, but it costs 150 by its own prices
        final double writeUpCost = 0.1 * 300 + 0.15 * 400 + 0.2 * 300;
        assertThat(writeUpCost).isCloseTo(150, within(EPS));
        assertThat(plan.costPerHourUsd()).isLessThan(writeUpCost);
    }

    /*
     * Model 2 on the worked example with utilizations s = (0.8, 0.5, 0.1) and one penalty p for all options.
     * Effective costs: e1 = 0.1 + 0.8p, e2 = 0.15 + 0.5p, e3 = 0.2 + 0.1p. By hand: e3 < e2 from p > 0.05 / 0.4 =
     * 1/8, e3 < e1 from p > 0.1 / 0.7 = 1/7 (e2 < e1 from p > 1/6 changes nothing: option 3 alone covers 1000).
     * So x = (500, 500, 0) for p < 1/8, (500, 0, 500) for 1/8 < p < 1/7, (0, 0, 1000) for p > 1/7.
     */
    private static final double[] EXAMPLE_UTILIZATION = {0.8, 0.5, 0.1};

    @Test
    void shouldMoveAwayFromHotOptionsAtTheHandComputedBreakpointsWhenPenaltyGrows()
    {
        assertThat(penalized(0)).containsExactly(new double[] {500, 500, 0}, within(EPS));
        assertThat(penalized(0.12)).containsExactly(new double[] {500, 500, 0}, within(EPS));
        assertThat(penalized(1.0 / 8 + 1e-6)).containsExactly(new double[] {500, 0, 500}, within(EPS));
        assertThat(penalized(0.14)).containsExactly(new double[] {500, 0, 500}, within(EPS));
        assertThat(penalized(1.0 / 7 + 1e-6)).containsExactly(new double[] {0, 0, 1000}, within(EPS));
        // at a breakpoint two options tie and the lower index is filled first
        assertThat(penalized(1.0 / 8)).containsExactly(new double[] {500, 500, 0}, within(EPS));
        assertThat(penalized(1.0 / 7)).containsExactly(new double[] {500, 0, 500}, within(EPS));
        assertThat(penalized(0.5)).containsExactly(new double[] {0, 0, 1000}, within(EPS));
        assertThat(plan.costPerHourUsd()).isCloseTo(200, within(EPS));
        assertThat(plan.objectivePerHourUsd()).isCloseTo(1000 * (0.2 + 0.1 * 0.5), within(1e-6));
    }

    @Test
    void shouldShiftCapacityMonotonicallyFromHotToCoolOptionsWhenPenaltyGrows()
    {
        double[] before = penalized(0);
        double costBefore = plan.costPerHourUsd();
        for (int step = 1; step <= 60; step++)
        {
            final double[] x = penalized(step * 0.005);
            // the hot options only lose capacity, the cool one only gains it, and real cost only rises
            assertThat(x[0]).isLessThanOrEqualTo(before[0] + EPS);
            assertThat(x[1]).isLessThanOrEqualTo(before[1] + EPS);
            assertThat(x[2]).isGreaterThanOrEqualTo(before[2] - EPS);
            assertThat(plan.costPerHourUsd()).isGreaterThanOrEqualTo(costBefore - EPS);
            before = x;
            costBefore = plan.costPerHourUsd();
        }
        assertThat(before).containsExactly(new double[] {0, 0, 1000}, within(EPS));
    }

    @Test
    void shouldPlanAllBoundsAndReportUnmetDemandWhenDemandIsInfeasible()
    {
        planner.plan(EXAMPLE_PRICE, ONES, EXAMPLE_BOUND, 2500, plan);

        assertThat(plan.status()).isEqualTo(LpStatus.INFEASIBLE);
        assertThat(replicas(plan)).containsExactly(500, 700, 1000);
        assertThat(wholeReplicas(plan)).containsExactly(500, 700, 1000);
        assertThat(plan.plannedCapacity()).isEqualTo(2200);
        assertThat(plan.unmetCapacity()).isEqualTo(300);
        assertThat(plan.wholeUnmetCapacity()).isEqualTo(300);
        assertThat(plan.costPerHourUsd()).isCloseTo(0.1 * 500 + 0.15 * 700 + 0.2 * 1000, within(EPS));
    }

    @Test
    void shouldPlanAllBoundsAsOptimalWhenDemandEqualsTotalCapacity()
    {
        planner.plan(EXAMPLE_PRICE, ONES, EXAMPLE_BOUND, 2200, plan);

        assertThat(plan.status()).isEqualTo(LpStatus.OPTIMAL);
        assertThat(wholeReplicas(plan)).containsExactly(500, 700, 1000);
        assertThat(plan.unmetCapacity()).isZero();
    }

    @Test
    void shouldPlanNothingWhenDemandIsZero()
    {
        planner.plan(EXAMPLE_PRICE, ONES, EXAMPLE_BOUND, 0, plan);

        assertThat(plan.status()).isEqualTo(LpStatus.OPTIMAL);
        assertThat(replicas(plan)).containsExactly(0, 0, 0);
        assertThat(wholeReplicas(plan)).containsExactly(0, 0, 0);
        assertThat(plan.costPerHourUsd()).isZero();
    }

    @Test
    void shouldReportTheWholeDemandUnmetWhenThereAreNoOptions()
    {
        final double[] none = {};
        planner.plan(none, none, none, 0, plan);
        assertThat(plan.status()).isEqualTo(LpStatus.OPTIMAL);
        assertThat(plan.optionCount()).isZero();

        planner.plan(none, none, none, 5, plan);
        assertThat(plan.status()).isEqualTo(LpStatus.INFEASIBLE);
        assertThat(plan.unmetCapacity()).isEqualTo(5);
        assertThat(plan.wholeUnmetCapacity()).isEqualTo(5);
        assertThatThrownBy(() -> plan.replicas(0)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldFillTiedOptionsInIndexOrderWhenCostsAreEqual()
    {
        planner.plan(new double[] {0.1, 0.1, 0.1}, ONES, new double[] {300, 300, 300}, 500, plan);
        assertThat(replicas(plan)).containsExactly(new double[] {300, 200, 0}, within(EPS));

        // equal cost per capacity counts as a tie: 0.2 per 2 units is 0.1 per unit; a cheaper option still goes first
        planner.plan(new double[] {0.2, 0.1, 0.05}, new double[] {2, 1, 1}, new double[] {100, 100, 50}, 150, plan);
        assertThat(replicas(plan)).containsExactly(new double[] {50, 0, 50}, within(EPS));

        // 0.1 x 3 is 0.30000000000000004 in doubles: still a tie with 0.3
        planner.plan(new double[] {0.1 * 3, 0.3}, new double[] {1, 1}, new double[] {10, 10}, 12, plan);
        assertThat(replicas(plan)).containsExactly(new double[] {10, 2}, within(EPS));
        planner.plan(new double[] {0.3, 0.1 * 3}, new double[] {1, 1}, new double[] {10, 10}, 12, plan);
        assertThat(replicas(plan)).containsExactly(new double[] {10, 2}, within(EPS));

        // the same ties under model 2: equal effective costs 0.1 + 0.5 x 0.2 = 0.2 + 0 x 0.2
        planner.planPenalized(new double[] {0.1, 0.2}, new double[] {1, 1}, new double[] {10, 10},
            new double[] {0.5, 0}, new double[] {0.2, 0.2}, 10, plan);
        assertThat(replicas(plan)).containsExactly(new double[] {10, 0}, within(EPS));
    }

    @Test
    void shouldLeaveUnboundedOptionsUnconstrainedWhenBoundIsInfinite()
    {
        planner.plan(new double[] {0.3, 0.1}, new double[] {1, 4}, new double[] {10, Double.POSITIVE_INFINITY}, 1000,
            plan);

        assertThat(replicas(plan)).containsExactly(new double[] {0, 250}, within(EPS));
        assertThat(wholeReplicas(plan)).containsExactly(0, 250);
    }

    @Test
    void shouldFindTheOptimumWhenUnboundedOptionsHaveEqualCapacity()
    {
        // commons-math 3.6.1's SimplexSolver alone answers x = (25, 0, 0), cost 12.5, for this problem (identical
        // columns); the planner's formulation must not
        final double inf = Double.POSITIVE_INFINITY;
        planner.plan(new double[] {0.5, 0.5, 0.25}, new double[] {4, 4, 4}, new double[] {inf, inf, inf}, 100, plan);

        assertThat(replicas(plan)).containsExactly(new double[] {0, 0, 25}, within(EPS));
        assertThat(plan.costPerHourUsd()).isCloseTo(6.25, within(EPS));
    }

    @Test
    void shouldReportWholeShortfallWhenFractionalBoundsAllowOnlyTheFractionalPlan()
    {
        planner.plan(new double[] {0.1, 0.2}, new double[] {1, 1}, new double[] {2.5, 1.5}, 4, plan);

        assertThat(plan.status()).isEqualTo(LpStatus.OPTIMAL);
        assertThat(replicas(plan)).containsExactly(new double[] {2.5, 1.5}, within(EPS));
        assertThat(wholeReplicas(plan)).containsExactly(2, 1);
        assertThat(plan.wholeUnmetCapacity()).isCloseTo(1, within(EPS));
    }

    @Test
    void shouldRoundUpTheMarginalOptionAndDropReplicasTheDemandDoesNotNeed()
    {
        // LP: 10 of option 0 (cost per capacity 0.05), then 2.5 of option 1 (0.06 per capacity)
        planner.plan(new double[] {0.1, 0.24}, new double[] {2, 4}, new double[] {10, 10}, 30, plan);
        assertThat(replicas(plan)).containsExactly(new double[] {10, 2.5}, within(EPS));
        // floor gives (10, 2) = 28 capacity; one more of option 1 makes 32; then one replica of option 0 is spare
        assertThat(wholeReplicas(plan)).containsExactly(9, 3);
        assertThat(plan.wholeCapacity()).isEqualTo(30);
        assertThat(plan.wholeCostPerHourUsd()).isCloseTo(0.9 + 0.72, within(EPS));

        // here the fill overshoots: x = (1.5, 0) floors to (1, 0); option 0 is at its whole bound 1, so one replica
        // of option 1 (capacity 10) is added; then option 0's replica is spare and dropped
        planner.plan(new double[] {0.1, 1.2}, new double[] {3, 10}, new double[] {1.5, 5}, 4.5, plan);
        assertThat(wholeReplicas(plan)).containsExactly(0, 1);

        // the fill charges a batch for all of its capacity: LP x = (1, 0.1) floors to (1, 0), 0.5 missing; one
        // replica of option 1 (0.02 per capacity in the LP, capacity 5) costs 0.1, one of option 2 (0.03 per
        // capacity, capacity 1) costs 0.03: option 2 finishes the cover
        planner.plan(new double[] {0.01, 0.1, 0.03}, new double[] {1, 5, 1}, new double[] {1, 10, 10}, 1.5, plan);
        assertThat(replicas(plan)).containsExactly(new double[] {1, 0.1, 0}, within(EPS));
        assertThat(wholeReplicas(plan)).containsExactly(1, 0, 1);
    }

    @Test
    void shouldOverwriteThePreviousPlanWhenReused()
    {
        planner.plan(new double[] {0.1, 0.2, 0.3, 0.4}, new double[] {1, 1, 1, 1}, new double[] {1, 1, 1, 1}, 4,
            plan);
        planner.plan(new double[] {0.2, 0.1}, new double[] {1, 1}, new double[] {5, 5}, 3, plan);

        assertThat(plan.optionCount()).isEqualTo(2);
        assertThat(replicas(plan)).containsExactly(new double[] {0, 3}, within(EPS));
        assertThat(plan.costPerHourUsd()).isCloseTo(0.3, within(EPS));
        assertThatThrownBy(() -> plan.wholeReplicas(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldNameTheOptionAndFieldWhenAnInputIsOutOfRange()
    {
        final double[] two = {1, 1};
        assertThatThrownBy(() -> planner.plan(new double[] {0.1, -1}, two, two, 1, plan))
            .isInstanceOf(IllegalArgumentException.class).hasMessage("pricePerHourUsd[1] must be finite and >= 0, was -1.0");
        assertThatThrownBy(() -> planner.plan(two, new double[] {0, 1}, two, 1, plan))
            .hasMessage("capacityPerReplica[0] must be finite and > 0, was 0.0");
        assertThatThrownBy(() -> planner.plan(two, two, new double[] {1, Double.NaN}, 1, plan))
            .hasMessage("maxReplicas[1] must be >= 0 (or +Infinity), was NaN");
        assertThatThrownBy(() -> planner.plan(two, two, new double[] {1}, 1, plan))
            .hasMessage("maxReplicas has 1 entries, pricePerHourUsd has 2: one per option");
        assertThatThrownBy(() -> planner.plan(two, two, two, Double.POSITIVE_INFINITY, plan))
            .hasMessage("demandCapacity must be finite and >= 0, was Infinity");
        assertThatThrownBy(() -> planner.planPenalized(two, two, two, new double[] {0.5, 1.5}, two, 1, plan))
            .hasMessage("utilization[1] must be in [0, 1], was 1.5");
        assertThatThrownBy(() -> planner.planPenalized(two, two, two, two, new double[] {-0.5, 1}, 1, plan))
            .hasMessage("penaltyPerHourUsd[0] must be finite and >= 0, was -0.5");
    }

    private double[] penalized(final double penalty)
    {
        planner.planPenalized(EXAMPLE_PRICE, ONES, EXAMPLE_BOUND, EXAMPLE_UTILIZATION,
            new double[] {penalty, penalty, penalty}, 1000, plan);
        return replicas(plan);
    }

    static double[] replicas(final LpPlan plan)
    {
        final double[] x = new double[plan.optionCount()];
        for (int i = 0; i < x.length; i++)
        {
            x[i] = plan.replicas(i);
        }
        return x;
    }

    static int[] wholeReplicas(final LpPlan plan)
    {
        final int[] n = new int[plan.optionCount()];
        for (int i = 0; i < n.length; i++)
        {
            n[i] = plan.wholeReplicas(i);
        }
        return n;
    }
}
