package io.windtunnel.simulator.transfer;

import java.util.Locale;

/**
 * Reads sizes ({@code 512 B}, {@code 2 KB}, {@code 1.5 GB}) and bandwidths ({@code 100 Mbps}, {@code 10 Gbps}) as
 * scenarios write them.
 * <p>
 * Sizes are binary, as cloud bills count them: KB = 1024 B, MB = 1024 KB, GB = 1024 MB (2^30 bytes, the "GB" of AWS's
 * data-transfer and storage bills), TB = 1024 GB; {@code KiB}, {@code MiB}, {@code GiB}, {@code TiB} are accepted as
 * the same. Bandwidths are decimal bits per second, as links are sold: Kbps = 10^3, Mbps = 10^6, Gbps = 10^9 bit/s.
 * A bare number is bytes, or bits per second.
 * <p>
 * <b>Threading:</b> stateless. <b>Allocation:</b> setup only.
 */
public final class ByteUnits
{
    /** Bytes in a GB as bills count it (2^30). */
    public static final long BYTES_PER_GB = 1L << 30;

    private ByteUnits()
    {
    }

    /**
     * @param text a size, e.g. {@code 2 KB}.
     * @return bytes (rounded to the nearest byte).
     * @throws IllegalArgumentException with a message naming the accepted forms, if unreadable or negative.
     */
    public static double parseBytes(final String text)
    {
        final int split = numberEnd(text);
        final String unit = text.substring(split).trim().toUpperCase(Locale.ROOT);
        final long factor;
        switch (unit)
        {
            case "":
            case "B":
                factor = 1;
                break;
            case "KB":
            case "KIB":
                factor = 1L << 10;
                break;
            case "MB":
            case "MIB":
                factor = 1L << 20;
                break;
            case "GB":
            case "GIB":
                factor = 1L << 30;
                break;
            case "TB":
            case "TIB":
                factor = 1L << 40;
                break;
            default:
                throw new IllegalArgumentException("'" + text + "' is not a size: write a number and B, KB, MB, GB " +
                    "or TB (binary: 1 KB = 1024 B), e.g. 2 KB");
        }
        return Math.rint(number(text, split, "size", "2 KB") * factor);
    }

    /**
     * @param text a bandwidth, e.g. {@code 100 Mbps}.
     * @return bits per second, above 0.
     * @throws IllegalArgumentException if unreadable or not above 0.
     */
    public static double parseBitsPerSec(final String text)
    {
        final int split = numberEnd(text);
        final String unit = text.substring(split).trim();
        final double factor;
        switch (unit)
        {
            case "":
            case "bps":
                factor = 1;
                break;
            case "Kbps":
            case "kbps":
                factor = 1e3;
                break;
            case "Mbps":
                factor = 1e6;
                break;
            case "Gbps":
                factor = 1e9;
                break;
            default:
                throw new IllegalArgumentException("'" + text + "' is not a bandwidth: write a number and bps, " +
                    "Kbps, Mbps or Gbps (decimal bits per second), e.g. 100 Mbps");
        }
        final double value = number(text, split, "bandwidth", "100 Mbps") * factor;
        if (!(value > 0))
        {
            throw new IllegalArgumentException("a bandwidth must be above 0, got '" + text + "'");
        }
        return value;
    }

    private static int numberEnd(final String text)
    {
        int i = 0;
        while (i < text.length() && "0123456789.eE+-".indexOf(text.charAt(i)) >= 0)
        {
            i++;
        }
        return i;
    }

    private static double number(final String text, final int end, final String what, final String example)
    {
        final double value;
        try
        {
            value = Double.parseDouble(text.substring(0, end));
        }
        catch (final NumberFormatException e)
        {
            throw new IllegalArgumentException("'" + text + "' is not a " + what + ": write a number and a unit, " +
                "e.g. " + example);
        }
        if (!(value >= 0) || Double.isInfinite(value))
        {
            throw new IllegalArgumentException("a " + what + " must be a finite number of at least 0, got '" +
                text + "'");
        }
        return value;
    }
}
