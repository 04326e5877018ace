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

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel trace convert IN OUT}: reads a trace in any registered format and writes it as a binary trace,
 * or as the generic CSV of its kind when OUT ends in {@code .csv} (so binary converts back to CSV).
 * <p>
 * OUT is written beside itself under a hidden name and moved into place once complete. An existing OUT is kept
 * (exit 2, naming it and {@code --force}) unless {@code --force} is given; then it is replaced by one atomic
 * rename, so a reader of OUT sees the old file or the new one, never a mix.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
        "Convert a trace to the binary format (.wtb), or to generic CSV when OUT ends in .csv.",
        "IN may be in any registered format, binary included; prints the rows and keys written.",
        "An existing OUT is kept unless --force is given."})
public final class TraceConvertCommand implements Callable<Integer>
{
    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "IN", description = "Trace to read.")
    private Path input;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write; .csv for CSV. Must not exist unless "
        + "--force is given.")
    private Path output;

    @Mixin
    private TraceImportOptions importOptions;

    @Option(names = "--rows-per-block", paramLabel = "N", defaultValue = "" + BinaryTraceFormat.DEFAULT_ROWS_PER_BLOCK,
        description = "Rows per block of a binary output (default: ${DEFAULT-VALUE}).")
    private int rowsPerBlock;

    @Option(names = "--force", description = "Replace OUT if it exists (written beside it, then renamed over it in "
        + "one step).")
    private boolean force;

    @Override
    public Integer call() throws IOException, TraceFormatException
    {
        if (rowsPerBlock < 1 || rowsPerBlock > BinaryTraceFormat.MAX_ROWS_PER_BLOCK)
        {
            throw new UserInputException(
                "--rows-per-block: must be in [1, " + BinaryTraceFormat.MAX_ROWS_PER_BLOCK + "], got " + rowsPerBlock);
        }
        // Before reading IN, which may take long: a refused OUT should not cost the conversion.
        TracePaths.output(null, output, force);
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
        if (!csv && table.hasSizeColumns())
        {
            final java.util.List<String> present = new java.util.ArrayList<>();
            for (int c = 0; c < TraceTable.SIZE_COLUMNS.size(); c++)
            {
                if (table.hasSizeColumn(c))
                {
                    present.add(TraceTable.SIZE_COLUMNS.get(c));
                }
            }
            throw new UserInputException(input + " has size columns (" + String.join(", ", present) + "), which " +
                "the binary format does not carry: keep the CSV, or convert to a .csv file");
        }
        final Path temp = TracePaths.tempBeside(output);
        try
        {
            if (csv)
            {
                TraceCsvWriter.write(table, temp);
            }
            else
            {
                BinaryTraceWriter.write(table, temp, rowsPerBlock);
            }
            TracePaths.publish(null, temp, output, force);
        }
        finally
        {
            Files.deleteIfExists(temp);
        }
        final PrintWriter out = spec.commandLine().getOut();
        out.printf(Locale.ROOT, "converted %s (%s) to %s (%s): %,d rows, %,d keys, %s trace, %,d bytes%n",
            input, reader.formatName(), output, csv ? "csv" : "binary", table.rowCount(), table.keys().size(),
            table.kind().label(), Files.size(output));
        out.flush();
        return ExitCodes.OK;
    }
}
