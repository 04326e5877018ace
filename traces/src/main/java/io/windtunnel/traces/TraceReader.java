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

    /**
     * The kind of trace a file holds, known before its rows are read, so a caller that needs one kind can refuse
     * another at once.
     *
     * @param file the file to read.
     * @return {@link #kind()} for a format of one kind; a format whose files declare their kind (the binary one,
     * whose {@link #kind()} may be null) reads it from the file.
     * @throws TraceFormatException if the file does not say a kind this reader knows.
     * @throws IOException          if the file cannot be read.
     */
    default TraceKind kindOf(final Path file) throws TraceFormatException, IOException
    {
        return kind();
    }

    /**
     * Used by {@link TraceFormats#detect} to pick a format when the user names none. Look at the file name and the
     * first bytes only; never read the whole file.
     *
     * @param fileName the file's name, without directories.
     * @param head     the first few kilobytes of the file as UTF-8 text (possibly cut mid-line).
     * @return true if this reader recognizes the file with confidence.
     */
    default boolean recognizes(final String fileName, final String head)
    {
        return false;
    }

    /**
     * @return one line for {@code --help} listings: what the format is and where it comes from.
     */
    default String description()
    {
        return formatName();
    }
}
