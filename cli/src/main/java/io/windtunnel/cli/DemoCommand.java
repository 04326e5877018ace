package io.windtunnel.cli;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.demo.ErlangC;
import io.windtunnel.engine.demo.MmcQueueModel;
import io.windtunnel.engine.random.RandomStreams;
import org.HdrHistogram.Histogram;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel demo}: runs an M/M/c queue on the engine and prints its speed and its results next to the
 * Erlang C prediction.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
        "Run an M/M/c queue on the event engine and compare it with Erlang C.",
        "Prints engine speed (events/s, simulated requests/s) and mean and p99 sojourn time, simulated vs theory."})
public final class DemoCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Option(names = "--servers", defaultValue = "8", description = "Servers c (default: ${DEFAULT-VALUE}).")
    private int servers;

    @Option(names = "--utilization", defaultValue = "0.8",
        description = "Utilization rho = lambda / (c mu), below 1 (default: ${DEFAULT-VALUE}).")
    private double utilization;

    @Option(names = "--service-ms", defaultValue = "1.0",
        description = "Mean service time in milliseconds (default: ${DEFAULT-VALUE}).")
    private double serviceMs;

    @Option(names = "--requests", defaultValue = "5000000",
        description = "Requests to simulate, about (default: ${DEFAULT-VALUE}).")
    private long requests;

    @Option(names = "--seed", defaultValue = "1", description = "Random seed (default: ${DEFAULT-VALUE}).")
    private long seed;

    @Override
    public Integer call()
    {
        if (servers < 1 || !(utilization > 0 && utilization < 1) || !(serviceMs > 0) || requests < 1000)
        {
            throw new UserInputException(
                "demo needs --servers >= 1, 0 < --utilization < 1, --service-ms > 0 and --requests >= 1000");
        }
        final double mu = 1000.0 / serviceMs;
        final double lambda = utilization * servers * mu;
        final long durationNs = (long)(requests / lambda * 1e9);
        final long warmupNs = durationNs / 10;

        final Engine engine = new Engine(1024);
        final MmcQueueModel model = new MmcQueueModel(
            engine, new RandomStreams(seed), servers, lambda, mu, 0, warmupNs, durationNs, Math.max(1, durationNs / 100));
        final long startNs = System.nanoTime();
        engine.runUntil(durationNs);
        final double wallSeconds = (System.nanoTime() - startNs) / 1e9;
        model.finish();

        final Histogram sojourn = model.sojourn().total();
        final double meanMs = model.meanSojournNs() / 1e6;
        final double p99Ms = sojourn.getValueAtPercentile(99.0) / 1e6;
        final double theoryMeanMs = ErlangC.meanSojourn(servers, lambda, mu) * 1e3;
        final double theoryP99Ms = ErlangC.sojournQuantile(servers, lambda, mu, 0.99) * 1e3;
        final double measuredLambda = model.measuredArrivals() / ((durationNs - warmupNs) / 1e9);
        final double littleL = measuredLambda * model.meanSojournNs() / 1e9;

        final PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "M/M/%d queue, utilization %.2f, mean service %.3f ms, seed %d%n",
            servers, utilization, serviceMs, seed);
        out.printf(Locale.ROOT, "simulated %.1f s: %,d requests (%,d after warm-up), %,d events%n",
            durationNs / 1e9, model.arrivals(), model.measuredArrivals(), engine.eventsProcessed());
        out.printf(Locale.ROOT, "engine speed: %.1f M events/s, %.1f M simulated requests/s (wall %.2f s)%n",
            engine.eventsProcessed() / wallSeconds / 1e6, model.arrivals() / wallSeconds / 1e6, wallSeconds);
        out.println();
        out.printf(Locale.ROOT, "%-22s %12s %12s %9s%n", "", "simulated", "Erlang C", "error");
        row(out, "mean sojourn (ms)", meanMs, theoryMeanMs);
        row(out, "p99 sojourn (ms)", p99Ms, theoryP99Ms);
        row(out, "P(wait)", model.waitedShare(), ErlangC.probabilityOfWait(servers, lambda, mu));
        row(out, "mean in system (L)", model.meanInSystem(durationNs), ErlangC.meanInSystem(servers, lambda, mu));
        out.printf(Locale.ROOT, "Little's law: L = %.4f, lambda * W = %.4f%n", model.meanInSystem(durationNs), littleL);
        out.flush();
        return ExitCodes.OK;
    }

    private static void row(final PrintWriter out, final String label, final double simulated, final double theory)
    {
        out.printf(Locale.ROOT, "%-22s %12.4f %12.4f %+8.2f%%%n",
            label, simulated, theory, 100.0 * (simulated / theory - 1.0));
    }
}
