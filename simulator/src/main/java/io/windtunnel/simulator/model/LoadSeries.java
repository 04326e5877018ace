package io.windtunnel.simulator.model;

/**
 * Piecewise-constant arrival rate of one client region: rate {@code ratePerSec[i]} from {@code startNs[i]} to
 * {@code startNs[i + 1]} (the last step ends at {@code endNs}). Arrivals are a non-homogeneous Poisson process
 * with this rate, drawn exactly by inverting the cumulative rate (see {@link io.windtunnel.simulator.Simulation}).
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none after construction.
 */
public final class LoadSeries
{
    private final long[] startNs;
    private final double[] ratePerNs;
    private final double[] cumulative;
    private final long endNs;

    /**
     * @param startNs    step starts, strictly increasing, simulated ns.
     * @param ratePerSec arrival rate of each step, non-negative.
     * @param endNs      end of the last step.
     */
    public LoadSeries(final long[] startNs, final double[] ratePerSec, final long endNs)
    {
        if (startNs.length == 0 || startNs.length != ratePerSec.length || endNs <= startNs[startNs.length - 1])
        {
            throw new IllegalArgumentException("a load series needs steps and an end after the last step");
        }
        this.startNs = startNs.clone();
        this.ratePerNs = new double[ratePerSec.length];
        this.cumulative = new double[ratePerSec.length + 1];
        this.endNs = endNs;
        for (int i = 0; i < ratePerSec.length; i++)
        {
            if (!(ratePerSec[i] >= 0) || Double.isInfinite(ratePerSec[i]) || (i > 0 && startNs[i] <= startNs[i - 1]))
            {
                throw new IllegalArgumentException("load steps must increase in time and have finite rates >= 0");
            }
            ratePerNs[i] = ratePerSec[i] / 1e9;
            final long stepEndNs = i + 1 < startNs.length ? startNs[i + 1] : endNs;
            cumulative[i + 1] = cumulative[i] + ratePerNs[i] * (stepEndNs - startNs[i]);
        }
    }

    /**
     * @param ratePerSec the constant rate.
     * @return a series with that rate for all simulated time.
     */
    public static LoadSeries constant(final double ratePerSec)
    {
        return new LoadSeries(new long[] {0}, new double[] {ratePerSec}, Long.MAX_VALUE);
    }

    /**
     * @return number of steps.
     */
    public int steps()
    {
        return startNs.length;
    }

    /**
     * @param step step index.
     * @return its start, ns.
     */
    public long startNs(final int step)
    {
        return startNs[step];
    }

    /**
     * @param step step index.
     * @return its rate per ns.
     */
    public double ratePerNs(final int step)
    {
        return ratePerNs[step];
    }

    /**
     * @param step step index, up to {@link #steps()}.
     * @return expected arrivals before the step's start.
     */
    public double cumulative(final int step)
    {
        return cumulative[step];
    }

    /**
     * @return end of the last step.
     */
    public long endNs()
    {
        return endNs;
    }

    /**
     * @param fromNs start.
     * @param toNs   end.
     * @return expected arrivals in {@code [fromNs, toNs)}.
     */
    public double expectedArrivals(final long fromNs, final long toNs)
    {
        return cumulativeAt(toNs) - cumulativeAt(fromNs);
    }

    private double cumulativeAt(final long timeNs)
    {
        if (timeNs <= startNs[0])
        {
            return 0;
        }
        if (timeNs >= endNs)
        {
            return cumulative[startNs.length];
        }
        int i = java.util.Arrays.binarySearch(startNs, timeNs);
        i = i >= 0 ? i : -i - 2;
        return cumulative[i] + ratePerNs[i] * (timeNs - startNs[i]);
    }
}
