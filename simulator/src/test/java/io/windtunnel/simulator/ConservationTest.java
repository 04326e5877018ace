package io.windtunnel.simulator;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.CheapestPricePlacement;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.DrainOnNoticeFailover;
import io.windtunnel.simulator.policy.ReplaceOnFailureFailover;
import io.windtunnel.simulator.policy.RoundRobinBalancer;
import io.windtunnel.simulator.policy.TargetUtilizationAutoscaler;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ConservationTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    /**
     * Two providers, spot and on-demand, random preemptions, failures, an outage and a capacity drop (evictions),
     * timeouts and queue limits.
     */
    static CloudModel faultyModel(final long seed)
    {
        return faultyBuilder(seed).build();
    }

    /** @return the builder of {@link #faultyModel}, for a variant with more sections. */
    static CloudModel.Builder faultyBuilder(final long seed)
    {
        final RandomStream random = new RandomStream(seed);
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 2 * MINUTE, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int gcp = b.provider("gcp", 30 * SECOND, new BillingRule(SECOND, MINUTE, BillingRule.Refund.PARTIAL_UNIT));
        final int east = b.region(aws, "us-east-1", 40);
        final int west = b.region(aws, "eu-west-1", 40);
        final int central = b.region(gcp, "us-central1", 40);
        final int m5 = b.instanceType(aws, "m5.large", 2, 1.0, 30 * SECOND);
        final int n2 = b.instanceType(gcp, "n2-standard-2", 2, 1.2, 20 * SECOND);
        b.offer(east, m5, CloudModel.SPOT, new PriceSeries(new long[] {0, 20 * MINUTE}, new double[] {0.03, 0.05}));
        b.offer(east, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.096));
        b.offer(west, m5, CloudModel.SPOT, PriceSeries.constant(0.035));
        b.offer(central, n2, CloudModel.SPOT, PriceSeries.constant(0.04));
        b.offer(central, n2, CloudModel.ON_DEMAND, PriceSeries.constant(0.097));
        final int c1 = b.client("us", new LoadSeries(new long[] {0, 10 * MINUTE, 30 * MINUTE},
            new double[] {200, 600, 100}, 60 * MINUTE));
        final int c2 = b.client("eu", LoadSeries.constant(150));
        b.rtt(c1, east, 10_000_000L).rtt(c1, west, 80_000_000L).rtt(c1, central, 30_000_000L);
        b.rtt(c2, east, 80_000_000L).rtt(c2, west, 10_000_000L).rtt(c2, central, 100_000_000L);
        b.jitterNs(2_000_000L);
        for (int i = 0; i < 40; i++)
        {
            final long t = (long)(random.nextDouble() * 60 * MINUTE);
            final int kind = random.nextInt(3);
            if (kind == 0)
            {
                b.fault(t, FaultKind.PREEMPT.code(), random.nextInt(2), -1, -1, 1 + random.nextInt(3));
            }
            else if (kind == 1)
            {
                b.fault(t, FaultKind.INSTANCE_FAILURE.code(), random.nextInt(2), -1, -1, 1);
            }
            else
            {
                b.fault(t, FaultKind.PREEMPT_FRACTION.code(), aws, east, m5, 0.5);
            }
        }
        b.fault(25 * MINUTE, FaultKind.OUTAGE_START.code(), aws, east, -1, 0);
        b.fault(35 * MINUTE, FaultKind.OUTAGE_END.code(), aws, east, -1, 0);
        b.fault(40 * MINUTE, FaultKind.UNAVAILABLE.code(), gcp, central, n2, 0);
        // Spot capacity of m5.large drops to one per offer: the excess is evicted with notice.
        b.fault(45 * MINUTE, FaultKind.CAPACITY.code(), aws, -1, m5, 1);
        b.service(CloudModel.LOGNORMAL, 15_000_000, 1.5);
        b.requests(20, 300_000_000L, 1);
        b.slo(250_000_000L, 2);
        b.times(60 * MINUTE, 5 * MINUTE, MINUTE, MINUTE);
        return b;
    }

    static PolicyStack spotStack()
    {
        return new PolicyStack("spot", Map.of(),
            () -> new TargetUtilizationAutoscaler(0.6, 2, 60, 6),
            () -> new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true, true}),
            RoundRobinBalancer::new,
            () -> new DrainOnNoticeFailover(1));
    }

    @RepeatedTest(8)
    void shouldCountEveryRequestOnceWhenReplicasArePreemptedAndFail(final RepetitionInfo info)
    {
        final long seed = 1000 + info.getCurrentRepetition();
        final Simulation simulation = Fixtures.run(faultyModel(seed), spotStack(), seed);

        assertThat(simulation.conservationHolds()).isTrue();
        assertThat(simulation.arrivals()).isEqualTo(simulation.completed() + simulation.timedOut() +
            simulation.rejected() + simulation.failed() + simulation.inFlight());
        assertThat(simulation.preemptions()).isPositive();
        assertThat(simulation.failures()).isPositive();
        assertThat(simulation.retries()).isPositive();
        assertThat(simulation.completed()).isGreaterThan(simulation.arrivals() / 2);
        assertThat(simulation.totalCostUsd()).isPositive();
    }

    @Test
    void shouldFailLostRequestsWhenFailoverAllowsNoRetry()
    {
        final PolicyStack noRetry = new PolicyStack("no-retry", Map.of(),
            () -> new TargetUtilizationAutoscaler(0.9, 2, 60, 6),
            () -> new CheapestPricePlacement(new boolean[] {false, true}, new boolean[] {true, true}),
            RoundRobinBalancer::new,
            () -> new ReplaceOnFailureFailover(0));
        final Simulation simulation = Fixtures.run(faultyModel(7), noRetry, 7);

        assertThat(simulation.conservationHolds()).isTrue();
        assertThat(simulation.failed()).isPositive();
    }
}
