package io.windtunnel.traces.ingest.internal;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a headerless text file line by line with 1-based line numbers, for single-column and {@code x,y} formats
 * that need no CSV quoting. Accepts LF, CRLF and CR line ends and a last line without one; a UTF-8 byte order
 * mark is dropped; bytes that are not UTF-8 are read as U+FFFD and so fail the reader's field checks.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> one string per line (import time only).
 */
public final class LineInput implements Closeable
{
    private final BufferedReader reader;
    private long line;

    private LineInput(final BufferedReader reader)
    {
        this.reader = reader;
    }

    /**
     * @param file the file.
     * @return an open input; close it.
     * @throws IOException if the file cannot be opened (e.g. {@link java.nio.file.NoSuchFileException}).
     */
    public static LineInput open(final Path file) throws IOException
    {
        return new LineInput(new BufferedReader(new InputStreamReader(Files.newInputStream(file),
            StandardCharsets.UTF_8)));
    }

    /**
     * @return the next line without its line end, or null at the end of the file.
     * @throws IOException if the file cannot be read.
     */
    public String next() throws IOException
    {
        String text = reader.readLine();
        if (text == null)
        {
            return null;
        }
        line++;
        if (line == 1 && text.startsWith("\uFEFF"))
        {
            text = text.substring(1);
        }
        return text;
    }

    /**
     * @return 1-based number of the line last returned.
     */
    public long line()
    {
        return line;
    }

    @Override
    public void close() throws IOException
    {
        reader.close();
    }
}
