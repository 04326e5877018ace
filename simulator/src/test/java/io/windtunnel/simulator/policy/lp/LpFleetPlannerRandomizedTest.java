package io.windtunnel.simulator.policy.lp;

import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Seeded randomized checks of {@link LpFleetPlanner}: the Simplex solution against the fractional-knapsack greedy
 * (exact for one constraint), the rounding against its bounds and a brute-force integer optimum, and model 2's
 * response to a growing penalty.
 */
class LpFleetPlannerRandomizedTest
{
    private final LpFleetPlanner planner = new LpFleetPlanner();
    private final FractionalKnapsackSolver greedy = new FractionalKnapsackSolver();
    private final LpPlan plan = new LpPlan();

    @Test
    void shouldMatchTheGreedyOracleWhenSolvingModelOne()
    {
        final SplittableRandom random = new SplittableRandom(20261205L);
        double worstRoundingOverLp = 0;
        for (int trial = 0; trial < 400; trial++)
        {
            final Problem p = Problem.random(random, 1 + random.nextInt(40));
            planner.plan(p.price, p.capacity, p.max, p.demand, plan);
            assertMatchesGreedy(p, p.price, "trial " + trial + ": " + p);
            if (plan.status() == LpStatus.OPTIMAL && plan.wholeUnmetCapacity() == 0 && plan.costPerHourUsd() > 0)
            {
                worstRoundingOverLp = Math.max(worstRoundingOverLp,
                    plan.wholeCostPerHourUsd() / plan.costPerHourUsd() - 1);
            }
        }
        System.out.printf(Locale.ROOT, "rounding vs the LP bound on 1-40 options: worst %.2f%% above%n",
            100 * worstRoundingOverLp);
    }

    @Test
    void shouldMatchTheGreedyOracleWhenSolvingModelTwo()
    {
        final SplittableRandom random = new SplittableRandom(7L);
        for (int trial = 0; trial < 400; trial++)
        {
            final Problem p = Problem.random(random, 1 + random.nextInt(40));
            final double[] utilization = new double[p.n];
            final double[] penalty = new double[p.n];
            final double[] effective = new double[p.n];
            for (int i = 0; i < p.n; i++)
            {
                utilization[i] = random.nextDouble();
                penalty[i] = random.nextDouble() * 0.5;
                effective[i] = p.price[i] + utilization[i] * penalty[i];
            }
            planner.planPenalized(p.price, p.capacity, p.max, utilization, penalty, p.demand, plan);
            assertMatchesGreedy(p, effective, "trial " + trial + ": " + p);
            double cost = 0;
            for (int i = 0; i < p.n; i++)
            {
                cost += p.price[i] * plan.replicas(i);
            }
            assertThat(plan.costPerHourUsd()).isCloseTo(cost, within(1e-9 * Math.max(1, cost)));
        }
    }

    @Test
    void shouldFillTiedOptionsInIndexOrderWhenManyCostsTie()
    {
        // prices from four values and capacities from three, all exact in binary so that ties are exact for the
        // greedy's sort too: many options share a cost per capacity, and the greedy fills each group in index
        // order, which the planner promises
        final SplittableRandom random = new SplittableRandom(11L);
        final double[] x = new double[30];
        for (int trial = 0; trial < 300; trial++)
        {
            final Problem p = Problem.random(random, 1 + random.nextInt(30));
            for (int i = 0; i < p.n; i++)
            {
                p.price[i] = 0.125 * (1 + random.nextInt(4));
                p.capacity[i] = 1 << random.nextInt(3);
            }
            planner.plan(p.price, p.capacity, p.max, p.demand, plan);
            final double oracle = greedy.solve(p.price, p.capacity, p.max, p.demand, x);
            assertThat(plan.objectivePerHourUsd()).as("trial " + trial + ": " + p)
                .isCloseTo(oracle, within(1e-9 * Math.max(1, oracle)));
            for (int i = 0; i < p.n; i++)
            {
                assertThat(plan.replicas(i)).as("trial " + trial + " option " + i + ": " + p)
                    .isCloseTo(x[i], within(1e-6 * Math.max(1, x[i])));
            }
        }
    }

    private void assertMatchesGreedy(final Problem p, final double[] objectiveCost, final String what)
    {
        final double[] x = new double[p.n];
        final double oracle = greedy.solve(objectiveCost, p.capacity, p.max, p.demand, x);
        assertThat(plan.objectivePerHourUsd()).as(what).isCloseTo(oracle, within(1e-9 * Math.max(1, oracle)));
        double capacity = 0;
        for (int i = 0; i < p.n; i++)
        {
            // costs are continuous random numbers, so the optimum is unique and both solvers find the same x
            assertThat(plan.replicas(i)).as(what + " option " + i).isCloseTo(x[i], within(1e-6 * Math.max(1, x[i])))
                .isBetween(0.0, p.max[i]);
            capacity += p.capacity[i] * x[i];
        }
        if (capacity < p.demand * (1 - 1e-12))
        {
            assertThat(plan.status()).as(what).isEqualTo(LpStatus.INFEASIBLE);
            assertThat(plan.unmetCapacity()).as(what).isCloseTo(p.demand - capacity, within(1e-9 * p.demand));
        }
        else
        {
            assertThat(plan.status()).as(what).isEqualTo(LpStatus.OPTIMAL);
            assertThat(plan.plannedCapacity()).as(what).isCloseTo(p.demand, within(1e-9 * Math.max(1, p.demand)));
        }
    }

    @Test
    void shouldKeepBoundsCoverDemandAndStayNearTheIntegerOptimumWhenRounding()
    {
        final SplittableRandom random = new SplittableRandom(42L);
        double worstGap = 0;
        String worst = "";
        int optimal = 0;
        int coverable = 0;
        final int trials = 3000;
        for (int trial = 0; trial < trials; trial++)
        {
            final Problem p = Problem.small(random, 1 + random.nextInt(4));
            planner.plan(p.price, p.capacity, p.max, p.demand, plan);
            final String what = "trial " + trial + ": " + p;
            double wholeCapacityAtBounds = 0;
            for (int i = 0; i < p.n; i++)
            {
                assertThat(plan.wholeReplicas(i)).as(what).isBetween(0, (int) Math.floor(p.max[i]));
                wholeCapacityAtBounds += p.capacity[i] * Math.floor(p.max[i]);
            }
            final double slack = 1e-9 * Math.max(1, p.demand);
            if (wholeCapacityAtBounds < p.demand - slack)
            {
                // not coverable in whole replicas: every option at its whole bound, the shortfall reported
                for (int i = 0; i < p.n; i++)
                {
                    assertThat(plan.wholeReplicas(i)).as(what).isEqualTo((int) Math.floor(p.max[i]));
                }
                assertThat(plan.wholeUnmetCapacity()).as(what)
                    .isCloseTo(p.demand - wholeCapacityAtBounds, within(slack));
                continue;
            }
            coverable++;
            assertThat(plan.wholeCapacity()).as(what).isGreaterThanOrEqualTo(p.demand - slack);
            assertThat(plan.wholeUnmetCapacity()).as(what).isZero();
            final double best = BruteForce.cheapestCover(p);
            // the LP is a lower bound of the integer optimum, which is a lower bound of the rounding
            assertThat(best).as(what).isGreaterThanOrEqualTo(plan.objectivePerHourUsd() - 1e-9);
            assertThat(plan.wholeObjectivePerHourUsd()).as(what).isGreaterThanOrEqualTo(best - 1e-9);
            final double gap = best > 0 ? (plan.wholeObjectivePerHourUsd() - best) / best : 0;
            if (gap <= 1e-12)
            {
                optimal++;
            }
            if (gap > worstGap)
            {
                worstGap = gap;
                worst = what;
            }
        }
        System.out.printf(Locale.ROOT, "rounding vs brute-force integer optimum: %d of %d coverable instances "
            + "optimal, worst gap %.1f%% (%s)%n", optimal, coverable, 100 * worstGap, worst);
        assertThat(coverable).isGreaterThan(trials / 2);
    }

    @Test
    void shouldTradeCostForCoolerOptionsMonotonicallyWhenPenaltyGrows()
    {
        // for p1 < p2, optimality at each gives (p2 - p1)(sum s_i q_i x_i(p2) - sum s_i q_i x_i(p1)) <= 0: the
        // penalized load falls and the plain cost rises with p, whatever the instance
        final SplittableRandom random = new SplittableRandom(99L);
        for (int trial = 0; trial < 60; trial++)
        {
            final Problem p = Problem.random(random, 2 + random.nextInt(12));
            final double[] utilization = new double[p.n];
            final double[] weight = new double[p.n];
            for (int i = 0; i < p.n; i++)
            {
                utilization[i] = random.nextDouble();
                weight[i] = 0.5 + random.nextDouble();
            }
            final double[] penalty = new double[p.n];
            double hotBefore = Double.POSITIVE_INFINITY;
            double costBefore = 0;
            for (int step = 0; step <= 40; step++)
            {
                for (int i = 0; i < p.n; i++)
                {
                    penalty[i] = step * 0.05 * weight[i];
                }
                planner.planPenalized(p.price, p.capacity, p.max, utilization, penalty, p.demand, plan);
                double hot = 0;
                for (int i = 0; i < p.n; i++)
                {
                    hot += utilization[i] * weight[i] * plan.replicas(i);
                }
                final String what = "trial " + trial + " step " + step + ": " + p;
                final double tolerance = 1e-7 * Math.max(1, p.demand);
                assertThat(hot).as(what).isLessThanOrEqualTo(hotBefore + tolerance);
                assertThat(plan.costPerHourUsd()).as(what).isGreaterThanOrEqualTo(costBefore - tolerance);
                hotBefore = hot;
                costBefore = plan.costPerHourUsd();
            }
        }
    }

    /** One random problem; {@link #toString()} prints it so that a failing case can be replayed. */
    static final class Problem
    {
        final int n;
        final double[] price;
        final double[] capacity;
        final double[] max;
        final double demand;

        Problem(final double[] price, final double[] capacity, final double[] max, final double demand)
        {
            this.n = price.length;
            this.price = price;
            this.capacity = capacity;
            this.max = max;
            this.demand = demand;
        }

        /** Prices 0.01-2 $/h, capacities 0.5-16, bounds 0-200 (some fractional, some infinite), 10% infeasible. */
        static Problem random(final SplittableRandom random, final int n)
        {
            final double[] price = new double[n];
            final double[] capacity = new double[n];
            final double[] max = new double[n];
            double total = 0;
            boolean unbounded = false;
            for (int i = 0; i < n; i++)
            {
                price[i] = 0.01 + 1.99 * random.nextDouble();
                capacity[i] = 0.5 + 15.5 * random.nextDouble();
                final int shape = random.nextInt(10);
                max[i] = shape == 0 ? Double.POSITIVE_INFINITY : shape < 5 ? random.nextInt(201) : 200 * random.nextDouble();
                unbounded |= shape == 0;
                total += shape == 0 ? 0 : capacity[i] * max[i];
            }
            final double demand = random.nextInt(20) == 0 ? 0
                : (unbounded ? 2 : 1.1) * total * random.nextDouble();
            return new Problem(price, capacity, max, demand);
        }

        /** Up to 4 options with bounds 0-6 (a quarter fractional), for brute force. */
        static Problem small(final SplittableRandom random, final int n)
        {
            final double[] price = new double[n];
            final double[] capacity = new double[n];
            final double[] max = new double[n];
            double total = 0;
            for (int i = 0; i < n; i++)
            {
                price[i] = 0.01 + random.nextDouble();
                capacity[i] = random.nextBoolean() ? 1 + random.nextInt(6) : 0.5 + 5.5 * random.nextDouble();
                max[i] = random.nextInt(4) == 0 ? 6 * random.nextDouble() : random.nextInt(7);
                total += capacity[i] * max[i];
            }
            final double demand = random.nextBoolean() ? Math.floor(total * random.nextDouble())
                : total * random.nextDouble();
            return new Problem(price, capacity, max, demand);
        }

        @Override
        public String toString()
        {
            return "price " + java.util.Arrays.toString(price) + " capacity " + java.util.Arrays.toString(capacity) +
                " max " + java.util.Arrays.toString(max) + " demand " + demand;
        }
    }

    /** The cheapest whole-replica cover by enumeration (small instances only). */
    static final class BruteForce
    {
        private BruteForce()
        {
        }

        static double cheapestCover(final Problem p)
        {
            return search(p, 0, 0, 0, 1e-9 * Math.max(1, p.demand));
        }

        private static double search(final Problem p, final int option, final double capacity, final double cost,
            final double slack)
        {
            if (capacity >= p.demand - slack)
            {
                return cost; // prices are positive: more replicas only cost more
            }
            if (option == p.n)
            {
                return Double.POSITIVE_INFINITY;
            }
            double best = Double.POSITIVE_INFINITY;
            for (int k = 0; k <= (int) Math.floor(p.max[option]); k++)
            {
                best = Math.min(best, search(p, option + 1, capacity + k * p.capacity[option],
                    cost + k * p.price[option], slack));
            }
            return best;
        }
    }
}
