package io.windtunnel.cli;

import io.windtunnel.simulator.report.ComparisonTable;
import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.report.RunFolder;
import io.windtunnel.simulator.report.RunFolderException;
import io.windtunnel.simulator.runner.RunResult;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.ScenarioReader;
import io.windtunnel.traces.TraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel run SCENARIO}: runs every policy stack of a scenario for its replications, prints the
 * comparison table and writes the result folder.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
        "Run every policy stack of a scenario on the same traces and random numbers, for N replications.",
        "Prints a comparison table (mean ± 95%% CI) and writes summary.json, timeseries.csv, latency.hlog and "
            + "comparison.md into a new folder."})
public final class RunCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SCENARIO", description = "Scenario YAML file.")
    private Path scenarioFile;

    @Option(names = "--out", paramLabel = "DIR",
        description = "Result folder to create (must not exist; default: results/NAME-TIMESTAMP).")
    private Path out;

    @Option(names = "--threads", paramLabel = "N",
        description = "Runs in parallel (default: available processors). Results do not depend on it.")
    private Integer threads;

    @Option(names = "--seed", paramLabel = "S", description = "Seed instead of the scenario's.")
    private Long seed;

    @Option(names = "--replications", paramLabel = "R", description = "Replications instead of the scenario's.")
    private Integer replications;

    @Override
    public Integer call() throws IOException, TraceFormatException, InterruptedException
    {
        Scenario scenario;
        try
        {
            scenario = ScenarioReader.read(scenarioFile);
        }
        catch (final ScenarioException e)
        {
            throw new UserInputException(e.getMessage());
        }
        if (seed != null)
        {
            scenario = scenario.withSeed(seed);
        }
        if (replications != null)
        {
            if (replications < 1)
            {
                throw new UserInputException("--replications must be at least 1");
            }
            scenario = scenario.withReplications(replications);
        }
        final int threadCount = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (threadCount < 1)
        {
            throw new UserInputException("--threads must be at least 1");
        }
        // Reserved before simulating: a folder that cannot be made fails now, and the runs spool their latency
        // intervals into its work folder as they go instead of keeping them in memory.
        final RunFolder folder;
        try
        {
            folder = out != null ? RunFolder.reserve(out) : RunFolder.reserveUnique(Path.of("results"),
                scenario.name() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss",
                    Locale.ROOT)));
        }
        catch (final RunFolderException e)
        {
            throw new UserInputException(e.getMessage());
        }
        try (folder)
        {
            return runInto(scenario, threadCount, folder);
        }
    }

    private int runInto(final Scenario scenario, final int threadCount, final RunFolder folder)
        throws IOException, InterruptedException
    {
        final Runner runner = new Runner();
        final Progress progress = System.console() != null ? new Progress(runner, spec.commandLine().getErr()) : null;
        final long startNs = System.nanoTime();
        final ScenarioResult result;
        if (progress != null)
        {
            progress.start();
        }
        try
        {
            result = runner.run(scenario, threadCount, folder.workDir());
        }
        finally
        {
            if (progress != null)
            {
                progress.finish();
            }
        }
        final double wallSeconds = (System.nanoTime() - startNs) / 1e9;
        final long writeStartNs = System.nanoTime();
        ResultWriter.writeInto(result, folder.workDir());
        final Path target = folder.commit();
        final double writeSeconds = (System.nanoTime() - writeStartNs) / 1e9;

        long requests = 0;
        boolean conserved = true;
        for (final RunResult run : result.runs())
        {
            requests += run.metrics().get("requests.total_arrived").longValue();
            conserved &= run.metrics().get("conservation.holds") == 1.0;
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s: %d stack(s) x %d replication(s), seed %d, %,d simulated requests in %.1f s " +
            "(%.1f M requests/s on %d thread(s))%n%n", scenario.name(), scenario.stacks().size(),
            scenario.replications(), scenario.seed(), requests, wallSeconds, requests / wallSeconds / 1e6,
            threadCount);
        stdout.print(ComparisonTable.text(result.stacks()));
        stdout.printf(Locale.ROOT, "%nwrote %s in %.1f s (summary.json, timeseries.csv, latency.hlog, comparison.md)%n",
            target, writeSeconds);
        stdout.flush();
        if (!conserved)
        {
            spec.commandLine().getErr().println(
                "windtunnel: internal error: request conservation failed in at least one run; please report it");
            return ExitCodes.INTERNAL_ERROR;
        }
        return ExitCodes.OK;
    }

    /** A progress bar with ETA on the terminal's stderr, redrawn twice a second by a daemon thread. */
    private static final class Progress extends Thread
    {
        private final Runner runner;
        private final PrintWriter err;
        private final long startNs = System.nanoTime();
        private volatile boolean done;

        Progress(final Runner runner, final PrintWriter err)
        {
            super("windtunnel-progress");
            setDaemon(true);
            this.runner = runner;
            this.err = err;
        }

        @Override
        public void run()
        {
            while (!done)
            {
                draw();
                try
                {
                    Thread.sleep(500);
                }
                catch (final InterruptedException e)
                {
                    return;
                }
            }
        }

        private void draw()
        {
            final double fraction = runner.progress();
            final int filled = (int)(fraction * 30);
            final double elapsed = (System.nanoTime() - startNs) / 1e9;
            final String eta = fraction > 0.01 ? String.format(Locale.ROOT, "ETA %4.0fs", elapsed / fraction - elapsed) :
                "ETA    ?";
            err.printf(Locale.ROOT, "\r[%s%s] %3.0f%% %s", "#".repeat(filled), " ".repeat(30 - filled),
                fraction * 100, eta);
            err.flush();
        }

        void finish() throws InterruptedException
        {
            done = true;
            interrupt();
            join();
            err.print("\r" + " ".repeat(50) + "\r");
            err.flush();
        }
    }
}
