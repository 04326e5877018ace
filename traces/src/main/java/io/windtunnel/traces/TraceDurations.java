package io.windtunnel.traces;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parses and formats durations as written on the command line and in trace headers: a number with a unit
 * ({@code 250ms}, {@code 60s}, {@code 5m}, {@code 1h}, {@code 7d}, also {@code us} and {@code ns}), a bare number of
 * seconds ({@code 60}, {@code 0.5}), or ISO-8601 ({@code PT1M}). Stateless and thread-safe.
 */
public final class TraceDurations
{
    private TraceDurations()
    {
    }

    /**
     * @param text a duration.
     * @return nanoseconds.
     * @throws IllegalArgumentException with a message naming the accepted forms.
     */
    public static long parseNs(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        try
        {
            if (t.startsWith("pt") || t.startsWith("p"))
            {
                return Duration.parse(t.toUpperCase(Locale.ROOT)).toNanos();
            }
            final double ns = numberWithUnitNs(t);
            if (!Double.isFinite(ns) || ns < 0 || ns > Long.MAX_VALUE)
            {
                throw new NumberFormatException();
            }
            return Math.round(ns);
        }
        catch (final NumberFormatException | DateTimeParseException | ArithmeticException e)
        {
            throw unreadable(text);
        }
    }

    /**
     * Reads a duration without range checks, so that a caller with its own range can say "too long" or "must be
     * positive" instead of "cannot read": {@code -5s} gives -5e9, {@code 1e30d} gives 8.64e43, {@code 1e400s}
     * gives infinity.
     *
     * @param text a duration in any form {@link #parseNs(String)} reads, optionally with a leading minus sign.
     * @return nanoseconds as written, possibly negative, beyond the range of a long, or infinite (never NaN).
     * @throws IllegalArgumentException if the text is not a duration, with the same message as
     *                                  {@link #parseNs(String)}.
     */
    public static double parseUncheckedNs(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        try
        {
            if (t.startsWith("p") || t.startsWith("-p"))
            {
                final Duration d = Duration.parse(t.toUpperCase(Locale.ROOT));
                return d.getSeconds() * 1e9 + d.getNano();
            }
            final double ns = numberWithUnitNs(t);
            if (Double.isNaN(ns))
            {
                throw new NumberFormatException();
            }
            return ns;
        }
        catch (final NumberFormatException | DateTimeParseException e)
        {
            throw unreadable(text);
        }
    }

    private static double numberWithUnitNs(final String t)
    {
        int end = t.length();
        while (end > 0 && Character.isLetter(t.charAt(end - 1)))
        {
            end--;
        }
        final double number = Double.parseDouble(t.substring(0, end));
        final double unitNs;
        switch (t.substring(end))
        {
            case "ns":
                unitNs = 1;
                break;
            case "us":
                unitNs = 1e3;
                break;
            case "ms":
                unitNs = 1e6;
                break;
            case "":
            case "s":
                unitNs = 1e9;
                break;
            case "m":
            case "min":
                unitNs = 60e9;
                break;
            case "h":
                unitNs = 3600e9;
                break;
            case "d":
                unitNs = 86400e9;
                break;
            default:
                throw new NumberFormatException();
        }
        return number * unitNs;
    }

    private static IllegalArgumentException unreadable(final String text)
    {
        return new IllegalArgumentException("cannot read '" + text +
            "' as a duration: use a non-negative number with a unit (250ms, 60s, 5m, 1h, 7d) or ISO-8601 (PT1M)");
    }

    /**
     * @param ns nanoseconds.
     * @return the shortest exact form among {@code d, h, m, s, ms, us, ns}, e.g. {@code 60s} is written {@code 1m}.
     */
    public static String format(final long ns)
    {
        final long[] units = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L,
            1_000L, 1L};
        final String[] names = {"d", "h", "m", "s", "ms", "us", "ns"};
        for (int i = 0; i < units.length; i++)
        {
            if (ns != 0 && ns % units[i] == 0)
            {
                return ns / units[i] + names[i];
            }
        }
        return "0s";
    }
}
