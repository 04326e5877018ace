package io.windtunnel.traces.measured;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.aws.AwsZones;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.ImportSummary;
import io.windtunnel.traces.ingest.SummarizingTraceReader;
import io.windtunnel.traces.ingest.internal.Decimals;
import io.windtunnel.traces.ingest.internal.LineInput;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;

/**
 * Reads a measured spot availability step function: a headerless CSV of {@code x,y} points where {@code x} is
 * the time since the start of the measurement and {@code y} the number of spot instances alive, drawn as a
 * staircase, so each change appears as two points with the same {@code x} (the old level, then the new):
 * <pre>
 * 0,0
 * 21529,0
 * 21529,4      at 21,529 s the fleet grows from 0 to 4 instances
 * 21556,4
 * 21556,12
 * </pre>
 * (the layout of the Bamboo EC2 traces, NSDI '23). Rows are {@link TraceKind#FAULTS} with
 * {@link FaultKind#CAPACITY} and value = the level from that time on: one row for the first point, one at each
 * {@code x} whose final level differs from the current one, and one at the last point even if unchanged, so
 * the table spans the whole measurement. Points at the same {@code x} collapse to the last one; points that
 * only end a horizontal segment and intermediate levels at one {@code x} (a blip shorter than the time
 * resolution) are dropped and counted in the {@link ImportSummary}.
 * <p>
 * <b>Options:</b> {@link ImportOptions#startNs()} is required (the epoch time of {@code x = 0}; the Bamboo
 * files carry it only in their names); {@link ImportOptions#timeUnitNs()} gives the unit of {@code x} (default
 * seconds; the Bamboo {@code p2-xlarge-2020-11-20-to-2020-11-23} file uses hours). The key is
 * {@code (provider, region, zone, instance type)} from the options; the provider defaults to {@code aws} (the only
 * published traces of this kind are EC2's); when the provider is {@code aws} and only a zone is given, the region
 * is derived from it ({@code us-east-1c} gives {@code us-east-1}); missing fields are empty.
 * <p>
 * <b>Problems:</b> no start, a line that is not two fields, an {@code x} that is not a non-negative decimal or
 * goes back in time, a {@code y} that is not a whole non-negative number. Blank lines, CRLF and a missing final
 * newline are accepted. The file has no header to recognize, so {@link #recognizes} never claims a file: name
 * the format.
 * <p>
 * <b>Threading:</b> stateless, may be shared. <b>Allocation:</b> import time only.
 */
public final class SpotAvailabilityReader implements SummarizingTraceReader
{
    /** The format's name. */
    public static final String FORMAT = "spot-availability";
    /** The provider used when the options name none. */
    public static final String DEFAULT_PROVIDER = "aws";
    /** Summary reason for points that only continue the current level. */
    public static final String REPEAT_REASON = "points continuing the current level";
    /** Summary reason for intermediate levels at one time. */
    public static final String BLIP_REASON =
        "intermediate levels at one time (changes shorter than the time resolution, collapsed to the last level)";

    @Override
    public String formatName()
    {
        return FORMAT;
    }

    @Override
    public TraceKind kind()
    {
        return TraceKind.FAULTS;
    }

    @Override
    public String description()
    {
        return "measured spot availability step function: headerless x,y CSV (time since --start in --time-unit, " +
            "instances alive), to capacity faults";
    }

    @Override
    public ImportResult readWithSummary(final Path file, final ImportOptions options)
        throws TraceFormatException, IOException
    {
        final ProblemCollector problems = new ProblemCollector(file.toString(), options.problemLimit());
        final boolean hasStart = options.startNs() != ImportOptions.NO_START;
        if (!hasStart)
        {
            problems.atLine(0, "start", "a spot availability trace has relative times: give the epoch time of x = 0 " +
                "(ImportOptions.startNs, --start)");
        }
        if (options.timeUnitNs() <= 0)
        {
            problems.atLine(0, "time unit", "must be positive, got " + options.timeUnitNs() + " ns");
        }
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.FAULTS);
        final int keyId = builder.keys().intern(key(options));
        final ImportSummary.Builder summary = new ImportSummary.Builder();
        final Staircase staircase = new Staircase(builder, keyId, summary);
        final BigDecimal unit = BigDecimal.valueOf(Math.max(1, options.timeUnitNs()));
        BigDecimal previousX = null;
        try (LineInput in = LineInput.open(file))
        {
            String text;
            while ((text = in.next()) != null)
            {
                if (text.isBlank())
                {
                    continue;
                }
                summary.record();
                final long line = in.line();
                final String[] fields = text.split(",", -1);
                if (fields.length != 2)
                {
                    problems.atLine(line, null, "expected two fields x,y (time since start, instances alive), got '" +
                        Decimals.shorten(text) + "'");
                    continue;
                }
                final BigDecimal x = relativeTime(fields[0].trim(), problems, line);
                long level = -1;
                try
                {
                    level = Decimals.parseCount(fields[1], "an instance count");
                }
                catch (final IllegalArgumentException e)
                {
                    problems.atLine(line, "y", e.getMessage());
                }
                if (x != null && previousX != null && x.compareTo(previousX) < 0)
                {
                    problems.atLine(line, "x", "time goes back from " + previousX.toPlainString() + " to " +
                        x.toPlainString() + "; points must be in time order");
                    continue;
                }
                if (x == null)
                {
                    continue;
                }
                previousX = x;
                if (level >= 0 && hasStart && !problems.hasProblems())
                {
                    final long timeNs = absolute(options.startNs(), x, unit, problems, line);
                    if (timeNs != Long.MIN_VALUE)
                    {
                        staircase.point(timeNs, level);
                    }
                }
            }
        }
        if (summary.recordsRead() == 0)
        {
            problems.atLine(0, null, "file is empty; expected x,y points (time since start, instances alive)");
        }
        problems.throwIfAny();
        staircase.finish();
        final TraceTable table = builder.build();
        return new ImportResult(table, summary.build(file.toString(), table.rowCount()));
    }

    private static String[] key(final ImportOptions options)
    {
        final String provider = options.provider() != null ? options.provider() : DEFAULT_PROVIDER;
        final String zone = options.zoneName() != null ? options.zoneName() : "";
        String region = options.region();
        if (region == null)
        {
            region = "aws".equals(provider) && AwsZones.isZoneName(zone) ? AwsZones.regionOf(zone) : "";
        }
        final String type = options.instanceType() != null ? options.instanceType() : "";
        return new String[]{provider, region, zone, type};
    }

    private static BigDecimal relativeTime(final String text, final ProblemCollector problems, final long line)
    {
        if (!Decimals.isDecimal(text) || text.indexOf('e') >= 0 || text.indexOf('E') >= 0 || text.length() > 30)
        {
            problems.atLine(line, "x", "cannot read '" + Decimals.shorten(text) + "' as a time since start");
            return null;
        }
        final BigDecimal x = new BigDecimal(text);
        if (x.signum() < 0)
        {
            problems.atLine(line, "x", "time since start must not be negative, got " + text);
            return null;
        }
        return x;
    }

    private static long absolute(
        final long startNs, final BigDecimal x, final BigDecimal unit, final ProblemCollector problems, final long line)
    {
        try
        {
            final long offsetNs = x.multiply(unit).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            return Math.addExact(startNs, offsetNs);
        }
        catch (final ArithmeticException e)
        {
            problems.atLine(line, "x", "time " + x.toPlainString() + " after the start is out of range");
            return Long.MIN_VALUE;
        }
    }

    /**
     * Turns points into capacity rows: a change is emitted when the time moves on; intermediate points at one
     * time are counted, not emitted.
     */
    private static final class Staircase
    {
        private final TraceTable.Builder builder;
        private final int keyId;
        private final ImportSummary.Builder summary;
        private long levelBefore = -1;
        private long groupTimeNs;
        private int groupSize;
        private long groupLast;
        private long groupRepeats;
        private long groupBlips;

        Staircase(final TraceTable.Builder builder, final int keyId, final ImportSummary.Builder summary)
        {
            this.builder = builder;
            this.keyId = keyId;
            this.summary = summary;
        }

        void point(final long timeNs, final long level)
        {
            if (groupSize > 0 && timeNs != groupTimeNs)
            {
                closeGroup(false);
            }
            if (groupSize == 0)
            {
                groupTimeNs = timeNs;
            }
            else if (groupLast == levelBefore)
            {
                groupRepeats++;
            }
            else
            {
                groupBlips++;
            }
            groupLast = level;
            groupSize++;
        }

        void finish()
        {
            if (groupSize > 0)
            {
                closeGroup(true);
            }
        }

        private void closeGroup(final boolean last)
        {
            // Non-final points of the group were classified in point(); now the final one.
            if (levelBefore < 0 || groupLast != levelBefore || last)
            {
                builder.add(groupTimeNs, keyId, FaultKind.CAPACITY.code(), groupLast);
            }
            else
            {
                groupRepeats++;
            }
            summary.drop(REPEAT_REASON, groupRepeats);
            summary.drop(BLIP_REASON, groupBlips);
            levelBefore = groupLast;
            groupSize = 0;
            groupRepeats = 0;
            groupBlips = 0;
        }
    }
}
