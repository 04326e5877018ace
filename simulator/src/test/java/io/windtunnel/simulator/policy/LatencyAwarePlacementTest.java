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
import static org.assertj.core.api.Assertions.within;

class LatencyAwarePlacementTest extends PlacementContractTest
{
    private static final boolean[] ALL = {true, true};
    private static final long MS = 1_000_000L;
    private static final long MINUTE = 60_000 * MS;

    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new LatencyAwarePlacement(ALL, ALL, 100 * MS);
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        // On-demand only, on the second provider (gcp) only.
        final boolean[] markets = new boolean[2];
        markets[CloudModel.ON_DEMAND] = true;
        return new LatencyAwarePlacement(markets, new boolean[] {false, true}, 100 * MS);
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.ON_DEMAND && model.typeProvider[model.offerType[offer]] == 1;
    }

    /**
     * Regions us (offer 0, 0.05 $/h), eu (offer 1, 0.10) and ap (offer 2, 0.01, far from everyone); clients
     * us-clients and eu-clients, 10 ms from their own region, 80 ms from the other, 200 ms from ap.
     */
    private static CloudModel model(final LoadSeries usLoad, final LoadSeries euLoad)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int provider = b.provider("cloud", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int us = b.region(provider, "us", 100);
        final int eu = b.region(provider, "eu", 100);
        final int ap = b.region(provider, "ap", 100);
        final int type = b.instanceType(provider, "t", 1, 1.0, 0);
        b.offer(us, type, CloudModel.ON_DEMAND, PriceSeries.constant(0.05));
        b.offer(eu, type, CloudModel.ON_DEMAND, PriceSeries.constant(0.10));
        b.offer(ap, type, CloudModel.ON_DEMAND, PriceSeries.constant(0.01));
        final int usClients = b.client("us-clients", usLoad);
        final int euClients = b.client("eu-clients", euLoad);
        b.rtt(usClients, us, 10 * MS).rtt(usClients, eu, 80 * MS).rtt(usClients, ap, 200 * MS);
        b.rtt(euClients, us, 80 * MS).rtt(euClients, eu, 10 * MS).rtt(euClients, ap, 200 * MS);
        b.service(CloudModel.EXPONENTIAL, 100 * MS, 1.0);
        b.times(30 * MINUTE, 0, MINUTE, MINUTE);
        return b.build();
    }

    @Test
    void shouldPickCheapestRegionWithinBudgetOfLoadWeightedRttWhenClientSharesChange()
    {
        final CloudModel model = model(LoadSeries.constant(1), LoadSeries.constant(1));
        final FakeView view = new FakeView(model);
        final LatencyAwarePlacement placement = new LatencyAwarePlacement(ALL, ALL, 50 * MS);

        view.clientRatePerSec[0] = 90;
        view.clientRatePerSec[1] = 10;
        // us: 0.9 x 10 + 0.1 x 80 = 17 ms, eu: 73 ms, ap: 200 ms; ap is cheapest but far
        assertThat(placement.chooseOffer(view)).isZero();
        assertThat(placement.weightedRttNs(0)).isCloseTo(17 * MS, within(1e-3));
        assertThat(placement.weightedRttNs(1)).isCloseTo(73 * MS, within(1e-3));

        view.clientRatePerSec[0] = 10;
        view.clientRatePerSec[1] = 90;
        assertThat(placement.chooseOffer(view)).isEqualTo(1);

        // even: 45 ms each, both within budget: the cheaper us
        view.clientRatePerSec[0] = 50;
        view.clientRatePerSec[1] = 50;
        assertThat(placement.chooseOffer(view)).isZero();
        view.unavailable[0] = true;
        assertThat(placement.chooseOffer(view)).isEqualTo(1);

        // a budget of 5 ms: nothing qualifies; the lowest weighted RTT region's cheapest offer
        view.unavailable[0] = false;
        view.clientRatePerSec[0] = 10;
        view.clientRatePerSec[1] = 90;
        assertThat(new LatencyAwarePlacement(ALL, ALL, 5 * MS).chooseOffer(view)).isEqualTo(1);
        // a budget of an hour: the cheapest anywhere
        assertThat(new LatencyAwarePlacement(ALL, ALL, 3_600_000 * MS).chooseOffer(view)).isEqualTo(2);
    }

    @Test
    void shouldWeighByLoadTracesBeforeAnyIntervalIsObservedWhenRatesAreZero()
    {
        final CloudModel model = model(LoadSeries.constant(3), LoadSeries.constant(1));
        final FakeView view = new FakeView(model);
        final LatencyAwarePlacement placement = new LatencyAwarePlacement(ALL, ALL, 50 * MS);
        // no observed rates: the traces' 3 : 1 gives us 0.75 x 10 + 0.25 x 80 = 27.5 ms, eu 62.5 ms
        assertThat(placement.chooseOffer(view)).isZero();
        assertThat(placement.weightedRttNs(0)).isCloseTo(27.5 * MS, within(1e-3));
        assertThat(placement.weightedRttNs(1)).isCloseTo(62.5 * MS, within(1e-3));

        // clients without rates (arrival logs would be): equal shares, 45 ms each
        final CloudModel idle = model(LoadSeries.constant(0), LoadSeries.constant(0));
        final LatencyAwarePlacement even = new LatencyAwarePlacement(ALL, ALL, 50 * MS);
        assertThat(even.chooseOffer(new FakeView(idle))).isZero();
        assertThat(even.weightedRttNs(1)).isCloseTo(45 * MS, within(1e-3));
    }

    @Test
    void shouldMovePlacementToTheOtherRegionWhenLoadShiftsBetweenClients()
    {
        // us-clients send 10/s throughout; eu-clients 1/s, then 40/s from minute 10: the new replicas go to eu
        final long end = 30 * MINUTE;
        final CloudModel model = model(LoadSeries.constant(10),
            new LoadSeries(new long[] {0, 10 * MINUTE}, new double[] {1, 40}, end));
        final PolicyStack stack = new PolicyStack("latency", Map.of(),
            () -> new TargetUtilizationAutoscaler(0.6, 1, 100, 2),
            () -> new LatencyAwarePlacement(ALL, ALL, 50 * MS), RoundRobinBalancer::new,
            () -> new DrainOnNoticeFailover(1));
        final Simulation simulation = new Simulation(new Engine(4096), model, stack, new RandomStreams(5));
        final BoundedDecisionLog log = new BoundedDecisionLog(1000, 10_000, 20_000);
        simulation.recordDecisions(log);
        simulation.run();

        int before = 0;
        int after = 0;
        for (int replica = 0; replica < simulation.replicaCount(); replica++)
        {
            final int region = model.offerRegion[simulation.replicaOffer(replica)];
            if (simulation.replicaLaunchNs(replica) < 10 * MINUTE)
            {
                assertThat(model.regionNames[region]).as("replica %d", replica).isEqualTo("us");
                before++;
            }
            else if (simulation.replicaLaunchNs(replica) >= 11 * MINUTE)
            {
                assertThat(model.regionNames[region]).as("replica %d", replica).isEqualTo("eu");
                after++;
            }
        }
        assertThat(before).isPositive();
        assertThat(after).isPositive();
        assertThat(log.policy(0)).isEqualTo("latency-aware");
        assertThat(log.rule(0)).isEqualTo("cheapest per worker-speed within the RTT budget");
        // the first decision weighs by the traces (10 : 1): us at (10 x 10 + 80) / 11 ms
        assertThat(log.score(0, 0, "weightedRttMs")).isCloseTo(180.0 / 11, within(1e-9));
    }
}
