package io.windtunnel.simulator.model;

import io.windtunnel.traces.TraceTable;

/**
 * A per-request arrival log of one client region, replayed as is instead of a rate: arrival times (simulated ns,
 * non-decreasing) and, where the log has it, each request's work (ns at speed 1; -1 where unknown, then drawn from
 * the service model) and sizes in bytes (request, response, data-set read: {@link #REQUEST_BYTES},
 * {@link #RESPONSE_BYTES}, {@link #READ_BYTES}; -1 where unknown, or for every request when the log has no such
 * column, see {@link #hasSizeColumn}).
 * <p>
 * A {@link #periodic periodic} log (a log repeated beyond its span) holds one period and repeats it: arrival
 * {@code i} is base arrival {@code i % n} shifted by {@code i / n} periods. The accessors compute that only past
 * the first period. Sizes repeat with the times.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none after construction.
 */
public final class ArrivalLog
{
    /** Size column: request bytes (the request log's column of the same index, {@link TraceTable#SIZE_COLUMNS}). */
    public static final int REQUEST_BYTES = TraceTable.REQUEST_BYTES;
    /** Size column: response bytes. */
    public static final int RESPONSE_BYTES = TraceTable.RESPONSE_BYTES;
    /** Size column: bytes read from the data set. */
    public static final int READ_BYTES = TraceTable.READ_BYTES;
    /** Number of size columns. */
    public static final int SIZE_COLUMNS = TraceTable.SIZE_COLUMNS.size();

    private final long[] timesNs;
    private final long[] workNs;
    /** Per size column: bytes per base arrival (-1 unknown), or null without the column. */
    private final long[][] sizeBytes;
    /** Per size column: the sum of the known sizes of the base arrivals, and how many are known. */
    private final double[] knownSumBytes = new double[SIZE_COLUMNS];
    private final int[] knownCount = new int[SIZE_COLUMNS];
    private final int baseSize;
    private final long periodNs;
    private final int size;

    /**
     * @param timesNs arrival times, non-decreasing, simulated ns.
     * @param workNs  work per request in ns, or -1 where unknown; same length.
     */
    public ArrivalLog(final long[] timesNs, final long[] workNs)
    {
        this(timesNs, workNs, new long[SIZE_COLUMNS][], 0, 1);
    }

    /**
     * @param timesNs   arrival times, non-decreasing, simulated ns.
     * @param workNs    work per request in ns, or -1 where unknown; same length.
     * @param sizeBytes per size column ({@link #REQUEST_BYTES}, {@link #RESPONSE_BYTES}, {@link #READ_BYTES}):
     *                  bytes per request, -1 where unknown, same length; or null where the log has no such column.
     */
    public ArrivalLog(final long[] timesNs, final long[] workNs, final long[][] sizeBytes)
    {
        this(timesNs, workNs, sizeBytes, 0, 1);
    }

    private ArrivalLog(final long[] timesNs, final long[] workNs, final long[][] sizeBytes, final long periodNs,
        final long periods)
    {
        if (timesNs.length != workNs.length)
        {
            throw new IllegalArgumentException("an arrival log needs one work value per arrival");
        }
        if (sizeBytes.length != SIZE_COLUMNS)
        {
            throw new IllegalArgumentException("an arrival log has " + SIZE_COLUMNS + " size columns");
        }
        this.sizeBytes = new long[SIZE_COLUMNS][];
        for (int c = 0; c < SIZE_COLUMNS; c++)
        {
            if (sizeBytes[c] != null)
            {
                if (sizeBytes[c].length != timesNs.length)
                {
                    throw new IllegalArgumentException("an arrival log needs one size per arrival in a size column");
                }
                for (final long bytes : sizeBytes[c])
                {
                    if (bytes < -1)
                    {
                        throw new IllegalArgumentException("a size must be at least 0 bytes, or -1 for unknown");
                    }
                }
                this.sizeBytes[c] = sizeBytes[c].clone();
                for (final long bytes : sizeBytes[c])
                {
                    if (bytes >= 0)
                    {
                        knownSumBytes[c] += bytes;
                        knownCount[c]++;
                    }
                }
            }
        }
        for (int i = 1; i < timesNs.length; i++)
        {
            if (timesNs[i] < timesNs[i - 1])
            {
                throw new IllegalArgumentException("arrival times must not decrease");
            }
        }
        this.timesNs = timesNs.clone();
        this.workNs = workNs.clone();
        this.baseSize = timesNs.length;
        this.periodNs = periodNs;
        if (baseSize > 0 && periods > (Integer.MAX_VALUE - 1) / baseSize)
        {
            throw new IllegalArgumentException(periods + " periods of " + baseSize + " arrivals are more than " +
                (Integer.MAX_VALUE - 1) + " arrivals");
        }
        this.size = (int)(periods * baseSize);
    }

    /**
     * A log that repeats one period from time 0 on: the arrivals at {@code t + k * periodNs} for every base arrival
     * {@code t} and {@code k >= 0}.
     *
     * @param offsetsNs arrival times within the period, non-decreasing, in {@code [0, periodNs)}.
     * @param workNs    work per request in ns, or -1 where unknown; same length.
     * @param periodNs  the period, positive.
     * @param untilNs   the log must reach at least this time (the run's end); whole periods are kept.
     * @return the log.
     * @throws IllegalArgumentException if the arrivals are not as described or there would be more than
     *                                  {@code Integer.MAX_VALUE - 1} of them.
     */
    public static ArrivalLog periodic(
        final long[] offsetsNs, final long[] workNs, final long periodNs, final long untilNs)
    {
        return periodic(offsetsNs, workNs, new long[SIZE_COLUMNS][], periodNs, untilNs);
    }

    /**
     * {@link #periodic(long[], long[], long, long)} with sizes, which repeat with the times.
     *
     * @param offsetsNs arrival times within the period, non-decreasing, in {@code [0, periodNs)}.
     * @param workNs    work per request in ns, or -1 where unknown; same length.
     * @param sizeBytes per size column: bytes per request (-1 unknown), or null without the column.
     * @param periodNs  the period, positive.
     * @param untilNs   the log must reach at least this time (the run's end); whole periods are kept.
     * @return the log.
     */
    public static ArrivalLog periodic(final long[] offsetsNs, final long[] workNs, final long[][] sizeBytes,
        final long periodNs, final long untilNs)
    {
        if (periodNs <= 0 || (offsetsNs.length > 0 &&
            (offsetsNs[0] < 0 || offsetsNs[offsetsNs.length - 1] >= periodNs)))
        {
            throw new IllegalArgumentException("a periodic arrival log needs arrivals within a positive period");
        }
        return new ArrivalLog(offsetsNs, workNs, sizeBytes, periodNs, LoadSeries.periodsFor(untilNs, periodNs));
    }

    /**
     * @return arrivals in the log (for a periodic log, over all its periods).
     */
    public int size()
    {
        return size;
    }

    /**
     * @param i arrival index.
     * @return its time, simulated ns.
     */
    public long timeNs(final int i)
    {
        if (i < baseSize)
        {
            return timesNs[i];
        }
        return (i / baseSize) * periodNs + timesNs[i % baseSize];
    }

    /**
     * @param i arrival index.
     * @return its work in ns, or -1 if the log does not say.
     */
    public long workNs(final int i)
    {
        return workNs[i < baseSize ? i : i % baseSize];
    }

    /**
     * @param column a size column.
     * @return true if the log has it (its file had the column).
     */
    public boolean hasSizeColumn(final int column)
    {
        return sizeBytes[column] != null;
    }

    /**
     * @param column a size column.
     * @param i      arrival index.
     * @return its size in bytes, or -1 if the log does not say.
     */
    public long sizeBytes(final int column, final int i)
    {
        final long[] sizes = sizeBytes[column];
        return sizes == null ? -1 : sizes[i < baseSize ? i : i % baseSize];
    }

    /**
     * @param column a size column.
     * @return the base arrival (first period) of the first request whose size is unknown, or -1 if every request
     * of a log with the column has one (also -1 without the column).
     */
    public int firstUnknownSize(final int column)
    {
        final long[] sizes = sizeBytes[column];
        for (int i = 0; sizes != null && i < sizes.length; i++)
        {
            if (sizes[i] < 0)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The mean size per request of the log's requests (one period of a periodic log, which every period repeats),
     * with a given size for those whose row has none: what a policy estimating transfer per request needs.
     *
     * @param column        a size column.
     * @param fallbackBytes the size of a request whose row has none (all of them without the column).
     * @return mean bytes per request; the fallback for an empty log.
     */
    public double meanSizeBytes(final int column, final double fallbackBytes)
    {
        if (baseSize == 0)
        {
            return fallbackBytes;
        }
        return (knownSumBytes[column] + (baseSize - knownCount[column]) * fallbackBytes) / baseSize;
    }

    /**
     * @return the period of a periodic log, else 0.
     */
    public long periodNs()
    {
        return periodNs;
    }
}
