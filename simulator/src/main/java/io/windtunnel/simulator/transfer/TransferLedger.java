package io.windtunnel.simulator.transfer;

import io.windtunnel.engine.metrics.CompensatedSum;
import io.windtunnel.engine.metrics.TimeSeriesSampler;
import io.windtunnel.simulator.model.CloudModel;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run's bytes moved and transfer cost, per {@link LinkClass}: exact byte counts ({@code long}), and cost as the
 * sum of each transfer's exact tiered price ({@link TransferPrices#costUsd(int, int, long, long, long)}: the table in
 * force for the sending provider when the transfer starts) in a compensated sum. A transfer's tier
 * is set by what its sending provider moved on that class so far in the calendar month (UTC, from
 * {@link TransferModel#startEpochNs}); the volume starts again at 0 on the first of each month, as bills do.
 * <p>
 * Bytes that are not billed (requests coming in from clients: providers do not charge ingress) count as moved, not as
 * cost, and not in the tier volume.
 * <p>
 * Each record is also added to the time series: {@link #seriesColumns()} from the column given at construction.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none per {@link #record}.
 */
public final class TransferLedger
{
    private final TransferPrices prices;
    private final TimeSeriesSampler series;
    private final int firstColumn;
    private final long[] bytes = new long[LinkClass.COUNT];
    private final long[] billedBytes = new long[LinkClass.COUNT];
    private final CompensatedSum[] usd = new CompensatedSum[LinkClass.COUNT];
    /** Per provider and class: bytes billed so far this calendar month. */
    private final long[] monthBytes;
    /** Simulated times at which calendar months start after time 0, ascending, then Long.MAX_VALUE. */
    private final long[] monthStartNs;
    private int nextMonth;

    /**
     * @param model       the run's model (its {@link CloudModel#transfer} is not null).
     * @param series      the run's time series, or null for none.
     * @param firstColumn the first of {@link #seriesColumns()}'s columns in it.
     */
    public TransferLedger(final CloudModel model, final TimeSeriesSampler series, final int firstColumn)
    {
        this.prices = model.transfer.prices;
        this.series = series;
        this.firstColumn = firstColumn;
        for (int c = 0; c < LinkClass.COUNT; c++)
        {
            usd[c] = new CompensatedSum();
        }
        monthBytes = new long[model.providerNames.length * LinkClass.COUNT];
        final long startEpochNs = model.transfer.startEpochNs;
        final List<Long> starts = new ArrayList<>();
        ZonedDateTime month = Instant.ofEpochSecond(Math.floorDiv(startEpochNs, 1_000_000_000L))
            .atZone(ZoneOffset.UTC).withDayOfMonth(1).toLocalDate().atStartOfDay(ZoneOffset.UTC);
        while (true)
        {
            month = month.plusMonths(1);
            final long atNs = month.toEpochSecond() * 1_000_000_000L - startEpochNs;
            if (atNs > model.durationNs)
            {
                break;
            }
            starts.add(atNs);
        }
        monthStartNs = new long[starts.size() + 1];
        for (int i = 0; i < starts.size(); i++)
        {
            monthStartNs[i] = starts.get(i);
        }
        monthStartNs[starts.size()] = Long.MAX_VALUE;
    }

    /**
     * @return the time-series column names this ledger adds: GB moved then cost, per class.
     */
    public static List<String> seriesColumns()
    {
        final List<String> columns = new ArrayList<>();
        for (final String name : LinkClass.NAMES)
        {
            columns.add("transfer_gb:" + name);
        }
        for (final String name : LinkClass.NAMES)
        {
            columns.add("transfer_usd:" + name);
        }
        return columns;
    }

    /**
     * Record one transfer. Calls come in time order (the run's clock).
     *
     * @param nowNs     when it starts.
     * @param linkClass its {@link LinkClass}.
     * @param provider  the sending provider (whose monthly volume sets the tier).
     * @param size      bytes.
     * @param billed    false for bytes no one is billed for (ingress from clients).
     */
    public void record(final long nowNs, final int linkClass, final int provider, final long size,
        final boolean billed)
    {
        if (size <= 0)
        {
            return;
        }
        bytes[linkClass] += size;
        if (series != null)
        {
            series.add(nowNs, firstColumn + linkClass, size / (double)ByteUnits.BYTES_PER_GB);
        }
        if (!billed)
        {
            return;
        }
        if (nowNs >= monthStartNs[nextMonth])
        {
            while (nowNs >= monthStartNs[nextMonth])
            {
                nextMonth++;
            }
            Arrays.fill(monthBytes, 0);
        }
        final int at = provider * LinkClass.COUNT + linkClass;
        final double costUsd = prices.costUsd(provider, linkClass, nowNs, monthBytes[at], size);
        monthBytes[at] += size;
        billedBytes[linkClass] += size;
        usd[linkClass].add(costUsd);
        if (series != null)
        {
            series.add(nowNs, firstColumn + LinkClass.COUNT + linkClass, costUsd);
        }
    }

    /**
     * @param linkClass a class.
     * @return bytes moved on it.
     */
    public long bytes(final int linkClass)
    {
        return bytes[linkClass];
    }

    /**
     * @param linkClass a class.
     * @return bytes billed on it (moved, less ingress from clients).
     */
    public long billedBytes(final int linkClass)
    {
        return billedBytes[linkClass];
    }

    /**
     * @param linkClass a class.
     * @return its transfer cost, USD.
     */
    public double costUsd(final int linkClass)
    {
        return usd[linkClass].get();
    }

    /**
     * @return transfer cost over every class, USD.
     */
    public double totalCostUsd()
    {
        final CompensatedSum total = new CompensatedSum();
        for (final CompensatedSum c : usd)
        {
            total.add(c.get());
        }
        return total.get();
    }

    /**
     * What a provider has been billed for on a class so far in the calendar month of {@code nowNs}: the volume that
     * sets the tier of its next transfer there ({@link TransferPrices#usdPerGbAt}). Read-only: a month that started
     * after the last record reads 0 here, and the ledger itself starts it again at its next record.
     *
     * @param nowNs     simulated time, no earlier than the last {@link #record}.
     * @param provider  a provider index.
     * @param linkClass a {@link LinkClass} code.
     * @return bytes.
     */
    public long monthVolumeBytes(final long nowNs, final int provider, final int linkClass)
    {
        return nowNs >= monthStartNs[nextMonth] ? 0 : monthBytes[provider * LinkClass.COUNT + linkClass];
    }
}
