package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The shape of a real load trace, rescaled to a target mean rate, optionally resampled to another step and
 * repeated or cropped to another duration.
 * <p>
 * Each key (client region) of the source is read as a step function of rate: a row's count spreads evenly over
 * its interval, from its time to the key's next row (the last row lasting the source's step), which is how
 * {@link TraceKind#LOAD_RATE} defines it. Its cumulative count {@code C(tau)} over the source span {@code S}
 * (first row to the end of the last interval of any key) is extended periodically,
 * {@code C(tau + q S) = q C(S) + C(tau)}, and the output grid, laid from the source start onwards, gets
 * <pre>
 *   E_r,i = k * (C_r(b_i) - C_r(a_i))          a_i, b_i: interval i relative to the output start
 *   k     = targetMeanRatePerSec * duration / (sum over r, i of (C_r(b_i) - C_r(a_i)))
 * </pre>
 * so resampling conserves requests, a duration longer than {@code S} repeats the source and a shorter one crops
 * it, and the output's mean rate is exactly the target (in expected counts). Without a region split the source's
 * keys are kept; with one, all keys are summed first and the total is split by share.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> at construction, arrays of the source's size; per call, the
 * result arrays.
 */
public final class ScaledLoad implements LoadModel
{
    private final double targetMeanRatePerSec;
    private final long sourceStartNs;
    private final long sourceSpanNs;
    private final long sourceStepNs;
    private final String[] keyNames;
    /** Per key: breakpoints relative to the source start, ascending, first 0 and last the span. */
    private final long[][] breakNs;
    /** Per key: cumulative count at each breakpoint. */
    private final double[][] cumulative;

    /**
     * @param source               a load-rate trace with at least one row and a step.
     * @param targetMeanRatePerSec total mean rate of the output over all regions, requests per second, positive.
     * @throws GeneratorParameterException if the source is not a usable load-rate trace or the target is not
     *                                     positive.
     */
    public ScaledLoad(final TraceTable source, final double targetMeanRatePerSec)
    {
        GeneratorParameterException.require(source.kind() == TraceKind.LOAD_RATE,
            "the source must be a load-rate trace, got a " + source.kind().label() + " trace");
        GeneratorParameterException.require(source.rowCount() > 0, "the source load trace has no rows");
        GeneratorParameterException.require(source.stepNs() > 0,
            "the source load trace declares no step, so its last interval has no length");
        this.targetMeanRatePerSec = GeneratorParameterException.positive("target mean rate (requests/s)",
            targetMeanRatePerSec);
        this.sourceStepNs = source.stepNs();

        final int keyCount = source.keys().size();
        final List<List<Integer>> rowsByKey = new ArrayList<>();
        for (int k = 0; k < keyCount; k++)
        {
            rowsByKey.add(new ArrayList<>());
        }
        long start = Long.MAX_VALUE;
        long end = Long.MIN_VALUE;
        for (int row = 0; row < source.rowCount(); row++)
        {
            final double value = source.value(row);
            if (!(value >= 0) || !Double.isFinite(value))
            {
                throw new GeneratorParameterException("the source has a count of " + value + " at " +
                    TraceTimes.formatIso(source.timeNs(row)) + "; counts must be finite and >= 0");
            }
            rowsByKey.get(source.keyId(row)).add(row);
            start = Math.min(start, source.timeNs(row));
        }
        for (int k = 0; k < keyCount; k++)
        {
            final List<Integer> rows = rowsByKey.get(k);
            if (!rows.isEmpty())
            {
                end = Math.max(end, source.timeNs(rows.get(rows.size() - 1)) + sourceStepNs);
            }
        }
        this.sourceStartNs = start;
        this.sourceSpanNs = end - start;

        final List<String> names = new ArrayList<>();
        final List<long[]> breaks = new ArrayList<>();
        final List<double[]> sums = new ArrayList<>();
        double total = 0;
        for (int k = 0; k < keyCount; k++)
        {
            final List<Integer> rows = rowsByKey.get(k);
            if (rows.isEmpty())
            {
                continue;
            }
            final long[] at = new long[rows.size() + 2];
            final double[] sum = new double[rows.size() + 2];
            int n = 0;
            at[n] = 0;
            sum[n++] = 0;
            double running = 0;
            for (int j = 0; j < rows.size(); j++)
            {
                final int row = rows.get(j);
                final long fromNs = source.timeNs(row) - start;
                final long toNs = j + 1 < rows.size() ? source.timeNs(rows.get(j + 1)) - start : fromNs + sourceStepNs;
                if (toNs <= fromNs)
                {
                    throw new GeneratorParameterException("the source has two rows for region '" +
                        source.keys().describe(k) + "' at " + TraceTimes.formatIso(source.timeNs(row)));
                }
                if (fromNs > at[n - 1])
                {
                    at[n] = fromNs;
                    sum[n++] = running;
                }
                running += source.value(row);
                at[n] = toNs;
                sum[n++] = running;
            }
            if (at[n - 1] < sourceSpanNs)
            {
                at[n] = sourceSpanNs;
                sum[n++] = running;
            }
            names.add(source.keys().field(k, 0));
            breaks.add(Arrays.copyOf(at, n));
            sums.add(Arrays.copyOf(sum, n));
            total += running;
        }
        GeneratorParameterException.require(total > 0, "the source load trace has no requests to take a shape from");
        this.keyNames = names.toArray(new String[0]);
        this.breakNs = breaks.toArray(new long[0][]);
        this.cumulative = sums.toArray(new double[0][]);
    }

    /**
     * @return the source's first row time, epoch nanoseconds: the default start of the output.
     */
    public long sourceStartNs()
    {
        return sourceStartNs;
    }

    /**
     * @return the source's span (first row to the end of the last interval), nanoseconds.
     */
    public long sourceSpanNs()
    {
        return sourceSpanNs;
    }

    /**
     * @return the source's step: the default step of the output.
     */
    public long sourceStepNs()
    {
        return sourceStepNs;
    }

    /**
     * @param stepNs the output step.
     * @return the default output duration: the source span rounded down to whole steps.
     * @throws GeneratorParameterException if the span is shorter than one step.
     */
    public long defaultDurationNs(final long stepNs)
    {
        GeneratorParameterException.require(stepNs > 0 && sourceSpanNs >= stepNs,
            "the source spans " + TraceDurations.format(sourceSpanNs) + ", less than one step of " +
            TraceDurations.format(stepNs) + "; give a shorter step or a duration");
        return sourceSpanNs / stepNs * stepNs;
    }

    /**
     * @return the target mean rate, requests per second.
     */
    public double targetMeanRatePerSec()
    {
        return targetMeanRatePerSec;
    }

    @Override
    public LoadSeries expectedCounts(final LoadGrid grid, final RegionMix regions, final RandomStreams streams)
    {
        final boolean keepKeys = regions.isNone();
        final int outRegions = keepKeys ? keyNames.length : regions.size();
        final double[][] counts = new double[outRegions][grid.steps()];
        double total = 0;
        for (int step = 0; step < grid.steps(); step++)
        {
            final long fromNs = (long)step * grid.stepNs();
            final long toNs = fromNs + grid.stepNs();
            if (keepKeys)
            {
                for (int k = 0; k < keyNames.length; k++)
                {
                    final double count = periodicCumulative(k, toNs) - periodicCumulative(k, fromNs);
                    counts[k][step] = count;
                    total += count;
                }
            }
            else
            {
                double count = 0;
                for (int k = 0; k < keyNames.length; k++)
                {
                    count += periodicCumulative(k, toNs) - periodicCumulative(k, fromNs);
                }
                for (int r = 0; r < outRegions; r++)
                {
                    counts[r][step] = count * regions.region(r).share();
                }
                total += count;
            }
        }
        GeneratorParameterException.require(total > 0,
            "the source has no requests in the part of it the window covers; give a longer duration");
        final double scale = targetMeanRatePerSec * (grid.durationNs() / 1e9) / total;
        for (final double[] row : counts)
        {
            for (int step = 0; step < row.length; step++)
            {
                row[step] *= scale;
            }
        }
        return new LoadSeries(keepKeys ? keyNames.clone() : regions.names(), counts);
    }

    private double periodicCumulative(final int key, final long offsetNs)
    {
        final long periods = Math.floorDiv(offsetNs, sourceSpanNs);
        final long withinNs = offsetNs - periods * sourceSpanNs;
        final double[] sum = cumulative[key];
        return periods * sum[sum.length - 1] + cumulativeWithin(key, withinNs);
    }

    private double cumulativeWithin(final int key, final long offsetNs)
    {
        final long[] at = breakNs[key];
        final double[] sum = cumulative[key];
        int index = Arrays.binarySearch(at, offsetNs);
        if (index >= 0)
        {
            return sum[index];
        }
        index = -index - 1;
        if (index == 0)
        {
            return 0;
        }
        if (index >= at.length)
        {
            return sum[sum.length - 1];
        }
        final double fraction = (double)(offsetNs - at[index - 1]) / (at[index] - at[index - 1]);
        return sum[index - 1] + fraction * (sum[index] - sum[index - 1]);
    }
}
