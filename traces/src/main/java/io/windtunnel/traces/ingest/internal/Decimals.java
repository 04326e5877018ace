package io.windtunnel.traces.ingest.internal;

/**
 * Strict parsing of the plain decimal numbers found in provider data ({@code 0.156700}, {@code 12}, {@code -3.5},
 * {@code 2.45e+11}). Unlike {@link Double#parseDouble} it rejects {@code NaN}, {@code Infinity}, hexadecimal
 * floats, type suffixes ({@code 1.5d}) and surrounding text, so that a corrupted value is reported instead of
 * read as some other number. Stateless and thread-safe.
 */
public final class Decimals
{
    private Decimals()
    {
    }

    /**
     * @param text the text, trimmed of spaces.
     * @return true if it is {@code [+-]digits[.digits][(e|E)[+-]digits]} with at least one mantissa digit.
     */
    public static boolean isDecimal(final String text)
    {
        final int length = text.length();
        int i = 0;
        if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-'))
        {
            i++;
        }
        int digits = 0;
        while (i < length && isDigit(text.charAt(i)))
        {
            i++;
            digits++;
        }
        if (i < length && text.charAt(i) == '.')
        {
            i++;
            while (i < length && isDigit(text.charAt(i)))
            {
                i++;
                digits++;
            }
        }
        if (digits == 0)
        {
            return false;
        }
        if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E'))
        {
            i++;
            if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-'))
            {
                i++;
            }
            int exponentDigits = 0;
            while (i < length && isDigit(text.charAt(i)))
            {
                i++;
                exponentDigits++;
            }
            if (exponentDigits == 0)
            {
                return false;
            }
        }
        return i == length;
    }

    /**
     * @param text a decimal number.
     * @param what what the number is, for the message (e.g. {@code "a price"}).
     * @return its value, finite.
     * @throws IllegalArgumentException with a message fit for a problem report if the text is not a decimal or is
     *                                  too large for a double.
     */
    public static double parseFinite(final String text, final String what)
    {
        final String trimmed = text.trim();
        if (trimmed.isEmpty())
        {
            throw new IllegalArgumentException("empty; expected " + what);
        }
        if (!isDecimal(trimmed))
        {
            throw new IllegalArgumentException("cannot read '" + shorten(trimmed) + "' as " + what);
        }
        final double value = Double.parseDouble(trimmed);
        if (!Double.isFinite(value))
        {
            throw new IllegalArgumentException("'" + shorten(trimmed) + "' is too large for " + what);
        }
        return value;
    }

    /**
     * @param text a decimal number.
     * @param what what the number is, for the message.
     * @return its value, finite and not negative.
     * @throws IllegalArgumentException if not a decimal, too large, or negative.
     */
    public static double parseNonNegative(final String text, final String what)
    {
        final double value = parseFinite(text, what);
        if (value < 0)
        {
            throw new IllegalArgumentException(what + " must not be negative, got " + text.trim());
        }
        return value == 0 ? 0.0 : value;
    }

    /**
     * @param text a whole number, optionally written with a zero fraction ({@code 12}, {@code 12.0}).
     * @param what what the number is, for the message.
     * @return its value, not negative.
     * @throws IllegalArgumentException if not a decimal, negative, fractional, or above 2^53.
     */
    public static long parseCount(final String text, final String what)
    {
        final double value = parseNonNegative(text, what);
        if (value != Math.rint(value))
        {
            throw new IllegalArgumentException(what + " must be a whole number, got " + text.trim());
        }
        if (value > (double)(1L << 53))
        {
            throw new IllegalArgumentException(what + " " + text.trim() + " is too large");
        }
        return (long)value;
    }

    /**
     * @param text any text.
     * @return the text cut to 40 characters for a message, with control characters shown as {@code ?}.
     */
    public static String shorten(final String text)
    {
        final String cut = text.length() > 40 ? text.substring(0, 40) + "..." : text;
        final StringBuilder out = new StringBuilder(cut.length());
        for (int i = 0; i < cut.length(); i++)
        {
            final char c = cut.charAt(i);
            out.append(Character.isISOControl(c) ? '?' : c);
        }
        return out.toString();
    }

    private static boolean isDigit(final char c)
    {
        return c >= '0' && c <= '9';
    }
}
