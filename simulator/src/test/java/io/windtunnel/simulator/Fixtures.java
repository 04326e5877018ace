package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.Autoscaler;
import io.windtunnel.simulator.policy.CheapestPricePlacement;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.DrainOnNoticeFailover;
import io.windtunnel.simulator.policy.RoundRobinBalancer;

import java.util.Map;
import java.util.function.Supplier;

/** Small models for tests. */
final class Fixtures
{
    private Fixtures()
    {
    }

    /** One replica with {@code servers} workers, Poisson arrivals, exponential service, no network delay. */
    static CloudModel mmc(final int servers, final double lambdaPerSec, final double muPerSec,
        final long durationNs, final long warmupNs)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int provider = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int region = b.region(provider, "r", Integer.MAX_VALUE);
        final int type = b.instanceType(provider, "t", servers, 1.0, 0);
        b.offer(region, type, CloudModel.ON_DEMAND, PriceSeries.constant(1.0));
        b.client("c", LoadSeries.constant(lambdaPerSec));
        b.service(CloudModel.EXPONENTIAL, 1e9 / muPerSec, 1);
        b.times(durationNs, warmupNs, durationNs, Math.max(1, durationNs / 20));
        return b.build();
    }

    static PolicyStack fixed(final int replicas, final int providers)
    {
        final boolean[] allProviders = new boolean[providers];
        java.util.Arrays.fill(allProviders, true);
        return new PolicyStack("fixed-" + replicas, Map.of(),
            () -> new FixedAutoscaler(replicas),
            () -> new CheapestPricePlacement(new boolean[] {true, true}, allProviders),
            RoundRobinBalancer::new,
            () -> new DrainOnNoticeFailover(1));
    }

    /** A stack with the given autoscaler and placement, round-robin balancing and that many retries of lost requests. */
    static PolicyStack stack(final Autoscaler autoscaler, final PlacementPolicy placement, final int retries)
    {
        final Supplier<Autoscaler> scaler = () -> autoscaler;
        final Supplier<PlacementPolicy> placer = () -> placement;
        return new PolicyStack("test", Map.of(), scaler, placer, RoundRobinBalancer::new,
            () -> new DrainOnNoticeFailover(retries));
    }

    static Simulation run(final CloudModel model, final PolicyStack stack, final long seed)
    {
        final Simulation simulation = new Simulation(new Engine(1024), model, stack, new RandomStreams(seed));
        simulation.run();
        return simulation;
    }
}
