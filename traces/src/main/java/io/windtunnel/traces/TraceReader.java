package io.windtunnel.traces;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads one trace format into a normalized {@link TraceTable}. One implementation per format, stateless, so one
 * instance may be shared.
 * <p>
 * Contract (checked for every format by the shared contract test kit): a reader reports every problem it finds
 * to the collector with file, line or JSON path, and field, keeps reading where it can, and returns a table only
 * if no problem was found; otherwise it throws {@link TraceFormatException} carrying the problems. Malformed or
 * truncated bytes never surface as any other exception.
 */
public interface TraceReader
{
    /**
     * @return the format's name on the command line, e.g. {@code price-csv} or {@code aws-spot-json}.
     */
    String formatName();

    /**
     * @return what kind of trace the format yields.
     */
    TraceKind kind();

    /**
     * @param file    the file to read.
     * @param options what the file does not say itself.
     * @return the normalized, time-sorted table.
     * @throws TraceFormatException if the content has problems; all of them (up to the limit) are attached.
     * @throws IOException          if the file cannot be read at all.
     */
    TraceTable read(Path file, ImportOptions options) throws TraceFormatException, IOException;
}
