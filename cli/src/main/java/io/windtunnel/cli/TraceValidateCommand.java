package io.windtunnel.cli;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceProblem;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
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

    @Mixin
    private TraceImportOptions importOptions;

    @Override
    public Integer call()
    {
        final ImportOptions options = importOptions.importOptions();
        final PrintWriter out = spec.commandLine().getOut();
        final PrintWriter err = spec.commandLine().getErr();
        int exitCode = ExitCodes.OK;
        for (final Path file : files)
        {
            final int fileCode = validate(file, options, out, err);
            exitCode = worse(exitCode, fileCode);
        }
        out.flush();
        err.flush();
        return exitCode;
    }

    private int validate(final Path file, final ImportOptions options, final PrintWriter out, final PrintWriter err)
    {
        try
        {
            final TraceReader reader;
            try
            {
                reader = importOptions.reader(file);
            }
            catch (final UserInputException e)
            {
                err.println("windtunnel: " + e.getMessage());
                return ExitCodes.INPUT_ERROR;
            }
            final TraceTable table = TraceImportOptions.read(reader, file, options, out);
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
