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
     * Per provider and class ({@code provider * LinkClass.COUNT + class}): the price tables in force over time, or
     * null when one table holds for every provider at all times ({@link #tierFromBytes}, {@link #tierUsdPerGb}).
     */
    private final Schedule[] schedules;

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
            checkTiers(LinkClass.NAMES[c], tierFromBytes[c], tierUsdPerGb[c]);
            this.tierFromBytes[c] = tierFromBytes[c].clone();
            this.tierUsdPerGb[c] = tierUsdPerGb[c].clone();
        }
        this.source = source;
        this.schedules = null;
    }

    private static void checkTiers(final String name, final long[] from, final double[] price)
    {
        if (from.length == 0 || from.length != price.length || from[0] != 0)
        {
            throw new IllegalArgumentException(name + ": the first tier must start at 0");
        }
        for (int i = 0; i < from.length; i++)
        {
            if (i > 0 && from[i] <= from[i - 1])
            {
                throw new IllegalArgumentException(name + ": tiers must start at increasing volumes");
            }
            if (!(price[i] >= 0) || Double.isInfinite(price[i]))
            {
                throw new IllegalArgumentException(name + ": a price must be finite and at least 0");
            }
        }
    }

    private TransferPrices(final Schedule[] schedules, final String source)
    {
        this.schedules = schedules;
        this.source = source;
        this.tierFromBytes = new long[LinkClass.COUNT][];
        this.tierUsdPerGb = new double[LinkClass.COUNT][];
        for (int c = 0; c < LinkClass.COUNT; c++)
        {
            this.tierFromBytes[c] = schedules[c].fromBytes[0];
            this.tierUsdPerGb[c] = schedules[c].usdPerGb[0];
        }
    }

    /**
     * Prices per provider that may change during the run, as a {@code transfer} price trace gives them: for each
     * provider and class, a list of periods, each with its own tier table. A transfer is priced by the table in
     * force for its sending provider at the time it starts ({@link #costUsd(int, int, long, long, long)}); the
     * monthly volume that picks the tier is unaffected by a price change.
     *
     * @param providers       number of providers (indexes as in the model).
     * @param periodStartNs   per {@code provider * LinkClass.COUNT + class}: simulated times at which its periods
     *                        start, ascending, the first at or before 0 (it holds from the run's start).
     * @param tierFromBytes   per provider and class, per period: where each tier starts (first 0, increasing).
     * @param tierUsdPerGb    per provider and class, per period: each tier's price, USD per GB.
     * @param source          where the prices come from.
     * @return the prices.
     * @throws IllegalArgumentException if a table is malformed or a period list is empty, unordered or starts after
     *                                  time 0.
     */
    public static TransferPrices schedule(final int providers, final long[][] periodStartNs,
        final long[][][] tierFromBytes, final double[][][] tierUsdPerGb, final String source)
    {
        if (providers < 1 || periodStartNs.length != providers * LinkClass.COUNT ||
            tierFromBytes.length != periodStartNs.length || tierUsdPerGb.length != periodStartNs.length)
        {
            throw new IllegalArgumentException("transfer prices need one schedule per provider and link class");
        }
        final Schedule[] schedules = new Schedule[periodStartNs.length];
        for (int i = 0; i < schedules.length; i++)
        {
            final long[] starts = periodStartNs[i];
            if (starts.length == 0 || starts[0] > 0 || tierFromBytes[i].length != starts.length ||
                tierUsdPerGb[i].length != starts.length)
            {
                throw new IllegalArgumentException("a price schedule needs periods, the first from time 0");
            }
            final long[][] from = new long[starts.length][];
            final double[][] usd = new double[starts.length][];
            for (int k = 0; k < starts.length; k++)
            {
                if (k > 0 && starts[k] <= starts[k - 1])
                {
                    throw new IllegalArgumentException("price periods must start at increasing times");
                }
                checkTiers("provider " + i / LinkClass.COUNT + ", " + LinkClass.NAMES[i % LinkClass.COUNT],
                    tierFromBytes[i][k], tierUsdPerGb[i][k]);
                from[k] = tierFromBytes[i][k].clone();
                usd[k] = tierUsdPerGb[i][k].clone();
            }
            schedules[i] = new Schedule(starts.clone(), from, usd);
        }
        return new TransferPrices(schedules, source);
    }

    /** One provider's and class's tables over time. */
    private record Schedule(long[] startNs, long[][] fromBytes, double[][] usdPerGb)
    {
        /** @return the period in force at a time: the last starting at or before it (binary search, no allocation). */
        int periodAt(final long nowNs)
        {
            final int i = Arrays.binarySearch(startNs, nowNs);
            return i >= 0 ? i : Math.max(0, -i - 2);
        }
    }

    /**
     * @return true if the prices differ by provider or change during the run (a {@link #schedule}); the
     * provider-less accessors then give provider 0's table at time 0.
     */
    public boolean isScheduled()
    {
        return schedules != null;
    }

    /**
     * The table in force for one provider at one time, as a one-table {@code TransferPrices}.
     *
     * @param provider a provider index.
     * @param nowNs    a simulated time.
     * @return its prices (this object itself when the prices are one table for all).
     */
    public TransferPrices forProvider(final int provider, final long nowNs)
    {
        if (schedules == null)
        {
            return this;
        }
        final long[][] from = new long[LinkClass.COUNT][];
        final double[][] usd = new double[LinkClass.COUNT][];
        for (int c = 0; c < LinkClass.COUNT; c++)
        {
            final Schedule schedule = schedules[provider * LinkClass.COUNT + c];
            final int period = schedule.periodAt(nowNs);
            from[c] = schedule.fromBytes[period];
            usd[c] = schedule.usdPerGb[period];
        }
        return new TransferPrices(from, usd, source);
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
     * @return where each tier starts, bytes (a copy); for {@link #isScheduled} prices, provider 0's at time 0.
     */
    public long[] tierFromBytes(final int linkClass)
    {
        return tierFromBytes[linkClass].clone();
    }

    /**
     * @param linkClass a {@link LinkClass} code.
     * @return each tier's price, USD per GB (a copy); for {@link #isScheduled} prices, provider 0's at time 0.
     */
    public double[] tierUsdPerGb(final int linkClass)
    {
        return tierUsdPerGb[linkClass].clone();
    }

    /**
     * The cost of one transfer: the integral of the class's tiered price over the volume
     * {@code [volumeBeforeBytes, volumeBeforeBytes + bytes)}; for {@link #isScheduled} prices, with provider 0's
     * table at time 0 (the ledger uses {@link #costUsd(int, int, long, long, long)}).
     *
     * @param linkClass         a {@link LinkClass} code.
     * @param volumeBeforeBytes what the sender moved on this class earlier in the calendar month, bytes.
     * @param bytes             this transfer's size, bytes.
     * @return its cost, USD.
     */
    public double costUsd(final int linkClass, final long volumeBeforeBytes, final long bytes)
    {
        return cost(tierFromBytes[linkClass], tierUsdPerGb[linkClass], volumeBeforeBytes, bytes);
    }

    /**
     * The cost of one transfer by a provider at a time: {@link #costUsd(int, long, long)} with the table in force
     * for that provider then (the same as it for prices that are one table for all).
     *
     * @param provider          the sending provider's index.
     * @param linkClass         a {@link LinkClass} code.
     * @param nowNs             when the transfer starts, simulated ns.
     * @param volumeBeforeBytes what the sender moved on this class earlier in the calendar month, bytes.
     * @param bytes             this transfer's size, bytes.
     * @return its cost, USD.
     */
    public double costUsd(final int provider, final int linkClass, final long nowNs, final long volumeBeforeBytes,
        final long bytes)
    {
        if (schedules == null)
        {
            return cost(tierFromBytes[linkClass], tierUsdPerGb[linkClass], volumeBeforeBytes, bytes);
        }
        final Schedule schedule = schedules[provider * LinkClass.COUNT + linkClass];
        final int period = schedule.periodAt(nowNs);
        return cost(schedule.fromBytes[period], schedule.usdPerGb[period], volumeBeforeBytes, bytes);
    }

    private static double cost(final long[] from, final double[] price, final long volumeBeforeBytes,
        final long bytes)
    {
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
        return marginal(tierFromBytes[linkClass], tierUsdPerGb[linkClass], volumeBytes);
    }

    /**
     * {@link #usdPerGbAt(int, long)} with the table in force for a provider at a time (the same for prices that are
     * one table for all). Allocates nothing.
     *
     * @param provider    the sending provider's index.
     * @param linkClass   a {@link LinkClass} code.
     * @param nowNs       simulated time.
     * @param volumeBytes the sender's volume on the class so far this calendar month, bytes (>= 0).
     * @return USD per GB.
     */
    public double usdPerGbAt(final int provider, final int linkClass, final long nowNs, final long volumeBytes)
    {
        if (schedules == null)
        {
            return usdPerGbAt(linkClass, volumeBytes);
        }
        final Schedule schedule = schedules[provider * LinkClass.COUNT + linkClass];
        final int period = schedule.periodAt(nowNs);
        return marginal(schedule.fromBytes[period], schedule.usdPerGb[period], volumeBytes);
    }

    private static double marginal(final long[] from, final double[] price, final long volumeBytes)
    {
        int tier = 0;
        while (tier + 1 < from.length && from[tier + 1] <= volumeBytes)
        {
            tier++;
        }
        return price[tier];
    }
}
