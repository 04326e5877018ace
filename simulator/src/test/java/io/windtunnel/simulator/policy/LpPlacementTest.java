package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class LpPlacementTest extends PlacementContractTest
{
    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new LpPlacement(new boolean[] {true, true}, new boolean[] {true, true});
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        // Spot only, on the second provider (gcp) only.
        final boolean[] markets = new boolean[2];
        markets[CloudModel.SPOT] = true;
        return new LpPlacement(markets, new boolean[] {false, true});
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.SPOT && model.typeProvider[model.offerType[offer]] == 1;
    }

    @Test
    void shouldPlanWriteUpOptimumWhenLpExampleScenarioRuns()
    {
        final BoundedDecisionLog log = new BoundedDecisionLog(10, 100, 1000);
        final Simulation simulation = LpExample.run(
            new LpPlacement(new boolean[] {true, true}, new boolean[] {true}), log, LpExample.AFTER_SECOND_PLAN_NS);

        // The optimum, not the write-up's (300, 400, 300) at "240" (150 by its own prices).
        final int[] allocation = LpExample.allocation(simulation);
        assertThat(allocation).containsExactly(500, 500, 0);
        assertThat(LpExample.costPerHourUsd(allocation)).isCloseTo(125.0, within(1e-9));
        assertThat(simulation.launchesRefused()).isZero();
        // Two plans (at 0 and 1 minute), the second keeping the first: 1000 launches in all.
        assertThat(simulation.launches()).isEqualTo(1000);
        assertThat(log.size()).isEqualTo(2);
        for (int decision = 0; decision < 2; decision++)
        {
            assertThat(log.policy(decision)).isEqualTo("lp");
            assertThat(log.chosen(decision)).isZero();
            assertThat(log.optionCount(decision)).isEqualTo(3);
            for (int option = 0; option < 3; option++)
            {
                assertThat(log.optionOffer(decision, option)).isEqualTo(option);
                assertThat(log.score(decision, option, FleetLpPlacement.PRICE)).isEqualTo(LpExample.PRICE[option]);
                assertThat(log.score(decision, option, FleetLpPlacement.PLANNED))
                    .isEqualTo(new double[] {500, 500, 0}[option]);
            }
            assertThat(log.score(decision, 2, FleetLpPlacement.MAX_REPLICAS)).isEqualTo(1000);
        }
    }

    @Test
    void shouldPlanWriteUpOptimumWhenScenarioStackIsRead()
    {
        // The stack as the scenario declares it: the registry builds the policy from `placement: {type: lp}`.
        final PolicyStack stack = LpExample.read().stacks().get(0);
        assertThat(stack.name()).isEqualTo("lp");
        final Simulation simulation = LpExample.run(stack.placement().get(), null, LpExample.AFTER_SECOND_PLAN_NS);

        assertThat(LpExample.allocation(simulation)).containsExactly(500, 500, 0);
    }

    /** Two regions: r0 (quota 5) with offers 0 (0.3 $/h) and 1 (0.1 $/h), r1 (quota 100) with offer 2 (0.2 $/h). */
    private static CloudModel sharedQuotaModel()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int provider = b.provider("cloud", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r0 = b.region(provider, "r0", 5);
        final int r1 = b.region(provider, "r1", 100);
        final int type = b.instanceType(provider, "t", 1, 1.0, 0);
        b.offer(r0, type, CloudModel.ON_DEMAND, PriceSeries.constant(0.3));
        b.offer(r0, type, CloudModel.SPOT, PriceSeries.constant(0.1));
        b.offer(r1, type, CloudModel.ON_DEMAND, PriceSeries.constant(0.2));
        final int client = b.client("c", LoadSeries.constant(1));
        b.rtt(client, r0, 1_000_000).rtt(client, r1, 1_000_000);
        return b.build();
    }

    @Test
    void shouldShareRegionQuotaCheapestFirstWhenOffersOfOneRegionCompete()
    {
        final CloudModel model = sharedQuotaModel();
        final FakeView view = new FakeView(model);
        final PlacementPolicy lp = newPlacement(model);
        final int[] plan = new int[3];

        // r0's quota of 5 goes to its cheap offer 1; the rest to r1 (0.2), never to the dear offer 0 of r0.
        assertThat(lp.planAllocation(view, 8, plan)).isTrue();
        assertThat(plan).containsExactly(0, 5, 3);

        // Offer 1's spot pool is gone: its 5 replicas stay (nothing new there) and nothing is added in r0.
        view.unavailable[1] = true;
        final int[] held = {0, 5, 3};
        assertThat(lp.planAllocation(view, 10, held)).isTrue();
        assertThat(held).containsExactly(0, 5, 5);

        // Offer 1 has 2 replicas and is unavailable: offer 0 may use the other 3 of r0's quota, at 0.3 > 0.2.
        final int[] fewer = {0, 2, 0};
        assertThat(lp.planAllocation(view, 110, fewer)).isTrue();
        assertThat(fewer).containsExactly(3, 2, 100);
    }

    @Test
    void shouldPlanNothingWhenNoOfferHasRoomAtFirstDecision()
    {
        final CloudModel model = sharedQuotaModel();
        final FakeView view = new FakeView(model);
        Arrays.fill(view.unavailable, true);
        final int[] plan = {0, 0, 0};
        assertThat(newPlacement(model).planAllocation(view, 4, plan)).isTrue();
        assertThat(plan).containsExactly(0, 0, 0);
    }

    @Test
    void shouldNeverPlanAboveRegionQuotaNorAddToUnavailableOffersWhenStatesAreRandom()
    {
        final CloudModel model = ContractRuns.model();
        final FakeView view = new FakeView(model);
        final PlacementPolicy lp = newPlacement(model);
        final RandomStream random = new RandomStream(31);
        for (int round = 0; round < 300; round++)
        {
            final int[] active = new int[model.offers()];
            for (int offer = 0; offer < model.offers(); offer++)
            {
                view.unavailable[offer] = random.bernoulli(0.3);
                view.price[offer] = random.uniform(0.01, 1.0);
                active[offer] = random.nextInt(3);
            }
            final int desired = random.nextInt(40);
            final int[] plan = active.clone();
            assertThat(lp.planAllocation(view, desired, plan)).isTrue();

            final int[] regionPlanned = new int[model.regionNames.length];
            int total = 0;
            for (int offer = 0; offer < model.offers(); offer++)
            {
                assertThat(plan[offer]).isNotNegative();
                if (view.unavailable[offer])
                {
                    assertThat(plan[offer]).as("unavailable offer %d", offer).isLessThanOrEqualTo(active[offer]);
                }
                regionPlanned[model.offerRegion[offer]] += plan[offer];
                total += plan[offer];
            }
            for (int region = 0; region < regionPlanned.length; region++)
            {
                assertThat(regionPlanned[region]).isLessThanOrEqualTo(model.regionQuota[region]);
            }
            // The plan meets the demand when there is room, and never plans more than asked.
            assertThat(total).isLessThanOrEqualTo(Math.max(desired, 0));
            if (total < desired)
            {
                for (int offer = 0; offer < model.offers(); offer++)
                {
                    if (!view.unavailable[offer])
                    {
                        // an available offer left short: its region is planned up to its quota
                        assertThat(regionPlanned[model.offerRegion[offer]])
                            .isEqualTo(model.regionQuota[model.offerRegion[offer]]);
                    }
                }
            }
        }
    }

    @Test
    void shouldChooseCheapestAvailablePerReplicaHourWhenOneLaunchIsAsked()
    {
        final CloudModel model = sharedQuotaModel();
        final FakeView view = new FakeView(model);
        final PlacementPolicy lp = newPlacement(model);
        assertThat(lp.chooseOffer(view)).isEqualTo(1);
        view.unavailable[1] = true;
        assertThat(lp.chooseOffer(view)).isEqualTo(2);
        view.regionRunning[1] = 100;
        assertThat(lp.chooseOffer(view)).isZero();
        view.unavailable[0] = true;
        assertThat(lp.chooseOffer(view)).isEqualTo(-1);
    }
}
