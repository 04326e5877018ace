package io.windtunnel.traces;

import java.util.Arrays;

/**
 * A normalized trace held in memory: primitive columns of equal length, sorted by time (ties keep input order),
 * plus the key dictionary and the kind.
 * <pre>
 *   row:  timeNs (long, epoch ns UTC) | keyId (int) | code (int) | value (double)
 * </pre>
 * Importers build one through {@link Builder}; the binary writer stores one; the simulator reads one through
 * {@link #cursor()}. For traces too long for memory, replay the binary file instead, which streams.
 * <p>
 * <b>Threading:</b> immutable once built; safe to share between threads (each takes its own cursor).
 */
public final class TraceTable
{
    private final TraceKind kind;
    private final KeyDictionary keys;
    private final long stepNs;
    private final int rowCount;
    private final long[] timeNs;
    private final int[] keyIds;
    private final int[] codes;
    private final double[] values;

    private TraceTable(
        final TraceKind kind, final KeyDictionary keys, final long stepNs, final int rowCount,
        final long[] timeNs, final int[] keyIds, final int[] codes, final double[] values)
    {
        this.kind = kind;
        this.keys = keys;
        this.stepNs = stepNs;
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
     * @return a new cursor over all rows, in order.
     */
    public TraceCursor cursor()
    {
        return new TableCursor();
    }

    /**
     * Rows equal: same kind, step, keys (same ids in the same order) and identical columns, values compared bit for
     * bit (so NaN equals NaN).
     */
    @Override
    public boolean equals(final Object o)
    {
        if (!(o instanceof TraceTable))
        {
            return false;
        }
        final TraceTable other = (TraceTable)o;
        if (kind != other.kind || stepNs != other.stepNs || rowCount != other.rowCount || !keys.equals(other.keys))
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
        return true;
    }

    @Override
    public int hashCode()
    {
        return kind.hashCode() * 31 + rowCount;
    }

    @Override
    public String toString()
    {
        return kind.label() + " trace: " + rowCount + " rows, " + keys.size() + " keys";
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
        private int size;
        private long[] timeNs = new long[1024];
        private int[] keyIds = new int[1024];
        private int[] codes = new int[1024];
        private double[] values = new double[1024];

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
            }
            this.timeNs[size] = timeNs;
            keyIds[size] = keyId;
            codes[size] = code;
            values[size] = value;
            size++;
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
         */
        public TraceTable build()
        {
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
            for (int i = 0; i < size; i++)
            {
                final int from = order[i];
                t[i] = timeNs[from];
                k[i] = keyIds[from];
                c[i] = codes[from];
                v[i] = values[from];
            }
            return new TraceTable(kind, keys, stepNs, size, t, k, c, v);
        }
    }
}
