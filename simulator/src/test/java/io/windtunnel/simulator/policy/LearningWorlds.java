package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.traces.FaultKind;

import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** Worlds for the learning placements' behaviour tests ({@link ForecastPlacement}, {@link BanditPlacement}). */
final class LearningWorlds
{
    static final long SECOND = 1_000_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final long HOUR = 60 * MINUTE;
    /** Offers of {@link #preemptedCheapSpot}. */
    static final int EAST_SPOT = 0;
    static final int WEST_SPOT = 1;
    static final int EAST_ON_DEMAND = 2;

    private LearningWorlds()
    {
    }

    /**
     * One provider, two regions, a GPU-like type with a 5-minute boot (a model load): spot in us-east-1 at 0.50 $/h,
     * spot in us-west-2 at 0.55 $/h (10% dearer), on-demand in us-east-1 at 1.20 $/h. Every 10 minutes from minute
     * 10 all spot replicas of us-east-1 are preempted (2-minute notice); us-west-2 never is. 200 requests/s of 50 ms
     * (about 9 replicas of 2 workers at 60%), 4 hours.
     */
    static CloudModel preemptedCheapSpot()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 2 * MINUTE, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(aws, "us-east-1", 100);
        final int west = b.region(aws, "us-west-2", 100);
        final int g5 = b.instanceType(aws, "g5.xlarge", 2, 1.0, 5 * MINUTE);
        b.offer(east, g5, CloudModel.SPOT, PriceSeries.constant(0.50));
        b.offer(west, g5, CloudModel.SPOT, PriceSeries.constant(0.55));
        b.offer(east, g5, CloudModel.ON_DEMAND, PriceSeries.constant(1.20));
        final int us = b.client("us", LoadSeries.constant(200));
        b.rtt(us, east, 10_000_000L).rtt(us, west, 20_000_000L);
        b.jitterNs(1_000_000L);
        for (long t = 10 * MINUTE; t < 4 * HOUR; t += 10 * MINUTE)
        {
            b.fault(t, FaultKind.PREEMPT_FRACTION.code(), aws, east, g5, 1.0);
        }
        b.service(CloudModel.EXPONENTIAL, 50_000_000, 1);
        b.requests(50, 2 * SECOND, 1);
        b.slo(300_000_000L, 1);
        b.times(4 * HOUR, 10 * MINUTE, MINUTE, MINUTE);
        return b.build();
    }

    /**
     * Three regions of one provider with the same on-demand type (2 workers, 1-minute boot) at 0.10, 0.20 and
     * 0.30 $/h: per served request the first is clearly the best. One instance fails every 2 minutes (so that
     * placement keeps choosing); 100 requests/s of 50 ms, 2 hours.
     */
    static CloudModel threePrices()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 2 * MINUTE, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int m5 = b.instanceType(aws, "m5.large", 2, 1.0, MINUTE);
        final int us = b.client("us", LoadSeries.constant(100));
        final double[] prices = {0.10, 0.20, 0.30};
        for (int i = 0; i < prices.length; i++)
        {
            final int region = b.region(aws, "region-" + i, 100);
            b.offer(region, m5, CloudModel.ON_DEMAND, PriceSeries.constant(prices[i]));
            b.rtt(us, region, 10_000_000L);
        }
        for (long t = 2 * MINUTE; t < 2 * HOUR; t += 2 * MINUTE)
        {
            b.fault(t, FaultKind.INSTANCE_FAILURE.code(), aws, -1, -1, 1);
        }
        b.service(CloudModel.EXPONENTIAL, 50_000_000, 1);
        b.requests(50, 2 * SECOND, 1);
        b.slo(300_000_000L, 1);
        b.times(2 * HOUR, 10 * MINUTE, MINUTE, MINUTE);
        return b.build();
    }

    /**
     * @return a finished run of the world with the target-utilization autoscaler (60%), round-robin, one
     * replacement per lost replica, and the given placement.
     */
    static Simulation run(final CloudModel model, final PlacementPolicy placement, final long seed,
        final DecisionRecorder decisions)
    {
        final PolicyStack stack = new PolicyStack("learning", Map.of(),
            () -> new TargetUtilizationAutoscaler(0.6, 1, 100, 9), () -> placement, RoundRobinBalancer::new,
            () -> new DrainOnNoticeFailover(1));
        final Simulation simulation = new Simulation(new Engine(1024), model, stack, new RandomStreams(seed));
        if (decisions != null)
        {
            simulation.recordDecisions(decisions);
        }
        simulation.run();
        return simulation;
    }

    /**
     * Run the world twice with one seed and a fresh policy each time, and check that the runs are identical: every
     * replica's offer and launch time, the cost to the bit, and every recorded decision (time, policy, options,
     * choice, rule).
     *
     * @return the first run's decisions.
     */
    static BoundedDecisionLog assertRepeatable(final CloudModel model, final Supplier<PlacementPolicy> placement,
        final long seed)
    {
        final BoundedDecisionLog firstLog = new BoundedDecisionLog(100_000, 1_000_000, 10_000_000);
        final BoundedDecisionLog secondLog = new BoundedDecisionLog(100_000, 1_000_000, 10_000_000);
        final Simulation first = run(model, placement.get(), seed, firstLog);
        final Simulation second = run(model, placement.get(), seed, secondLog);

        assertThat(second.replicaCount()).isEqualTo(first.replicaCount());
        for (int replica = 0; replica < first.replicaCount(); replica++)
        {
            assertThat(second.replicaOffer(replica)).isEqualTo(first.replicaOffer(replica));
            assertThat(second.replicaLaunchNs(replica)).isEqualTo(first.replicaLaunchNs(replica));
        }
        assertThat(Double.doubleToLongBits(second.totalCostUsd()))
            .isEqualTo(Double.doubleToLongBits(first.totalCostUsd()));
        assertThat(firstLog.dropped()).isZero();
        assertThat(firstLog.size()).isPositive().isEqualTo(secondLog.size());
        for (int decision = 0; decision < firstLog.size(); decision++)
        {
            assertThat(secondLog.timeNs(decision)).isEqualTo(firstLog.timeNs(decision));
            assertThat(secondLog.policy(decision)).isEqualTo(firstLog.policy(decision));
            assertThat(secondLog.chosen(decision)).isEqualTo(firstLog.chosen(decision));
            assertThat(secondLog.rule(decision)).isEqualTo(firstLog.rule(decision));
            assertThat(secondLog.optionCount(decision)).isEqualTo(firstLog.optionCount(decision));
            for (int option = 0; option < firstLog.optionCount(decision); option++)
            {
                assertThat(secondLog.optionOffer(decision, option)).isEqualTo(firstLog.optionOffer(decision, option));
            }
        }
        return firstLog;
    }

    /**
     * @return replicas of the run launched at or after {@code fromNs} on the offer.
     */
    static int launchesOn(final Simulation simulation, final int offer, final long fromNs)
    {
        int launches = 0;
        for (int replica = 0; replica < simulation.replicaCount(); replica++)
        {
            if (simulation.replicaOffer(replica) == offer && simulation.replicaLaunchNs(replica) >= fromNs)
            {
                launches++;
            }
        }
        return launches;
    }

    /** The contract kit's restriction for the learning placements: spot only ({@link CloudModel#SPOT} set). */
    static final boolean[] SPOT_ONLY = {false, true};
    /** ... and on the kit world's second provider (gcp) only. */
    static final boolean[] SECOND_PROVIDER_ONLY = {false, true};

    /**
     * @return true if {@link #SPOT_ONLY} and {@link #SECOND_PROVIDER_ONLY} allow the offer.
     */
    static boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.SPOT && model.typeProvider[model.offerType[offer]] == 1;
    }

    /** @return a mask of {@code n} trues. */
    static boolean[] all(final int n)
    {
        final boolean[] mask = new boolean[n];
        java.util.Arrays.fill(mask, true);
        return mask;
    }
}
