package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TimeoutTest
{
    private static final long MS = 1_000_000L;

    /** One worker, work of exactly 500 ms, one request every 10 s on average: no queueing. */
    private static Simulation run(final long timeoutNs, final int retries)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("c", LoadSeries.constant(0.1));
        b.service(CloudModel.DETERMINISTIC, 500 * MS, 0);
        b.requests(10, timeoutNs, retries);
        b.times(3_600_000 * MS, 0, 60_000 * MS, 60_000 * MS);
        final Simulation simulation = new Simulation(new Engine(64), b.build(), Fixtures.fixed(2, 1),
            new RandomStreams(3));
        simulation.run();
        return simulation;
    }

    @Test
    void shouldTimeOutEveryRequestAfterItsRetriesWhenServiceIsSlowerThanTimeout()
    {
        final Simulation simulation = run(300 * MS, 1);

        assertThat(simulation.arrivals()).isGreaterThan(300);
        assertThat(simulation.completed()).as("latencies " + simulation.latency().total().getMinValue() + ".." + simulation.latency().total().getMaxValue() + " arrivals " + simulation.arrivals() + " timedOut " + simulation.timedOut() + " retries " + simulation.retries()).isZero();
        assertThat(simulation.timedOut() + simulation.inFlight()).isEqualTo(simulation.arrivals());
        assertThat(simulation.retries()).isBetween(simulation.timedOut(), simulation.arrivals());
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldCompleteEveryRequestAtItsServiceTimeWhenTimeoutIsLonger()
    {
        final Simulation simulation = run(600 * MS, 1);

        assertThat(simulation.timedOut()).isLessThan(simulation.arrivals() / 20);
        assertThat(simulation.completed()).isGreaterThan(simulation.arrivals() * 9 / 10);
        // Rare queueing behind another request can add a little; the timeout caps the rest.
        assertThat(simulation.latency().total().getMaxValue()).isBetween(499 * MS, 601 * MS);
        assertThat(simulation.latency().total().getValueAtPercentile(50)).isBetween(499 * MS, 501 * MS);
        assertThat(simulation.completed() + simulation.timedOut() + simulation.inFlight())
            .isEqualTo(simulation.arrivals());
    }
}
