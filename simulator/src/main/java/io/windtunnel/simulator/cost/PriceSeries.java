package io.windtunnel.simulator.cost;

import java.util.Arrays;

/**
 * A price step function in simulated time: {@code pricePerHourUsd[i]} holds from {@code timesNs[i]} until the next
 * step. Before the first step the first price holds (a trace that starts late is read as if its first quote had
 * always been valid); after the last step the last price holds. The scenario reader builds such a series only
 * where the trace covers the run, or where the scenario says {@code beyond: hold-last}.
 * <p>
 * A {@link #periodic periodic} series ({@code beyond: repeat}) holds one period of steps from offset 0 and repeats
 * it for all times: the price at {@code t} is the base price at {@code t mod period}.
 * <p>
 * <b>Threading:</b> immutable, safe to share between runs. <b>Allocation:</b> none after construction.
 */
public final class PriceSeries
{
    private static final double NS_PER_HOUR = 3_600_000_000_000.0;

    private final long[] timesNs;
    private final double[] pricePerHourUsd;
    private final long periodNs;
    private final double periodUsdNs;

    /**
     * @param timesNs         step start times, strictly increasing, simulated ns.
     * @param pricePerHourUsd price from each step on, USD per instance-hour, finite and non-negative.
     */
    public PriceSeries(final long[] timesNs, final double[] pricePerHourUsd)
    {
        if (timesNs.length == 0 || timesNs.length != pricePerHourUsd.length)
        {
            throw new IllegalArgumentException("a price series needs equally many (at least one) times and prices");
        }
        for (int i = 0; i < timesNs.length; i++)
        {
            if (i > 0 && timesNs[i] <= timesNs[i - 1])
            {
                throw new IllegalArgumentException("price step times must increase: " + timesNs[i]);
            }
            if (!(pricePerHourUsd[i] >= 0) || Double.isInfinite(pricePerHourUsd[i]))
            {
                throw new IllegalArgumentException("price must be finite and non-negative: " + pricePerHourUsd[i]);
            }
        }
        this.timesNs = timesNs.clone();
        this.pricePerHourUsd = pricePerHourUsd.clone();
        this.periodNs = 0;
        this.periodUsdNs = 0;
    }

    private PriceSeries(final PriceSeries base, final long periodNs)
    {
        this.timesNs = base.timesNs;
        this.pricePerHourUsd = base.pricePerHourUsd;
        this.periodNs = periodNs;
        this.periodUsdNs = walkUsdNs(0, periodNs);
    }

    /**
     * A series that repeats one period for all times.
     *
     * @param offsetsNs       step starts within the period, strictly increasing, the first 0, all below the period.
     * @param pricePerHourUsd price from each step on, USD per instance-hour, finite and non-negative.
     * @param periodNs        the period, positive.
     * @return the series.
     * @throws IllegalArgumentException if the steps are not as described.
     */
    public static PriceSeries periodic(final long[] offsetsNs, final double[] pricePerHourUsd, final long periodNs)
    {
        if (periodNs <= 0 || offsetsNs.length == 0 || offsetsNs[0] != 0 || offsetsNs[offsetsNs.length - 1] >= periodNs)
        {
            throw new IllegalArgumentException("a periodic price series needs steps from 0 within a positive period");
        }
        return new PriceSeries(new PriceSeries(offsetsNs, pricePerHourUsd), periodNs);
    }

    /**
     * @return the period of a periodic series, else 0.
     */
    public long periodNs()
    {
        return periodNs;
    }

    /**
     * @param pricePerHourUsd the price at all times.
     * @return a one-step series.
     */
    public static PriceSeries constant(final double pricePerHourUsd)
    {
        return new PriceSeries(new long[] {0}, new double[] {pricePerHourUsd});
    }

    /**
     * @param timeNs simulated time.
     * @return the price in force at that time, USD per hour.
     */
    public double pricePerHourUsdAt(final long timeNs)
    {
        return pricePerHourUsd[stepAt(periodNs > 0 ? Math.floorMod(timeNs, periodNs) : timeNs)];
    }

    /**
     * Integral of the price over {@code [fromNs, toNs)}: what one instance costs over that window, unrounded.
     *
     * @param fromNs start, simulated ns.
     * @param toNs   end, simulated ns, not before {@code fromNs}.
     * @return cost in USD.
     */
    public double integrateUsd(final long fromNs, final long toNs)
    {
        if (toNs <= fromNs)
        {
            return 0;
        }
        if (periodNs > 0)
        {
            final long fromPeriod = Math.floorDiv(fromNs, periodNs);
            final long toPeriod = Math.floorDiv(toNs, periodNs);
            final long fromOffsetNs = fromNs - fromPeriod * periodNs;
            final long toOffsetNs = toNs - toPeriod * periodNs;
            if (fromPeriod == toPeriod)
            {
                return walkUsdNs(fromOffsetNs, toOffsetNs) / NS_PER_HOUR;
            }
            return (walkUsdNs(fromOffsetNs, periodNs) + (toPeriod - fromPeriod - 1) * periodUsdNs +
                walkUsdNs(0, toOffsetNs)) / NS_PER_HOUR;
        }
        return walkUsdNs(fromNs, toNs) / NS_PER_HOUR;
    }

    /** The price integrated over {@code [fromNs, toNs)} of the (base) steps, in USD-ns per hour. */
    private double walkUsdNs(final long fromNs, final long toNs)
    {
        int step = stepAt(fromNs);
        long t = fromNs;
        double sumUsdNs = 0;
        while (t < toNs)
        {
            final long stepEndNs = step + 1 < timesNs.length ? timesNs[step + 1] : Long.MAX_VALUE;
            final long endNs = Math.min(stepEndNs, toNs);
            sumUsdNs += pricePerHourUsd[step] * (double)(endNs - t);
            t = endNs;
            step++;
        }
        return sumUsdNs;
    }

    /**
     * @return number of steps.
     */
    public int steps()
    {
        return timesNs.length;
    }

    private int stepAt(final long timeNs)
    {
        final int i = Arrays.binarySearch(timesNs, timeNs);
        if (i >= 0)
        {
            return i;
        }
        return Math.max(0, -i - 2);
    }
}
