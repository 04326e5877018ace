package io.windtunnel.cli.check;

import java.util.Locale;

/**
 * How far a metric may move in its worse direction before {@code windtunnel check} calls it a regression.
 * <ul>
 *   <li>{@code 1%}: relative, a share of the baseline's value (the default: 1%);</li>
 *   <li>{@code 0.5}: absolute, in the metric's own unit (USD, ms, share, requests);</li>
 *   <li>{@code ci}: the two runs' 95% confidence intervals, combined as {@code sqrt(h_baseline^2 + h_now^2)}, for
 *       comparing runs whose random numbers differ (another seed); needs at least 2 replications on both sides;</li>
 *   <li>{@code exact}: no movement at all (values compared at the baseline's 12 significant digits).</li>
 * </ul>
 * The same amount is also the threshold beyond which an improvement is reported (and, with {@code --strict},
 * fails: the baseline no longer describes the code).
 *
 * @param kind   the rule.
 * @param amount the share (relative) or the amount (absolute); 0 otherwise.
 */
public record Tolerance(Kind kind, double amount)
{
    /** The rules. */
    public enum Kind
    {
        /** A share of the baseline's value. */
        RELATIVE,
        /** An amount in the metric's unit. */
        ABSOLUTE,
        /** Combined 95% confidence half-widths. */
        CI,
        /** Any change. */
        EXACT
    }

    /** The default: 1% of the baseline's value. */
    public static final Tolerance DEFAULT = new Tolerance(Kind.RELATIVE, 0.01);

    /**
     * @param text {@code N%}, {@code N}, {@code ci} or {@code exact}.
     * @return the tolerance.
     * @throws IllegalArgumentException with a message for the user when the text is none of these.
     */
    public static Tolerance parse(final String text)
    {
        final String t = text.trim().toLowerCase(Locale.ROOT);
        if (t.equals("ci"))
        {
            return new Tolerance(Kind.CI, 0);
        }
        if (t.equals("exact"))
        {
            return new Tolerance(Kind.EXACT, 0);
        }
        final boolean relative = t.endsWith("%");
        final double value;
        try
        {
            value = Double.parseDouble(relative ? t.substring(0, t.length() - 1).trim() : t);
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("'" + text + "' is not a tolerance (a share such as 2%, an amount " +
                "in the metric's unit such as 0.5, 'ci' or 'exact')");
        }
        if (!(value >= 0) || Double.isInfinite(value) || (relative && value > 1000))
        {
            throw new IllegalArgumentException("'" + text + "' is out of range (" +
                (relative ? "0% to 1000%" : "a finite amount >= 0") + ")");
        }
        return relative ? new Tolerance(Kind.RELATIVE, value / 100) : new Tolerance(Kind.ABSOLUTE, value);
    }

    /**
     * @param baseline      the baseline's mean.
     * @param baselineCi95  its 95% half-width (NaN with one replication).
     * @param nowCi95       the new run's 95% half-width.
     * @return the largest movement allowed, in the metric's unit.
     */
    public double allowed(final double baseline, final double baselineCi95, final double nowCi95)
    {
        return switch (kind)
        {
            case RELATIVE -> Math.abs(baseline) * amount;
            case ABSOLUTE -> amount;
            case CI -> Math.sqrt(baselineCi95 * baselineCi95 + nowCi95 * nowCi95);
            case EXACT -> 0;
        };
    }

    @Override
    public String toString()
    {
        return switch (kind)
        {
            case RELATIVE -> format(amount * 100) + "%";
            case ABSOLUTE -> format(amount);
            case CI -> "ci";
            case EXACT -> "exact";
        };
    }

    private static String format(final double value)
    {
        return value == Math.rint(value) ? Long.toString((long)value) : Double.toString(value);
    }
}
