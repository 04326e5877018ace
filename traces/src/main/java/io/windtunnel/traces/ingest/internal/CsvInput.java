package io.windtunnel.traces.ingest.internal;

import io.windtunnel.traces.ProblemCollector;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Reads an RFC 4180 CSV file (Apache Commons CSV) record by record with the 1-based line each record starts on,
 * skipping blank lines. Malformed CSV (an unterminated quote, text after a closing quote) becomes a problem at
 * its line and ends reading; bytes that are not UTF-8 are read as U+FFFD and so fail the field checks of the
 * reader instead of the decoder. A UTF-8 byte order mark before the header is ignored.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> one record object per line (import time only).
 */
public final class CsvInput implements Closeable
{
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreEmptyLines(false).get();

    private final CSVParser parser;
    private final Iterator<CSVRecord> records;
    private final ProblemCollector problems;
    private CSVRecord record;
    private long line;

    private CsvInput(final CSVParser parser, final ProblemCollector problems)
    {
        this.parser = parser;
        this.records = parser.iterator();
        this.problems = problems;
    }

    /**
     * @param file     the CSV file.
     * @param problems where malformed CSV is reported.
     * @return an open input; close it.
     * @throws IOException if the file cannot be opened (e.g. {@link java.nio.file.NoSuchFileException}).
     */
    public static CsvInput open(final Path file, final ProblemCollector problems) throws IOException
    {
        final InputStreamReader reader = new InputStreamReader(Files.newInputStream(file), StandardCharsets.UTF_8);
        try
        {
            return new CsvInput(CSVParser.builder().setReader(reader).setFormat(FORMAT).get(), problems);
        }
        catch (final IOException | RuntimeException e)
        {
            reader.close();
            throw e;
        }
    }

    /**
     * Advance to the next non-blank record.
     *
     * @return true if there is one; false at the end of the file or after malformed CSV (then reported).
     * @throws IOException if the file cannot be read.
     */
    public boolean next() throws IOException
    {
        while (true)
        {
            final long before = parser.getCurrentLineNumber();
            try
            {
                if (!records.hasNext())
                {
                    record = null;
                    return false;
                }
                record = records.next();
            }
            catch (final UncheckedIOException e)
            {
                if (e.getCause() instanceof CSVException)
                {
                    problems.atLine(before + 1, null, "malformed CSV: " + e.getCause().getMessage());
                    record = null;
                    return false;
                }
                throw e.getCause();
            }
            line = before + 1;
            if (record.size() > 1 || !record.get(0).isBlank())
            {
                return true;
            }
        }
    }

    /**
     * @return 1-based line the current record starts on.
     */
    public long line()
    {
        return line;
    }

    /**
     * @return number of fields in the current record.
     */
    public int size()
    {
        return record.size();
    }

    /**
     * @param index a field index.
     * @return that field of the current record, trimmed; empty if the record is shorter.
     */
    public String field(final int index)
    {
        return index >= 0 && index < record.size() ? record.get(index).trim() : "";
    }

    /**
     * Read the first non-blank record as the header.
     *
     * @return the header, or null if the file has no record (empty, or malformed from the start).
     * @throws IOException if the file cannot be read.
     */
    public Header header() throws IOException
    {
        if (!next())
        {
            return null;
        }
        final List<String> names = new ArrayList<>(record.size());
        for (int i = 0; i < record.size(); i++)
        {
            String name = record.get(i).trim();
            if (i == 0 && name.startsWith("\uFEFF"))
            {
                name = name.substring(1).trim();
            }
            names.add(name);
        }
        return new Header(names, line, problems);
    }

    @Override
    public void close() throws IOException
    {
        parser.close();
    }

    /**
     * Column names of a CSV file and their indexes.
     */
    public static final class Header
    {
        private final List<String> names;
        private final Map<String, Integer> indexes = new HashMap<>();
        private final long line;
        private final ProblemCollector problems;

        Header(final List<String> names, final long line, final ProblemCollector problems)
        {
            this.names = List.copyOf(names);
            this.line = line;
            this.problems = problems;
            for (int i = 0; i < names.size(); i++)
            {
                if (indexes.putIfAbsent(names.get(i), i) != null && !names.get(i).isEmpty())
                {
                    problems.atLine(line, names.get(i), "column appears twice in the header");
                }
            }
        }

        /**
         * @return the names, in order.
         */
        public List<String> names()
        {
            return names;
        }

        /**
         * @return 1-based line of the header.
         */
        public long line()
        {
            return line;
        }

        /**
         * @param name a column name.
         * @return its index, or -1 if absent.
         */
        public int find(final String name)
        {
            final Integer index = indexes.get(name);
            return index == null ? -1 : index;
        }

        /**
         * @param name   a column the format needs.
         * @param format the format's name, for the message.
         * @return its index, or -1 after reporting it missing.
         */
        public int require(final String name, final String format)
        {
            final int index = find(name);
            if (index < 0)
            {
                problems.atLine(line, name, "missing column in the header of this " + format + " file; header is " +
                    Decimals.shorten(String.join(",", names)));
            }
            return index;
        }
    }
}
