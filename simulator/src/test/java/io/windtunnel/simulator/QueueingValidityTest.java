package io.windtunnel.simulator;

import io.windtunnel.engine.demo.ErlangC;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The simulator's request path against queueing theory: one replica with c workers, Poisson arrivals and
 * exponential work is an M/M/c queue, so mean sojourn must match Erlang C within 2% and Little's law within 1%.
 * Runs are long enough for about 4 standard errors inside the tolerance (rho 0.95 needs ~40 M requests for M/M/1;
 * the request path runs it in a few seconds, so it is part of the default run).
 */
class QueueingValidityTest
{
    private static final double MU = 1000.0;

    @ParameterizedTest
    @CsvSource({"1, 0.5, 2000000", "1, 0.8, 6000000", "1, 0.95, 40000000", "8, 0.8, 4000000", "8, 0.95, 20000000"})
    void shouldMatchErlangCWhenArrivalsArePoissonAndServiceExponential(
        final int servers, final double rho, final long requests)
    {
        check(servers, rho, requests, 11);
    }

    private static void check(final int servers, final double rho, final long requests, final long seed)
    {
        final double lambda = rho * servers * MU;
        final long durationNs = (long)(requests / lambda * 1e9);
        final long warmupNs = durationNs / 20;
        final CloudModel model = Fixtures.mmc(servers, lambda, MU, durationNs, warmupNs);
        final Simulation simulation = Fixtures.run(model, Fixtures.fixed(1, 1), seed);

        final double theoryNs = ErlangC.meanSojourn(servers, lambda, MU) * 1e9;
        final double measuredLambdaPerNs0 = simulation.measuredArrivals() / (double)(durationNs - warmupNs);
        System.out.printf(java.util.Locale.ROOT, "M/M/%d rho %.2f: %d requests, mean sojourn %.5f ms vs Erlang C %.5f ms " +
            "(%+.3f%%), L %.4f vs lambda W %.4f (%+.3f%%)%n", servers, rho, simulation.measuredArrivals(),
            simulation.meanLatencyNs() / 1e6, theoryNs / 1e6, 100 * (simulation.meanLatencyNs() / theoryNs - 1),
            simulation.meanInSystem(), measuredLambdaPerNs0 * simulation.meanLatencyNs(),
            100 * (simulation.meanInSystem() / (measuredLambdaPerNs0 * simulation.meanLatencyNs()) - 1));
        assertThat(simulation.meanLatencyNs()).isCloseTo(theoryNs, within(0.02 * theoryNs));
        final double measuredLambdaPerNs = simulation.measuredArrivals() / (double)(durationNs - warmupNs);
        final double littleL = measuredLambdaPerNs * simulation.meanLatencyNs();
        assertThat(simulation.meanInSystem()).isCloseTo(littleL, within(0.01 * littleL));
        assertThat(simulation.conservationHolds()).isTrue();
        assertThat(simulation.rejected() + simulation.failed() + simulation.timedOut()).isZero();
    }
}
