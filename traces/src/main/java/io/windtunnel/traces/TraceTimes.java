package io.windtunnel.traces;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;

/**
 * Parses and formats trace timestamps as nanoseconds since the Unix epoch (UTC), the one time representation of
 * normalized traces.
 * <p>
 * Accepted forms:
 * <ul>
 *   <li>ISO-8601 with an offset or {@code Z}: {@code 2023-12-30T21:17:02Z}, {@code 2023-12-30T21:17:02.5+01:00},
 *       and the space-separated form pandas and boto3 write, {@code 2023-12-30 21:17:02+00:00};</li>
 *   <li>epoch seconds with an optional fraction: {@code 1703970422}, {@code 1703970422.125} (exact to the
 *       nanosecond, no floating point);</li>
 *   <li>a local date-time without offset ({@code 2023-12-30 21:17:02}) only when a zone is given; without one it
 *       is an error, because guessing the zone silently shifts the whole trace.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class TraceTimes
{
    private static final DateTimeFormatter OFFSET_DATE_TIME = new DateTimeFormatterBuilder()
        .parseCaseInsensitive()
        .append(DateTimeFormatter.ISO_LOCAL_DATE)
        .optionalStart().appendLiteral('T').optionalEnd()
        .optionalStart().appendLiteral(' ').optionalEnd()
        .append(DateTimeFormatter.ISO_LOCAL_TIME)
        .optionalStart().appendOffset("+HH:MM:ss", "Z").optionalEnd()
        .optionalStart().appendOffset("+HHMM", "Z").optionalEnd()
        .toFormatter();

    private TraceTimes()
    {
    }

    /**
     * @param text a timestamp in one of the accepted forms.
     * @param zone zone for timestamps without an offset, or null to reject them.
     * @return nanoseconds since the epoch.
     * @throws IllegalArgumentException with a message fit for a {@link TraceProblem} if the text is not a
     *                                  timestamp, has no offset and no zone was given, or is out of range.
     */
    public static long parseEpochNs(final String text, final ZoneId zone)
    {
        final String trimmed = text.trim();
        if (trimmed.isEmpty())
        {
            throw new IllegalArgumentException("empty timestamp");
        }
        if (isEpochSeconds(trimmed))
        {
            return parseEpochSeconds(trimmed);
        }
        try
        {
            final var parsed = OFFSET_DATE_TIME.parseBest(trimmed, OffsetDateTime::from, LocalDateTime::from);
            final Instant instant;
            if (parsed instanceof OffsetDateTime)
            {
                instant = ((OffsetDateTime)parsed).toInstant();
            }
            else if (zone != null)
            {
                instant = ((LocalDateTime)parsed).atZone(zone).toInstant();
            }
            else
            {
                throw new IllegalArgumentException(
                    "timestamp '" + trimmed + "' has no offset or 'Z'; give its time zone (e.g. --zone UTC)");
            }
            return toEpochNs(instant);
        }
        catch (final DateTimeException e)
        {
            throw new IllegalArgumentException(
                "cannot read '" + trimmed + "' as a time: expected ISO-8601 with offset " +
                "(2023-12-30T21:17:02Z) or epoch seconds (1703970422.5)");
        }
    }

    /**
     * @param instant a point in time between the years 1678 and 2262.
     * @return nanoseconds since the epoch.
     */
    public static long toEpochNs(final Instant instant)
    {
        try
        {
            return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
        }
        catch (final ArithmeticException e)
        {
            throw new IllegalArgumentException("time " + instant + " is outside the years 1678-2262");
        }
    }

    /**
     * @param epochNs nanoseconds since the epoch.
     * @return ISO-8601 in UTC with {@code Z}, with as many fraction digits as needed.
     */
    public static String formatIso(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L))
            .toString();
    }

    private static boolean isEpochSeconds(final String text)
    {
        int digits = 0;
        boolean dot = false;
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c >= '0' && c <= '9')
            {
                digits++;
            }
            else if (c == '.' && !dot)
            {
                dot = true;
            }
            else if (!(c == '-' && i == 0))
            {
                return false;
            }
        }
        return digits > 0;
    }

    private static long parseEpochSeconds(final String text)
    {
        try
        {
            final BigDecimal nanos = new BigDecimal(text).movePointRight(9);
            if (nanos.scale() > 0 && nanos.stripTrailingZeros().scale() > 0)
            {
                throw new IllegalArgumentException("epoch seconds '" + text + "' are finer than a nanosecond");
            }
            return nanos.longValueExact();
        }
        catch (final ArithmeticException | NumberFormatException e)
        {
            throw new IllegalArgumentException("epoch seconds '" + text + "' out of range");
        }
    }

    /**
     * Parse a finite decimal number.
     *
     * @param text  the text.
     * @param what  what the number is, for the message.
     * @return its value.
     * @throws IllegalArgumentException if not a finite number.
     */
    public static double parseFinite(final String text, final String what)
    {
        final double value;
        try
        {
            value = Double.parseDouble(text.trim());
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("cannot read '" + text + "' as " + what);
        }
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException(what + " must be finite, got '" + text + "'");
        }
        return value;
    }

    /**
     * @param epochNs nanoseconds since the epoch.
     * @return the same instant.
     */
    public static Instant toInstant(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L));
    }
}
