package io.windtunnel.traces.ingest;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A {@link TraceReader} that leaves some records out on purpose (another OS, a reservation price, a redundant
 * repeat) and so reports an {@link ImportSummary} with the table. Callers that can show the summary (the
 * {@code trace validate} and {@code trace import} commands) call {@link #readWithSummary}; the plain
 * {@link #read} logs the summary at {@code INFO} through {@link System.Logger} when anything was dropped or added,
 * so neither is silent.
 * <p>
 * <b>Threading:</b> implementations are stateless and may be shared. <b>Allocation:</b> import-time only.
 */
public interface SummarizingTraceReader extends TraceReader
{
    /**
     * @param file    the file to read.
     * @param options what the file does not say itself.
     * @return the table and the summary of the import.
     * @throws TraceFormatException if the content has problems; all of them (up to the limit) are attached.
     * @throws IOException          if the file cannot be read at all.
     */
    ImportResult readWithSummary(Path file, ImportOptions options) throws TraceFormatException, IOException;

    /**
     * Reads through {@link #readWithSummary} and logs the summary when records were dropped.
     *
     * @param file    the file to read.
     * @param options what the file does not say itself.
     * @return the normalized, time-sorted table.
     * @throws TraceFormatException if the content has problems.
     * @throws IOException          if the file cannot be read at all.
     */
    @Override
    default TraceTable read(final Path file, final ImportOptions options) throws TraceFormatException, IOException
    {
        return logged(readWithSummary(file, options));
    }

    /**
     * Log a result's summary (see {@link #log}) and hand back its table.
     *
     * @param result the result of an import.
     * @return its table.
     */
    static TraceTable logged(final ImportResult result)
    {
        log(result.summary());
        return result.table();
    }

    /**
     * Log a summary at {@code INFO} if it dropped or added rows, else at {@code DEBUG}.
     *
     * @param summary the summary of an import.
     */
    static void log(final ImportSummary summary)
    {
        final System.Logger logger = System.getLogger("io.windtunnel.traces.ingest");
        final System.Logger.Level level = summary.droppedTotal() + summary.addedTotal() > 0 ? System.Logger.Level.INFO :
            System.Logger.Level.DEBUG;
        if (logger.isLoggable(level))
        {
            logger.log(level, summary.describe());
        }
    }
}
