package io.windtunnel.simulator.model;

/**
 * A per-request arrival log of one client region, replayed as is instead of a rate: arrival times (simulated ns,
 * non-decreasing) and, where the log has it, each request's work (ns at speed 1; -1 where unknown, then drawn from
 * the service model).
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none after construction.
 */
public final class ArrivalLog
{
    private final long[] timesNs;
    private final long[] workNs;

    /**
     * @param timesNs arrival times, non-decreasing, simulated ns.
     * @param workNs  work per request in ns, or -1 where unknown; same length.
     */
    public ArrivalLog(final long[] timesNs, final long[] workNs)
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
    }

    /**
     * @return arrivals in the log.
     */
    public int size()
    {
        return timesNs.length;
    }

    /**
     * @param i arrival index.
     * @return its time, simulated ns.
     */
    public long timeNs(final int i)
    {
        return timesNs[i];
    }

    /**
     * @param i arrival index.
     * @return its work in ns, or -1 if the log does not say.
     */
    public long workNs(final int i)
    {
        return workNs[i];
    }
}
