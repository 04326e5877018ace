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
            final double ns = number * unitNs;
            if (!Double.isFinite(ns) || ns < 0 || ns > Long.MAX_VALUE)
            {
                throw new NumberFormatException();
            }
            return Math.round(ns);
        }
        catch (final NumberFormatException | DateTimeParseException | ArithmeticException e)
        {
            throw new IllegalArgumentException("cannot read '" + text +
                "' as a duration: use a non-negative number with a unit (250ms, 60s, 5m, 1h, 7d) or ISO-8601 (PT1M)");
        }
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
