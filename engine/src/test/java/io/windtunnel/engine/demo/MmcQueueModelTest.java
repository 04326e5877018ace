package io.windtunnel.engine.demo;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MmcQueueModelTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    /**
     * Request counts are chosen so that 2% is about four standard errors of the mean sojourn at each load
     * (measured over 8 seeds: the error's spread grows steeply with utilization).
     */
    @ParameterizedTest(name = "M/M/{0} at rho {1} over {2} requests")
    @CsvSource({"1, 0.5, 1000000", "1, 0.8, 4000000", "8, 0.8, 2000000", "8, 0.95, 40000000"})
    void shouldMatchErlangCAndLittlesLaw(final int servers, final double rho, final long requests)
    {
        final double mu = 1000.0;
        final double lambda = rho * servers * mu;
        final long durationNs = (long)(requests / lambda * SECOND_NS);
        final long warmupNs = durationNs / 20;
        final Engine engine = new Engine(1024);
        final MmcQueueModel model = new MmcQueueModel(
            engine, new RandomStreams(2026), servers, lambda, mu, 0, warmupNs, durationNs, durationNs / 100);
        engine.runUntil(durationNs);
        model.finish();

        final double expectedNs = ErlangC.meanSojourn(servers, lambda, mu) * 1e9;
        assertThat(model.meanSojournNs()).isCloseTo(expectedNs, org.assertj.core.api.Assertions.withinPercentage(2));

        // Little's law on the same sample path: L = lambda_measured * W.
        final double measuredLambdaPerNs = model.measuredArrivals() / (double)(durationNs - warmupNs);
        final double littleL = measuredLambdaPerNs * model.meanSojournNs();
        assertThat(model.meanInSystem(durationNs)).isCloseTo(littleL, org.assertj.core.api.Assertions.withinPercentage(1));
        assertThat(model.abandoned()).isZero();
        assertThat(model.sojourn().total().getTotalCount()).isEqualTo(model.measuredCompleted());
    }

    @Test
    void shouldBeReproducibleForOneSeed()
    {
        assertThat(runSummary(7)).isEqualTo(runSummary(7)).isNotEqualTo(runSummary(8));
    }

    @Test
    void shouldAbandonAndCancelTimeoutsWhenPatienceIsShort()
    {
        final Engine engine = new Engine(64);
        final long durationNs = 10 * SECOND_NS;
        final MmcQueueModel model = new MmcQueueModel(
            engine, new RandomStreams(1), 2, 2_200, 1_000, 2_000_000, 0, durationNs, SECOND_NS);
        engine.runUntil(durationNs);
        model.finish();
        assertThat(model.abandoned()).isPositive();
        assertThat(engine.eventsCancelled()).as("timeouts of requests that reached a server").isPositive();
        // Every arrival is completed, abandoned, waiting or in service.
        assertThat(model.completed() + model.abandoned() + model.waiting() + model.busy())
            .isEqualTo(model.arrivals());
        assertThat(model.series().rows()).isEqualTo(10);
        double completedInSeries = 0;
        for (int row = 0; row < model.series().rows(); row++)
        {
            completedInSeries += model.series().get(row, MmcQueueModel.COLUMN_COMPLETED);
        }
        assertThat((long)completedInSeries).isEqualTo(model.completed());
    }

    private static String runSummary(final long seed)
    {
        final Engine engine = new Engine(64);
        final long durationNs = SECOND_NS;
        final MmcQueueModel model = new MmcQueueModel(
            engine, new RandomStreams(seed), 4, 3_000, 1_000, 5_000_000, 0, durationNs, durationNs / 10);
        engine.runUntil(durationNs);
        model.finish();
        return model.arrivals() + "/" + model.completed() + "/" + model.abandoned() + "/" +
            Double.doubleToLongBits(model.meanSojournNs()) + "/" +
            model.sojourn().total().getValueAtPercentile(99) + "/" + engine.eventsProcessed();
    }
}
