package io.windtunnel.traces;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;

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
        .toFormatter()
        .withResolverStyle(ResolverStyle.STRICT);

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
        final long fast = parseIsoFast(trimmed);
        if (fast != NOT_FAST)
        {
            return fast;
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

    private static final long NOT_FAST = Long.MIN_VALUE;

    /**
     * The common forms, {@code 2023-12-30T21:17:02[.fraction](Z|+hh:mm)} with {@code T} or a space, without the
     * general parser's allocations (it dominates CSV import time otherwise). Anything else, including any invalid
     * field, returns {@link #NOT_FAST} and goes to the general parser, which reports the error.
     */
    private static long parseIsoFast(final String t)
    {
        final int n = t.length();
        if (n < 20 || t.charAt(4) != '-' || t.charAt(7) != '-' || (t.charAt(10) != 'T' && t.charAt(10) != ' ') ||
            t.charAt(13) != ':' || t.charAt(16) != ':')
        {
            return NOT_FAST;
        }
        final int year = digits(t, 0, 4);
        final int month = digits(t, 5, 2);
        final int day = digits(t, 8, 2);
        final int hour = digits(t, 11, 2);
        final int minute = digits(t, 14, 2);
        final int second = digits(t, 17, 2);
        if (year < 1678 || year > 2261 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month) ||
            hour > 23 || minute > 59 || second > 59)
        {
            return NOT_FAST;
        }
        int i = 19;
        long nanos = 0;
        if (i < n && t.charAt(i) == '.')
        {
            i++;
            int fractionDigits = 0;
            while (i < n && t.charAt(i) >= '0' && t.charAt(i) <= '9')
            {
                if (++fractionDigits > 9)
                {
                    return NOT_FAST;
                }
                nanos = nanos * 10 + (t.charAt(i) - '0');
                i++;
            }
            if (fractionDigits == 0)
            {
                return NOT_FAST;
            }
            for (int k = fractionDigits; k < 9; k++)
            {
                nanos *= 10;
            }
        }
        final int offsetSeconds;
        if (i == n - 1 && (t.charAt(i) == 'Z' || t.charAt(i) == 'z'))
        {
            offsetSeconds = 0;
        }
        else if (i == n - 6 && (t.charAt(i) == '+' || t.charAt(i) == '-') && t.charAt(i + 3) == ':')
        {
            final int offsetHours = digits(t, i + 1, 2);
            final int offsetMinutes = digits(t, i + 4, 2);
            if (offsetHours < 0 || offsetHours > 18 || offsetMinutes < 0 || offsetMinutes > 59)
            {
                return NOT_FAST;
            }
            final int magnitude = offsetHours * 3600 + offsetMinutes * 60;
            offsetSeconds = t.charAt(i) == '-' ? -magnitude : magnitude;
        }
        else
        {
            return NOT_FAST;
        }
        final long epochSeconds = daysFromCivil(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second -
            offsetSeconds;
        final long epochNs = epochSeconds * 1_000_000_000L + nanos;
        return epochSeconds > -9_223_372_036L && epochSeconds < 9_223_372_036L ? epochNs : NOT_FAST;
    }

    /** Non-negative value of {@code count} decimal digits at {@code from}, or -1000000 if any is not a digit. */
    private static int digits(final String t, final int from, final int count)
    {
        int value = 0;
        for (int i = from; i < from + count; i++)
        {
            final char c = t.charAt(i);
            if (c < '0' || c > '9')
            {
                return -1_000_000;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static int daysInMonth(final int year, final int month)
    {
        if (month == 2)
        {
            return (year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)) ? 29 : 28;
        }
        return month == 4 || month == 6 || month == 9 || month == 11 ? 30 : 31;
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant, "chrono-compatible low-level date algorithms"). */
    private static long daysFromCivil(final int year, final int month, final int day)
    {
        final int y = month <= 2 ? year - 1 : year;
        final int era = Math.floorDiv(y, 400);
        final int yearOfEra = y - era * 400;
        final int dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
        final int dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear;
        return era * 146_097L + dayOfEra - 719_468L;
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
