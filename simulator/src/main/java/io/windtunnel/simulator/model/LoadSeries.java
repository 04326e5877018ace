package io.windtunnel.simulator.model;

import java.util.Arrays;

/**
 * Piecewise-constant arrival rate of one client region: rate {@code ratePerSec[i]} from {@code startNs[i]} to
 * {@code startNs[i + 1]} (the last step ends at {@code endNs}). Arrivals are a non-homogeneous Poisson process
 * with this rate, drawn exactly by inverting the cumulative rate (see {@link io.windtunnel.simulator.Simulation}).
 * <p>
 * A {@link #periodic periodic} series (a load trace repeated beyond its span) holds one period of steps and repeats
 * it: step {@code k} is base step {@code k % n} shifted by {@code k / n} periods, so a year of a repeated day costs
 * the memory of the day. The accessors compute that only past the first period; a series that does not repeat has
 * {@code steps() == n} and never takes that path.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none after construction.
 */
public final class LoadSeries
{
    private final long[] startNs;
    private final double[] ratePerNs;
    private final double[] cumulative;
    private final long endNs;
    private final int baseSteps;
    private final long periodNs;
    private final int steps;

    /**
     * @param startNs    step starts, strictly increasing, simulated ns.
     * @param ratePerSec arrival rate of each step, non-negative.
     * @param endNs      end of the last step.
     */
    public LoadSeries(final long[] startNs, final double[] ratePerSec, final long endNs)
    {
        this(startNs, ratePerSec, endNs, 0, 1);
    }

    private LoadSeries(
        final long[] startNs, final double[] ratePerSec, final long endNs, final long periodNs, final long periods)
    {
        if (startNs.length == 0 || startNs.length != ratePerSec.length || endNs <= startNs[startNs.length - 1])
        {
            throw new IllegalArgumentException("a load series needs steps and an end after the last step");
        }
        this.startNs = startNs.clone();
        this.ratePerNs = new double[ratePerSec.length];
        this.cumulative = new double[ratePerSec.length + 1];
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
        this.baseSteps = startNs.length;
        this.periodNs = periodNs;
        if (periods > (Integer.MAX_VALUE - 1) / baseSteps)
        {
            throw new IllegalArgumentException(periods + " periods of " + baseSteps + " steps are more than " +
                (Integer.MAX_VALUE - 1) + " steps");
        }
        this.steps = (int)(periods * baseSteps);
        this.endNs = periodNs > 0 ? periods * periodNs : endNs;
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
     * A series that repeats one period from time 0 on: the rate at {@code t} is the base rate at
     * {@code t mod periodNs}.
     *
     * @param offsetsNs  step starts within the period, strictly increasing, the first 0, all below the period.
     * @param ratePerSec arrival rate of each step, non-negative.
     * @param periodNs   the period, positive.
     * @param untilNs    the series must reach at least this time (the run's end); whole periods are kept.
     * @return the series.
     * @throws IllegalArgumentException if the steps are not as described, or the series would have more than
     *                                  {@code Integer.MAX_VALUE - 1} steps.
     */
    public static LoadSeries periodic(
        final long[] offsetsNs, final double[] ratePerSec, final long periodNs, final long untilNs)
    {
        if (periodNs <= 0 || offsetsNs.length == 0 || offsetsNs[0] != 0 || offsetsNs[offsetsNs.length - 1] >= periodNs)
        {
            throw new IllegalArgumentException("a periodic load series needs steps from 0 within a positive period");
        }
        return new LoadSeries(offsetsNs, ratePerSec, periodNs, periodNs, periodsFor(untilNs, periodNs));
    }

    /**
     * @param untilNs  time to reach, positive.
     * @param periodNs the period.
     * @return whole periods from 0 needed to reach it (at least 1).
     */
    public static long periodsFor(final long untilNs, final long periodNs)
    {
        return Math.max(1, (untilNs - 1) / periodNs + 1);
    }

    /**
     * @return number of steps (for a periodic series, over all its periods).
     */
    public int steps()
    {
        return steps;
    }

    /**
     * @param step step index.
     * @return its start, ns.
     */
    public long startNs(final int step)
    {
        if (step < baseSteps)
        {
            return startNs[step];
        }
        return (step / baseSteps) * periodNs + startNs[step % baseSteps];
    }

    /**
     * @param step step index.
     * @return its rate per ns.
     */
    public double ratePerNs(final int step)
    {
        return ratePerNs[step < baseSteps ? step : step % baseSteps];
    }

    /**
     * @param step step index, up to {@link #steps()}.
     * @return expected arrivals before the step's start.
     */
    public double cumulative(final int step)
    {
        if (step <= baseSteps)
        {
            return cumulative[step];
        }
        return (step / baseSteps) * cumulative[baseSteps] + cumulative[step % baseSteps];
    }

    /**
     * @return end of the last step.
     */
    public long endNs()
    {
        return endNs;
    }

    /**
     * @return the period of a periodic series, else 0.
     */
    public long periodNs()
    {
        return periodNs;
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
            return periodNs > 0 ? (steps / baseSteps) * cumulative[baseSteps] : cumulative[baseSteps];
        }
        if (periodNs > 0)
        {
            return (timeNs / periodNs) * cumulative[baseSteps] + baseCumulativeAt(timeNs % periodNs);
        }
        return baseCumulativeAt(timeNs);
    }

    private double baseCumulativeAt(final long timeNs)
    {
        int i = Arrays.binarySearch(startNs, timeNs);
        i = i >= 0 ? i : -i - 2;
        return cumulative[i] + ratePerNs[i] * (timeNs - startNs[i]);
    }
}
