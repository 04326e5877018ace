package io.windtunnel.cli;

import io.windtunnel.bench.suite.BenchSuite;
import io.windtunnel.cli.bench.BenchComparison;
import io.windtunnel.cli.bench.BenchInputException;
import io.windtunnel.cli.bench.BenchResults;
import io.windtunnel.cli.bench.JmhResults;
import io.windtunnel.cli.bench.Measurement;
import org.openjdk.jmh.runner.RunnerException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * {@code windtunnel bench [--quick] [--against FILE]}: runs the JMH suite ({@link BenchSuite}), prints the
 * benchmarks and the ratios against their in-run baselines, saves the results as JSON ({@link BenchResults}) and,
 * against a saved file, exits 1 when a ratio dropped by more than the threshold. Exit 2 for a bad option or input
 * file (the message names the file and field), 70 when JMH itself cannot run.
 * <p>
 * The suite runs in this JVM's classpath (the runnable jar carries the benchmarks, so JMH's forks start from the
 * same jar); {@code --from-jmh} reads a JMH JSON result file instead of running, to analyse a run made by hand.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
        "Run the JMH benchmark suite with -prof gc and print ratios against baselines measured in the same run " +
            "(engine vs PriorityQueue and a plain binary heap, request path vs a bare M/M/c, binary vs CSV trace " +
            "decoding, Simplex vs greedy placement): absolute times on shared machines are noise, ratios much less.",
        "Saves the results as JSON (--out); with --against, exit 1 when a ratio dropped more than the threshold " +
            "below the saved run's. Exit 2 on a bad option or input file, 70 when JMH cannot run (another JMH " +
            "run holds its machine-wide lock: wait and retry).",
        "The full suite takes about 20 minutes on 2 cores (most of it the placement decisions of 12 policies); " +
            "--quick under 3."},
    footer = {"", "Examples:",
        "  windtunnel bench --quick --out bench-now.json",
        "  windtunnel bench --quick --against docs/bench-quick.json --threshold 30%",
        "  windtunnel bench --include 'SimulatorBenchmark|BareMmc' --quick",
        "  windtunnel bench --from-jmh jmh-result.json --against docs/bench-quick.json"})
public final class BenchCommand implements Callable<Integer>
{
    /**
     * The default threshold: on a quiet machine PriorityQueue, the hold model's baseline, moves by 15-25% between
     * runs, and so does a ratio over it (docs/performance.md).
     */
    static final double DEFAULT_THRESHOLD = 0.25;

    @Spec
    private CommandSpec spec;

    @Option(names = "--quick", description = "One fork, 1 x 1 s warm-up and 2 x 1 s measured per benchmark, the " +
        "LP at 10 and 100 offers, the placement decisions of lp only: under 3 minutes on 2 cores.")
    private boolean quick;

    @Option(names = "--against", paramLabel = "FILE", description = "A results file saved by an earlier run " +
        "(--out): exit 1 when a ratio dropped by more than the threshold.")
    private Path againstFile;

    @Option(names = "--threshold", paramLabel = "SHARE", description = "How far a ratio may drop below the saved " +
        "one: N% or a share in (0, 1) (default: 25%%).")
    private String thresholdOption;

    @Option(names = "--out", paramLabel = "FILE", description = "Where to save the results (default: " +
        "results/bench-TIMESTAMP.json).")
    private Path outFile;

    @Option(names = "--include", paramLabel = "REGEX", description = "Run only the suite's benchmarks whose full " +
        "name contains a match (Java regular expression).")
    private String include;

    @Option(names = "--from-jmh", paramLabel = "FILE", description = "Read a JMH JSON result file (java -jar " +
        "benchmarks.jar -rf json) instead of running the suite.")
    private Path jmhFile;

    @Override
    public Integer call() throws IOException
    {
        final double threshold = threshold();
        if (include != null)
        {
            try
            {
                Pattern.compile(include);
            }
            catch (final PatternSyntaxException e)
            {
                throw new UserInputException("--include: '" + include + "' is not a regular expression: " +
                    e.getDescription());
            }
        }
        if (jmhFile != null && (quick || include != null))
        {
            throw new UserInputException("--from-jmh reads a finished run; --quick and --include choose what to " +
                "run: give one or the other");
        }
        final Path out = outFile != null ? outFile : Path.of("results", "bench-" +
            LocalDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)) +
            ".json");
        if (Files.isDirectory(out))
        {
            throw new UserInputException("--out: " + out + " is a folder, not a file");
        }
        // Everything that can be refused is refused before the suite runs.
        final BenchResults saved;
        try
        {
            saved = againstFile == null ? null : BenchResults.read(againstFile);
        }
        catch (final BenchInputException e)
        {
            throw new UserInputException(e.getMessage());
        }

        final Map<String, Measurement> measurements;
        final String settings;
        if (jmhFile != null)
        {
            measurements = readJmh(jmhFile);
            settings = "from JMH results " + jmhFile.getFileName();
        }
        else
        {
            final Path result = Files.createTempFile("windtunnel-bench-", ".json");
            try
            {
                if (BenchSuite.run(quick ? BenchSuite.QUICK : null, include, result, System.err) == 0)
                {
                    throw new UserInputException("--include: '" + include + "' matches no benchmark of the suite " +
                        "(see 'java -jar bench/target/benchmarks.jar -l' for their names)");
                }
                measurements = readJmh(result);
            }
            catch (final RunnerException e)
            {
                spec.commandLine().getErr().println("windtunnel: bench: JMH could not run the suite: " +
                    e.getMessage());
                return ExitCodes.INTERNAL_ERROR;
            }
            finally
            {
                Files.deleteIfExists(result);
            }
            settings = (quick ? String.format(Locale.ROOT, "quick: %d fork, %d x %d s warm-up, %d x %d s measured, " +
                "LP at 10 and 100 offers, placement decisions of lp, no table replay", BenchSuite.QUICK.forks(),
                BenchSuite.QUICK.warmupIterations(), BenchSuite.QUICK.iterationMillis() / 1000,
                BenchSuite.QUICK.measureIterations(), BenchSuite.QUICK.iterationMillis() / 1000) :
                "full: each benchmark's own forks and iterations") + (include == null ? "" : ", only /" + include +
                "/") + ", -prof gc";
        }
        final BenchResults results = BenchResults.of(settings, BenchResults.thisMachine(), measurements);
        final PrintWriter stdout = spec.commandLine().getOut();
        stdout.print(results.table());
        final Path absolute = out.toAbsolutePath();
        Files.createDirectories(absolute.getParent());
        final Path temporary = TracePaths.tempBeside(absolute);
        try
        {
            Files.writeString(temporary, results.text(), StandardCharsets.UTF_8);
            TracePaths.publish(null, temporary, absolute, true);
        }
        finally
        {
            Files.deleteIfExists(temporary);
        }
        stdout.println();
        stdout.println("wrote " + out);
        if (saved == null)
        {
            stdout.flush();
            return ExitCodes.OK;
        }
        final BenchComparison comparison = BenchComparison.compare(results.ratios(), saved.ratios(), threshold);
        stdout.println();
        stdout.print(comparison.table(againstFile.toString()));
        stdout.flush();
        return comparison.regressions().isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }

    private static Map<String, Measurement> readJmh(final Path file) throws IOException
    {
        try
        {
            final Map<String, Measurement> measurements = JmhResults.read(file);
            if (measurements.isEmpty())
            {
                throw new UserInputException(file + ": no benchmark results in it");
            }
            return measurements;
        }
        catch (final BenchInputException e)
        {
            throw new UserInputException(e.getMessage());
        }
    }

    private double threshold()
    {
        if (thresholdOption == null)
        {
            return DEFAULT_THRESHOLD;
        }
        final String text = thresholdOption.trim();
        final boolean percent = text.endsWith("%");
        double value;
        try
        {
            value = Double.parseDouble(percent ? text.substring(0, text.length() - 1).trim() : text);
        }
        catch (final NumberFormatException e)
        {
            value = Double.NaN;
        }
        if (percent)
        {
            value /= 100;
        }
        if (!(value > 0 && value < 1))
        {
            throw new UserInputException("--threshold: '" + thresholdOption + "' is not a share in (0, 1) or a " +
                "percentage between 0% and 100% (e.g. 20% or 0.2)");
        }
        return value;
    }
}
