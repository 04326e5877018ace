package io.windtunnel.cli;

import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.sweep.LocalSweep;
import io.windtunnel.simulator.sweep.Sweep;
import io.windtunnel.simulator.sweep.SweepBackend;
import io.windtunnel.simulator.sweep.SweepException;
import io.windtunnel.simulator.sweep.SweepProgress;
import io.windtunnel.traces.TraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.ServiceLoader;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel sweep SWEEP.yaml --out DIR}: runs a parameter sweep ({@link Sweep}) on this machine's threads
 * ({@link LocalSweep}) or, with {@code --spark MASTER}, as Spark tasks through the {@link SweepBackend} the spark
 * module registers (docs/spark.md). Exit 0 when every variant ran, 1 when some failed (their errors are in
 * {@code summary.md}), 2 for a wrong sweep file or output folder.
 */
@Command(
    name = "sweep",
    mixinStandardHelpOptions = true,
    description = {
        "Run a parameter sweep: a base scenario with axes of values over any scenario key path (cartesian or zipped), "
            + "seeds and replications (format: docs/spark.md).",
        "Writes into DIR: results.csv (one row per variant x stack, every summary metric), histograms.jsonl (latency "
            + "histograms merged per stack and axis value), summary.md / summary.json (best stack per axis value, "
            + "sensitivity of cost and p99 to each axis; printed at the end), report.html (a metric against an axis, "
            + "one line per stack, and the summary's tables; opens from disk) and variants/ (each variant's result, "
            + "written atomically)."})
public final class SweepCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SWEEP", description = "Sweep YAML file.")
    private Path sweepFile;

    @Option(names = "--out", paramLabel = "DIR", required = true,
        description = "Output folder: new or empty (or, with --resume, one this sweep wrote before).")
    private Path out;

    @Option(names = "--threads", paramLabel = "N",
        description = "Variants in parallel (default: available processors). Results do not depend on it.")
    private Integer threads;

    @Option(names = "--resume", description = "Go on with a killed sweep in DIR: skip the variants whose results "
        + "are complete, run the rest (failed ones again).")
    private boolean resume;

    @Option(names = "--spark", paramLabel = "MASTER", description = "Run each variant as a Spark task on MASTER "
        + "(local[2], spark://host:7077, yarn, k8s://...); needs the spark module, which ./windtunnel adds.")
    private String spark;

    @Override
    public Integer call() throws IOException, TraceFormatException, InterruptedException
    {
        final int threadCount = RunCommand.threadCount(threads);
        final PrintWriter err = spec.commandLine().getErr();
        final PrintWriter stdout = spec.commandLine().getOut();
        final LocalSweep.Outcome outcome;
        try
        {
            final Sweep sweep = Sweep.read(sweepFile);
            final Bar bar = new Bar(err, System.console() != null);
            if (spark != null)
            {
                outcome = backend().run(sweep, out, spark, resume, bar);
            }
            else
            {
                outcome = LocalSweep.run(sweep, out, threadCount, resume, PolicyRegistry.standard(), bar);
            }
            bar.finish();
            stdout.printf(Locale.ROOT, "sweep %s: %d variants: %d ran, %d failed, %d skipped (complete) -> %s%n",
                sweep.name(), outcome.variants(), outcome.ran(), outcome.failed(), outcome.skipped(), out);
            stdout.println("  results.csv, histograms.jsonl, summary.md, summary.json, report.html");
            // The summary table (best stack per axis value, sensitivities): summary.md as written.
            final Path summary = out.resolve("summary.md");
            if (Files.isRegularFile(summary))
            {
                stdout.println();
                stdout.print(Files.readString(summary, StandardCharsets.UTF_8));
            }
            stdout.flush();
        }
        catch (final ScenarioException | SweepException e)
        {
            throw new UserInputException(e.getMessage());
        }
        if (outcome.failed() > 0)
        {
            err.println("windtunnel: " + outcome.failed() + " variant(s) failed; their axis values and errors are in " +
                out.resolve("summary.md") + " (--resume runs them again)");
            err.flush();
            return ExitCodes.FAILED;
        }
        return ExitCodes.OK;
    }

    private static SweepBackend backend()
    {
        for (final SweepBackend backend : ServiceLoader.load(SweepBackend.class))
        {
            if (backend.name().equals("spark"))
            {
                return backend;
            }
        }
        throw new UserInputException("--spark: the spark module is not on the class path; run through the " +
            "./windtunnel launcher (it adds spark/target/windtunnel-spark.jar and Spark's jars), or submit " +
            "io.windtunnel.spark.SparkSweep with spark-submit (docs/spark.md)");
    }

    /**
     * Variants done and ETA on stderr: redrawn in place on a terminal, else one line per tenth of the sweep.
     * Calls are serialized by the sweep.
     */
    static final class Bar implements SweepProgress
    {
        private final PrintWriter err;
        private final boolean terminal;
        private int lastTenth = -1;
        private boolean drawn;

        Bar(final PrintWriter err, final boolean terminal)
        {
            this.err = err;
            this.terminal = terminal;
        }

        @Override
        public void update(final int done, final int total, final int failed, final int skipped, final long elapsedNs)
        {
            final int tenth = total == 0 ? 10 : done * 10 / total;
            if (!terminal && tenth == lastTenth)
            {
                return;
            }
            lastTenth = tenth;
            err.print(terminal ? "\r" + line(done, total, failed, skipped, elapsedNs) :
                "sweep: " + line(done, total, failed, skipped, elapsedNs) + System.lineSeparator());
            err.flush();
            drawn = true;
        }

        static String line(final int done, final int total, final int failed, final int skipped,
            final long elapsedNs)
        {
            final int filled = total == 0 ? 30 : done * 30 / total;
            final double elapsed = elapsedNs / 1e9;
            final String eta = done == 0 ? "ETA ?" : done == total ? String.format(Locale.ROOT, "took %.0fs", elapsed) :
                String.format(Locale.ROOT, "ETA %.0fs", elapsed / done * (total - done));
            return String.format(Locale.ROOT, "[%s%s] %d/%d variants%s%s, %s", "#".repeat(filled),
                " ".repeat(30 - filled), done, total, failed > 0 ? ", " + failed + " failed" : "",
                skipped > 0 ? ", " + skipped + " skipped" : "", eta);
        }

        void finish()
        {
            if (terminal && drawn)
            {
                err.println();
                err.flush();
            }
        }
    }
}
