package io.windtunnel.traces.gen;

import io.windtunnel.traces.TraceDurations;

/**
 * The intervals of a generated load-rate trace: {@code steps} consecutive intervals of {@code stepNs} from
 * {@code startNs}, interval {@code i} being {@code [startNs + i * stepNs, startNs + (i + 1) * stepNs)}.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none after construction.
 *
 * @param startNs start of the first interval, epoch nanoseconds (UTC).
 * @param stepNs  interval length, positive.
 * @param steps   number of intervals, positive.
 */
public record LoadGrid(long startNs, long stepNs, int steps)
{
    /** Most intervals one grid may have (rows per region), so that a typo in a duration cannot exhaust memory. */
    public static final int MAX_STEPS = 20_000_000;

    /**
     * @param startNs start of the first interval, epoch nanoseconds.
     * @param stepNs  interval length, positive.
     * @param steps   number of intervals, positive.
     */
    public LoadGrid
    {
        GeneratorParameterException.require(stepNs > 0, "step must be positive, got " + stepNs + " ns");
        GeneratorParameterException.require(steps > 0 && steps <= MAX_STEPS,
            "a load trace needs between 1 and " + MAX_STEPS + " steps, got " + steps);
        GeneratorParameterException.require(startNs <= Long.MAX_VALUE - (long)steps * stepNs,
            "the window ends after the year 2262");
    }

    /**
     * @param startNs    start, epoch nanoseconds.
     * @param durationNs length of the window, a positive whole number of steps.
     * @param stepNs     interval length, positive.
     * @return the grid.
     * @throws GeneratorParameterException if the duration is not a positive multiple of the step or too long.
     */
    public static LoadGrid of(final long startNs, final long durationNs, final long stepNs)
    {
        GeneratorParameterException.require(stepNs > 0, "step must be positive, got " + TraceDurations.format(stepNs));
        GeneratorParameterException.require(durationNs > 0,
            "duration must be positive, got " + TraceDurations.format(durationNs));
        GeneratorParameterException.require(durationNs % stepNs == 0,
            "duration " + TraceDurations.format(durationNs) + " is not a whole number of " +
            TraceDurations.format(stepNs) + " steps");
        final long steps = durationNs / stepNs;
        GeneratorParameterException.require(steps <= MAX_STEPS,
            "duration " + TraceDurations.format(durationNs) + " at step " + TraceDurations.format(stepNs) + " gives " +
            steps + " steps; at most " + MAX_STEPS + " are allowed (use a longer step)");
        return new LoadGrid(startNs, stepNs, (int)steps);
    }

    /**
     * @param step interval index.
     * @return its start, epoch nanoseconds.
     */
    public long stepStartNs(final int step)
    {
        return startNs + step * stepNs;
    }

    /**
     * @return end of the last interval, epoch nanoseconds.
     */
    public long endNs()
    {
        return startNs + steps * stepNs;
    }

    /**
     * @return total length in nanoseconds.
     */
    public long durationNs()
    {
        return steps * stepNs;
    }

    /**
     * @return interval length in seconds.
     */
    public double stepSeconds()
    {
        return stepNs / 1e9;
    }
}
