package io.windtunnel.traces;

import java.util.Arrays;
import java.util.List;

/**
 * A normalized trace held in memory: primitive columns of equal length, sorted by time (ties keep input order),
 * plus the key dictionary and the kind.
 * <pre>
 *   row:  timeNs (long, epoch ns UTC) | keyId (int) | code (int) | value (double)
 * </pre>
 * Importers build one through {@link Builder}; the binary writer stores one; the simulator reads one through
 * {@link #cursor()}. For traces too long for memory, replay the binary file instead, which streams.
 * <p>
 * <b>Span.</b> A table may declare the window its rows describe, {@code [spanStartNs, spanEndNs)} in epoch ns (the
 * generic CSVs' {@code # span: START/END} comment, the binary format's footer, the generators' window): inside
 * it, a missing row means "nothing happened" (no requests, no fault), not "not recorded". Every row lies in the
 * span (a load-rate row with its step: {@code time + step <= spanEnd}). Without a declaration
 * ({@link #spanDeclared()} false) the simulator derives a span from the rows.
 * <p>
 * <b>Sizes.</b> An {@link TraceKind#ARRIVALS} table may carry up to three more columns, one size per request in
 * bytes ({@link #SIZE_COLUMNS}: request, response, data-set read; -1 where a row does not say), read from the
 * {@code arrivals-csv} columns of the same names. A table has a size column when its file had the column, even if
 * every cell of it was empty. They are in-memory only: the binary format does not carry them.
 * <p>
 * <b>Threading:</b> immutable once built; safe to share between threads (each takes its own cursor).
 */
public final class TraceTable
{
    /** Size column: the request's bytes (client to replica). */
    public static final int REQUEST_BYTES = 0;
    /** Size column: the response's bytes (replica to client). */
    public static final int RESPONSE_BYTES = 1;
    /** Size column: the bytes the request reads from the data set. */
    public static final int READ_BYTES = 2;
    /** Size column names by index, as written in {@code arrivals-csv} headers. */
    public static final List<String> SIZE_COLUMNS = List.of("request_bytes", "response_bytes", "read_bytes");

    private final TraceKind kind;
    private final KeyDictionary keys;
    private final long stepNs;
    private final int rowCount;
    private final long[] timeNs;
    private final int[] keyIds;
    private final int[] codes;
    private final double[] values;
    private final long spanStartNs;
    private final long spanEndNs;
    /** Per size column: bytes per row (-1 unknown), or null without the column. */
    private final long[][] sizeBytes;

    private TraceTable(
        final TraceKind kind, final KeyDictionary keys, final long stepNs, final long spanStartNs,
        final long spanEndNs, final int rowCount, final long[] timeNs, final int[] keyIds, final int[] codes,
        final double[] values, final long[][] sizeBytes)
    {
        this.sizeBytes = sizeBytes;
        this.kind = kind;
        this.keys = keys;
        this.stepNs = stepNs;
        this.spanStartNs = spanStartNs;
        this.spanEndNs = spanEndNs;
        this.rowCount = rowCount;
        this.timeNs = timeNs;
        this.keyIds = keyIds;
        this.codes = codes;
        this.values = values;
    }

    /**
     * @param kind what the rows will describe.
     * @return a builder with a fresh key dictionary for that kind.
     */
    public static Builder builder(final TraceKind kind)
    {
        return new Builder(kind);
    }

    /**
     * @return what the rows describe.
     */
    public TraceKind kind()
    {
        return kind;
    }

    /**
     * @return the keys rows refer to.
     */
    public KeyDictionary keys()
    {
        return keys;
    }

    /**
     * @return for {@link TraceKind#LOAD_RATE}, the length of an interval (and of each key's last interval);
     * 0 when not applicable.
     */
    public long stepNs()
    {
        return stepNs;
    }

    /**
     * @return true if the trace declares the window it covers ({@link #spanStartNs()}, {@link #spanEndNs()}).
     */
    public boolean spanDeclared()
    {
        return spanEndNs > spanStartNs;
    }

    /**
     * @return start of the declared span, epoch ns (inclusive); meaningless unless {@link #spanDeclared()}.
     */
    public long spanStartNs()
    {
        return spanStartNs;
    }

    /**
     * @return end of the declared span, epoch ns (exclusive); meaningless unless {@link #spanDeclared()}.
     */
    public long spanEndNs()
    {
        return spanEndNs;
    }

    /**
     * @param row a row index.
     * @return the end of the time the row describes: its time plus the step for a load-rate trace (the interval it
     * counts), its time otherwise. A declared span must contain every row's time and reach this end.
     */
    public long rowEndNs(final int row)
    {
        return rowEndNs(kind, stepNs, timeNs[row]);
    }

    /**
     * @param kind   a trace kind.
     * @param stepNs its step (load-rate), else 0.
     * @param timeNs a row's time.
     * @return the end of the time the row describes (see {@link #rowEndNs(int)}), saturating instead of overflowing.
     */
    public static long rowEndNs(final TraceKind kind, final long stepNs, final long timeNs)
    {
        if (kind != TraceKind.LOAD_RATE || stepNs <= 0)
        {
            return timeNs;
        }
        return timeNs > Long.MAX_VALUE - stepNs ? Long.MAX_VALUE : timeNs + stepNs;
    }

    /**
     * @param kind        a trace kind.
     * @param stepNs      its step (load-rate), else 0.
     * @param timeNs      a row's time.
     * @param spanStartNs declared span start.
     * @param spanEndNs   declared span end (exclusive).
     * @return true if the row lies in the span: {@code spanStart <= time}, {@code time < spanEnd} and, for a
     * load-rate row, {@code time + step <= spanEnd}.
     */
    public static boolean rowInSpan(
        final TraceKind kind, final long stepNs, final long timeNs, final long spanStartNs, final long spanEndNs)
    {
        return timeNs >= spanStartNs && timeNs < spanEndNs && rowEndNs(kind, stepNs, timeNs) <= spanEndNs;
    }

    /**
     * @return number of rows.
     */
    public int rowCount()
    {
        return rowCount;
    }

    /**
     * @param row index.
     * @return its time, epoch nanoseconds.
     */
    public long timeNs(final int row)
    {
        return timeNs[row];
    }

    /**
     * @param row index.
     * @return its key id.
     */
    public int keyId(final int row)
    {
        return keyIds[row];
    }

    /**
     * @param row index.
     * @return its code.
     */
    public int code(final int row)
    {
        return codes[row];
    }

    /**
     * @param row index.
     * @return its value.
     */
    public double value(final int row)
    {
        return values[row];
    }

    /**
     * @param column a size column ({@link #REQUEST_BYTES}, {@link #RESPONSE_BYTES}, {@link #READ_BYTES}).
     * @return true if the table has it (its file had the column).
     */
    public boolean hasSizeColumn(final int column)
    {
        return sizeBytes[column] != null;
    }

    /**
     * @return true if the table has any size column.
     */
    public boolean hasSizeColumns()
    {
        for (final long[] column : sizeBytes)
        {
            if (column != null)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param column a size column.
     * @param row    a row index.
     * @return the row's size in bytes, or -1 if the row does not say or the table has no such column.
     */
    public long sizeBytes(final int column, final int row)
    {
        final long[] sizes = sizeBytes[column];
        return sizes == null ? -1 : sizes[row];
    }

    /**
     * @return a new cursor over all rows, in order.
     */
    public TraceCursor cursor()
    {
        return new TableCursor();
    }

    /**
     * Rows equal: same kind, step, declared span, keys (same ids in the same order) and identical columns (the size
     * columns too), values compared bit for bit (so NaN equals NaN).
     */
    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof TraceTable))
        {
            return false;
        }
        final TraceTable other = (TraceTable)o;
        if (kind != other.kind || stepNs != other.stepNs || rowCount != other.rowCount || !keys.equals(other.keys) ||
            spanStartNs != other.spanStartNs || spanEndNs != other.spanEndNs)
        {
            return false;
        }
        for (int i = 0; i < rowCount; i++)
        {
            if (timeNs[i] != other.timeNs[i] || keyIds[i] != other.keyIds[i] || codes[i] != other.codes[i] ||
                Double.doubleToLongBits(values[i]) != Double.doubleToLongBits(other.values[i]))
            {
                return false;
            }
        }
        return Arrays.deepEquals(sizeBytes, other.sizeBytes);
    }

    @Override
    public int hashCode()
    {
        return kind.hashCode() * 31 + rowCount;
    }

    @Override
    public String toString()
    {
        return kind.label() + " trace: " + rowCount + " rows, " + keys.size() + " keys" + (spanDeclared() ?
            ", span " + TraceTimes.formatIso(spanStartNs) + "/" + TraceTimes.formatIso(spanEndNs) : "");
    }

    private final class TableCursor implements TraceCursor
    {
        private int row = -1;

        @Override
        public boolean next()
        {
            if (row + 1 >= rowCount)
            {
                row = rowCount;
                return false;
            }
            row++;
            return true;
        }

        @Override
        public long timeNs()
        {
            return timeNs[row];
        }

        @Override
        public int keyId()
        {
            return keyIds[row];
        }

        @Override
        public int code()
        {
            return codes[row];
        }

        @Override
        public double value()
        {
            return values[row];
        }

        @Override
        public TraceKind kind()
        {
            return kind;
        }

        @Override
        public KeyDictionary keys()
        {
            return keys;
        }

        @Override
        public long rowCount()
        {
            return rowCount;
        }

        @Override
        public void close()
        {
        }
    }

    /**
     * Collects rows in any order and builds a table sorted by time; rows with equal times keep the order in which
     * they were added (a stable sort).
     */
    public static final class Builder
    {
        private final TraceKind kind;
        private final KeyDictionary keys;
        private long stepNs;
        private long spanStartNs;
        private long spanEndNs;
        private int size;
        private long[] timeNs = new long[1024];
        private int[] keyIds = new int[1024];
        private int[] codes = new int[1024];
        private double[] values = new double[1024];
        private final long[][] sizeBytes = new long[SIZE_COLUMNS.size()][];

        private Builder(final TraceKind kind)
        {
            this.kind = kind;
            this.keys = new KeyDictionary(kind.keyFields());
        }

        /**
         * @return the dictionary to intern keys in before adding their rows.
         */
        public KeyDictionary keys()
        {
            return keys;
        }

        /**
         * @return what the rows describe.
         */
        public TraceKind kind()
        {
            return kind;
        }

        /**
         * @param stepNs interval length of a load-rate trace.
         * @return this builder.
         */
        public Builder stepNs(final long stepNs)
        {
            this.stepNs = stepNs;
            return this;
        }

        /**
         * @return the step set so far.
         */
        public long stepNs()
        {
            return stepNs;
        }

        /**
         * Declare the window the rows describe; {@link #build()} checks that every row lies in it.
         *
         * @param startNs span start, epoch ns (inclusive).
         * @param endNs   span end, epoch ns (exclusive), after the start.
         * @return this builder.
         * @throws IllegalArgumentException if the span is empty.
         */
        public Builder span(final long startNs, final long endNs)
        {
            if (endNs <= startNs)
            {
                throw new IllegalArgumentException("a span must end after it starts: " + startNs + " to " + endNs);
            }
            this.spanStartNs = startNs;
            this.spanEndNs = endNs;
            return this;
        }

        /**
         * Copy another table's declared span, if it has one.
         *
         * @param table the table.
         * @return this builder.
         */
        public Builder spanOf(final TraceTable table)
        {
            if (table.spanDeclared())
            {
                span(table.spanStartNs(), table.spanEndNs());
            }
            return this;
        }

        /**
         * Add a row.
         *
         * @param timeNs epoch nanoseconds.
         * @param keyId  id from {@link #keys()}.
         * @param code   fault kind code, or 0.
         * @param value  the row's value.
         * @return this builder.
         */
        public Builder add(final long timeNs, final int keyId, final int code, final double value)
        {
            if (keyId < 0 || keyId >= keys.size())
            {
                throw new IllegalArgumentException("key id " + keyId + " not in dictionary of " + keys.size());
            }
            if (size == this.timeNs.length)
            {
                final int capacity = size * 2;
                this.timeNs = Arrays.copyOf(this.timeNs, capacity);
                keyIds = Arrays.copyOf(keyIds, capacity);
                codes = Arrays.copyOf(codes, capacity);
                values = Arrays.copyOf(values, capacity);
                for (int c = 0; c < sizeBytes.length; c++)
                {
                    if (sizeBytes[c] != null)
                    {
                        sizeBytes[c] = Arrays.copyOf(sizeBytes[c], capacity);
                    }
                }
            }
            this.timeNs[size] = timeNs;
            keyIds[size] = keyId;
            codes[size] = code;
            values[size] = value;
            for (final long[] sizes : sizeBytes)
            {
                if (sizes != null)
                {
                    sizes[size] = -1;
                }
            }
            size++;
            return this;
        }

        /**
         * Give the table a size column (an {@link TraceKind#ARRIVALS} table only); rows added before and rows not
         * given a size by {@link #sizeBytes(int, long)} have -1 (unknown).
         *
         * @param column {@link #REQUEST_BYTES}, {@link #RESPONSE_BYTES} or {@link #READ_BYTES}.
         * @return this builder.
         * @throws IllegalArgumentException if the table is not an arrivals table.
         */
        public Builder sizeColumn(final int column)
        {
            if (kind != TraceKind.ARRIVALS)
            {
                throw new IllegalArgumentException("only an arrivals trace has size columns, not " + kind.label());
            }
            if (sizeBytes[column] == null)
            {
                sizeBytes[column] = new long[this.timeNs.length];
                Arrays.fill(sizeBytes[column], -1);
            }
            return this;
        }

        /**
         * Set the size of the row added last.
         *
         * @param column a column given by {@link #sizeColumn}.
         * @param bytes  the size, at least 0, or -1 for unknown.
         * @return this builder.
         */
        public Builder sizeBytes(final int column, final long bytes)
        {
            if (sizeBytes[column] == null || size == 0 || bytes < -1)
            {
                throw new IllegalArgumentException("size " + bytes + " for column " + column + " of row " + size);
            }
            sizeBytes[column][size - 1] = bytes;
            return this;
        }

        /**
         * @return rows added so far.
         */
        public int size()
        {
            return size;
        }

        /**
         * @param row index below {@link #size()}.
         * @return time of that row as added.
         */
        public long timeNs(final int row)
        {
            return timeNs[row];
        }

        /**
         * @return true if rows were added in non-decreasing time order.
         */
        public boolean isSorted()
        {
            for (int i = 1; i < size; i++)
            {
                if (timeNs[i] < timeNs[i - 1])
                {
                    return false;
                }
            }
            return true;
        }

        /**
         * @return the table, sorted stably by time.
         * @throws IllegalArgumentException if a span is declared and a row lies outside it (readers report that
         *                                  with its line before building).
         */
        public TraceTable build()
        {
            if (spanEndNs > spanStartNs)
            {
                for (int i = 0; i < size; i++)
                {
                    if (!rowInSpan(kind, stepNs, timeNs[i], spanStartNs, spanEndNs))
                    {
                        throw new IllegalArgumentException("row at " + TraceTimes.formatIso(timeNs[i]) +
                            " lies outside the declared span " + TraceTimes.formatIso(spanStartNs) + "/" +
                            TraceTimes.formatIso(spanEndNs));
                    }
                }
            }
            final Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++)
            {
                order[i] = i;
            }
            if (!isSorted())
            {
                final long[] times = timeNs;
                Arrays.sort(order, (a, b) -> Long.compare(times[a], times[b]));
            }
            final long[] t = new long[size];
            final int[] k = new int[size];
            final int[] c = new int[size];
            final double[] v = new double[size];
            final long[][] sizes = new long[sizeBytes.length][];
            for (int column = 0; column < sizes.length; column++)
            {
                if (sizeBytes[column] != null)
                {
                    sizes[column] = new long[size];
                }
            }
            for (int i = 0; i < size; i++)
            {
                final int from = order[i];
                t[i] = timeNs[from];
                k[i] = keyIds[from];
                c[i] = codes[from];
                v[i] = values[from];
                for (int column = 0; column < sizes.length; column++)
                {
                    if (sizes[column] != null)
                    {
                        sizes[column][i] = sizeBytes[column][from];
                    }
                }
            }
            return new TraceTable(kind, keys, stepNs, spanStartNs, spanEndNs, size, t, k, c, v, sizes);
        }
    }
}
