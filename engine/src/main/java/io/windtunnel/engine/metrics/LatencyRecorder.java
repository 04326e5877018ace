package io.windtunnel.engine.metrics;

import org.HdrHistogram.Histogram;

/**
 * Records latencies into HdrHistogram with a fixed range and closes intervals in simulated time.
 * <p>
 * Values above {@link #highestTrackableNs()} are clamped down to it and negative values up to 0, and both are
 * counted ({@link #clampedHigh()}, {@link #clampedLow()}), because HdrHistogram's auto-resize and its
 * out-of-range error path both allocate. Values from 0 to the lowest trackable value share the first bucket. Report the clamp counts next to the percentiles: a non-zero
 * {@code clampedHigh} means the tail is at least the highest value, not equal to it.
 * <p>
 * Intervals: two histograms are swapped by {@link #closeInterval(long)}, which stamps the closed one with the
 * simulated start and end times (milliseconds since the scenario start, HdrHistogram's timestamp unit) and adds
 * it to the running {@link #total()}. HdrHistogram's own {@code Recorder} stamps intervals with the wall clock
 * and is for concurrent recording, so it does not fit a single-threaded simulation.
 * <pre>{@code
 * LatencyRecorder latency = new LatencyRecorder(1_000, 60_000_000_000L, 3); // 1 us .. 60 s, 3 digits
 * latency.record(completedNs - arrivalNs);
 * Histogram lastMinute = latency.closeInterval(nowNs);  // valid until the next closeInterval
 * double p99Ms = latency.total().getValueAtPercentile(99) / 1e6;
 * }</pre>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> none after construction.
 */
public final class LatencyRecorder
{
    private final long lowestTrackableNs;
    private final long highestTrackableNs;
    private final Histogram total;
    private Histogram active;
    private Histogram closed;
    private long intervalStartNs;
    private long clampedLow;
    private long clampedHigh;
    private long intervalClampedLow;
    private long intervalClampedHigh;

    /**
     * @param lowestTrackableNs  smallest value told apart from 0 (at least 1).
     * @param highestTrackableNs largest value recorded; larger values are clamped down and counted.
     * @param significantDigits  decimal digits of precision, 0 to 5 (3 gives 0.1% error).
     */
    public LatencyRecorder(final long lowestTrackableNs, final long highestTrackableNs, final int significantDigits)
    {
        this.lowestTrackableNs = lowestTrackableNs;
        this.highestTrackableNs = highestTrackableNs;
        total = new Histogram(lowestTrackableNs, highestTrackableNs, significantDigits);
        active = new Histogram(lowestTrackableNs, highestTrackableNs, significantDigits);
        closed = new Histogram(lowestTrackableNs, highestTrackableNs, significantDigits);
        active.setStartTimeStamp(0);
    }

    /**
     * Record one latency.
     *
     * @param valueNs latency in nanoseconds.
     */
    public void record(final long valueNs)
    {
        long value = valueNs;
        if (value < lowestTrackableNs)
        {
            if (value < 0)
            {
                clampedLow++;
                intervalClampedLow++;
            }
            value = Math.max(0, value);
        }
        else if (value > highestTrackableNs)
        {
            clampedHigh++;
            intervalClampedHigh++;
            value = highestTrackableNs;
        }
        active.recordValue(value);
    }

    /**
     * Close the current interval at simulated time {@code nowNs} and start the next one.
     *
     * @param nowNs end of the interval, nanoseconds since the scenario start.
     * @return the closed interval's histogram, owned by this recorder and valid until the next call.
     */
    public Histogram closeInterval(final long nowNs)
    {
        final Histogram finished = active;
        finished.setStartTimeStamp(intervalStartNs / 1_000_000L);
        finished.setEndTimeStamp(nowNs / 1_000_000L);
        total.add(finished);

        closed.reset();
        active = closed;
        closed = finished;
        intervalStartNs = nowNs;
        intervalClampedLow = 0;
        intervalClampedHigh = 0;
        return finished;
    }

    /**
     * Start the next interval at {@code nowNs} without adding the current one to {@link #total()}: for a recorder
     * whose intervals are only ever {@link #addInterval added} into aggregates, which keep the totals. Its
     * {@link #clampedLow()} and {@link #clampedHigh()} still count the discarded interval's clamps.
     * <p>
     * <b>Allocation:</b> none. <b>Cost:</b> one clearing of the histogram's counts, where {@link #closeInterval}
     * also adds them to the total.
     *
     * @param nowNs end of the interval, nanoseconds since the scenario start.
     */
    public void discardInterval(final long nowNs)
    {
        active.reset();
        intervalStartNs = nowNs;
        intervalClampedLow = 0;
        intervalClampedHigh = 0;
    }

    /**
     * Add what {@code source} recorded in its current interval, values and clamp counts, to this recorder's current
     * interval, as if it had been recorded here. This lets a model record each value once, into a recorder per key
     * (say, per client region and provider), and build the aggregates (total, per region, per provider) from those
     * at interval ends, instead of recording every value into each aggregate.
     * <p>
     * <b>Allocation:</b> none. <b>Cost:</b> proportional to the histogram's counts array, so call it per interval, not
     * per value.
     *
     * @param source a recorder with the same range and precision.
     */
    public void addInterval(final LatencyRecorder source)
    {
        active.add(source.active);
        clampedLow += source.intervalClampedLow;
        clampedHigh += source.intervalClampedHigh;
        intervalClampedLow += source.intervalClampedLow;
        intervalClampedHigh += source.intervalClampedHigh;
    }

    /**
     * @return all values recorded in closed intervals. Call {@link #closeInterval(long)} first to include the
     * current one.
     */
    public Histogram total()
    {
        return total;
    }

    /**
     * @return the histogram recording the current, still open interval.
     */
    public Histogram current()
    {
        return active;
    }

    /**
     * @return start of the current interval, nanoseconds since the scenario start.
     */
    public long intervalStartNs()
    {
        return intervalStartNs;
    }

    /**
     * @return negative values recorded as 0.
     */
    public long clampedLow()
    {
        return clampedLow;
    }

    /**
     * @return values above the range, recorded as {@link #highestTrackableNs()}.
     */
    public long clampedHigh()
    {
        return clampedHigh;
    }

    /**
     * @return lower end of the range.
     */
    public long lowestTrackableNs()
    {
        return lowestTrackableNs;
    }

    /**
     * @return upper end of the range.
     */
    public long highestTrackableNs()
    {
        return highestTrackableNs;
    }

    /**
     * Forget everything recorded and restart intervals at {@code nowNs}, e.g. at the end of a warm-up.
     *
     * @param nowNs start of the first interval after the reset.
     */
    public void reset(final long nowNs)
    {
        total.reset();
        active.reset();
        closed.reset();
        clampedLow = 0;
        clampedHigh = 0;
        intervalClampedLow = 0;
        intervalClampedHigh = 0;
        intervalStartNs = nowNs;
    }
}
