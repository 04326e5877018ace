package io.windtunnel.cli;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.report.ComparisonTable;
import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.report.RunFolder;
import io.windtunnel.simulator.report.RunFolderException;
import io.windtunnel.simulator.runner.RunResult;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.scenario.ExplainMode;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.ScenarioReader;
import io.windtunnel.traces.TraceDurations;
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
        "Prints a comparison table (mean ± 95%% CI) and writes summary.json, timeseries.csv, latency.hlog, "
            + "comparison.md, report.html (charts; opens offline in a browser) and decisions.jsonl (why placement "
            + "decided; see --explain) into a new folder."})
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

    @Option(names = "--replications", paramLabel = "R",
        description = "Replications instead of the scenario's (1 to " + Scenario.MAX_REPLICATIONS + ").")
    private Integer replications;

    @Option(names = "--explain", paramLabel = "MODE", arity = "0..1", fallbackValue = "all",
        description = "Write every placement decision (options, scores, choice, rule) into decisions.jsonl " +
            "(MODE all, the default of the flag), the first " + ExplainMode.SAMPLE_DECISIONS_PER_RUN +
            " of each run (sample, the default without the flag) or none (off); instead of the scenario's 'explain'.")
    private String explain;

    private static final int MAX_THREADS = 4096;

    @Override
    public Integer call() throws IOException, TraceFormatException
    {
        Scenario scenario = readScenario(scenarioFile);
        if (seed != null)
        {
            scenario = scenario.withSeed(seed);
        }
        if (replications != null)
        {
            if (replications < 1 || replications > Scenario.MAX_REPLICATIONS)
            {
                throw new UserInputException("--replications: " + replications + " is out of range [1, " +
                    Scenario.MAX_REPLICATIONS + "] (the limit of the scenario key 'replications')");
            }
            scenario = scenario.withReplications(replications);
        }
        if (explain != null)
        {
            scenario = scenario.withExplain(explainMode(explain));
        }
        final int threadCount = threadCount(threads);

        final Runner runner = new Runner();
        final PrintWriter stderr = spec.commandLine().getErr();
        try (SignalGuard signals = SignalGuard.install(runner::cancel))
        {
            // The result folder is reserved before anything is simulated: a path that cannot be created fails now.
            final RunFolder folder = reserve(scenario);
            if (out != null && !folder.target().equals(out))
            {
                stderr.println("windtunnel: " + out + " is being written by another run (started at the same time, " +
                    "or killed); this run writes to " + folder.target());
                stderr.flush();
            }
            final long startNs = System.nanoTime();
            final ScenarioResult result;
            final Path written;
            final double writeSeconds;
            try (folder)
            {
                checkSpace(folder, scenario);
                final Progress progress = System.console() != null ? new Progress(runner, stderr) : null;
                try
                {
                    if (progress != null)
                    {
                        progress.start();
                    }
                    // The runs spool their latency intervals into the work folder as they go.
                    result = runner.run(scenario, threadCount, folder.workDir());
                }
                catch (final InterruptedException e)
                {
                    folder.abort();
                    return interrupted(signals, stderr, runner, scenario, folder, false);
                }
                catch (final IOException e)
                {
                    folder.abort();
                    if (signals.received() != null)
                    {
                        return interrupted(signals, stderr, runner, scenario, folder, false);
                    }
                    throw new IOException(folder.target() + ": the run's latency log could not be written while " +
                        "simulating (" + e.getMessage() + ")", e);
                }
                finally
                {
                    if (progress != null)
                    {
                        progress.finish();
                    }
                }
                // The table goes to the terminal first, so a failure to write the files does not hide the results.
                printTable(result, (System.nanoTime() - startNs) / 1e9, threadCount, scenario);
                final long writeStartNs = System.nanoTime();
                try
                {
                    pauseForTests();
                    ResultWriter.writeInto(result, folder.workDir());
                    written = folder.commit();
                    writeSeconds = (System.nanoTime() - writeStartNs) / 1e9;
                }
                catch (final IOException | InterruptedException e)
                {
                    folder.abort();
                    if (signals.received() != null)
                    {
                        return interrupted(signals, stderr, runner, scenario, folder, true);
                    }
                    if (e instanceof IOException io)
                    {
                        throw new IOException(folder.target() + ": the results could not be written (" +
                            io.getMessage() + ")", io);
                    }
                    throw new IllegalStateException(e);
                }
            }
            return report(result, folder.target(), written, writeSeconds, signals);
        }
    }

    /**
     * @param file a scenario file named on the command line.
     * @return the scenario; a mistake in it is bad input (exit 2), with the reader's file:line message.
     */
    static Scenario readScenario(final Path file) throws IOException, TraceFormatException
    {
        try
        {
            return ScenarioReader.read(file);
        }
        catch (final ScenarioException e)
        {
            throw new UserInputException(e.getMessage());
        }
    }

    /**
     * @param text the value of an {@code --explain} option.
     * @return its mode; an unknown one is bad input (exit 2), naming the option and the modes.
     */
    static ExplainMode explainMode(final String text)
    {
        final ExplainMode mode = ExplainMode.parse(text);
        if (mode == null)
        {
            throw new UserInputException("--explain: '" + text + "' is not one of " + ExplainMode.labels() +
                " (every placement decision, the first " + ExplainMode.SAMPLE_DECISIONS_PER_RUN + " of each run, " +
                "or none)");
        }
        return mode;
    }

    /**
     * @param threads the {@code --threads} option, or null.
     * @return the threads to run on: the option, checked against its range, or the available processors.
     */
    static int threadCount(final Integer threads)
    {
        final int count = threads == null ? Runtime.getRuntime().availableProcessors() : threads;
        if (count < 1 || count > MAX_THREADS)
        {
            throw new UserInputException("--threads: " + count + " is out of range [1, " + MAX_THREADS + "]");
        }
        return count;
    }

    private RunFolder reserve(final Scenario scenario)
    {
        try
        {
            return out != null ? RunFolder.reserve(out) : RunFolder.reserveUnique(Path.of("results"),
                scenario.name() + "-" + LocalDateTime.now().format(
                    DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        }
        catch (final RunFolderException e)
        {
            throw new UserInputException(e.getMessage());
        }
    }

    /** Refuses a file system that cannot hold even a lower estimate of the result files, before simulating. */
    private static void checkSpace(final RunFolder folder, final Scenario scenario) throws IOException
    {
        final long needed = estimatedResultBytes(scenario);
        final long free = folder.usableBytes();
        if (free < needed)
        {
            throw new UserInputException(folder.target() + ": the results need about " + megabytes(needed) +
                " and only " + megabytes(free) + " is free there; free some space or choose another --out");
        }
    }

    /**
     * A lower estimate of the result files' size: time-series rows of a few bytes per column, and per row one
     * compressed latency histogram per group (all requests, each client region, each provider) of about 60 bytes.
     */
    static long estimatedResultBytes(final Scenario scenario)
    {
        final CloudModel model = scenario.model();
        final long rowsPerRun = (model.durationNs + model.sampleIntervalNs - 1) / model.sampleIntervalNs;
        final long runs = (long)scenario.stacks().size() * scenario.replications();
        final long columns = Simulation.COLUMNS.length + Simulation.costGroups(model).size();
        final long groups = 1 + model.clientNames.length + model.providerNames.length;
        return runs * rowsPerRun * (columns * 2 + groups * 60);
    }

    private static String megabytes(final long bytes)
    {
        return String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }

    private static int interrupted(final SignalGuard signals, final PrintWriter stderr, final Runner runner,
        final Scenario scenario, final RunFolder folder, final boolean writing)
    {
        final String signal = signals.received() == null ? "an interrupt" : "SIG" + signals.received();
        final int runs = scenario.stacks().size() * scenario.replications();
        final String simulated = roughly(runner.progressNs()) + " of " +
            roughly(runner.totalNs()) + " simulated in all (" + scenario.stacks().size() +
            " stack(s) x " + scenario.replications() + " replication(s) x " +
            TraceDurations.format(scenario.model().durationNs) + "; " + runner.completedRuns() + " of " + runs +
            " runs complete)";
        stderr.println("windtunnel: interrupted by " + signal + (writing ? " while writing the results, after " :
            " after ") + simulated + "; no result was written (" + folder.target() + " was not created)");
        stderr.flush();
        return signals.received() == null ? SignalGuard.SIGINT_EXIT : signals.exitCode();
    }

    /** A duration in its two largest units, e.g. {@code 7h 40m}, {@code 2d 3h}, {@code 45s}. */
    static String roughly(final long ns)
    {
        final long s = ns / 1_000_000_000L;
        final long[] sizes = {86_400, 3_600, 60, 1};
        final String[] units = {"d", "h", "m", "s"};
        for (int i = 0; i < sizes.length - 1; i++)
        {
            if (s >= sizes[i])
            {
                final long rest = (s % sizes[i]) / sizes[i + 1];
                return s / sizes[i] + units[i] + (rest == 0 ? "" : " " + rest + units[i + 1]);
            }
        }
        return s + "s";
    }

    /** Test hook: {@code -Dwindtunnel.test.pauseBeforeWritingMs=N} waits before writing, so a test can signal then. */
    private static void pauseForTests() throws InterruptedException
    {
        final long pauseMs = Long.getLong("windtunnel.test.pauseBeforeWritingMs", 0);
        if (pauseMs > 0)
        {
            Thread.sleep(pauseMs);
        }
    }

    private void printTable(final ScenarioResult result, final double wallSeconds, final int threadCount,
        final Scenario scenario)
    {
        long requests = 0;
        for (final RunResult run : result.runs())
        {
            requests += run.metrics().get("requests.total_arrived").longValue();
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.printf(Locale.ROOT, "%s: %d stack(s) x %d replication(s), seed %d, %,d simulated requests in %.1f s " +
            "(%.1f M requests/s on %d thread(s))%n%n", scenario.name(), scenario.stacks().size(),
            scenario.replications(), scenario.seed(), requests, wallSeconds, requests / wallSeconds / 1e6,
            threadCount);
        stdout.print(ComparisonTable.text(result.stacks(), result.scenario().baselineStack()));
        stdout.flush();
    }

    private int report(final ScenarioResult result, final Path reserved, final Path written,
        final double writeSeconds, final SignalGuard signals)
    {
        boolean conserved = true;
        for (final RunResult run : result.runs())
        {
            conserved &= run.metrics().get("conservation.holds") == 1.0;
        }
        final PrintWriter stdout = spec.commandLine().getOut();
        final ExplainMode mode = result.scenario().explain();
        stdout.printf(Locale.ROOT,
            "%nwrote %s in %.1f s (summary.json, timeseries.csv, latency.hlog, comparison.md, report.html%s)%n",
            written, writeSeconds, mode == ExplainMode.OFF ? "" : ", " + ResultWriter.DECISIONS_FILE);
        if (mode != ExplainMode.OFF)
        {
            stdout.println(explanationsLine(result));
        }
        stdout.flush();
        if (!written.equals(reserved))
        {
            spec.commandLine().getErr().println("windtunnel: " + reserved + " was filled by something else during " +
                "the run; the results are in " + written + " instead");
        }
        if (!conserved)
        {
            spec.commandLine().getErr().println(
                "windtunnel: internal error: request conservation failed in at least one run; please report it");
            return ExitCodes.INTERNAL_ERROR;
        }
        if (signals.received() != null)
        {
            spec.commandLine().getErr().println("windtunnel: SIG" + signals.received() + " arrived after the " +
                "results were written; they are complete");
            return signals.exitCode();
        }
        return ExitCodes.OK;
    }

    /**
     * @param result a run that recorded decisions.
     * @return what {@code decisions.jsonl} holds of the decisions made, and how to get all of them.
     */
    static String explanationsLine(final ScenarioResult result)
    {
        long made = 0;
        long recorded = 0;
        for (final RunResult run : result.runs())
        {
            made += run.decisions().made();
            recorded += run.decisions().size();
        }
        if (result.scenario().explain() == ExplainMode.ALL)
        {
            return String.format(Locale.ROOT, "explanations: all %,d placement decisions in %s", recorded,
                ResultWriter.DECISIONS_FILE);
        }
        return String.format(Locale.ROOT, "explanations: a sample in %s, the first %d decisions of each run " +
            "(%,d of %,d placement decisions); --explain for all", ResultWriter.DECISIONS_FILE,
            ExplainMode.SAMPLE_DECISIONS_PER_RUN, recorded, made);
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

        void finish()
        {
            done = true;
            interrupt();
            try
            {
                join(1000);
            }
            catch (final InterruptedException e)
            {
                // a signal is stopping the command: leave the flag for the caller to see
                Thread.currentThread().interrupt();
            }
            err.print("\r" + " ".repeat(50) + "\r");
            err.flush();
        }
    }
}
