package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PenalizedLpPlacementTest extends PlacementContractTest
{
    private static final boolean[] ALL = {true, true};

    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new PenalizedLpPlacement(ALL, ALL, 0.5);
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        // On-demand only, on the first provider (aws) only.
        final boolean[] markets = new boolean[2];
        markets[CloudModel.ON_DEMAND] = true;
        return new PenalizedLpPlacement(markets, new boolean[] {true, false}, 0.5);
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.ON_DEMAND && model.typeProvider[model.offerType[offer]] == 0;
    }

    private static final long MINUTE_NS = 60_000_000_000L;
    private static final String PLAN_RULE = "least penalized-cost fleet plan (LP model 2)";

    /** The plan of lp-example's first decision (the quotas are all free). */
    private static int[] firstPlan(final double penalty, final int segments)
    {
        return LpExample.allocation(
            LpExample.run(new PenalizedLpPlacement(ALL, ALL, penalty, segments), null, 1_000_000_000L));
    }

    /** @return the planned replicas per offer of each plan in the log (lp-example: every offer is recorded). */
    private static List<int[]> plans(final BoundedDecisionLog log)
    {
        final List<int[]> plans = new ArrayList<>();
        for (int decision = 0; decision < log.size(); decision++)
        {
            if (!PLAN_RULE.equals(log.rule(decision)))
            {
                continue;
            }
            final int[] plan = new int[3];
            for (int option = 0; option < log.optionCount(decision); option++)
            {
                plan[log.optionOffer(decision, option)] = (int)log.score(decision, option, FleetLpPlacement.PLANNED);
            }
            plans.add(plan);
        }
        return plans;
    }

    @Test
    void shouldPlanSameFleetAtEveryDecisionWhenPenaltyMatters()
    {
        // With s_i measured before the plan, p = 0.08 and 0.2 alternated between two fleets at every decision.
        for (final double penalty : new double[] {0.0, 0.05, 0.08, 0.2, 0.5, 5.0})
        {
            final BoundedDecisionLog log = new BoundedDecisionLog(20, 100, 1000);
            final Simulation simulation = LpExample.run(LpExample.read(7),
                new PenalizedLpPlacement(ALL, ALL, penalty), log, 6 * MINUTE_NS + 1_000_000_000L);
            final List<int[]> plans = plans(log);
            assertThat(plans).as("p = %s", penalty).hasSize(7);
            for (int decision = 1; decision < plans.size(); decision++)
            {
                assertThat(plans.get(decision)).as("p = %s, decision %s", penalty, decision + 1)
                    .containsExactly(plans.get(0));
            }
            assertThat(LpExample.allocation(simulation)).as("p = %s", penalty).containsExactly(plans.get(0));
            assertThat(simulation.launches()).as("p = %s: no relaunches", penalty).isEqualTo(1000);
        }
    }

    @Test
    void shouldEqualizeMarginalCostsAtPlannedUtilizationWhenLpExamplePlans()
    {
        for (final int segments : new int[] {1, 3, 10, 100})
        {
            for (int step = 0; step <= 40; step++)
            {
                final double penalty = 0.025 * step;
                final int[] x = firstPlan(penalty, segments);
                assertThat(x[0] + x[1] + x[2]).isEqualTo(1000);
                // one segment's step in penalized cost, plus a rounded cut of a replica either side
                final double tolerance = penalty * (1.0 / segments + 2.0 / 500) + 1e-12;
                for (int used = 0; used < 3; used++)
                {
                    for (int other = 0; other < 3; other++)
                    {
                        if (x[used] > 0 && x[other] < LpExample.QUOTA[other])
                        {
                            // moving a replica from a used option to one with room gains at most the tolerance
                            assertThat(marginal(penalty, x, used))
                                .as("p = %s, K = %s, %s vs %s in %s", penalty, segments, used, other,
                                    Arrays.toString(x))
                                .isLessThanOrEqualTo(marginal(penalty, x, other) + tolerance);
                        }
                    }
                }
            }
        }
    }

    @Test
    void shouldApproachSmoothOptimumWhenSegmentsAreFine()
    {
        // c_i + p x_i / quota_i equal for all three: lambda = (1000 p + sum c_i quota_i) / sum quota_i
        final double penalty = 0.2;
        final double lambda = (1000 * penalty + 0.10 * 500 + 0.15 * 700 + 0.20 * 1000) / 2200;
        final int[] x = firstPlan(penalty, 100);
        for (int option = 0; option < 3; option++)
        {
            final double smooth = (lambda - LpExample.PRICE[option]) * LpExample.QUOTA[option] / penalty;
            // within one segment's width (quota / 100)
            assertThat((double)x[option]).as("option %s of %s", option, Arrays.toString(x))
                .isCloseTo(smooth, within(LpExample.QUOTA[option] / 100.0));
        }
    }

    @Test
    void shouldMoveCapacityOffHotOptionsAsPenaltyGrowsWhenLpExamplePlans()
    {
        int[] previous = null;
        for (int step = 0; step <= 40; step++)
        {
            final double penalty = 0.01 * step + 0.003;
            final int[] x = firstPlan(penalty, PenalizedLpPlacement.DEFAULT_SEGMENTS);
            if (previous != null)
            {
                // the cheapest option runs hottest and loses, the dearest runs coolest and gains, cost only rises
                assertThat(x[0]).as("p = %s", penalty).isLessThanOrEqualTo(previous[0]);
                assertThat(x[2]).as("p = %s", penalty).isGreaterThanOrEqualTo(previous[2]);
                assertThat(LpExample.costPerHourUsd(x)).as("p = %s", penalty)
                    .isGreaterThanOrEqualTo(LpExample.costPerHourUsd(previous));
            }
            previous = x;
        }
        assertThat(previous[0]).isLessThan(500);
        assertThat(previous[2]).isPositive();
    }

    @Test
    void shouldPlanLikeModelOneWhenPenaltyIsZero()
    {
        for (final int segments : new int[] {1, 10, 100})
        {
            assertThat(firstPlan(0.0, segments)).containsExactly(500, 500, 0);
        }
        assertThat(LpExample.allocation(LpExample.run(new LpPlacement(ALL, ALL), null, 1_000_000_000L)))
            .containsExactly(500, 500, 0);
    }

    @Test
    void shouldRecordPlannedQuotaSharesAndPenalizedMarginalCostsWhenRecorderIsGiven()
    {
        final BoundedDecisionLog log = new BoundedDecisionLog(10, 100, 1000);
        LpExample.run(new PenalizedLpPlacement(ALL, ALL, 0.2), log, LpExample.AFTER_SECOND_PLAN_NS);

        assertThat(log.size()).isEqualTo(2);
        assertThat(log.policy(1)).isEqualTo("lp-penalized");
        assertThat(log.rule(1)).isEqualTo(PLAN_RULE);
        final int[] planned = plans(log).get(1);
        for (int option = 0; option < 3; option++)
        {
            final int offer = log.optionOffer(1, option);
            final double share = planned[offer] / (double)LpExample.QUOTA[offer];
            assertThat(log.score(1, option, FleetLpPlacement.QUOTA_SHARE)).isCloseTo(share, within(1e-12));
            assertThat(log.score(1, option, FleetLpPlacement.PENALIZED))
                .isCloseTo(LpExample.PRICE[offer] + 0.2 * share, within(1e-12));
        }
        assertThat(log.chosen(1)).isEqualTo(0);
    }

    @Test
    void shouldChooseLowestPenalizedPriceWhenOneLaunchIsAsked()
    {
        final Simulation simulation = LpExample.run(new LpPlacement(ALL, ALL), null, 1_000_000_000L);
        // (500, 500, 0) running: option 1 is full (unavailable); option 2 costs 0.15 + 0.2 x 5/7 = 0.293 > 0.2.
        assertThat(new PenalizedLpPlacement(ALL, ALL, 0.2).chooseOffer(simulation)).isEqualTo(2);
        assertThat(new PenalizedLpPlacement(ALL, ALL, 0.01).chooseOffer(simulation)).isEqualTo(1);
    }

    @Test
    void shouldKeepBoundsQuotasAndTotalWhenModelsAreRandom()
    {
        final CloudModel model = ContractRuns.model();
        final FakeView view = new FakeView(model);
        final RandomStream random = new RandomStream(41);
        final int offers = model.offers();
        final int regions = model.regionNames.length;
        for (int round = 0; round < 300; round++)
        {
            final int[] active = new int[offers];
            final int[] inUse = new int[regions];
            view.replicaCount = 0;
            final int[] ready = new int[64];
            int readyCount = 0;
            for (int replica = 0; replica < 64 && random.bernoulli(0.9); replica++)
            {
                final int offer = random.nextInt(offers);
                view.replicaOffer[replica] = offer;
                view.replicaCount++;
                if (random.bernoulli(0.7))
                {
                    ready[readyCount++] = replica;
                    inUse[model.offerRegion[offer]]++;
                    // some of the ready ones are leaving (not counted active)
                    active[offer] += random.bernoulli(0.8) ? 1 : 0;
                }
            }
            view.ready = Arrays.copyOf(ready, readyCount);
            for (int offer = 0; offer < offers; offer++)
            {
                view.unavailable[offer] = random.bernoulli(0.3);
                view.price[offer] = random.uniform(0.01, 1.0);
            }
            System.arraycopy(inUse, 0, view.regionRunning, 0, regions);
            final int demand = random.nextInt(3 * model.regionQuota[0] + 5);
            final double penalty = random.uniform(0.0, 3.0);
            final int segments = 1 + random.nextInt(PenalizedLpPlacement.MAX_SEGMENTS);
            final int[] plan = active.clone();
            new PenalizedLpPlacement(ALL, ALL, penalty, segments).planAllocation(view, demand, plan);
            final int[] modelOne = active.clone();
            new LpPlacement(ALL, ALL).planAllocation(view, demand, modelOne);

            final String what = "round " + round + ": " + Arrays.toString(plan);
            final int[] planned = new int[regions];
            for (int offer = 0; offer < offers; offer++)
            {
                assertThat(plan[offer]).as(what).isNotNegative();
                if (!view.offerAvailable(offer))
                {
                    assertThat(plan[offer]).as(what).isLessThanOrEqualTo(active[offer]);
                }
                planned[model.offerRegion[offer]] += plan[offer];
            }
            final int[] activeIn = new int[regions];
            for (int offer = 0; offer < offers; offer++)
            {
                activeIn[model.offerRegion[offer]] += active[offer];
            }
            for (int region = 0; region < regions; region++)
            {
                final int leaving = Math.max(0, inUse[region] - activeIn[region]);
                assertThat(planned[region] + leaving).as(what).isLessThanOrEqualTo(
                    Math.max(leaving, model.regionQuota[region]));
            }
            // the same bounds as model 1, so the same total: the demand, or every bound when they cannot hold it
            assertThat(Arrays.stream(plan).sum()).as(what).isEqualTo(Arrays.stream(modelOne).sum());
            assertThat(Arrays.stream(plan).sum()).as(what).isLessThanOrEqualTo(demand);
        }
    }

    @Test
    void shouldDeclareSegmentsRangeAndDefaultWhenRegistered()
    {
        final PolicyParameter segments = new PenalizedLpPlacement.Provider().parameter("segments");
        assertThat(segments.minLong()).isEqualTo(1);
        assertThat(segments.maxLong()).isEqualTo(PenalizedLpPlacement.MAX_SEGMENTS);
        assertThat(segments.defaultLong()).isEqualTo(PenalizedLpPlacement.DEFAULT_SEGMENTS);
        assertThatThrownBy(() -> new PenalizedLpPlacement(ALL, ALL, 0.1, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("segments");
    }

    private static double marginal(final double penalty, final int[] x, final int option)
    {
        return LpExample.PRICE[option] + penalty * x[option] / LpExample.QUOTA[option];
    }

    @Test
    void shouldDeclarePenaltyRangeAndDefaultWhenRegistered()
    {
        final PolicyProvider<PlacementPolicy> provider = new PenalizedLpPlacement.Provider();
        final PolicyParameter penalty = provider.parameter("penalty");
        assertThat(penalty.minNumber()).isZero();
        assertThat(penalty.maxNumber()).isEqualTo(PenalizedLpPlacement.MAX_PENALTY);
        assertThat(penalty.defaultNumber()).isEqualTo(0.1);
        assertThat(provider.parameters()).extracting(PolicyParameter::name)
            .isEqualTo(List.of("markets", "providers", "penalty", "segments", "transfer"));
    }
}
