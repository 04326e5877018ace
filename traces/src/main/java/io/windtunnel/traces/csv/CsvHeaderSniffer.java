package io.windtunnel.traces.csv;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Finds the header of a generic CSV in the first bytes of a file, for format detection: the first line that is
 * neither blank nor a {@code #} comment, split as CSV. Stateless and thread-safe.
 */
final class CsvHeaderSniffer
{
    private static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setIgnoreSurroundingSpaces(true).get();

    private CsvHeaderSniffer()
    {
    }

    /**
     * @param head the first few kilobytes of a file, possibly cut mid-line.
     * @return the header's column names, trimmed and lower case, in order; empty if there is no readable header.
     */
    static Set<String> headerColumns(final String head)
    {
        final String text = !head.isEmpty() && head.charAt(0) == '\uFEFF' ? head.substring(1) : head;
        int start = 0;
        while (start < text.length())
        {
            int end = start;
            while (end < text.length() && text.charAt(end) != '\n' && text.charAt(end) != '\r')
            {
                end++;
            }
            final String line = text.substring(start, end);
            if (!line.isBlank() && !line.startsWith("#"))
            {
                return split(line);
            }
            start = end + 1;
        }
        return Set.of();
    }

    private static Set<String> split(final String line)
    {
        final Set<String> columns = new LinkedHashSet<>();
        try (var parser = FORMAT.parse(new StringReader(line)))
        {
            for (final CSVRecord record : parser)
            {
                for (final String value : record)
                {
                    columns.add(CsvColumns.normalize(value));
                }
                break;
            }
        }
        catch (final IOException | UncheckedIOException | IllegalStateException e)
        {
            return Set.of();
        }
        return columns;
    }
}
