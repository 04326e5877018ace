package io.windtunnel.traces.csv;

import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceRules;
import io.windtunnel.traces.TraceTimes;

import java.util.regex.Pattern;

/**
 * The current data row of a generic trace CSV as a reader sees it: values by column name, and problems reported
 * at the row's line with the column's name.
 * <p>
 * <b>Threading:</b> not thread-safe; one per read, reused for every row. <b>Allocation:</b> none of its own per
 * row; parsing numbers allocates a regex matcher.
 */
final class CsvRow
{
    /** A plain decimal number: what people and {@code TraceCsvWriter} write; no hex, no {@code 1d}, no NaN. */
    private static final Pattern DECIMAL = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private final CsvRecordStream records;
    private final CsvColumns columns;
    private final ProblemCollector problems;

    CsvRow(final CsvRecordStream records, final CsvColumns columns, final ProblemCollector problems)
    {
        this.records = records;
        this.columns = columns;
        this.problems = problems;
    }

    /**
     * @return 1-based line the row starts on.
     */
    long line()
    {
        return records.line();
    }

    /**
     * @param column a column name of the format.
     * @return true if the file has that column.
     */
    boolean has(final String column)
    {
        return columns.indexOf(column) >= 0;
    }

    /**
     * @param column a column name of the format.
     * @return the value as read: spaces around an unquoted value are gone, spaces inside quotes kept (a quoted
     * value means exactly what it says); empty if the file has no such column.
     */
    String text(final String column)
    {
        final int index = columns.indexOf(column);
        return index < 0 ? "" : records.get(index);
    }

    /**
     * Report a problem with a field of this row.
     *
     * @param column  the column at fault, or null for the row as a whole.
     * @param message what is wrong.
     */
    void problem(final String column, final String message)
    {
        problems.atLine(records.line(), column, message);
    }

    /**
     * @param column column holding a key field.
     * @param kind   the trace's kind.
     * @param field  the field's index in {@link TraceKind#keyFields()}.
     * @return the value, or null after reporting what {@link TraceRules#keyFieldProblem} finds wrong with it.
     */
    String keyField(final String column, final TraceKind kind, final int field)
    {
        final String value = text(column);
        final String problem = TraceRules.keyFieldProblem(kind, field, value);
        if (problem != null)
        {
            problem(column, problem);
            return null;
        }
        return value;
    }

    /**
     * Check a parsed value against {@link TraceRules#valueProblem}, reporting a problem at the column.
     *
     * @param column the value's column.
     * @param kind   the trace's kind.
     * @param code   the row's code.
     * @param value  the value as {@link #decimal} read it; NaN after a reported problem is not checked again.
     * @param suffix added to the rule's message, for advice that only holds in CSV; may be empty.
     */
    void checkValue(final String column, final TraceKind kind, final int code, final double value, final String suffix)
    {
        if (Double.isNaN(value))
        {
            return;
        }
        final String problem = TraceRules.valueProblem(kind, code, value, text(column).trim());
        if (problem != null)
        {
            problem(column, problem + suffix);
        }
    }

    /**
     * @param column column with a timestamp.
     * @param zone   zone for timestamps without offset, or null to reject them.
     * @return epoch nanoseconds, or {@link Long#MIN_VALUE} after reporting a problem.
     */
    long epochNs(final String column, final java.time.ZoneId zone)
    {
        try
        {
            return TraceTimes.parseEpochNs(text(column), zone);
        }
        catch (final IllegalArgumentException e)
        {
            problem(column, e.getMessage());
            return Long.MIN_VALUE;
        }
    }

    /**
     * Parse a finite decimal number, the only kind of number generic CSVs hold. Negative zero reads as zero, so that
     * a value is stored one way.
     *
     * @param column column with the number.
     * @param what   what the number is, for the message (e.g. "a price").
     * @return the value, or NaN after reporting a problem.
     */
    double decimal(final String column, final String what)
    {
        final String value = text(column).trim();
        if (value.isEmpty())
        {
            problem(column, "missing " + what);
            return Double.NaN;
        }
        if (!DECIMAL.matcher(value).matches())
        {
            problem(column, "cannot read '" + value + "' as " + what + ": expected a decimal number such as 12 or 0.25");
            return Double.NaN;
        }
        final double parsed = Double.parseDouble(value);
        if (!Double.isFinite(parsed))
        {
            problem(column, what + " '" + value + "' is too large");
            return Double.NaN;
        }
        return parsed + 0.0;
    }
}
