package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
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

    /** The allocation after lp-example's second plan, which sees the first plan's (500, 500, 0) fill the quotas. */
    private static int[] secondPlan(final double penalty)
    {
        return LpExample.allocation(
            LpExample.run(new PenalizedLpPlacement(ALL, ALL, penalty), null, LpExample.AFTER_SECOND_PLAN_NS));
    }

    @Test
    void shouldMoveCapacityOffHotRegionsAsPenaltyGrowsWhenLpExampleRuns()
    {
        // After the first plan the regions' quota shares are s = (1, 5/7, 0): the cheapest option is the hottest.
        final double[] share = {1.0, 500.0 / 700.0, 0.0};
        int[] previous = null;
        for (int step = 0; step <= 30; step++)
        {
            final double penalty = 0.01 * step + 0.003; // off the breakpoints 0.07 and 0.1
            final int[] allocation = secondPlan(penalty);
            assertThat(allocation[0] + allocation[1] + allocation[2]).as("p = %s", penalty).isEqualTo(1000);
            if (previous != null)
            {
                // capacity only leaves the hot options and only reaches the cool one; the plain cost only rises
                assertThat(allocation[0]).as("p = %s", penalty).isLessThanOrEqualTo(previous[0]);
                assertThat(allocation[2]).as("p = %s", penalty).isGreaterThanOrEqualTo(previous[2]);
                assertThat(dot(share, allocation)).isLessThanOrEqualTo(dot(share, previous));
                assertThat(LpExample.costPerHourUsd(allocation))
                    .isGreaterThanOrEqualTo(LpExample.costPerHourUsd(previous));
            }
            previous = allocation;
        }
        // The table in docs/policies.md: the three plans and where they change.
        assertThat(secondPlan(0.0)).containsExactly(500, 500, 0);
        assertThat(secondPlan(0.069)).containsExactly(500, 500, 0);
        assertThat(secondPlan(0.071)).containsExactly(500, 0, 500);
        assertThat(secondPlan(0.099)).containsExactly(500, 0, 500);
        assertThat(secondPlan(0.101)).containsExactly(0, 0, 1000);
        assertThat(previous).containsExactly(0, 0, 1000);
    }

    @Test
    void shouldPlanLikeModelOneAtFirstDecisionWhenNothingRunsYet()
    {
        // At time 0 no quota is in use (s = 0), whatever the penalty.
        final int[] first = LpExample.allocation(
            LpExample.run(new PenalizedLpPlacement(ALL, ALL, 1000), null, 1_000_000_000L));
        assertThat(first).containsExactly(500, 500, 0);
    }

    @Test
    void shouldRecordQuotaSharesAndPenalizedPricesWhenRecorderIsGiven()
    {
        final BoundedDecisionLog log = new BoundedDecisionLog(10, 100, 1000);
        LpExample.run(new PenalizedLpPlacement(ALL, ALL, 0.08), log, LpExample.AFTER_SECOND_PLAN_NS);

        assertThat(log.size()).isEqualTo(2);
        assertThat(log.policy(1)).isEqualTo("lp-penalized");
        assertThat(log.rule(1)).isEqualTo("least penalized-cost fleet plan (LP model 2)");
        final double[] share = {1.0, 500.0 / 700.0, 0.0};
        final double[] planned = {500, 0, 500};
        for (int option = 0; option < 3; option++)
        {
            assertThat(log.score(1, option, FleetLpPlacement.QUOTA_SHARE)).isCloseTo(share[option], within(1e-12));
            assertThat(log.score(1, option, FleetLpPlacement.PENALIZED))
                .isCloseTo(LpExample.PRICE[option] + 0.08 * share[option], within(1e-12));
            assertThat(log.score(1, option, FleetLpPlacement.PLANNED)).isEqualTo(planned[option]);
        }
    }

    @Test
    void shouldChooseLowestPenalizedPriceWhenOneLaunchIsAsked()
    {
        final BoundedDecisionLog log = new BoundedDecisionLog(10, 100, 1000);
        final Simulation simulation = LpExample.run(new PenalizedLpPlacement(ALL, ALL, 0.2), log, 1_000_000_000L);
        // (500, 500, 0) running: option 1 is full (unavailable); option 2 costs 0.15 + 0.2 x 5/7 = 0.293 > 0.2.
        assertThat(new PenalizedLpPlacement(ALL, ALL, 0.2).chooseOffer(simulation)).isEqualTo(2);
        assertThat(new PenalizedLpPlacement(ALL, ALL, 0.01).chooseOffer(simulation)).isEqualTo(1);
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
            .isEqualTo(List.of("markets", "providers", "penalty"));
    }

    private static double dot(final double[] a, final int[] b)
    {
        double sum = 0;
        for (int i = 0; i < a.length; i++)
        {
            sum += a[i] * b[i];
        }
        return sum;
    }
}
