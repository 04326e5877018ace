package io.windtunnel.traces.ingest.internal;

import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceTimes;

import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * Parses a column of timestamps with {@link TraceTimes#parseEpochNs}, reporting bad ones, except that timestamps
 * without an offset when no zone was given are reported once per file (with a hint on the format's zone) rather
 * than on every line. Not thread-safe; one per read.
 */
public final class TimeColumn
{
    private final ZoneId zone;
    private final String field;
    private final String zoneHint;
    private boolean zoneReported;

    /**
     * @param zone     zone for timestamps without offset, or null.
     * @param field    the column's name, for reports.
     * @param zoneHint what is known about the format's zone, appended to the report, e.g.
     *                 {@code "WorldCup98 times are believed to be GMT: --zone UTC"}.
     */
    public TimeColumn(final ZoneId zone, final String field, final String zoneHint)
    {
        this.zone = zone;
        this.field = field;
        this.zoneHint = zoneHint;
    }

    /**
     * @param text     a timestamp.
     * @param problems where to report.
     * @param line     1-based line.
     * @return epoch ns, or {@link Long#MIN_VALUE} after reporting (or suppressing a repeated zone) problem.
     */
    public long parse(final String text, final ProblemCollector problems, final long line)
    {
        try
        {
            return TraceTimes.parseEpochNs(text, zone);
        }
        catch (final IllegalArgumentException e)
        {
            if (zone == null && parsesInUtc(text))
            {
                if (!zoneReported)
                {
                    zoneReported = true;
                    problems.atLine(line, field, "timestamps such as '" + Decimals.shorten(text.trim()) +
                        "' have no UTC offset: give their time zone (ImportOptions.zone, --zone); " + zoneHint +
                        " (reported once for the file)");
                }
            }
            else
            {
                problems.atLine(line, field, e.getMessage());
            }
            return Long.MIN_VALUE;
        }
    }

    private static boolean parsesInUtc(final String text)
    {
        try
        {
            TraceTimes.parseEpochNs(text, ZoneOffset.UTC);
            return true;
        }
        catch (final IllegalArgumentException e)
        {
            return false;
        }
    }
}
