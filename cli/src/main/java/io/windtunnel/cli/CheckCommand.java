package io.windtunnel.cli;

import io.windtunnel.cli.check.Baseline;
import io.windtunnel.cli.check.CheckReport;
import io.windtunnel.cli.check.Finding;
import io.windtunnel.cli.check.Gate;
import io.windtunnel.cli.check.GatedMetric;
import io.windtunnel.cli.check.Tolerance;
import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.report.RunFolder;
import io.windtunnel.simulator.report.RunFolderException;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.scenario.Scenario;
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
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel check SCENARIO... --baseline FILE}: runs scenarios and holds every stack's cost, latency,
 * SLO, availability and lost-request metrics to a baseline, for CI. Exit 0 when all hold, 1 on a regression, 2 on a
 * usage or input error.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
        "Run scenarios and compare each stack's metrics with a baseline, for CI: exit 0 when all hold, 1 on a " +
            "regression, 2 on a usage or input error.",
        "Gated metrics (worse when higher, except availability): %n  " + "cost.total_usd, " +
            "cost.usd_per_million_requests, latency.p50_ms, latency.p99_ms, latency.p999_ms, slo.violation_share, " +
            "availability.time_share, availability.request_share, requests.failed, requests.timed_out, " +
            "requests.rejected.",
        "A fixed seed and common random numbers make a rerun exact, so a tolerance says how much intended change " +
            "is acceptable, not how much noise: the default is 1%% of the baseline's value, in the worse direction."},
    footer = {"", "Examples:",
        "  windtunnel check scenarios/quickstart.yaml --baseline scenarios/baselines/bundled.json",
        "  windtunnel check s.yaml --baseline b.json --tolerance 2% --tolerance latency.p99_ms=5% --junit check.xml",
        "  windtunnel check s.yaml --baseline b.json --update-baseline"})
public final class CheckCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "SCENARIO", description = "Scenario YAML files.")
    private List<Path> scenarioFiles;

    @Option(names = "--baseline", paramLabel = "FILE", required = true,
        description = "Baseline JSON (written by --update-baseline).")
    private Path baselineFile;

    @Option(names = "--tolerance", paramLabel = "[METRIC=]TOL",
        description = "N% (share of the baseline), N (amount in the metric's unit), 'ci' (combined 95%% " +
            "confidence intervals, for runs on other random numbers) or 'exact'; for all metrics, or for one with " +
            "METRIC=. Repeatable. Default: 1%%.")
    private List<String> toleranceOptions = new ArrayList<>();

    @Option(names = "--strict", description = "Also fail when a metric improves beyond its tolerance (the baseline " +
        "no longer describes the code: refresh it in the same change).")
    private boolean strict;

    @Option(names = "--update-baseline", description = "Run the scenarios and write their entries into the " +
        "baseline (other scenarios in the file are kept) instead of checking.")
    private boolean update;

    @Option(names = "--junit", paramLabel = "FILE", description = "Write a JUnit XML report (one test case per " +
        "stack and metric).")
    private Path junitFile;

    @Option(names = "--markdown", paramLabel = "FILE", description = "Write a Markdown summary for a pull-request " +
        "comment.")
    private Path markdownFile;

    @Option(names = "--out", paramLabel = "DIR", description = "Also write each scenario's result folder as " +
        "DIR/NAME (must not exist), as 'run' does.")
    private Path outDir;

    @Option(names = "--threads", paramLabel = "N",
        description = "Runs in parallel (default: available processors). Results do not depend on it.")
    private Integer threads;

    @Option(names = "--explain", paramLabel = "MODE", arity = "0..1", fallbackValue = "all",
        description = "With --out: which placement decisions each result folder's decisions.jsonl explains, as " +
            "'run --explain' (all, sample, off; the flag alone: all).")
    private String explain;

    @Override
    public Integer call() throws IOException, TraceFormatException
    {
        if (explain != null && outDir == null)
        {
            throw new UserInputException("--explain: decisions.jsonl goes into the result folders that --out " +
                "writes; give --out DIR as well");
        }
        final Gate gate = gate();
        final int threadCount = RunCommand.threadCount(threads);
        final Map<String, Scenario> scenarios = readScenarios();
        Baseline baseline = readBaseline();
        // Everything that can be refused is refused before the first run.
        final Map<String, List<String>> notes = new LinkedHashMap<>();
        for (final Scenario scenario : scenarios.values())
        {
            notes.put(scenario.name(), update ? List.of() : compatible(scenario, baseline));
        }
        final Map<String, RunFolder> folders = reserveFolders(scenarios);

        final PrintWriter out = spec.commandLine().getOut();
        final List<CheckReport.ScenarioCheck> checks = new ArrayList<>();
        final Runner runner = new Runner();
        try (SignalGuard signals = SignalGuard.install(runner::cancel))
        {
            for (final Scenario scenario : scenarios.values())
            {
                final long startNs = System.nanoTime();
                final RunFolder folder = folders.get(scenario.name());
                final ScenarioResult result;
                try
                {
                    result = folder == null ? runner.run(scenario, threadCount) :
                        runner.run(scenario, threadCount, folder.workDir());
                }
                catch (final InterruptedException e)
                {
                    return interrupted(signals, scenario, folders);
                }
                final double seconds = (System.nanoTime() - startNs) / 1e9;
                Path report = null;
                if (folder != null)
                {
                    ResultWriter.writeInto(result, folder.workDir());
                    report = folder.commit().resolve("report.html");
                }
                if (update)
                {
                    baseline = baseline.with(scenario.name(), Baseline.entryOf(result));
                    out.printf("%s: %d stack(s), %d replication(s), seed %d, in %.1f s%n", scenario.name(),
                        scenario.stacks().size(), scenario.replications(), scenario.seed(), seconds);
                }
                else
                {
                    final List<Finding> findings;
                    try
                    {
                        findings = gate.evaluate(result, baseline.scenarios().get(scenario.name()));
                    }
                    catch (final IllegalArgumentException e)
                    {
                        throw new UserInputException(e.getMessage());
                    }
                    checks.add(new CheckReport.ScenarioCheck(scenario.name(), seconds, notes.get(scenario.name()),
                        findings, report));
                }
                out.flush();
            }
        }
        finally
        {
            for (final RunFolder folder : folders.values())
            {
                folder.close();
            }
        }
        if (update)
        {
            writeAtomically(baselineFile, baseline.text());
            out.println("wrote baseline " + baselineFile + " (" + String.join(", ", scenarios.keySet()) + ")");
            return ExitCodes.OK;
        }
        final CheckReport report = new CheckReport(checks, strict);
        if (junitFile != null)
        {
            writeAtomically(junitFile, report.junitXml());
        }
        if (markdownFile != null)
        {
            writeAtomically(markdownFile, report.markdown());
        }
        out.print(report.text());
        out.flush();
        return report.failures().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private Gate gate()
    {
        Tolerance all = Tolerance.DEFAULT;
        final Map<GatedMetric, Tolerance> perMetric = new EnumMap<>(GatedMetric.class);
        for (final String option : toleranceOptions)
        {
            final int equals = option.indexOf('=');
            try
            {
                if (equals < 0)
                {
                    all = Tolerance.parse(option);
                    continue;
                }
                final String key = option.substring(0, equals).trim();
                final GatedMetric metric = GatedMetric.ofKey(key);
                if (metric == null)
                {
                    throw new UserInputException("--tolerance " + option + ": '" + key + "' is not a gated metric " +
                        "(one of " + GatedMetric.keys() + ")");
                }
                perMetric.put(metric, Tolerance.parse(option.substring(equals + 1)));
            }
            catch (final IllegalArgumentException e)
            {
                throw new UserInputException("--tolerance " + option + ": " + e.getMessage());
            }
        }
        return new Gate(all, perMetric);
    }

    private Map<String, Scenario> readScenarios() throws IOException, TraceFormatException
    {
        final Map<String, Scenario> scenarios = new LinkedHashMap<>();
        for (final Path file : scenarioFiles)
        {
            Scenario scenario = RunCommand.readScenario(file);
            if (explain != null)
            {
                scenario = scenario.withExplain(RunCommand.explainMode(explain));
            }
            final Scenario other = scenarios.put(scenario.name(), scenario);
            if (other != null)
            {
                throw new UserInputException(file + ": scenario name '" + scenario.name() + "' is also the name of " +
                    other.file() + "; a baseline keeps scenarios by name, so give them different names");
            }
        }
        return scenarios;
    }

    private Baseline readBaseline() throws IOException
    {
        if (Files.isDirectory(baselineFile))
        {
            throw new UserInputException("--baseline " + baselineFile + ": is a folder, not a baseline file");
        }
        if (!Files.exists(baselineFile))
        {
            if (update)
            {
                return new Baseline(new TreeMap<>());
            }
            throw new UserInputException("--baseline " + baselineFile + ": no such file; write one with " +
                "--update-baseline");
        }
        try
        {
            return Baseline.read(baselineFile);
        }
        catch (final Baseline.BaselineException e)
        {
            throw new UserInputException(e.getMessage());
        }
    }

    /**
     * @return notes for the reviewer; refuses (exit 2) a scenario without an entry, or one whose traces differ from
     *         those the baseline was taken on (comparing on other data says nothing about the policies).
     */
    private List<String> compatible(final Scenario scenario, final Baseline baseline)
    {
        final Baseline.Entry entry = baseline.scenarios().get(scenario.name());
        if (entry == null)
        {
            throw new UserInputException(scenario.file() + ": scenario '" + scenario.name() + "' has no entry in " +
                "the baseline " + baselineFile + " (it has: " + (baseline.scenarios().isEmpty() ? "none" :
                String.join(", ", baseline.scenarios().keySet())) + "); add it with --update-baseline");
        }
        final List<String> notes = new ArrayList<>();
        final String scenarioKey = scenario.inputs().keySet().iterator().next();
        final List<String> differences = new ArrayList<>();
        final Map<String, String> now = new TreeMap<>();
        scenario.inputs().forEach((file, sha256) -> now.put(file, Baseline.hash(sha256)));
        now.remove(scenarioKey);
        final Map<String, String> then = new TreeMap<>(entry.inputs());
        then.remove(entry.scenarioFile());
        for (final Map.Entry<String, String> input : now.entrySet())
        {
            final String hash = then.get(input.getKey());
            if (hash == null)
            {
                differences.add(input.getKey() + " (not an input of the baseline)");
            }
            else if (!hash.equals(input.getValue()))
            {
                differences.add(input.getKey() + " (" + shortHash(hash) + " in the baseline, " +
                    shortHash(input.getValue()) + " now)");
            }
        }
        for (final String input : then.keySet())
        {
            if (!now.containsKey(input))
            {
                differences.add(input + " (an input of the baseline, not read now)");
            }
        }
        if (!differences.isEmpty())
        {
            throw new UserInputException(scenario.file() + ": the baseline " + baselineFile + " was taken on other " +
                "inputs: " + String.join("; ", differences) + ". A comparison on other traces says nothing about " +
                "the policies; refresh the baseline with --update-baseline if the new traces are intended");
        }
        if (!entry.inputs().getOrDefault(entry.scenarioFile(), "").equals(
            Baseline.hash(scenario.inputs().get(scenarioKey))))
        {
            notes.add("the scenario file changed since the baseline was taken");
        }
        if (entry.seed() != scenario.seed() || entry.replications() != scenario.replications())
        {
            notes.add("the baseline was taken with seed " + entry.seed() + " and " + entry.replications() +
                " replication(s); this run uses seed " + scenario.seed() + " and " + scenario.replications() +
                ": differences include sampling noise ('--tolerance ci' allows for it)");
        }
        return notes;
    }

    private static String shortHash(final String hash)
    {
        return hash.length() > 19 ? hash.substring(0, 19) + "..." : hash; // "sha256:" and 12 hex digits
    }

    private Map<String, RunFolder> reserveFolders(final Map<String, Scenario> scenarios)
    {
        final Map<String, RunFolder> folders = new LinkedHashMap<>();
        if (outDir == null)
        {
            return folders;
        }
        try
        {
            for (final String name : scenarios.keySet())
            {
                folders.put(name, RunFolder.reserve(outDir.resolve(name)));
            }
        }
        catch (final RunFolderException e)
        {
            folders.values().forEach(RunFolder::close);
            throw new UserInputException(e.getMessage());
        }
        return folders;
    }

    private int interrupted(final SignalGuard signals, final Scenario scenario, final Map<String, RunFolder> folders)
    {
        final PrintWriter err = spec.commandLine().getErr();
        err.println("windtunnel: interrupted by " + (signals.received() == null ? "an interrupt" :
            "SIG" + signals.received()) + " while running " + scenario.name() + "; nothing was checked and no " +
            "baseline or report was written");
        err.flush();
        return signals.received() == null ? SignalGuard.SIGINT_EXIT : signals.exitCode();
    }

    /** Written beside the target, then renamed over it: a reader never sees half a file. */
    private static void writeAtomically(final Path file, final String text) throws IOException
    {
        final Path absolute = file.toAbsolutePath();
        if (Files.isDirectory(absolute))
        {
            throw new UserInputException(file + ": is a folder, not a file");
        }
        Files.createDirectories(absolute.getParent());
        final Path temporary = TracePaths.tempBeside(absolute);
        try
        {
            Files.writeString(temporary, text, StandardCharsets.UTF_8);
            TracePaths.publish(null, temporary, absolute, true);
        }
        finally
        {
            Files.deleteIfExists(temporary);
        }
    }
}
