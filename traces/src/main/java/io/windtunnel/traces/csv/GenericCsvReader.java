package io.windtunnel.traces.csv;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceSeriesRules;
import io.windtunnel.traces.TraceSpan;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * What the four generic CSV readers share: the header found by name, comments and blank lines skipped, quoted
 * fields, one {@code time} column, every problem collected with line and column, time order, the rules that span
 * rows ({@link TraceSeriesRules}: duplicates, the declared span, the load-rate grid, the same code the binary reader
 * runs), and keys interned in time order so that a file and its sorted copy give equal tables.
 * <p>
 * A comment line before the header may declare the window the rows describe, {@code # span: START/END}
 * ({@link TraceSpan}, end exclusive); every row must then lie in it (a load-rate row with its step), and the table
 * carries it ({@link TraceTable#spanDeclared()}).
 * <p>
 * A subclass names its columns, parses the other fields of one row, and may find the table's step
 * ({@link #stepNs}). Readers are stateless; everything a read needs lives on its stack.
 * <p>
 * <b>Threading:</b> thread-safe (stateless). <b>Allocation:</b> import-time code: a record and key strings per row,
 * primitive arrays for the rows; not for a simulation's hot path.
 */
abstract class GenericCsvReader implements TraceReader
{
    /** The column every generic CSV has. */
    static final String TIME = "time";
    /** The field named in problems with the span comment. */
    static final String SPAN = "span";

    private final String formatName;
    private final TraceKind kind;
    private final List<String> required;
    private final List<String> optional;
    private final String description;

    /**
     * @param formatName  name on the command line.
     * @param kind        what the rows describe.
     * @param required    columns that must be present, {@link #TIME} first.
     * @param optional    columns that may be present.
     * @param description one line for listings.
     */
    GenericCsvReader(
        final String formatName, final TraceKind kind, final List<String> required, final List<String> optional,
        final String description)
    {
        this.formatName = formatName;
        this.kind = kind;
        this.required = List.copyOf(required);
        this.optional = List.copyOf(optional);
        this.description = description;
    }

    @Override
    public final String formatName()
    {
        return formatName;
    }

    @Override
    public final TraceKind kind()
    {
        return kind;
    }

    @Override
    public final String description()
    {
        return description;
    }

    /**
     * Recognizes the format by the column names of its header row (the first line that is neither blank nor a
     * comment); see {@link #recognizesColumns}.
     */
    @Override
    public final boolean recognizes(final String fileName, final String head)
    {
        final Set<String> columns = CsvHeaderSniffer.headerColumns(head);
        return !columns.isEmpty() && recognizesColumns(columns);
    }

    /**
     * @param columns the header's column names, trimmed and lower case.
     * @return true if they identify this format.
     */
    abstract boolean recognizesColumns(Set<String> columns);

    /**
     * Parse the fields of one row other than {@code time}, reporting every problem on the row.
     *
     * @param row     the row.
     * @param options the user's options.
     * @param out     where to put the key fields (in {@link TraceKind#keyFields()} order; leave one null when it
     *                cannot be read), code (negative when it cannot be read) and value.
     */
    abstract void parseFields(CsvRow row, ImportOptions options, ParsedRow out);

    /**
     * Find the table's step once all rows are read, reporting problems with its declaration.
     *
     * @param read    the read so far.
     * @param order   row indexes in time order.
     * @return the table's step in ns, or 0 (none, or it could not be found: then there is no grid check).
     */
    long stepNs(final CsvRead read, final int[] order)
    {
        return 0;
    }

    /**
     * Check rules of the format that span rows, beyond {@link TraceSeriesRules} (which every kind shares), reporting
     * problems at their lines.
     *
     * @param read  the read so far.
     * @param order row indexes in time order.
     */
    void checkAcrossRows(final CsvRead read, final int[] order)
    {
    }

    @Override
    public final TraceTable read(final Path file, final ImportOptions options) throws TraceFormatException, IOException
    {
        final ProblemCollector problems = new ProblemCollector(file.toString(), options.problemLimit());
        final KeyDictionary keys = new KeyDictionary(kind.keyFields());
        final RowBuffer rows = new RowBuffer();
        final CsvRead read;
        try (CsvRecordStream records = CsvRecordStream.open(file, problems))
        {
            if (!records.next())
            {
                if (!records.failed())
                {
                    problems.atLine(0, null, "no header row: the file is empty or holds only comments and blank " +
                        "lines; a " + formatName + " file starts with the header " + String.join(",", required));
                }
                problems.throwIfAny();
            }
            final long headerLine = records.line();
            final CsvColumns columns = CsvColumns.resolve(records, required, optional, problems);
            if (columns.missingRequired())
            {
                problems.throwIfAny();
            }
            for (int c = 0; c < TraceTable.SIZE_COLUMNS.size(); c++)
            {
                if (kind == TraceKind.ARRIVALS && columns.indexOf(TraceTable.SIZE_COLUMNS.get(c)) >= 0)
                {
                    rows.trackSize(c);
                }
            }
            read = new CsvRead(file, options, problems, keys, rows, records.leadingComments(), headerLine);
            final CsvRow row = new CsvRow(records, columns, problems);
            final ParsedRow parsed = new ParsedRow(kind.keyFields().size());
            while (records.next())
            {
                if (records.size() != columns.width())
                {
                    row.problem(null, "row has " + records.size() + (records.size() == 1 ? " value" : " values") +
                        " but the header has " + columns.width() + " columns");
                    continue;
                }
                final long timeNs = row.epochNs(TIME, options.zone());
                parsed.clear();
                parseFields(row, options, parsed);
                if (timeNs != Long.MIN_VALUE && parsed.hasKeyAndCode())
                {
                    // Kept even with a bad value, so that order, duplicate and gap checks see the row the user
                    // wrote instead of reporting a gap where it stands; a bad row still fails the read.
                    rows.add(timeNs, keys.intern(parsed.key), parsed.code, parsed.value, row.line(), parsed.sizes);
                }
            }
        }
        checkOrder(read);
        int[] order = rows.orderByTime();
        final long stepNs = stepNs(read, order);
        checkAcrossRows(read, order);
        final TraceSpan span = readSpan(read);
        final int before = rows.size();
        TraceSeriesRules.check(kind, keys, stepNs, span, options.gapPolicy(), new OrderedRows(read, order),
            "; correct the span comment or remove the rows");
        if (rows.size() != before)
        {
            order = rows.orderByTime();
        }
        problems.throwIfAny();
        return build(keys, rows, order, stepNs, span);
    }

    /**
     * @return the span the leading comments declare, or null (none, or a problem reported).
     */
    private static TraceSpan readSpan(final CsvRead read)
    {
        TraceSpan span = null;
        long spanLine = 0;
        boolean usable = true;
        for (final CsvRecordStream.CsvComment comment : read.leadingComments())
        {
            final String value = TraceSpan.commentValue(comment.text());
            if (value == null)
            {
                continue;
            }
            if (spanLine > 0)
            {
                read.problems().atLine(comment.line(), SPAN, "a second span comment (the first is on line " +
                    spanLine + "); declare the span once");
                usable = false;
                continue;
            }
            spanLine = comment.line();
            try
            {
                span = TraceSpan.parse(value, read.options().zone());
            }
            catch (final IllegalArgumentException e)
            {
                read.problems().atLine(comment.line(), SPAN, e.getMessage());
                usable = false;
            }
        }
        return usable ? span : null;
    }

    private static void checkOrder(final CsvRead read)
    {
        final RowBuffer rows = read.rows();
        final int first = rows.firstOutOfOrder();
        if (first >= 0 && !read.options().sort())
        {
            read.problems().atLine(rows.line(first), TIME, "time " + TraceTimes.formatIso(rows.timeNs(first)) +
                " is earlier than " + TraceTimes.formatIso(rows.timeNs(first - 1)) + " on line " +
                rows.line(first - 1) + ": rows must be in time order; sort the file, or pass --sort to sort on import");
        }
    }

    private TraceTable build(
        final KeyDictionary readKeys, final RowBuffer rows, final int[] order, final long stepNs, final TraceSpan span)
    {
        final TraceTable.Builder builder = TraceTable.builder(kind).stepNs(stepNs);
        if (span != null)
        {
            builder.span(span.startNs(), span.endNs());
        }
        for (int c = 0; c < TraceTable.SIZE_COLUMNS.size(); c++)
        {
            if (rows.hasSize(c))
            {
                builder.sizeColumn(c);
            }
        }
        final int[] keyIds = new int[readKeys.size()];
        java.util.Arrays.fill(keyIds, -1);
        for (final int row : order)
        {
            final int readKey = rows.keyId(row);
            if (keyIds[readKey] < 0)
            {
                keyIds[readKey] = builder.keys().intern(readKeys.fields(readKey));
            }
            builder.add(rows.timeNs(row), keyIds[readKey], rows.code(row), rows.value(row));
            for (int c = 0; c < TraceTable.SIZE_COLUMNS.size(); c++)
            {
                if (rows.hasSize(c))
                {
                    builder.sizeBytes(c, rows.sizeBytes(c, row));
                }
            }
        }
        return builder.build();
    }

    /**
     * @param names column names.
     * @return them as a list, for the constructor.
     */
    static List<String> columns(final String... names)
    {
        return new ArrayList<>(List.of(names));
    }

    /**
     * The rows read, in time order, located by their lines; a zero-filled row goes to the end of the buffer (the
     * order is taken again afterwards).
     */
    private static final class OrderedRows implements TraceSeriesRules.Rows
    {
        private final RowBuffer rows;
        private final int[] order;
        private final ProblemCollector problems;

        OrderedRows(final CsvRead read, final int[] order)
        {
            this.rows = read.rows();
            this.order = order;
            this.problems = read.problems();
        }

        @Override
        public int size()
        {
            return order.length;
        }

        @Override
        public long timeNs(final int position)
        {
            return rows.timeNs(order[position]);
        }

        @Override
        public int keyId(final int position)
        {
            return rows.keyId(order[position]);
        }

        @Override
        public int code(final int position)
        {
            return rows.code(order[position]);
        }

        @Override
        public String where(final int position)
        {
            return "line " + rows.line(order[position]);
        }

        @Override
        public void problem(final int position, final String message)
        {
            problems.atLine(rows.line(order[position]), TIME, message);
        }

        @Override
        public void addZero(final long timeNs, final int keyId)
        {
            rows.add(timeNs, keyId, 0, 0.0, RowBuffer.NO_LINE);
        }
    }

    /**
     * One row's parsed fields, reused for every row of a read. A key field left null or a negative code means the
     * row's identity could not be read.
     */
    static final class ParsedRow
    {
        final String[] key;
        /** Per size column of an arrivals CSV ({@link TraceTable#SIZE_COLUMNS}): bytes, or -1 unknown. */
        final long[] sizes = new long[TraceTable.SIZE_COLUMNS.size()];
        int code;
        double value;

        ParsedRow(final int keyFields)
        {
            key = new String[keyFields];
        }

        void clear()
        {
            java.util.Arrays.fill(key, null);
            java.util.Arrays.fill(sizes, -1);
            code = 0;
            value = Double.NaN;
        }

        boolean hasKeyAndCode()
        {
            for (final String field : key)
            {
                if (field == null)
                {
                    return false;
                }
            }
            return code >= 0;
        }
    }

    /**
     * Everything about one read that {@link #stepNs} may need.
     *
     * @param file            the file.
     * @param options         the user's options.
     * @param problems        where problems go.
     * @param keys            the read's keys (ids in file order, not yet the table's).
     * @param rows            the rows read, in file order.
     * @param leadingComments comment lines before the header.
     * @param headerLine      line of the header row.
     */
    record CsvRead(
        Path file, ImportOptions options, ProblemCollector problems, KeyDictionary keys, RowBuffer rows,
        List<CsvRecordStream.CsvComment> leadingComments, long headerLine)
    {
    }
}
