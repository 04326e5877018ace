package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.metrics.TimeSeriesSampler;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link RunMetrics}: the time series' rows, in particular the last one when the duration is not a multiple of the
 * sample interval (it is sampled at the run's end like a full row at its sample event, not left at zero), the latency
 * intervals handed to a sink, and the time-averaged areas.
 */
class RunMetricsTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final double PRICE_PER_HOUR_USD = 0.06;

    private static int column(final String name)
    {
        return List.of(Simulation.COLUMNS).indexOf(name);
    }

    private static double rowsCostUsd(final TimeSeriesSampler series)
    {
        double costUsd = 0;
        for (int row = 0; row < series.rows(); row++)
        {
            costUsd += series.get(row, column("cost_usd"));
        }
        return costUsd;
    }

    /**
     * Three spot replicas of two workers, 50 requests/s of 20 ms; a preemption at 22 minutes whose replacement boots
     * for 10 minutes, so at the end (25 minutes) two replicas are ready and three active, unlike at any sample event.
     */
    private static Simulation run(final long durationNs)
    {
        final Simulation simulation =
            new Simulation(new Engine(1024), model(durationNs, 1), Fixtures.fixed(3, 1), new RandomStreams(3));
        simulation.run();
        return simulation;
    }

    /** The model of {@link #run}, with that many ready replicas required for availability. */
    private static CloudModel model(final long durationNs, final int requiredReady)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int region = b.region(p, "r", 100);
        final int type = b.instanceType(p, "t", 2, 1.0, 10 * MINUTE);
        b.offer(region, type, CloudModel.SPOT, PriceSeries.constant(PRICE_PER_HOUR_USD));
        b.client("c", LoadSeries.constant(50));
        b.service(CloudModel.EXPONENTIAL, 20_000_000, 1);
        b.fault(22 * MINUTE, FaultKind.PREEMPT.code(), p, region, type, 1);
        b.slo(SECOND, requiredReady);
        b.times(durationNs, 2 * MINUTE, MINUTE, 10 * MINUTE);
        return b.build();
    }

    @Test
    void shouldSampleTheLastRowAtTheEndWhenDurationIsNotAMultipleOfTheSampleInterval()
    {
        final Simulation simulation = run(25 * MINUTE);
        final TimeSeriesSampler series = simulation.series();
        assertThat(series.rows()).isEqualTo(3);
        final int last = 2;

        // Gauges as the run left them.
        assertThat(simulation.readyCount()).isEqualTo(2);
        assertThat(simulation.activeReplicas()).isEqualTo(3);
        assertThat(series.get(last, column("ready_replicas"))).isEqualTo(simulation.readyCount());
        assertThat(series.get(last, column("active_replicas"))).isEqualTo(simulation.activeReplicas());
        assertThat(series.get(last, column("spot_replicas"))).isEqualTo(3);
        // Busy / serving worker-time over the last 5 minutes: 1 busy worker on average, 6 serving for 2 minutes and
        // 4 for 3, i.e. about 1 / 4.8.
        assertThat(series.get(last, column("utilization"))).isCloseTo(1 / 4.8, within(0.03));
        // About lambda x (service + wait) requests in the system.
        assertThat(series.get(last, column("in_system"))).isBetween(0.9, 1.4);
        assertThat(series.get(last, column("latency_mean_ms"))).isBetween(18.0, 28.0);
        assertThat(series.get(last, column("latency_p50_ms"))).isPositive();

        // Cost accrued over the partial row: two replicas for 5 minutes, the preempted one for 2, its replacement for
        // 3 (billed from launch); and every row's cost adds up to the bill.
        assertThat(series.get(last, column("cost_usd"))).isCloseTo((5 + 5 + 2 + 3) * PRICE_PER_HOUR_USD / 60,
            within(1e-12));
        assertThat(rowsCostUsd(series)).isCloseTo(simulation.totalCostUsd(), within(1e-12));
    }

    @Test
    void shouldAddNoRowWhenDurationIsAMultipleOfTheSampleInterval()
    {
        final Simulation simulation = run(30 * MINUTE);
        final TimeSeriesSampler series = simulation.series();
        assertThat(series.rows()).isEqualTo(3);
        // Sampled by its sample event at 30 minutes: the replacement (ready at 32 minutes) is still booting.
        assertThat(series.get(2, column("ready_replicas"))).isEqualTo(2);
        assertThat(series.get(2, column("active_replicas"))).isEqualTo(3);
        assertThat(rowsCostUsd(series)).isCloseTo(simulation.totalCostUsd(), within(1e-12));
    }

    @Test
    void shouldHandEveryGroupOfEveryIntervalToTheSinkInGroupOrder()
    {
        // M/M/1 at rho 0.5 for 10 simulated minutes, sampled every 30 s (the warm-up is the first minute).
        final CloudModel model = Fixtures.mmc(1, 50, 100, 10 * MINUTE, MINUTE);
        final List<long[]> received = new ArrayList<>();
        final Simulation simulation = new Simulation(new Engine(1024), model, Fixtures.fixed(1, 1),
            new RandomStreams(5), (group, interval) -> received.add(new long[] {
                group, interval.getStartTimeStamp(), interval.getEndTimeStamp(), interval.getTotalCount()}));
        simulation.run();

        assertThat(Simulation.intervalGroups(model)).containsExactly("", "client/c", "provider/p");
        // One interval per sample (the warm-up's too, empty), each as total, client, provider, stamped alike (ms).
        assertThat(received).hasSize(20 * 3);
        long total = 0;
        for (int i = 0; i < 20; i++)
        {
            final long[] all = received.get(3 * i);
            assertThat(all[0]).isZero();
            assertThat(all[1]).isEqualTo(i * 30_000L);
            assertThat(all[2]).isEqualTo((i + 1) * 30_000L);
            for (int g = 1; g < 3; g++)
            {
                final long[] group = received.get(3 * i + g);
                assertThat(group[0]).isEqualTo(g);
                assertThat(group[1]).isEqualTo(all[1]);
                assertThat(group[2]).isEqualTo(all[2]);
                // One client, one provider: each holds exactly the interval's measured requests.
                assertThat(group[3]).isEqualTo(all[3]);
            }
            total += all[3];
        }
        assertThat(received.get(0)[3]).as("the warm-up records nothing").isZero();
        assertThat(total).isEqualTo(simulation.measuredCompleted());
        assertThat(simulation.latency().total().getTotalCount()).isEqualTo(total);
    }

    @Test
    void shouldCountAvailabilityOnlyWhileTheRequiredReplicasAreReady()
    {
        // One replica required: always available.
        final Simulation simulation = run(40 * MINUTE);
        assertThat(simulation.model().requiredReadyReplicas).isEqualTo(1);
        assertThat(simulation.availabilityTimeShare()).isEqualTo(1.0);

        // Three required: the preemption at 22 minutes leaves two ready until the replacement is ready at 32.
        final Simulation strict =
            new Simulation(new Engine(1024), model(40 * MINUTE, 3), Fixtures.fixed(3, 1), new RandomStreams(3));
        strict.run();
        // Measured from 2 to 40 minutes: 10 of the 38 without three ready replicas.
        assertThat(strict.availabilityTimeShare()).isCloseTo(28.0 / 38, within(1e-12));
        // About one busy worker (50/s x 20 ms) over six serving (four while the replacement boots).
        assertThat(strict.utilization()).isBetween(0.1, 0.3);
        assertThat(strict.meanInSystem()).isBetween(0.9, 1.4);
    }
}
