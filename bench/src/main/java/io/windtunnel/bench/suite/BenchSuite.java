package io.windtunnel.bench.suite;

import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormat;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The benchmark suite that {@code windtunnel bench} runs: which JMH benchmarks, with which settings, every one with
 * the GC profiler ({@code -prof gc}: bytes allocated per operation). The results go to one JMH JSON result file (the
 * format {@code java -jar benchmarks.jar -rf json} writes), which the command reads back into its table of ratios, so
 * a run here and a run by hand are read by the same code.
 * <p>
 * The suite runs in {@link #GROUPS}, one JMH run each, so that a subject and its in-run baseline are measured one
 * right after the other (JMH alone would order them by name, minutes apart on a machine whose load changes):
 * <ul>
 *   <li>{@code HoldBenchmark} at 1e3, 1e5 and 1e6 pending, one group per size: the engine, {@code PriorityQueue} and a
 *   plain binary heap (its 4-ary heap, kept for the record, is left out);</li>
 *   <li>{@code BareMmcBenchmark} then {@code SimulatorBenchmark} (the request path against a bare M/M/c);</li>
 *   <li>{@code TraceReplayBenchmark}: CSV parse against binary replay (and the in-memory table, for reference);</li>
 *   <li>{@code LpPlacementBenchmark} (Simplex against the greedy) per size, and {@code PlacementDecisionBenchmark};</li>
 *   <li>every {@code ...BalancerDecisionBenchmark...} (a group that matches no benchmark in this build is skipped).</li>
 * </ul>
 * The full suite uses each benchmark's own annotations (forks, warm-up, iterations): about 20 minutes on 2 cores
 * (estimated from those settings; most of it the placement decisions of 12 policies).
 * {@link #QUICK} is one fork, one warm-up iteration of 1 s and two measured iterations of 1 s, without the
 * reference table replay, with the LP at 10 and 100 offers and the placement decisions of {@code lp} only: under 3
 * minutes on 2 cores.
 * <p>
 * <b>Threading:</b> stateless; JMH runs its forks one at a time and holds a machine-wide lock while it runs.
 */
public final class BenchSuite
{
    /** The groups of the suite, each run by JMH on its own, in this order. */
    public static final List<Group> GROUPS = List.of(
        new Group("\\.HoldBenchmark\\.(engine|binaryHeap|priorityQueue)$", "pending", "1000"),
        new Group("\\.HoldBenchmark\\.(engine|binaryHeap|priorityQueue)$", "pending", "100000"),
        new Group("\\.HoldBenchmark\\.(engine|binaryHeap|priorityQueue)$", "pending", "1000000"),
        new Group("\\.(BareMmcBenchmark|SimulatorBenchmark)\\.", null, null),
        new Group("\\.TraceReplayBenchmark\\.", null, null),
        new Group("\\.LpPlacementBenchmark\\.", "offers", "10"),
        new Group("\\.LpPlacementBenchmark\\.", "offers", "100"),
        new Group("\\.LpPlacementBenchmark\\.", "offers", "1000"),
        new Group("\\.PlacementDecisionBenchmark\\.", null, null),
        new Group("BalancerDecisionBenchmark", null, null));

    /** The quick settings. */
    public static final Settings QUICK = new Settings(1, 1, 2, 1000);

    private BenchSuite()
    {
    }

    /**
     * One JMH run of the suite.
     *
     * @param include   JMH include pattern (a regular expression found in the benchmark's full name).
     * @param param     a parameter this group fixes, or null.
     * @param value     its value.
     */
    public record Group(String include, String param, String value)
    {
    }

    /**
     * Settings that override the benchmarks' own annotations (the quick suite).
     *
     * @param forks             JMH forks per benchmark.
     * @param warmupIterations  warm-up iterations per fork.
     * @param measureIterations measured iterations per fork.
     * @param iterationMillis   length of each iteration.
     */
    public record Settings(int forks, int warmupIterations, int measureIterations, int iterationMillis)
    {
    }

    /**
     * Run the suite (or the part of it matching {@code filter}) and write JMH's JSON results of all groups as one
     * file.
     *
     * @param settings   settings for every benchmark, with the smaller suite of {@link #QUICK} (without the largest
     *                   LP, the table replay and placement policies other than {@code lp}); null for the full suite
     *                   with each benchmark's own settings.
     * @param filter     a regular expression a benchmark's full name must also contain (find), or null for all.
     * @param resultJson where the JSON result file goes.
     * @param progress   where JMH's progress goes (the command passes standard error).
     * @return the number of benchmarks run (0 when the filter matched none; no file is written then).
     * @throws RunnerException when JMH cannot run (for example another JMH run holds the machine-wide lock) or a
     *                         benchmark fails.
     * @throws IOException     when the result file cannot be written.
     */
    public static int run(
        final Settings settings, final String filter, final Path resultJson, final PrintStream progress)
        throws RunnerException, IOException
    {
        final OutputFormat output = OutputFormatFactory.createFormatInstance(progress, VerboseMode.NORMAL);
        final OutputFormat silent = OutputFormatFactory.createFormatInstance(
            new PrintStream(OutputStream.nullOutputStream()), VerboseMode.SILENT);
        final boolean quick = settings != null;
        final List<RunResult> results = new ArrayList<>();
        for (final Group group : GROUPS)
        {
            if (quick && "1000".equals(group.value()) && "offers".equals(group.param()))
            {
                continue;
            }
            final List<String> excludes = new ArrayList<>();
            if (filter != null)
            {
                // JMH's includes are alternatives; the filter narrows the group with an exclude of everything else.
                excludes.add("^(?!.*(" + filter + ")).*$");
            }
            if (quick)
            {
                excludes.add("\\.TraceReplayBenchmark\\.tableReplay$");
            }
            if (BenchmarkList.defaultList().find(silent, List.of(group.include()), excludes).isEmpty())
            {
                continue;
            }
            final ChainedOptionsBuilder options = new OptionsBuilder()
                .include(group.include())
                .addProfiler("gc")
                .shouldFailOnError(true);
            for (final String exclude : excludes)
            {
                options.exclude(exclude);
            }
            if (group.param() != null)
            {
                options.param(group.param(), group.value());
            }
            if (quick)
            {
                options.forks(settings.forks())
                    .warmupIterations(settings.warmupIterations())
                    .warmupTime(TimeValue.milliseconds(settings.iterationMillis()))
                    .measurementIterations(settings.measureIterations())
                    .measurementTime(TimeValue.milliseconds(settings.iterationMillis()))
                    .param("placement", "lp");
            }
            results.addAll(new Runner(options.build(), output).run());
        }
        if (results.isEmpty())
        {
            return 0;
        }
        try (PrintStream out = new PrintStream(Files.newOutputStream(resultJson), false, "UTF-8"))
        {
            ResultFormatFactory.getInstance(ResultFormatType.JSON, out).writeOut(results);
        }
        return results.size();
    }
}
