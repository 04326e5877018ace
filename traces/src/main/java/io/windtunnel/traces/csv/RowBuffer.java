package io.windtunnel.traces.csv;

import java.util.Arrays;

/**
 * Rows read from a CSV file before they become a table: primitive columns plus the line each row came from, so
 * that checks spanning rows (order, duplicates, gaps) can name lines.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> grows by doubling; no object per row.
 */
final class RowBuffer
{
    /** Line of a row that no file line holds (a zero-filled interval). */
    static final long NO_LINE = 0;

    private long[] timeNs = new long[256];
    private int[] keyIds = new int[256];
    private int[] codes = new int[256];
    private double[] values = new double[256];
    private long[] lines = new long[256];
    /** Per size column of an arrivals CSV: bytes per row, -1 unknown; null when the file has no such column. */
    private final long[][] sizeBytes = new long[io.windtunnel.traces.TraceTable.SIZE_COLUMNS.size()][];
    private int size;

    /**
     * Keep a size column: from now on {@link #add} stores it (the file has the column).
     */
    void trackSize(final int column)
    {
        sizeBytes[column] = new long[timeNs.length];
    }

    /**
     * @return true if the buffer keeps that size column.
     */
    boolean hasSize(final int column)
    {
        return sizeBytes[column] != null;
    }

    /**
     * @return a row's size in a kept column, bytes, or -1 when unknown.
     */
    long sizeBytes(final int column, final int row)
    {
        return sizeBytes[column][row];
    }

    /**
     * Add a row with sizes: {@link #add}, then each kept column's value from {@code sizes} (-1 unknown).
     */
    void add(final long timeNs, final int keyId, final int code, final double value, final long line,
        final long[] sizes)
    {
        add(timeNs, keyId, code, value, line);
        for (int c = 0; c < sizeBytes.length; c++)
        {
            if (sizeBytes[c] != null)
            {
                sizeBytes[c][size - 1] = sizes[c];
            }
        }
    }

    /**
     * @param timeNs epoch ns.
     * @param keyId  id in the read's own key dictionary.
     * @param code   fault code or 0.
     * @param value  the value.
     * @param line   1-based line in the file, or {@link #NO_LINE}.
     */
    void add(final long timeNs, final int keyId, final int code, final double value, final long line)
    {
        if (size == this.timeNs.length)
        {
            final int capacity = size * 2;
            this.timeNs = Arrays.copyOf(this.timeNs, capacity);
            keyIds = Arrays.copyOf(keyIds, capacity);
            codes = Arrays.copyOf(codes, capacity);
            values = Arrays.copyOf(values, capacity);
            lines = Arrays.copyOf(lines, capacity);
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
        lines[size] = line;
        for (final long[] sizes : sizeBytes)
        {
            if (sizes != null)
            {
                sizes[size] = -1;
            }
        }
        size++;
    }

    int size()
    {
        return size;
    }

    long timeNs(final int row)
    {
        return timeNs[row];
    }

    int keyId(final int row)
    {
        return keyIds[row];
    }

    int code(final int row)
    {
        return codes[row];
    }

    double value(final int row)
    {
        return values[row];
    }

    long line(final int row)
    {
        return lines[row];
    }

    /**
     * @return the first row whose time is earlier than the row before it, or -1 if rows are in time order.
     */
    int firstOutOfOrder()
    {
        for (int i = 1; i < size; i++)
        {
            if (timeNs[i] < timeNs[i - 1])
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * @return row indexes in time order; rows with equal times keep the order in which they were added (a stable
     * merge sort on primitive indexes, so a long file costs no boxing).
     */
    int[] orderByTime()
    {
        int[] order = new int[size];
        for (int i = 0; i < size; i++)
        {
            order[i] = i;
        }
        if (firstOutOfOrder() < 0)
        {
            return order;
        }
        int[] scratch = new int[size];
        for (int width = 1; width < size; width *= 2)
        {
            for (int left = 0; left < size; left += 2 * width)
            {
                final int middle = Math.min(left + width, size);
                final int right = Math.min(left + 2 * width, size);
                int a = left;
                int b = middle;
                int out = left;
                while (a < middle && b < right)
                {
                    scratch[out++] = timeNs[order[b]] < timeNs[order[a]] ? order[b++] : order[a++];
                }
                while (a < middle)
                {
                    scratch[out++] = order[a++];
                }
                while (b < right)
                {
                    scratch[out++] = order[b++];
                }
            }
            final int[] swap = order;
            order = scratch;
            scratch = swap;
        }
        return order;
    }
}
