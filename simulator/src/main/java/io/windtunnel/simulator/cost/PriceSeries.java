package io.windtunnel.simulator.cost;

import java.util.Arrays;

/**
 * A price step function in simulated time: {@code pricePerHourUsd[i]} holds from {@code timesNs[i]} until the next
 * step. Before the first step the first price holds (a trace that starts late is read as if its first quote had
 * always been valid); after the last step the last price holds.
 * <p>
 * <b>Threading:</b> immutable, safe to share between runs. <b>Allocation:</b> none after construction.
 */
public final class PriceSeries
{
    private static final double NS_PER_HOUR = 3_600_000_000_000.0;

    private final long[] timesNs;
    private final double[] pricePerHourUsd;

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
        return pricePerHourUsd[stepAt(timeNs)];
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
        return sumUsdNs / NS_PER_HOUR;
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
