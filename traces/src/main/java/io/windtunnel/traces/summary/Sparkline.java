package io.windtunnel.traces.summary;

/**
 * Draws a series as one line of Unicode block characters {@code ▁▂▃▄▅▆▇█}, eight levels from a low to a high
 * value, for terminal summaries.
 * <p>
 * <b>Threading:</b> stateless, thread-safe. <b>Allocation:</b> the returned string.
 */
public final class Sparkline
{
    /** The eight levels, lowest first. */
    public static final String LEVELS = "\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588";

    private Sparkline()
    {
    }

    /**
     * @param values the series; NaN (no data) is drawn as a space.
     * @param low    value drawn as the lowest level; smaller values are clamped.
     * @param high   value drawn as the highest level; larger values are clamped. If not above {@code low}, every
     *               value is drawn at the lowest level.
     * @return one character per value.
     */
    public static String render(final double[] values, final double low, final double high)
    {
        final StringBuilder out = new StringBuilder(values.length);
        final double range = high - low;
        for (final double value : values)
        {
            if (Double.isNaN(value))
            {
                out.append(' ');
                continue;
            }
            int level = 0;
            if (range > 0)
            {
                final double scaled = (value - low) / range * (LEVELS.length() - 1);
                level = (int)Math.round(Math.max(0, Math.min(LEVELS.length() - 1, scaled)));
            }
            out.append(LEVELS.charAt(level));
        }
        return out.toString();
    }

    /**
     * @param values the series; NaN values are skipped.
     * @return {smallest, largest} finite value, or {NaN, NaN} if there is none.
     */
    public static double[] range(final double[] values)
    {
        double low = Double.POSITIVE_INFINITY;
        double high = Double.NEGATIVE_INFINITY;
        for (final double value : values)
        {
            if (Double.isFinite(value))
            {
                low = Math.min(low, value);
                high = Math.max(high, value);
            }
        }
        return low > high ? new double[] {Double.NaN, Double.NaN} : new double[] {low, high};
    }
}
