package io.windtunnel.cli;

import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.binary.BinaryTraceCursor;
import io.windtunnel.traces.binary.BinaryTraceFile;
import io.windtunnel.traces.binary.BinaryTraceReader;
import io.windtunnel.traces.binary.UncheckedTraceFormatException;
import io.windtunnel.traces.summary.TraceSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel trace inspect FILE}: prints what a trace holds (schema, declared span, keys, time span, rows, per-key
 * min/mean/max and a sparkline over time). Binary traces are streamed from disk, never loaded; other formats are
 * read with their registered reader.
 */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    description = {
        "Show a trace's kind, key fields, keys, time span, rows, per-key min/mean/max and a sparkline over time.",
        "Binary traces are streamed (any length); other formats are read into memory first."})
public final class TraceInspectCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "Trace to inspect.")
    private Path file;

    @Mixin
    private TraceImportOptions importOptions;

    @Option(names = "--width", paramLabel = "N", defaultValue = "60",
        description = "Sparkline width in characters, 1 to 1000 (default: ${DEFAULT-VALUE}).")
    private int width;

    @Option(names = "--keys", paramLabel = "N", defaultValue = "10",
        description = "Keys to list with their statistics and price series (default: ${DEFAULT-VALUE}).")
    private int keys;

    @Override
    public Integer call() throws IOException, TraceFormatException
    {
        if (width < 1 || width > 1000)
        {
            throw new UserInputException("--width: must be in [1, 1000], got " + width);
        }
        if (keys < 0)
        {
            throw new UserInputException("--keys: must not be negative, got " + keys);
        }
        final PrintWriter out = spec.commandLine().getOut();
        final TraceReader reader = importOptions.reader(file);
        try
        {
            if (reader instanceof BinaryTraceReader)
            {
                try (BinaryTraceCursor cursor = BinaryTraceFile.replay(file))
                {
                    final BinaryTraceFile binary = cursor.file();
                    final TraceSummary summary = TraceSummary.of(cursor, binary.stepNs(), binary.firstTimeNs(),
                        binary.lastTimeNs(), binary.spanStartNs(), binary.spanEndNs(), width, keys);
                    out.printf(Locale.ROOT, "file:        %s (binary v%d, %,d bytes, %,d block%s of up to %,d rows; " +
                            "%,d block checksum%s verified)%n", file, binary.version(), binary.fileBytes(),
                        binary.blockCount(), binary.blockCount() == 1 ? "" : "s", binary.rowsPerBlock(),
                        cursor.blocksVerified(), cursor.blocksVerified() == 1 ? "" : "s");
                    summary.print(out, keys);
                }
            }
            else
            {
                final TraceTable table =
                    TraceImportOptions.read(reader, file, importOptions.importOptions(), spec.commandLine().getErr());
                out.printf(Locale.ROOT, "file:        %s (%s)%n", file, reader.formatName());
                TraceSummary.of(table, width, keys).print(out, keys);
            }
        }
        catch (final UncheckedTraceFormatException e)
        {
            throw e.getCause();
        }
        out.flush();
        return ExitCodes.OK;
    }
}
