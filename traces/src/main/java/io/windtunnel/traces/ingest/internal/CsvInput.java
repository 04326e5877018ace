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
     * @param width the number of fields of the header.
     * @return true if the current record has as many; false after reporting it at its line.
     */
    public boolean checkWidth(final int width)
    {
        if (record.size() != width)
        {
            problems.atLine(line, null, "has " + record.size() + " fields, the header has " + width);
            return false;
        }
        return true;
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
     * @param head the start of a file, as passed to {@link io.windtunnel.traces.TraceReader#recognizes}.
     * @return its first line without a byte order mark or carriage return.
     */
    public static String firstLine(final String head)
    {
        final int end = head.indexOf('\n');
        return (end < 0 ? head : head.substring(0, end)).replace("\uFEFF", "").replace("\r", "");
    }

    /**
     * @param head the start of a file, as passed to {@link io.windtunnel.traces.TraceReader#recognizes}.
     * @return the comma-separated names of its first line, trimmed (no CSV quoting: enough to recognize a header).
     */
    public static List<String> headerNames(final String head)
    {
        final List<String> names = new ArrayList<>();
        for (final String name : firstLine(head).split(",", -1))
        {
            names.add(name.trim());
        }
        return names;
    }

    /**
     * @param index a field index.
     * @param field the column's name, for the report.
     * @return true if that field of the current record is not empty; false after reporting it.
     */
    public boolean nonEmpty(final int index, final String field)
    {
        if (field(index).isEmpty())
        {
            problems.atLine(line, field, "empty");
            return false;
        }
        return true;
    }

    /**
     * @param index a field index.
     * @param field the column's name, for the report.
     * @param what  what the number is, for the message, e.g. {@code a price in USD per hour}.
     * @return that field as a non-negative decimal ({@link Decimals#parseNonNegative}), or -1 after reporting it.
     */
    public double nonNegative(final int index, final String field, final String what)
    {
        try
        {
            return Decimals.parseNonNegative(field(index), what);
        }
        catch (final IllegalArgumentException e)
        {
            problems.atLine(line, field, e.getMessage());
            return -1;
        }
    }

    /**
     * @param index a field index.
     * @param field the column's name, for the report.
     * @param what  what is counted, for the message, e.g. {@code a request count}.
     * @return that field as a whole non-negative number ({@link Decimals#parseCount}), or -1 after reporting it.
     */
    public long count(final int index, final String field, final String what)
    {
        try
        {
            return Decimals.parseCount(field(index), what);
        }
        catch (final IllegalArgumentException e)
        {
            problems.atLine(line, field, e.getMessage());
            return -1;
        }
    }

    /**
     * Read the first non-blank record as the header.
     *
     * @param expected what the file should start with, e.g. {@code the header period,count}; a file without any
     *                 record is reported as {@code file is empty; expected } and this, unless it was malformed
     *                 (already reported).
     * @return the header, or null after reporting that the file has no record.
     * @throws IOException if the file cannot be read.
     */
    public Header header(final String expected) throws IOException
    {
        if (!next())
        {
            if (!problems.hasProblems())
            {
                problems.atLine(0, null, "file is empty; expected " + expected);
            }
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

        /**
         * @param required columns the format needs.
         * @param format   the format's name, for the messages.
         * @return their indexes, in the same order; or null after reporting every one that is missing.
         */
        public int[] requireAll(final List<String> required, final String format)
        {
            final int[] indexes = new int[required.size()];
            boolean complete = true;
            for (int i = 0; i < indexes.length; i++)
            {
                indexes[i] = require(required.get(i), format);
                complete &= indexes[i] >= 0;
            }
            return complete ? indexes : null;
        }
    }
}
