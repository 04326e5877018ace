package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link Billing}: each replica billed once by its provider's rule (minimum, granularity, refund on preemption), and
 * the time series' cost rows adding up to the bills.
 */
class BillingTest
{
    private static final long SECOND = 1_000_000_000L;
    /** 3.6 USD/h: a tenth of a cent per second, so that billed seconds read straight off the cost. */
    private static final double PRICE_PER_HOUR_USD = 3.6;

    /**
     * One spot replica (no notice) that a fault of the given kind ends at {@code faultNs}; its replacement runs to the
     * end of a 30-minute run.
     */
    private static Simulation run(final BillingRule rule, final int faultKind, final long faultNs)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, rule);
        final int r = b.region(p, "r", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(r, t, CloudModel.SPOT, PriceSeries.constant(PRICE_PER_HOUR_USD));
        b.client("c", new ArrivalLog(new long[0], new long[0]));
        b.service(CloudModel.DETERMINISTIC, SECOND, 0);
        b.fault(faultNs, faultKind, p, r, t, 1);
        b.times(1800 * SECOND, 0, 60 * SECOND, 600 * SECOND);
        final Simulation simulation = new Simulation(new Engine(64), b.build(),
            Fixtures.stack(new FixedAutoscaler(1), view -> 0, 0), new RandomStreams(1));
        simulation.run();
        return simulation;
    }

    @Test
    void shouldBillTheMinimumWhenAReplicaEndsBeforeIt()
    {
        // 10 s used, a minute billed; the replacement from 10 s to the end: 1,790 s.
        final Simulation simulation = run(BillingRule.PER_SECOND_MINIMUM_MINUTE, FaultKind.PREEMPT.code(), 10 * SECOND);

        assertThat(simulation.launches()).isEqualTo(2);
        assertThat(simulation.offerCostUsd(0)).isCloseTo((60 + 1790) * 0.001, within(1e-9));
        assertThat(simulation.totalCostUsd()).isCloseTo((60 + 1790) * 0.001, within(1e-9));
    }

    @Test
    void shouldRefundThePartialUnitOnlyWhenTheProviderPreempts()
    {
        // Billed by the minute, a minute at least. Ended at 90 s: the preempted replica pays for 60 s (the partial
        // unit is refunded), the failed one for 120 s. The replacement: 1,710 s rounded up to 1,740.
        final BillingRule perMinute = new BillingRule(60 * SECOND, 60 * SECOND, BillingRule.Refund.PARTIAL_UNIT);

        assertThat(run(perMinute, FaultKind.PREEMPT.code(), 90 * SECOND).totalCostUsd())
            .isCloseTo((60 + 1740) * 0.001, within(1e-9));
        assertThat(run(perMinute, FaultKind.INSTANCE_FAILURE.code(), 90 * SECOND).totalCostUsd())
            .isCloseTo((120 + 1740) * 0.001, within(1e-9));
    }

    @Test
    void shouldMatchTimeSeriesCostWithBilledCostWhenRunEnds()
    {
        final Simulation simulation = Fixtures.run(ConservationTest.faultyModel(3), ConservationTest.spotStack(), 3);
        double seriesCostUsd = 0;
        for (int row = 0; row < simulation.series().rows(); row++)
        {
            seriesCostUsd += simulation.series().get(row, 12);
        }
        assertThat(seriesCostUsd).isCloseTo(simulation.totalCostUsd(), within(1e-9));
        double breakdownUsd = 0;
        for (int row = 0; row < simulation.series().rows(); row++)
        {
            for (int c = Simulation.COLUMNS.length; c < simulation.series().columns(); c++)
            {
                breakdownUsd += simulation.series().get(row, c);
            }
        }
        assertThat(Simulation.costGroups(simulation.model())).containsExactly(
            "aws/us-east-1/spot", "aws/us-east-1/on-demand", "aws/eu-west-1/spot", "gcp/us-central1/spot",
            "gcp/us-central1/on-demand");
        assertThat(breakdownUsd).isCloseTo(simulation.totalCostUsd(), within(1e-9));
    }
}
