package io.windtunnel.traces.csv;

import io.windtunnel.traces.ProblemCollector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Where each column of a generic trace CSV is, found by name in the header row: any order, names compared
 * without case and surrounding spaces. Reports every unknown column, every duplicate, every missing required
 * column.
 * <p>
 * <b>Threading:</b> immutable after {@link #resolve}. <b>Allocation:</b> at setup only.
 */
final class CsvColumns
{
    private final List<String> names;
    private final int[] indexes;
    private final int width;
    private final boolean missingRequired;

    private CsvColumns(final List<String> names, final int[] indexes, final int width, final boolean missingRequired)
    {
        this.names = names;
        this.indexes = indexes;
        this.width = width;
        this.missingRequired = missingRequired;
    }

    /**
     * @param header   the stream, positioned on the header record.
     * @param required columns the format needs.
     * @param optional columns the format also understands.
     * @param problems where header problems go, at the header's line.
     * @return the column positions.
     */
    static CsvColumns resolve(
        final CsvRecordStream header, final List<String> required, final List<String> optional,
        final ProblemCollector problems)
    {
        final List<String> known = new ArrayList<>(required);
        known.addAll(optional);
        final int[] indexes = new int[known.size()];
        java.util.Arrays.fill(indexes, -1);
        final List<String> seen = new ArrayList<>();
        for (int i = 0; i < header.size(); i++)
        {
            final String name = normalize(header.get(i));
            seen.add(name);
            final int which = known.indexOf(name);
            if (name.isEmpty())
            {
                problems.atLine(header.line(), null, "column " + (i + 1) + " of the header has no name; " +
                    expected(required, optional));
            }
            else if (which < 0)
            {
                problems.atLine(header.line(), header.get(i).trim(), "unknown column; " + expected(required, optional));
            }
            else if (indexes[which] >= 0)
            {
                problems.atLine(header.line(), name,
                    "column appears twice in the header (columns " + (indexes[which] + 1) + " and " + (i + 1) + ")");
            }
            else
            {
                indexes[which] = i;
            }
        }
        boolean missing = false;
        for (int r = 0; r < required.size(); r++)
        {
            if (indexes[r] < 0)
            {
                missing = true;
                problems.atLine(header.line(), required.get(r),
                    "missing required column; the header has " + String.join(", ", seen) + "; " +
                        expected(required, optional));
            }
        }
        return new CsvColumns(List.copyOf(known), indexes, header.size(), missing);
    }

    /**
     * @param name a header value.
     * @return the name as matched: trimmed, lower case.
     */
    static String normalize(final String name)
    {
        return name.trim().toLowerCase(Locale.ROOT);
    }

    private static String expected(final List<String> required, final List<String> optional)
    {
        return "expected columns " + String.join(", ", required) +
            (optional.isEmpty() ? "" : " (optional: " + String.join(", ", optional) + ")");
    }

    /**
     * @return true if a required column is absent, so rows cannot be read.
     */
    boolean missingRequired()
    {
        return missingRequired;
    }

    /**
     * @return number of values in the header row; every data row must have as many.
     */
    int width()
    {
        return width;
    }

    /**
     * @param name a required or optional column name.
     * @return its 0-based position in the file, or -1 if the file does not have it.
     */
    int indexOf(final String name)
    {
        final int which = names.indexOf(name);
        if (which < 0)
        {
            throw new IllegalArgumentException("column '" + name + "' is not part of this format: " + names);
        }
        return indexes[which];
    }
}
