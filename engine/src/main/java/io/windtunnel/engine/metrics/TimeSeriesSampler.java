package io.windtunnel.engine.metrics;

import java.util.Arrays;

/**
 * Fixed-interval time series in simulated time: rows of {@code columns} doubles in one preallocated array, row
 * {@code r} covering {@code [r * intervalNs, (r + 1) * intervalNs)}.
 * <p>
 * Each column is written in one of three ways: {@link #add} sums into the row (counts, cost), {@link #set} keeps
 * the last value (gauges sampled by a periodic event) and {@link #max} keeps the largest. Rows never written
 * read as 0.
 * <p>
 * <b>Growth:</b> size it at setup for the run's duration ({@code initialRows = duration / interval + 1}); a write
 * past the last row doubles the array, a rare and documented copy, so a run longer than planned loses nothing.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> none within the preallocated rows.
 */
public final class TimeSeriesSampler
{
    private final long intervalNs;
    private final int columns;
    private double[] values;
    private int capacityRows;
    private int rows;
    /** The row of the last call, [start, end) and its offset in {@code values}; empty until the first call. */
    private long cachedRowStartNs = Long.MAX_VALUE;
    private long cachedRowEndNs = Long.MIN_VALUE;
    private int cachedRowOffset;

    /**
     * @param intervalNs  length of one row, positive.
     * @param columns     values per row, positive.
     * @param initialRows rows preallocated, positive.
     */
    public TimeSeriesSampler(final long intervalNs, final int columns, final int initialRows)
    {
        if (intervalNs <= 0 || columns <= 0 || initialRows <= 0)
        {
            throw new IllegalArgumentException(
                "intervalNs, columns and initialRows must be positive: " + intervalNs + ", " + columns + ", " +
                initialRows);
        }
        this.intervalNs = intervalNs;
        this.columns = columns;
        this.capacityRows = initialRows;
        this.values = new double[initialRows * columns];
    }

    /**
     * Add {@code value} to the row containing {@code timeNs}.
     *
     * @param timeNs non-negative simulated time.
     * @param column column index.
     * @param value  amount to add.
     */
    public void add(final long timeNs, final int column, final double value)
    {
        final int i = index(timeNs, column);
        values[i] += value;
    }

    /**
     * Set the value of the row containing {@code timeNs}.
     *
     * @param timeNs non-negative simulated time.
     * @param column column index.
     * @param value  new value.
     */
    public void set(final long timeNs, final int column, final double value)
    {
        final int i = index(timeNs, column);
        values[i] = value;
    }

    /**
     * Keep the larger of {@code value} and the row's value.
     *
     * @param timeNs non-negative simulated time.
     * @param column column index.
     * @param value  candidate.
     */
    public void max(final long timeNs, final int column, final double value)
    {
        final int i = index(timeNs, column);
        if (value > values[i])
        {
            values[i] = value;
        }
    }

    /**
     * @param row    row index, below {@link #rows()}.
     * @param column column index.
     * @return the value stored there.
     */
    public double get(final int row, final int column)
    {
        if (row < 0 || row >= rows || column < 0 || column >= columns)
        {
            throw new IndexOutOfBoundsException("row " + row + " of " + rows + ", column " + column + " of " + columns);
        }
        return values[row * columns + column];
    }

    /**
     * @return rows up to and including the last one written.
     */
    public int rows()
    {
        return rows;
    }

    /**
     * @return values per row.
     */
    public int columns()
    {
        return columns;
    }

    /**
     * @return length of a row.
     */
    public long intervalNs()
    {
        return intervalNs;
    }

    /**
     * @param row row index.
     * @return simulated time at which the row starts.
     */
    public long rowStartNs(final int row)
    {
        return row * intervalNs;
    }

    /**
     * @return rows that fit before the next doubling.
     */
    public int capacityRows()
    {
        return capacityRows;
    }

    private int index(final long timeNs, final int column)
    {
        if (timeNs < 0 || column < 0 || column >= columns)
        {
            throw new IllegalArgumentException("timeNs " + timeNs + " or column " + column + " out of range");
        }
        if (timeNs >= cachedRowStartNs && timeNs < cachedRowEndNs)
        {
            // Most calls fall in the same row as the previous one: skip the division.
            return cachedRowOffset + column;
        }
        final long row = timeNs / intervalNs;
        if (row >= capacityRows)
        {
            grow(row);
        }
        final int r = (int)row;
        if (r >= rows)
        {
            rows = r + 1;
        }
        cachedRowStartNs = row * intervalNs;
        cachedRowEndNs = cachedRowStartNs > Long.MAX_VALUE - intervalNs ? Long.MAX_VALUE : cachedRowStartNs + intervalNs;
        cachedRowOffset = r * columns;
        return cachedRowOffset + column;
    }

    private void grow(final long row)
    {
        long newRows = capacityRows;
        while (newRows <= row)
        {
            newRows *= 2;
        }
        if (newRows * columns > Integer.MAX_VALUE - 8)
        {
            throw new IllegalStateException("time series too long: row " + row + " of interval " + intervalNs + " ns");
        }
        values = Arrays.copyOf(values, (int)newRows * columns);
        capacityRows = (int)newRows;
    }
}
