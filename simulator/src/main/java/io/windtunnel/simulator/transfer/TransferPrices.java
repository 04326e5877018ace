package io.windtunnel.simulator.transfer;

import java.util.Arrays;

/**
 * Transfer prices in USD per GB (2^30 bytes, {@link ByteUnits#BYTES_PER_GB}) per {@link LinkClass}, each a step
 * function of the volume the sending provider has moved on that class so far in the calendar month: tier {@code i}
 * applies from {@code tierFromBytes[c][i]} (the first tier from 0) up to the next tier's start, as providers bill
 * internet egress ("first 10 TB / month at ..., next 40 TB at ..."). A flat price is one tier.
 * <p>
 * {@link #costUsd} is the exact integral of the step function over a transfer: bytes that cross a tier boundary are
 * split and each part is priced at its own tier.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none after construction.
 */
public final class TransferPrices
{
    /**
     * Source of {@link #awsExample()}: what it is and when it was read. There was no internet where this table was
     * written, so its figures are from memory, not read from the page during this work.
     */
    public static final String AWS_EXAMPLE_SOURCE = "AWS-style example: figures from memory of the public page " +
        "https://aws.amazon.com/ec2/pricing/on-demand/ (section 'Data Transfer', us-east-1) and, for the edge " +
        "class, https://aws.amazon.com/cloudfront/pricing/ (North America, first 10 TB), as published in 2023-2024; " +
        "NOT read on 2026-12-06 (no internet access): check the pages before relying on them";

    private static final long GB = ByteUnits.BYTES_PER_GB;
    private static final long TB = 1024 * GB;

    private final long[][] tierFromBytes;
    private final double[][] tierUsdPerGb;
    private final String source;

    /**
     * @param tierFromBytes per class: where each tier starts in the month's volume, bytes; the first 0, increasing.
     * @param tierUsdPerGb  per class: each tier's price, USD per GB, finite and at least 0.
     * @param source        where the prices come from (shown in outputs and docs).
     * @throws IllegalArgumentException if a class is missing or its tiers are malformed.
     */
    public TransferPrices(final long[][] tierFromBytes, final double[][] tierUsdPerGb, final String source)
    {
        if (tierFromBytes.length != LinkClass.COUNT || tierUsdPerGb.length != LinkClass.COUNT)
        {
            throw new IllegalArgumentException("transfer prices need one tier list per link class");
        }
        this.tierFromBytes = new long[LinkClass.COUNT][];
        this.tierUsdPerGb = new double[LinkClass.COUNT][];
        for (int c = 0; c < LinkClass.COUNT; c++)
        {
            final long[] from = tierFromBytes[c];
            final double[] price = tierUsdPerGb[c];
            if (from.length == 0 || from.length != price.length || from[0] != 0)
            {
                throw new IllegalArgumentException(LinkClass.NAMES[c] + ": the first tier must start at 0");
            }
            for (int i = 0; i < from.length; i++)
            {
                if (i > 0 && from[i] <= from[i - 1])
                {
                    throw new IllegalArgumentException(LinkClass.NAMES[c] + ": tiers must start at increasing volumes");
                }
                if (!(price[i] >= 0) || Double.isInfinite(price[i]))
                {
                    throw new IllegalArgumentException(LinkClass.NAMES[c] + ": a price must be finite and at least 0");
                }
            }
            this.tierFromBytes[c] = from.clone();
            this.tierUsdPerGb[c] = price.clone();
        }
        this.source = source;
    }

    /**
     * The bundled AWS-style example table (see {@link #AWS_EXAMPLE_SOURCE} for where its figures come from):
     * <ul>
     * <li>same-zone 0 (private IPs within an availability zone);</li>
     * <li>other-zone 0.02 USD/GB (0.01 charged on each side of a cross-zone transfer; a transfer here is billed once,
     * so both sides are in its one price);</li>
     * <li>other-region 0.02 USD/GB (us-east-1 to another AWS region);</li>
     * <li>internet, per month: first 100 GB free (the free allowance across services), then 0.09 to 10 TB, 0.085 to
     * 50 TB, 0.07 to 150 TB, 0.05 above;</li>
     * <li>edge 0.085 USD/GB (CloudFront, North America, first 10 TB).</li>
     * </ul>
     *
     * @return the table.
     */
    public static TransferPrices awsExample()
    {
        return new TransferPrices(
            new long[][] {{0}, {0}, {0}, {0, 100 * GB, 10 * TB, 50 * TB, 150 * TB}, {0}},
            new double[][] {{0}, {0.02}, {0.02}, {0, 0.09, 0.085, 0.07, 0.05}, {0.085}},
            AWS_EXAMPLE_SOURCE);
    }

    /**
     * @return where the prices come from.
     */
    public String source()
    {
        return source;
    }

    /**
     * @param linkClass a {@link LinkClass} code.
     * @return where each tier starts, bytes (a copy).
     */
    public long[] tierFromBytes(final int linkClass)
    {
        return tierFromBytes[linkClass].clone();
    }

    /**
     * @param linkClass a {@link LinkClass} code.
     * @return each tier's price, USD per GB (a copy).
     */
    public double[] tierUsdPerGb(final int linkClass)
    {
        return tierUsdPerGb[linkClass].clone();
    }

    /**
     * The cost of one transfer: the integral of the class's tiered price over the volume
     * {@code [volumeBeforeBytes, volumeBeforeBytes + bytes)}.
     *
     * @param linkClass         a {@link LinkClass} code.
     * @param volumeBeforeBytes what the sender moved on this class earlier in the calendar month, bytes.
     * @param bytes             this transfer's size, bytes.
     * @return its cost, USD.
     */
    public double costUsd(final int linkClass, final long volumeBeforeBytes, final long bytes)
    {
        final long[] from = tierFromBytes[linkClass];
        final double[] price = tierUsdPerGb[linkClass];
        if (from.length == 1)
        {
            return bytes * price[0] / GB;
        }
        final long end = volumeBeforeBytes + bytes;
        double usd = 0;
        for (int i = 0; i < from.length; i++)
        {
            final long tierEnd = i + 1 < from.length ? from[i + 1] : Long.MAX_VALUE;
            final long lo = Math.max(from[i], volumeBeforeBytes);
            final long hi = Math.min(tierEnd, end);
            if (hi > lo)
            {
                usd += (hi - lo) * price[i] / GB;
            }
        }
        return usd;
    }

    @Override
    public String toString()
    {
        final StringBuilder s = new StringBuilder();
        for (int c = 0; c < LinkClass.COUNT; c++)
        {
            s.append(LinkClass.NAMES[c]).append(Arrays.toString(tierUsdPerGb[c])).append(' ');
        }
        return s.append("(").append(source).append(")").toString();
    }

    /**
     * The marginal price: what the next byte moved on the class costs when the sender has moved
     * {@code volumeBytes} on it this month (the price of the tier that volume is in). Estimates per request use it
     * (a request's bytes are far below a tier's width); a bill uses {@link #costUsd}.
     *
     * @param linkClass   a {@link LinkClass} code.
     * @param volumeBytes the sender's volume on the class so far this calendar month, bytes (>= 0).
     * @return USD per GB.
     */
    public double usdPerGbAt(final int linkClass, final long volumeBytes)
    {
        final long[] from = tierFromBytes[linkClass];
        int tier = 0;
        while (tier + 1 < from.length && from[tier + 1] <= volumeBytes)
        {
            tier++;
        }
        return tierUsdPerGb[linkClass][tier];
    }
}
