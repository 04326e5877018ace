package io.windtunnel.traces.ingest.internal;

import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportSummary;

import java.util.Arrays;
import java.util.List;

/**
 * Collects price rows from one or more files in any order, remembering where each came from, then checks and
 * normalizes them into a {@link TraceKind#PRICE} table:
 * <ul>
 *   <li>two rows with the same key and time are a problem (reported at the later one in reading order, naming
 *       the earlier), whether their prices differ or not: the source promised one record per change;</li>
 *   <li>optionally, a row whose price equals the previous row of its key is dropped as redundant (a price step
 *       function does not change there), except a key's last row, which is kept so the table still shows until
 *       when the price was observed; drops are counted in the summary.</li>
 * </ul>
 * Rows come out sorted by time, ties in reading order.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> import time only; grows primitive arrays by doubling.
 */
public final class PriceSeries
{
    /** Summary reason for rows dropped by {@code collapseRepeats}. */
    public static final String REPEAT_REASON = "rows repeating the previous price of their key (collapsed)";

    private final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
    private final String pointerPrefix;
    private int size;
    private long[] timeNs = new long[256];
    private int[] keyIds = new int[256];
    private double[] prices = new double[256];
    private int[] sources = new int[256];
    private long[] lines = new long[256];
    private int[] records = new int[256];

    /**
     * @param pointerPrefix JSON pointer of the array holding records, e.g. {@code /SpotPriceHistory}, or null for
     *                      line-based formats.
     */
    public PriceSeries(final String pointerPrefix)
    {
        this.pointerPrefix = pointerPrefix;
    }

    /**
     * @param provider     provider, e.g. {@code aws}.
     * @param region       region.
     * @param zone         availability zone, or empty.
     * @param instanceType instance type.
     * @param market       market label.
     * @return the key's id.
     */
    public int key(
        final String provider, final String region, final String zone, final String instanceType, final String market)
    {
        return builder.keys().intern(provider, region, zone, instanceType, market);
    }

    /**
     * @param time     epoch ns.
     * @param keyId    id from {@link #key}.
     * @param priceUsd USD per instance-hour.
     * @param source   index of the file it came from.
     * @param line     1-based line, or 0.
     * @param record   index in the JSON array, or -1.
     */
    public void add(
        final long time, final int keyId, final double priceUsd, final int source, final long line, final int record)
    {
        if (size == timeNs.length)
        {
            final int capacity = size * 2;
            timeNs = Arrays.copyOf(timeNs, capacity);
            keyIds = Arrays.copyOf(keyIds, capacity);
            prices = Arrays.copyOf(prices, capacity);
            sources = Arrays.copyOf(sources, capacity);
            lines = Arrays.copyOf(lines, capacity);
            records = Arrays.copyOf(records, capacity);
        }
        timeNs[size] = time;
        keyIds[size] = keyId;
        prices[size] = priceUsd;
        sources[size] = source;
        lines[size] = line;
        records[size] = record;
        size++;
    }

    /**
     * @return rows added so far.
     */
    public int size()
    {
        return size;
    }

    /**
     * Report duplicate (key, time) rows to the collector of the file holding the later one.
     *
     * @param problems one collector per source index.
     * @return true if any duplicate was found.
     */
    public boolean reportDuplicates(final List<ProblemCollector> problems)
    {
        final Integer[] order = byKeyThenTime();
        boolean any = false;
        for (int i = 1; i < order.length; i++)
        {
            final int previous = order[i - 1];
            final int row = order[i];
            if (keyIds[row] == keyIds[previous] && timeNs[row] == timeNs[previous])
            {
                any = true;
                final String samePrice = prices[row] == prices[previous] ? "the same price" :
                    "price " + prices[previous];
                final String message = "duplicate row: " + builder.keys().describe(keyIds[row]) + " already has " +
                    samePrice + " at " + TraceTimes.formatIso(timeNs[row]) + " (" + where(previous, problems) + ")";
                final ProblemCollector collector = problems.get(sources[row]);
                if (records[row] >= 0 && pointerPrefix != null)
                {
                    collector.atPath(lines[row], pointerPrefix + "/" + records[row], null, message);
                }
                else
                {
                    collector.atLine(lines[row], null, message);
                }
            }
        }
        return any;
    }

    /**
     * Build the table; call after {@link #reportDuplicates} found none.
     *
     * @param stepNs          the table's step (0 for prices).
     * @param collapseRepeats drop rows repeating their key's previous price (not a key's last row).
     * @param summary         where collapsed rows are counted.
     * @return the table, sorted by time, ties in reading order.
     */
    public TraceTable build(final long stepNs, final boolean collapseRepeats, final ImportSummary.Builder summary)
    {
        final boolean[] keep = new boolean[size];
        Arrays.fill(keep, true);
        if (collapseRepeats)
        {
            final Integer[] order = byKeyThenTime();
            long collapsed = 0;
            for (int i = 1; i < order.length; i++)
            {
                final int row = order[i];
                final boolean sameKey = keyIds[row] == keyIds[order[i - 1]];
                final boolean lastOfKey = i + 1 == order.length || keyIds[order[i + 1]] != keyIds[row];
                // A dropped row had the price of the row before it, so the previous row's price is the last kept one.
                if (sameKey && !lastOfKey && prices[row] == prices[order[i - 1]])
                {
                    keep[row] = false;
                    collapsed++;
                }
            }
            summary.drop(REPEAT_REASON, collapsed);
        }
        final Integer[] byTime = new Integer[size];
        for (int i = 0; i < size; i++)
        {
            byTime[i] = i;
        }
        Arrays.sort(byTime, (a, b) -> timeNs[a] != timeNs[b] ? Long.compare(timeNs[a], timeNs[b]) :
            Integer.compare(a, b));
        builder.stepNs(stepNs);
        for (final int row : byTime)
        {
            if (keep[row])
            {
                builder.add(timeNs[row], keyIds[row], 0, prices[row]);
            }
        }
        return builder.build();
    }

    private Integer[] byKeyThenTime()
    {
        final Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) ->
        {
            if (keyIds[a] != keyIds[b])
            {
                return Integer.compare(keyIds[a], keyIds[b]);
            }
            if (timeNs[a] != timeNs[b])
            {
                return Long.compare(timeNs[a], timeNs[b]);
            }
            return Integer.compare(a, b);
        });
        return order;
    }

    private String where(final int row, final List<ProblemCollector> problems)
    {
        final StringBuilder out = new StringBuilder();
        if (problems.size() > 1)
        {
            out.append(problems.get(sources[row]).file());
        }
        if (lines[row] > 0)
        {
            out.append(out.length() > 0 ? ":" : "line ").append(lines[row]);
        }
        if (records[row] >= 0 && pointerPrefix != null)
        {
            out.append(out.length() > 0 ? " " : "").append("at ").append(pointerPrefix).append('/')
                .append(records[row]);
        }
        return out.toString();
    }
}
