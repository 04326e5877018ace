package io.windtunnel.cli;

import io.windtunnel.traces.GapPolicy;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceProblem;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel trace validate FILE...}: reads each trace file with its format (named or detected) and prints
 * either a one-line summary or every problem found, one per line with file, line and field.
 * <p>
 * Exit code: {@link ExitCodes#OK} when every file is valid, {@link ExitCodes#FAILED} when any has problems,
 * {@link ExitCodes#INPUT_ERROR} when any file cannot be checked at all (missing, unreadable, format unknown or not
 * detected), which wins over problems. The other files are still checked. Works for every format registered in
 * {@link TraceFormats}, through the {@link TraceReader} interface only.
 */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    description = {
        "Check trace files and report every problem with file, line (or JSON path) and field.",
        "Prints one OK line per valid file (format, kind, rows, keys, time span) or each problem, then their count."},
    footer = {"", "Exit codes: 0 all files valid, 1 problems found, 2 a file could not be checked "
        + "(missing, unreadable, unknown or undetected format)."})
public final class TraceValidateCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Trace files to check.")
    private List<Path> files;

    @Option(names = "--format", paramLabel = "NAME",
        description = "Format of every FILE (default: detected from each file's name and first bytes).")
    private String format;

    @Option(names = "--zone", paramLabel = "ZONE",
        description = "Time zone of timestamps without offset, e.g. UTC or Europe/Berlin (default: reject them).")
    private String zone;

    @Option(names = "--sort", description = "Sort rows by time instead of reporting out-of-order rows.")
    private boolean sort;

    @Option(names = "--gaps", paramLabel = "POLICY", defaultValue = "error",
        description = "Missing intervals in load-rate traces: error or zero-fill (default: ${DEFAULT-VALUE}).")
    private String gaps;

    @Option(names = "--step", paramLabel = "DURATION",
        description = "Interval of load-rate rows, e.g. 1m, 60s, PT5M (default: declared in the file or inferred).")
    private String step;

    @Option(names = "--max-problems", paramLabel = "N", defaultValue = "100",
        description = "Most problems listed per file; the rest are counted (default: ${DEFAULT-VALUE}).")
    private int maxProblems;

    @Override
    public Integer call()
    {
        final ImportOptions options = options();
        final TraceReader named = format == null ? null : namedReader(format);
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        int exitCode = ExitCodes.OK;
        for (final Path file : files)
        {
            final int fileCode = validate(file, named, options, out, err);
            exitCode = worse(exitCode, fileCode);
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    private int validate(
        final Path file, final TraceReader named, final ImportOptions options, final PrintWriter out,
        final PrintWriter err)
    {
        try
        {
            final TraceReader reader;
            try
            {
                reader = named != null ? named : TraceFormats.detect(file);
            }
            catch (final IllegalArgumentException e)
            {
                err.println("windtunnel: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
            final TraceTable table = reader.read(file, options);
            out.println(summary(file, reader, table));
            return ExitCodes.OK;
        }
        catch (final TraceFormatException e)
        {
            for (final TraceProblem problem : e.problems())
            {
                out.println(problem.describe());
            }
            if (e.total() > e.problems().size())
            {
                out.println("... and " + (e.total() - e.problems().size()) +
                    " more not listed (raise --max-problems to see them)");
            }
            out.println(e.total() + (e.total() == 1 ? " problem" : " problems") + " in " + file);
            return ExitCodes.FAILED;
        }
        catch (final NoSuchFileException e)
        {
            err.println("windtunnel: no such file: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        catch (final AccessDeniedException e)
        {
            err.println("windtunnel: permission denied: " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
        catch (final IOException e)
        {
            err.println("windtunnel: cannot read " + file + ": " + e.getMessage());
            return ExitCodes.INPUT_ERROR;
        }
    }

    private static String summary(final Path file, final TraceReader reader, final TraceTable table)
    {
        final StringBuilder line = new StringBuilder();
        line.append(file).append(": OK ").append(reader.formatName()).append(" (").append(table.kind().label())
            .append("), ").append(table.rowCount()).append(table.rowCount() == 1 ? " row, " : " rows, ")
            .append(table.keys().size()).append(table.keys().size() == 1 ? " key" : " keys");
        if (table.rowCount() > 0)
        {
            line.append(", ").append(TraceTimes.formatIso(table.timeNs(0))).append(" to ")
                .append(TraceTimes.formatIso(table.timeNs(table.rowCount() - 1)));
        }
        if (table.stepNs() > 0)
        {
            line.append(", step ").append(TraceDurations.format(table.stepNs()));
        }
        return line.toString();
    }

    private ImportOptions options()
    {
        ImportOptions options = ImportOptions.defaults().withSort(sort).withGapPolicy(gapPolicy(gaps));
        if (zone != null)
        {
            try
            {
                options = options.withZone(ZoneId.of(zone.trim()));
            }
            catch (final DateTimeException e)
            {
                throw new UserInputException("unknown time zone '" + zone + "' for --zone; use e.g. UTC, " +
                    "Europe/Berlin or +01:00");
            }
        }
        if (step != null)
        {
            final long stepNs;
            try
            {
                stepNs = TraceDurations.parseNs(step);
            }
            catch (final IllegalArgumentException e)
            {
                throw new UserInputException("--step: " + e.getMessage());
            }
            if (stepNs <= 0)
            {
                throw new UserInputException("--step must be greater than 0, got '" + step + "'");
            }
            options = options.withStepNs(stepNs);
        }
        if (maxProblems < 1)
        {
            throw new UserInputException("--max-problems must be at least 1, got " + maxProblems);
        }
        return options.withProblemLimit(maxProblems);
    }

    private static GapPolicy gapPolicy(final String text)
    {
        switch (text.trim().toLowerCase(Locale.ROOT))
        {
            case "error":
                return GapPolicy.ERROR;
            case "zero-fill":
            case "zero_fill":
                return GapPolicy.ZERO_FILL;
            default:
                throw new UserInputException("unknown --gaps policy '" + text + "'; use error or zero-fill");
        }
    }

    private static TraceReader namedReader(final String name)
    {
        try
        {
            return TraceFormats.byName(name.trim());
        }
        catch (final IllegalArgumentException e)
        {
            throw new UserInputException(e.getMessage());
        }
    }

    private static int worse(final int a, final int b)
    {
        return rank(b) > rank(a) ? b : a;
    }

    private static int rank(final int exitCode)
    {
        switch (exitCode)
        {
            case ExitCodes.OK:
                return 0;
            case ExitCodes.FAILED:
                return 1;
            default:
                return 2;
        }
    }
}
