package io.windtunnel.traces;

import java.time.ZoneId;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The window a trace describes, {@code [startNs, endNs)} in epoch nanoseconds, and its text form: two ISO-8601
 * instants separated by a slash, end exclusive, as in the generic CSVs' header comment
 * <pre>
 *   # span: 2024-01-01T00:00:00Z/2024-01-03T00:00:00Z
 * </pre>
 * (ISO-8601's own notation for a time interval). See {@link TraceTable#spanDeclared()} for what a span means.
 *
 * @param startNs start, epoch ns (inclusive).
 * @param endNs   end, epoch ns (exclusive), after the start.
 */
public record TraceSpan(long startNs, long endNs)
{
    /** Matches the text of a span comment (after the {@code #}); group 1 is the interval. */
    private static final Pattern COMMENT = Pattern.compile("(?i)span\\s*[:=]\\s*(.*)");

    /**
     * @param startNs start, epoch ns (inclusive).
     * @param endNs   end, epoch ns (exclusive).
     * @throws IllegalArgumentException if the end is not after the start.
     */
    public TraceSpan
    {
        if (endNs <= startNs)
        {
            throw new IllegalArgumentException("the span must end after it starts: " + TraceTimes.formatIso(startNs) +
                "/" + TraceTimes.formatIso(endNs));
        }
    }

    /**
     * @param text a comment's text after the {@code #}, trimmed.
     * @return the interval text if the comment is a span declaration ({@code span: ...}), else null.
     */
    public static String commentValue(final String text)
    {
        final Matcher matcher = COMMENT.matcher(text);
        return matcher.matches() ? matcher.group(1).trim() : null;
    }

    /**
     * @param text {@code START/END}, two timestamps (ISO-8601 with an offset or Z) separated by a slash.
     * @param zone zone for timestamps without an offset, or null to reject them.
     * @return the span.
     * @throws IllegalArgumentException with a message fit for a {@link TraceProblem} if the text is not a span.
     */
    public static TraceSpan parse(final String text, final ZoneId zone)
    {
        final String trimmed = text.trim();
        final int slash = trimmed.indexOf('/');
        if (slash < 0 || trimmed.indexOf('/', slash + 1) >= 0)
        {
            throw new IllegalArgumentException("'" + trimmed + "' is not a span START/END, e.g. " +
                "2024-01-01T00:00:00Z/2024-01-03T00:00:00Z (end exclusive)");
        }
        final long startNs = TraceTimes.parseEpochNs(trimmed.substring(0, slash), zone);
        final long endNs = TraceTimes.parseEpochNs(trimmed.substring(slash + 1), zone);
        if (endNs <= startNs)
        {
            throw new IllegalArgumentException("span " + trimmed + " ends before it starts (or at its start); " +
                "the end is exclusive and must come after the start");
        }
        return new TraceSpan(startNs, endNs);
    }

    /**
     * @param startNs start, epoch ns.
     * @param endNs   end, epoch ns.
     * @return {@code START/END} in ISO-8601 UTC.
     */
    public static String format(final long startNs, final long endNs)
    {
        return TraceTimes.formatIso(startNs) + "/" + TraceTimes.formatIso(endNs);
    }

    /**
     * @return {@code START/END} in ISO-8601 UTC, as {@link #parse} reads it.
     */
    @Override
    public String toString()
    {
        return format(startNs, endNs);
    }
}
