package io.windtunnel.simulator.cost;

/**
 * How a provider bills one instance: the billed duration is rounded up to the {@code granularityNs}, is at least
 * {@code minimumNs}, and is priced by integrating the key's {@link PriceSeries} from the launch over the billed
 * duration. A preemption by the provider may reduce the bill ({@link Refund}).
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none.
 *
 * @param granularityNs billing unit, e.g. 1 s, 60 s or 3600 s; positive.
 * @param minimumNs     minimum billed duration, e.g. 60 s; 0 for none.
 * @param refund        what a provider-initiated preemption changes.
 */
public record BillingRule(long granularityNs, long minimumNs, Refund refund)
{
    /** Billing by the second with a one-minute minimum and no refund: AWS, Azure and GCP Linux VMs today. */
    public static final BillingRule PER_SECOND_MINIMUM_MINUTE =
        new BillingRule(1_000_000_000L, 60_000_000_000L, Refund.NONE);

    private static final long HOUR_NS = 3_600_000_000_000L;

    /** What a preemption by the provider changes in the bill. */
    public enum Refund
    {
        /** Billed as if the user had terminated the instance. */
        NONE,
        /** The last, partially used billing unit is not charged, nor is the minimum. */
        PARTIAL_UNIT,
        /** Preempted within its first hour: not charged at all (the old AWS spot rule). */
        FIRST_HOUR_FREE
    }

    /**
     * Checks the parameters.
     */
    public BillingRule
    {
        if (granularityNs <= 0 || minimumNs < 0 || refund == null)
        {
            throw new IllegalArgumentException("billing granularity must be positive and minimum non-negative");
        }
    }

    /**
     * @param launchNs    when the instance was requested (billing starts), simulated ns.
     * @param endNs       when it was terminated, simulated ns.
     * @param preempted   true if the provider took it back.
     * @return billed duration in ns, from the launch.
     */
    public long billedNs(final long launchNs, final long endNs, final boolean preempted)
    {
        final long usedNs = Math.max(0, endNs - launchNs);
        if (preempted && refund == Refund.FIRST_HOUR_FREE && usedNs < HOUR_NS)
        {
            return 0;
        }
        if (preempted && refund == Refund.PARTIAL_UNIT)
        {
            return usedNs / granularityNs * granularityNs;
        }
        final long roundedNs = (usedNs + granularityNs - 1) / granularityNs * granularityNs;
        return Math.max(minimumNs, roundedNs);
    }

    /**
     * @param price     the instance's price series.
     * @param launchNs  when billing starts.
     * @param endNs     when the instance was terminated.
     * @param preempted true if the provider took it back.
     * @return the bill in USD.
     */
    public double costUsd(final PriceSeries price, final long launchNs, final long endNs, final boolean preempted)
    {
        return price.integrateUsd(launchNs, launchNs + billedNs(launchNs, endNs, preempted));
    }
}
