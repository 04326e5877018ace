package io.windtunnel.cli;

import io.windtunnel.traces.TraceCsvWriter;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.binary.BinaryTraceFormat;
import io.windtunnel.traces.binary.BinaryTraceWriter;
import io.windtunnel.traces.binary.UncheckedTraceFormatException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel trace convert IN OUT}: reads a trace in any registered format and writes it as a binary trace,
 * or as the generic CSV of its kind when OUT ends in {@code .csv} (so binary converts back to CSV).
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
        "Convert a trace to the binary format (.wtb), or to generic CSV when OUT ends in .csv.",
        "IN may be in any registered format, binary included; prints the rows and keys written."})
public final class TraceConvertCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Trace to read.")
    private Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write (replaced atomically); .csv for CSV.")
    private Path output;

    @Mixin
    private TraceImportOptions importOptions;

    @Option(names = "--rows-per-block", paramLabel = "N", defaultValue = "" + BinaryTraceFormat.DEFAULT_ROWS_PER_BLOCK,
        description = "Rows per block of a binary output (default: ${DEFAULT-VALUE}).")
    private int rowsPerBlock;

    @Override
    public Integer call() throws IOException, TraceFormatException
    {
        if (rowsPerBlock < 1 || rowsPerBlock > BinaryTraceFormat.MAX_ROWS_PER_BLOCK)
        {
            throw new UserInputException(
                "--rows-per-block: must be in [1, " + BinaryTraceFormat.MAX_ROWS_PER_BLOCK + "], got " + rowsPerBlock);
        }
        final Path directory = output.toAbsolutePath().getParent();
        if (!Files.isDirectory(directory))
        {
            throw new UserInputException("cannot write " + output + ": directory " + directory + " does not exist");
        }
        final TraceReader reader = importOptions.reader(input);
        final TraceTable table;
        try
        {
            table = TraceImportOptions.read(
                reader, input, importOptions.importOptions(), spec.commandLine().getErr());
        }
        catch (final UncheckedTraceFormatException e)
        {
            throw e.getCause();
        }

        final boolean csv = output.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv");
        if (csv)
        {
            writeCsv(table, output);
        }
        else
        {
            BinaryTraceWriter.write(table, output, rowsPerBlock);
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "converted %s (%s) to %s (%s): %,d rows, %,d keys, %s trace, %,d bytes%n",
            input, reader.formatName(), output, csv ? "csv" : "binary", table.rowCount(), table.keys().size(),
            table.kind().label(), Files.size(output));
        out.flush();
        return ExitCodes.OK;
    }

    /** Like the binary writer: a temp file next to the target, renamed over it once complete. */
    private static void writeCsv(final TraceTable table, final Path file) throws IOException
    {
        final Path absolute = file.toAbsolutePath();
        final Path temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid());
        try
        {
            try (BufferedWriter writer = Files.newBufferedWriter(temp, StandardCharsets.UTF_8,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE))
            {
                TraceCsvWriter.write(table, writer);
            }
            try
            {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
            catch (final AtomicMoveNotSupportedException e)
            {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
        }
        finally
        {
            Files.deleteIfExists(temp);
        }
    }
}
