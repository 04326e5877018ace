package io.windtunnel.simulator.model;

/**
 * A per-request arrival log of one client region, replayed as is instead of a rate: arrival times (simulated ns,
 * non-decreasing) and, where the log has it, each request's work (ns at speed 1; -1 where unknown, then drawn from
 * the service model).
 * <p>
 * A {@link #periodic periodic} log (a log repeated beyond its span) holds one period and repeats it: arrival
 * {@code i} is base arrival {@code i % n} shifted by {@code i / n} periods. The accessors compute that only past
 * the first period.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none after construction.
 */
public final class ArrivalLog
{
    private final long[] timesNs;
    private final long[] workNs;
    private final int baseSize;
    private final long periodNs;
    private final int size;

    /**
     * @param timesNs arrival times, non-decreasing, simulated ns.
     * @param workNs  work per request in ns, or -1 where unknown; same length.
     */
    public ArrivalLog(final long[] timesNs, final long[] workNs)
    {
        this(timesNs, workNs, 0, 1);
    }

    private ArrivalLog(final long[] timesNs, final long[] workNs, final long periodNs, final long periods)
    {
        if (timesNs.length != workNs.length)
        {
            throw new IllegalArgumentException("an arrival log needs one work value per arrival");
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
        if (periodNs <= 0 || (offsetsNs.length > 0 &&
            (offsetsNs[0] < 0 || offsetsNs[offsetsNs.length - 1] >= periodNs)))
        {
            throw new IllegalArgumentException("a periodic arrival log needs arrivals within a positive period");
        }
        return new ArrivalLog(offsetsNs, workNs, periodNs, LoadSeries.periodsFor(untilNs, periodNs));
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
     * @return the period of a periodic log, else 0.
     */
    public long periodNs()
    {
        return periodNs;
    }
}
