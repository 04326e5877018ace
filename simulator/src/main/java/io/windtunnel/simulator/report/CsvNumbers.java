package io.windtunnel.simulator.report;

import java.util.Locale;

/**
 * Numbers as {@code timeseries.csv} writes them: whole numbers below 10^15 as integers, anything else as Java's
 * {@code String.format(Locale.ROOT, "%.6g", v)} prints it (six significant digits, rounded half up from the shortest
 * decimal that reads back as {@code v}; decimal form from 10^-4 up to 10^6, else {@code d.ddddde+XX}), at a small
 * fraction of its cost: a year of one-minute rows holds millions of values, and {@code String.format} per value took
 * most of the file's writing time. {@code CsvNumbersTest} checks the equality on random values.
 * <p>
 * How: {@code |v| x 10^k} (k chosen so the result has six digits before the point; powers of ten up to 10^22 are
 * exact doubles) is within half an ulp of the exact product, so rounding it half up gives the digits {@code %g}
 * gives whenever its fraction is not within 10^-6 of one half; the rare values that are (and magnitudes beyond the
 * exact powers) take the slow path through the shortest digits ({@link StringBuilder#append(double)}), rounded as
 * {@link java.util.Formatter} rounds them.
 * <p>
 * <b>Threading:</b> one instance per thread (it keeps scratch buffers). <b>Allocation:</b> none except for
 * infinities and NaN.
 */
final class CsvNumbers
{
    private static final int DIGITS = 6;
    private static final double[] POWERS_OF_TEN = new double[23];

    static
    {
        double p = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = p;
            p *= 10;
        }
    }

    private final StringBuilder scratch = new StringBuilder(32);
    private final char[] digits = new char[32];

    /**
     * Append {@code value} to {@code out}.
     *
     * @param out   where to append.
     * @param value the value.
     */
    void append(final StringBuilder out, final double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            out.append((long)value);
            return;
        }
        if (!Double.isFinite(value))
        {
            out.append(String.format(Locale.ROOT, "%.6g", value));
            return;
        }
        final int e = fastDigits(Math.abs(value));
        if (value < 0)
        {
            out.append('-');
        }
        layout(out, e == Integer.MIN_VALUE ? slowDigits(Math.abs(value)) : e);
    }

    /**
     * Six rounded digits of {@code a > 0} into {@link #digits} from {@code a x 10^k}.
     *
     * @return the exponent e with {@code a ~ d.ddddd x 10^e}, or {@link Integer#MIN_VALUE} if this cannot be sure.
     */
    private int fastDigits(final double a)
    {
        int e = (int)Math.floor(Math.log10(a));
        for (int attempt = 0; attempt < 2; attempt++)
        {
            final int k = DIGITS - 1 - e;
            if (k > 22 || k < -22)
            {
                return Integer.MIN_VALUE;
            }
            final double m = k >= 0 ? a * POWERS_OF_TEN[k] : a / POWERS_OF_TEN[-k];
            if (m < 100_000)
            {
                e--;
                continue;
            }
            if (m >= 999_999.5)
            {
                if (m < 1_000_000)
                {
                    // Rounds up to 10^6: one digit more, i.e. 1.00000 x 10^(e + 1); only if surely not a tie.
                    return Math.abs(m - 999_999.5) < 1e-6 ? Integer.MIN_VALUE : put(100_000, e + 1);
                }
                e++;
                continue;
            }
            final double floor = Math.floor(m);
            final double fraction = m - floor;
            if (Math.abs(fraction - 0.5) < 1e-6)
            {
                return Integer.MIN_VALUE;
            }
            return put((long)floor + (fraction > 0.5 ? 1 : 0), e);
        }
        return Integer.MIN_VALUE;
    }

    private int put(final long sixDigits, final int e)
    {
        long v = sixDigits;
        for (int i = DIGITS - 1; i >= 0; i--)
        {
            digits[i] = (char)('0' + v % 10);
            v /= 10;
        }
        return e;
    }

    /** As {@link java.util.Formatter} does: the shortest digits of {@code a > 0}, rounded half up to six. */
    private int slowDigits(final double a)
    {
        // Double.toString's "123.456", "0.00123" or "1.23456E-7": the digits without leading zeros, as
        // 0.d1d2...dn x 10^exponent.
        final StringBuilder s = scratch;
        s.setLength(0);
        s.append(a);
        final int length = s.length();
        int n = 0;
        int integerDigits = -1;
        int leadingZeros = 0;
        int i = 0;
        for (; i < length; i++)
        {
            final char c = s.charAt(i);
            if (c == '.')
            {
                integerDigits = i;
            }
            else if (c == 'E')
            {
                break;
            }
            else if (n == 0 && c == '0')
            {
                leadingZeros++;
            }
            else
            {
                digits[n++] = c;
            }
        }
        if (integerDigits < 0)
        {
            integerDigits = i;
        }
        int exponent = integerDigits - leadingZeros;
        if (i < length)
        {
            exponent += Integer.parseInt(s, i + 1, length, 10);
        }
        if (n > DIGITS)
        {
            final boolean up = digits[DIGITS] >= '5';
            n = DIGITS;
            if (up)
            {
                int at = DIGITS - 1;
                while (at >= 0 && digits[at] == '9')
                {
                    digits[at] = '0';
                    at--;
                }
                if (at < 0)
                {
                    digits[0] = '1';
                    exponent++;
                }
                else
                {
                    digits[at]++;
                }
            }
        }
        while (n < DIGITS)
        {
            digits[n++] = '0';
        }
        return exponent - 1;
    }

    /** {@code %.6g}'s layout of {@link #digits} x 10^e: decimal from 10^-4 to below 10^6, else scientific. */
    private void layout(final StringBuilder out, final int e)
    {
        if (e < -4 || e >= DIGITS)
        {
            out.append(digits[0]).append('.').append(digits, 1, DIGITS - 1).append('e').append(e < 0 ? '-' : '+');
            final int magnitude = Math.abs(e);
            if (magnitude < 10)
            {
                out.append('0');
            }
            out.append(magnitude);
        }
        else if (e < 0)
        {
            out.append("0.");
            for (int k = -1; k > e; k--)
            {
                out.append('0');
            }
            out.append(digits, 0, DIGITS);
        }
        else
        {
            out.append(digits, 0, e + 1);
            if (e + 1 < DIGITS)
            {
                out.append('.').append(digits, e + 1, DIGITS - e - 1);
            }
        }
    }
}
