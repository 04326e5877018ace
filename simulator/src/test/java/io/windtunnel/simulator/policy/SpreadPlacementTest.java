package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SpreadPlacementTest extends PlacementContractTest
{
    private static final boolean[] ALL = {true, true};

    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new SpreadPlacement(ALL, ALL, SpreadPlacement.REGION, 3);
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        // Spot only, on the first provider (aws) only.
        final boolean[] markets = new boolean[2];
        markets[CloudModel.SPOT] = true;
        return new SpreadPlacement(markets, new boolean[] {true, false}, SpreadPlacement.ZONE, 2);
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.SPOT && model.typeProvider[model.offerType[offer]] == 0;
    }

    /**
     * Offers, cheapest first: 0 aws r0 zone a (0.01 $/h), 1 aws r0 zone b (0.02), 2 aws r1 without zones (0.03),
     * 3 gcp r2 (0.04, but 2 workers: 0.02 per worker), all spot, speed 1.
     */
    private static CloudModel zonedModel()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int gcp = b.provider("gcp", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r0 = b.region(aws, "r0", 100);
        final int r1 = b.region(aws, "r1", 100);
        final int r2 = b.region(gcp, "r2", 100);
        final int a = b.zone(r0, "a");
        final int z = b.zone(r0, "b");
        final int small = b.instanceType(aws, "small", 1, 1.0, 0);
        final int big = b.instanceType(gcp, "big", 2, 1.0, 0);
        b.offerInZone(a, small, CloudModel.SPOT, PriceSeries.constant(0.01));
        b.offerInZone(z, small, CloudModel.SPOT, PriceSeries.constant(0.02));
        b.offer(r1, small, CloudModel.SPOT, PriceSeries.constant(0.03));
        b.offer(r2, big, CloudModel.SPOT, PriceSeries.constant(0.041));
        final int client = b.client("c", LoadSeries.constant(1));
        b.rtt(client, r0, 1_000_000).rtt(client, r1, 1_000_000).rtt(client, r2, 1_000_000);
        return b.build();
    }

    @Test
    void shouldFillCheapestGroupUpToKThenNextWhenLevelIsZone()
    {
        final CloudModel model = zonedModel();
        final FakeView view = new FakeView(model);
        final PlacementPolicy spread = new SpreadPlacement(ALL, ALL, SpreadPlacement.ZONE, 1);
        assertThat(spread.chooseOffer(view)).isZero();
        view.offerActive[0] = 1;
        assertThat(spread.chooseOffer(view)).isEqualTo(1);
        view.offerActive[1] = 1;
        // r1 has no zones: it is one group of its own; gcp's 0.041 for 2 workers is 0.0205 per worker, below 0.03
        assertThat(spread.chooseOffer(view)).isEqualTo(3);
        view.offerActive[3] = 1;
        assertThat(spread.chooseOffer(view)).isEqualTo(2);
        view.offerActive[2] = 1;
        // every group is full: refuse
        assertThat(spread.chooseOffer(view)).isEqualTo(-1);
    }

    @Test
    void shouldCountWholeRegionOrProviderWhenLevelIsCoarser()
    {
        final CloudModel model = zonedModel();
        final FakeView view = new FakeView(model);
        view.offerActive[0] = 1;
        view.offerActive[1] = 1;
        // r0's two zones hold 2: full at k = 2 per region, not at k = 3
        assertThat(new SpreadPlacement(ALL, ALL, SpreadPlacement.REGION, 2).chooseOffer(view)).isEqualTo(3);
        assertThat(new SpreadPlacement(ALL, ALL, SpreadPlacement.REGION, 3).chooseOffer(view)).isZero();
        // aws holds 2 (+1 in r1 = 3): full at k = 3 per provider, so gcp
        view.offerActive[2] = 1;
        assertThat(new SpreadPlacement(ALL, ALL, SpreadPlacement.PROVIDER, 3).chooseOffer(view)).isEqualTo(3);
        assertThat(new SpreadPlacement(ALL, ALL, SpreadPlacement.PROVIDER, 4).chooseOffer(view)).isZero();
        // an unavailable offer is skipped even with room
        view.unavailable[0] = true;
        assertThat(new SpreadPlacement(ALL, ALL, SpreadPlacement.PROVIDER, 4).chooseOffer(view)).isEqualTo(1);
    }

    @Test
    void shouldRefuseLaunchesBeyondKPerRegionAndRecordWhyWhenFleetAsksForMore()
    {
        final CloudModel model = ContractRuns.model();
        final PolicyStack stack = new PolicyStack("spread", Map.of(), () -> new FixedAutoscaler(10),
            () -> new SpreadPlacement(ALL, ALL, SpreadPlacement.REGION, 2), RoundRobinBalancer::new,
            () -> new DrainOnNoticeFailover(1));
        final Simulation simulation = new Simulation(new Engine(1024), model, stack, new RandomStreams(3));
        final BoundedDecisionLog log = new BoundedDecisionLog(100, 1000, 4000);
        simulation.recordDecisions(log);
        simulation.runUntil(1_000_000_000L);

        // three regions, two each: six of the ten asked for, the rest refused
        assertThat(simulation.activeReplicas()).isEqualTo(6);
        assertThat(simulation.launchesRefused()).isPositive();
        final int[] perRegion = new int[model.regionNames.length];
        for (int offer = 0; offer < model.offers(); offer++)
        {
            perRegion[model.offerRegion[offer]] += simulation.offerActiveReplicas(offer);
        }
        assertThat(perRegion).containsOnly(2);
        int launched = 0;
        int refused = 0;
        for (int decision = 0; decision < log.size(); decision++)
        {
            assertThat(log.policy(decision)).isEqualTo("spread");
            if (log.chosen(decision) >= 0)
            {
                assertThat(log.rule(decision)).isEqualTo("cheapest per worker-speed with room in its group");
                launched++;
            }
            else
            {
                assertThat(log.rule(decision)).isEqualTo("every group with an available offer is full");
                refused++;
                for (int option = 0; option < log.optionCount(decision); option++)
                {
                    assertThat(log.score(decision, option, "groupActiveReplicas")).isEqualTo(2);
                }
            }
        }
        // every launch (replacements of replicas the world takes at the start too) went through a recorded choice
        assertThat(launched).isEqualTo(simulation.launches()).isGreaterThanOrEqualTo(6);
        assertThat(refused).isEqualTo(simulation.launchesRefused()).isPositive();
    }
}
