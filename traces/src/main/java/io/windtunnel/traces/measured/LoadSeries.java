package io.windtunnel.traces.measured;

import io.windtunnel.traces.GapPolicy;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportSummary;

import java.util.Arrays;

/**
 * Collects the (time, count) rows of one load-rate series and checks them against a step: the step is the one
 * declared in the options or, when none is, the smallest interval between rows; every interval must be a whole
 * number of steps; two rows at one time are a problem; a longer interval is a gap, reported or filled with zero
 * counts as {@link ImportOptions#gapPolicy()} says. Rows out of time order are a problem unless
 * {@link ImportOptions#sort()}. Not thread-safe; import time only.
 */
final class LoadSeries
{
    /** Summary reason for zero rows filling gaps. */
    static final String FILL_REASON = "zero-count intervals filling gaps (GapPolicy.ZERO_FILL)";
    /** The largest gap that is filled, in steps: larger ones are reported as implausible. */
    static final long MAX_FILL_STEPS = 10_000_000L;

    private int size;
    private long[] timeNs = new long[1024];
    private double[] counts = new double[1024];
    private long[] lines = new long[1024];

    void add(final long time, final double count, final long line)
    {
        if (size == timeNs.length)
        {
            timeNs = Arrays.copyOf(timeNs, size * 2);
            counts = Arrays.copyOf(counts, size * 2);
            lines = Arrays.copyOf(lines, size * 2);
        }
        timeNs[size] = time;
        counts[size] = count;
        lines[size] = line;
        size++;
    }

    /**
     * @param options  step, gap policy, sort, region.
     * @param problems where to report.
     * @param summary  where filled gaps are counted.
     * @return the table, or null if problems were reported.
     */
    TraceTable build(final ImportOptions options, final ProblemCollector problems, final ImportSummary.Builder summary)
    {
        final Integer[] order = new Integer[size];
        boolean sorted = true;
        for (int i = 0; i < size; i++)
        {
            order[i] = i;
            if (i > 0 && timeNs[i] < timeNs[i - 1])
            {
                sorted = false;
                if (!options.sort())
                {
                    problems.atLine(lines[i], null, "time " + TraceTimes.formatIso(timeNs[i]) + " is before the " +
                        "previous row's " + TraceTimes.formatIso(timeNs[i - 1]) + "; sort the file or import with " +
                        "sorting enabled");
                }
            }
        }
        if (problems.hasProblems())
        {
            return null;
        }
        if (!sorted)
        {
            Arrays.sort(order, (a, b) -> timeNs[a] != timeNs[b] ? Long.compare(timeNs[a], timeNs[b]) :
                Integer.compare(a, b));
        }
        final long stepNs = step(order, options, problems);
        if (stepNs <= 0)
        {
            return null;
        }
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(stepNs);
        final int keyId = builder.keys().intern(options.region() == null ? "" : options.region());
        long filled = 0;
        for (int i = 0; i < order.length; i++)
        {
            final int row = order[i];
            if (i > 0)
            {
                final int previous = order[i - 1];
                final long deltaNs = timeNs[row] - timeNs[previous];
                if (deltaNs == 0)
                {
                    problems.atLine(lines[row], null, "a second row for " + TraceTimes.formatIso(timeNs[row]) +
                        " (first at line " + lines[previous] + ")");
                    continue;
                }
                if (deltaNs > 0 && deltaNs % stepNs != 0)
                {
                    problems.atLine(lines[row], null, "time " + TraceTimes.formatIso(timeNs[row]) + " is not a whole " +
                        "number of steps (" + TraceDurations.format(stepNs) + ") after the previous row's " +
                        TraceTimes.formatIso(timeNs[previous]));
                    continue;
                }
                // A negative interval is an overflow: rows centuries apart.
                final long missing = deltaNs < 0 ? Long.MAX_VALUE : deltaNs / stepNs - 1;
                if (missing > 0)
                {
                    if (options.gapPolicy() == GapPolicy.ERROR || missing > MAX_FILL_STEPS)
                    {
                        problems.atLine(lines[row], null, "gap: " + missing + " interval" + (missing == 1 ? "" : "s") +
                            " of " + TraceDurations.format(stepNs) + " missing after " +
                            TraceTimes.formatIso(timeNs[previous]) + (missing > MAX_FILL_STEPS ?
                            ", too many to fill" : "; if missing rows mean no requests, import with gaps zero-filled " +
                            "(GapPolicy.ZERO_FILL)"));
                        continue;
                    }
                    if (!problems.hasProblems())
                    {
                        for (long k = 1; k <= missing; k++)
                        {
                            builder.add(timeNs[previous] + k * stepNs, keyId, 0, 0.0);
                        }
                        filled += missing;
                    }
                }
            }
            if (!problems.hasProblems())
            {
                builder.add(timeNs[row], keyId, 0, counts[row]);
            }
        }
        summary.add(FILL_REASON, filled);
        return problems.hasProblems() ? null : builder.build();
    }

    private long step(final Integer[] order, final ImportOptions options, final ProblemCollector problems)
    {
        if (options.stepNs() > 0)
        {
            return options.stepNs();
        }
        long smallest = Long.MAX_VALUE;
        for (int i = 1; i < order.length; i++)
        {
            final long deltaNs = timeNs[order[i]] - timeNs[order[i - 1]];
            if (deltaNs > 0 && deltaNs < smallest)
            {
                smallest = deltaNs;
            }
        }
        if (smallest == Long.MAX_VALUE)
        {
            problems.atLine(0, "step", "cannot infer the interval from fewer than two distinct times: give the step " +
                "(ImportOptions.stepNs, --step)");
            return 0;
        }
        return smallest;
    }
}
