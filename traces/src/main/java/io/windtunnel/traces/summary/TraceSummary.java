package io.windtunnel.traces.summary;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceCursor;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceSpan;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;

import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Arrays;
import java.util.Locale;

/**
 * What is in a trace, computed in one streaming pass over a {@link TraceCursor} (so a binary trace of 10^8 rows
 * is summarized without being loaded): declared span if any, row and key counts, time span, per key the row count and the minimum,
 * mean and maximum value, and a series over time in equal buckets for a sparkline:
 * <ul>
 *   <li>price: per key (the first few), the price in effect at the end of each bucket;</li>
 *   <li>load-rate: requests per second over all keys, averaged over each bucket (buckets are at least one
 *       step wide);</li>
 *   <li>arrivals and faults: events per bucket (and, for faults, events per fault kind).</li>
 * </ul>
 * NaN values (arrivals without a service demand) are counted but left out of min, mean and max. Means use
 * Neumaier-compensated sums.
 * <p>
 * Buckets have a round width (1h, 15m, 2d, ...), so the series may use fewer buckets than asked for.
 * <p>
 * <b>Threading:</b> immutable once computed. <b>Allocation:</b> arrays per key and per bucket, up front; none per
 * row.
 */
public final class TraceSummary
{
    private static final long SECOND_NS = 1_000_000_000L;
    private static final long DAY_NS = 86_400 * SECOND_NS;
    private static final long[] DECADE_FACTORS = {1, 2, 5};
    /** Bucket widths of a second and more that read well: 1s .. 30s, 1m .. 30m, 1h .. 12h, 1d. */
    private static final long[] ROUND_WIDTHS_S = {1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600, 7200,
        10800, 21600, 43200, 86400};

    private final TraceKind kind;
    private final KeyDictionary keys;
    private final long stepNs;
    private long rowCount;
    private final long firstTimeNs;
    private final long lastTimeNs;
    private final long bucketWidthNs;
    private final int bucketCount;
    private final long[] keyRows;
    private final long[] keyNanRows;
    private final double[] keyMin;
    private final double[] keyMax;
    private final double[] keySum;
    private final double[] keyCompensation;
    private final double[][] priceSeries;
    private final double[] totals;
    private final long[] faultsByCode;
    private long spanStartNs;
    private long spanEndNs;

    private TraceSummary(
        final TraceKind kind, final KeyDictionary keys, final long stepNs, final long firstTimeNs,
        final long lastTimeNs, final int maxBuckets, final int seriesKeys)
    {
        this.kind = kind;
        this.keys = keys;
        this.stepNs = stepNs;
        this.firstTimeNs = firstTimeNs;
        this.lastTimeNs = lastTimeNs;
        // Unsigned arithmetic: the span of epoch-ns times can exceed Long.MAX_VALUE.
        final long spanNs = lastTimeNs - firstTimeNs + (kind == TraceKind.LOAD_RATE && stepNs > 0 ? stepNs : 1);
        long widthNs = roundWidthNs(Long.divideUnsigned(spanNs - 1, maxBuckets) + 1);
        if (kind == TraceKind.LOAD_RATE && stepNs > widthNs)
        {
            widthNs = stepNs;
        }
        this.bucketWidthNs = widthNs;
        this.bucketCount = (int)(Long.divideUnsigned(spanNs - 1, widthNs) + 1);
        final int keyCount = keys.size();
        this.keyRows = new long[keyCount];
        this.keyNanRows = new long[keyCount];
        this.keyMin = new double[keyCount];
        this.keyMax = new double[keyCount];
        this.keySum = new double[keyCount];
        this.keyCompensation = new double[keyCount];
        Arrays.fill(keyMin, Double.POSITIVE_INFINITY);
        Arrays.fill(keyMax, Double.NEGATIVE_INFINITY);
        this.priceSeries = new double[kind == TraceKind.PRICE || kind == TraceKind.TRANSFER ?
            Math.min(seriesKeys, keyCount) : 0][bucketCount];
        for (final double[] series : priceSeries)
        {
            Arrays.fill(series, Double.NaN);
        }
        this.totals = new double[bucketCount];
        this.faultsByCode = new long[FaultKind.values().length + 2];
    }

    /**
     * Summarize an in-memory table.
     *
     * @param table      the trace.
     * @param maxBuckets most time buckets in the series (the sparkline's width), at least 1.
     * @param seriesKeys keys that get their own price series (the first ones by id).
     * @return the summary.
     */
    public static TraceSummary of(final TraceTable table, final int maxBuckets, final int seriesKeys)
    {
        final int rows = table.rowCount();
        return of(table.cursor(), table.stepNs(), rows == 0 ? 0 : table.timeNs(0),
            rows == 0 ? 0 : table.timeNs(rows - 1), table.spanStartNs(), table.spanEndNs(), maxBuckets, seriesKeys);
    }

    /**
     * Summarize a trace with a declared span in one pass over a cursor, which is read to its end but not closed.
     *
     * @param cursor      the rows, in time order.
     * @param stepNs      interval of a load-rate trace, else 0.
     * @param firstTimeNs time of the first row (the series starts there).
     * @param lastTimeNs  time of the last row.
     * @param spanStartNs start of the declared span, epoch ns.
     * @param spanEndNs   end of the declared span, epoch ns (exclusive); not after the start when none is declared.
     * @param maxBuckets  most time buckets in the series, at least 1.
     * @param seriesKeys  keys that get their own price series (the first ones by id).
     * @return the summary.
     * @throws IllegalArgumentException if a row lies outside {@code [firstTimeNs, lastTimeNs]}.
     */
    public static TraceSummary of(
        final TraceCursor cursor, final long stepNs, final long firstTimeNs, final long lastTimeNs,
        final long spanStartNs, final long spanEndNs, final int maxBuckets, final int seriesKeys)
    {
        final TraceSummary summary = of(cursor, stepNs, firstTimeNs, lastTimeNs, maxBuckets, seriesKeys);
        summary.spanStartNs = spanStartNs;
        summary.spanEndNs = spanEndNs;
        return summary;
    }

    /**
     * Summarize a trace in one pass over a cursor, which is read to its end but not closed.
     *
     * @param cursor      the rows, in time order.
     * @param stepNs      interval of a load-rate trace, else 0.
     * @param firstTimeNs time of the first row (the series starts there).
     * @param lastTimeNs  time of the last row.
     * @param maxBuckets  most time buckets in the series, at least 1.
     * @param seriesKeys  keys that get their own price series (the first ones by id).
     * @return the summary.
     * @throws IllegalArgumentException if a row lies outside {@code [firstTimeNs, lastTimeNs]}.
     */
    public static TraceSummary of(
        final TraceCursor cursor, final long stepNs, final long firstTimeNs, final long lastTimeNs,
        final int maxBuckets, final int seriesKeys)
    {
        if (maxBuckets < 1)
        {
            throw new IllegalArgumentException("maxBuckets must be at least 1: " + maxBuckets);
        }
        final TraceSummary summary = new TraceSummary(
            cursor.kind(), cursor.keys(), stepNs, firstTimeNs, lastTimeNs, maxBuckets, Math.max(0, seriesKeys));
        summary.rowCount = summary.count(cursor);
        return summary;
    }

    private long count(final TraceCursor cursor)
    {
        final long[] keyRows = this.keyRows;
        final long[] keyNanRows = this.keyNanRows;
        final double[] keyMin = this.keyMin;
        final double[] keyMax = this.keyMax;
        final double[] keySum = this.keySum;
        final double[] keyCompensation = this.keyCompensation;
        final double[] totals = this.totals;
        final double[][] priceSeries = this.priceSeries;
        final boolean eventCounts = kind == TraceKind.ARRIVALS || kind == TraceKind.FAULTS;
        final boolean faults = kind == TraceKind.FAULTS;
        long rows = 0;
        while (cursor.next())
        {
            final long timeNs = cursor.timeNs();
            final int keyId = cursor.keyId();
            final double value = cursor.value();
            if (Long.compareUnsigned(timeNs - firstTimeNs, lastTimeNs - firstTimeNs) > 0)
            {
                throw new IllegalArgumentException("row " + rows + " at " + timeNs + " ns lies outside the span " +
                    firstTimeNs + " to " + lastTimeNs + " ns");
            }
            final int bucket = (int)Long.divideUnsigned(timeNs - firstTimeNs, bucketWidthNs);
            rows++;
            keyRows[keyId]++;
            if (Double.isNaN(value))
            {
                keyNanRows[keyId]++;
            }
            else
            {
                keyMin[keyId] = Math.min(keyMin[keyId], value);
                keyMax[keyId] = Math.max(keyMax[keyId], value);
                final double sum = keySum[keyId];
                final double t = sum + value;
                keyCompensation[keyId] += Math.abs(sum) >= Math.abs(value) ? (sum - t) + value : (value - t) + sum;
                keySum[keyId] = t;
            }
            if (eventCounts)
            {
                totals[bucket] += 1;
            }
            else if (keyId < priceSeries.length)
            {
                priceSeries[keyId][bucket] = value;
            }
            else if (kind == TraceKind.LOAD_RATE && !Double.isNaN(value))
            {
                totals[bucket] += value;
            }
            if (faults)
            {
                final int code = cursor.code();
                faultsByCode[FaultKind.fromCode(code) == null ? 0 : code]++;
            }
        }
        for (final double[] series : priceSeries)
        {
            for (int bucket = 1; bucket < series.length; bucket++)
            {
                if (Double.isNaN(series[bucket]))
                {
                    series[bucket] = series[bucket - 1];
                }
            }
        }
        return rows;
    }

    /**
     * @return what the rows describe.
     */
    public TraceKind kind()
    {
        return kind;
    }

    /**
     * @return rows read.
     */
    public long rowCount()
    {
        return rowCount;
    }

    /**
     * @return the first row's time, epoch ns.
     */
    public long firstTimeNs()
    {
        return firstTimeNs;
    }

    /**
     * @return the last row's time, epoch ns.
     */
    public long lastTimeNs()
    {
        return lastTimeNs;
    }

    /**
     * @return width of a series bucket.
     */
    public long bucketWidthNs()
    {
        return bucketWidthNs;
    }

    /**
     * @return number of series buckets.
     */
    public int bucketCount()
    {
        return bucketCount;
    }

    /**
     * @param keyId a key.
     * @return rows of that key.
     */
    public long keyRows(final int keyId)
    {
        return keyRows[keyId];
    }

    /**
     * @param keyId a key.
     * @return smallest non-NaN value of the key, or NaN if none.
     */
    public double keyMin(final int keyId)
    {
        return keyRows[keyId] > keyNanRows[keyId] ? keyMin[keyId] : Double.NaN;
    }

    /**
     * @param keyId a key.
     * @return mean of the key's non-NaN values, or NaN if none.
     */
    public double keyMean(final int keyId)
    {
        final long counted = keyRows[keyId] - keyNanRows[keyId];
        return counted > 0 ? (keySum[keyId] + keyCompensation[keyId]) / counted : Double.NaN;
    }

    /**
     * @param keyId a key.
     * @return largest non-NaN value of the key, or NaN if none.
     */
    public double keyMax(final int keyId)
    {
        return keyRows[keyId] > keyNanRows[keyId] ? keyMax[keyId] : Double.NaN;
    }

    /**
     * @param keyId a key.
     * @return rows of the key whose value is NaN.
     */
    public long keyNanRows(final int keyId)
    {
        return keyNanRows[keyId];
    }

    /**
     * @return the series drawn for the whole trace: requests per second (load-rate) or events per bucket
     * (arrivals, faults); empty for price and transfer price traces, whose series are per key.
     */
    public double[] totalSeries()
    {
        if (kind == TraceKind.PRICE || kind == TraceKind.TRANSFER)
        {
            return new double[0];
        }
        if (kind == TraceKind.LOAD_RATE)
        {
            final double[] rates = totals.clone();
            final double bucketSeconds = (double)bucketWidthNs / SECOND_NS;
            for (int bucket = 0; bucket < rates.length; bucket++)
            {
                rates[bucket] /= bucketSeconds;
            }
            return rates;
        }
        return totals.clone();
    }

    /**
     * @param keyId a key below the number of series keys asked for.
     * @return the key's price at the end of each bucket; NaN before its first row.
     */
    public double[] priceSeries(final int keyId)
    {
        return priceSeries[keyId].clone();
    }

    /**
     * @param code a {@link FaultKind#code()}, or 0 for unknown codes.
     * @return fault events with that code.
     */
    public long faults(final int code)
    {
        return faultsByCode[code];
    }

    /**
     * Print the summary as {@code windtunnel trace inspect} shows it.
     *
     * @param out      where to print.
     * @param keyLimit most keys listed (per-key table and price series).
     */
    public void print(final PrintWriter out, final int keyLimit)
    {
        final int keyCount = keys.size();
        final int listed = Math.min(keyLimit, keyCount);
        out.printf(Locale.ROOT, "kind:        %s%n", kind.label());
        out.printf(Locale.ROOT, "key fields:  %s%n", String.join(", ", keys.fieldNames()));
        if (kind == TraceKind.LOAD_RATE)
        {
            out.printf(Locale.ROOT, "step:        %s%n", stepNs > 0 ? formatDuration(stepNs) : "(none)");
        }
        if (spanEndNs > spanStartNs)
        {
            out.printf(Locale.ROOT, "declared span: %s (%s)%n", TraceSpan.format(spanStartNs, spanEndNs),
                formatDuration(spanEndNs - spanStartNs));
        }
        else
        {
            out.println("declared span: none (a scenario derives one from the rows)");
        }
        out.printf(Locale.ROOT, "rows:        %,d%n", rowCount);
        out.printf(Locale.ROOT, "keys:        %,d%n", keyCount);
        if (rowCount == 0)
        {
            out.println("time span:   (no rows)");
            printKeys(out, listed);
            return;
        }
        out.printf(Locale.ROOT, "time span:   %s .. %s (%s)%n", TraceTimes.formatIso(firstTimeNs),
            TraceTimes.formatIso(lastTimeNs), formatDuration(lastTimeNs - firstTimeNs));
        printKeys(out, listed);
        out.println();
        printSeries(out, listed);
    }

    private void printKeys(final PrintWriter out, final int listed)
    {
        if (listed == 0)
        {
            return;
        }
        final int width = labelWidth(listed);
        out.println();
        out.printf(Locale.ROOT, "%-" + (width + 2) + "s %12s %12s %12s %12s%s%n",
            "per key (" + listed + " of " + keys.size() + ")", "rows", "min", "mean", "max",
            kind == TraceKind.ARRIVALS ? "   (service_ms; NaN rows)" : "   (" + valueUnit() + ")");
        for (int keyId = 0; keyId < listed; keyId++)
        {
            out.printf(Locale.ROOT, "  %-" + width + "s %12s %12s %12s %12s%s%n", label(keyId, width),
                String.format(Locale.ROOT, "%,d", keyRows[keyId]), formatValue(keyMin(keyId)),
                formatValue(keyMean(keyId)), formatValue(keyMax(keyId)),
                keyNanRows[keyId] > 0 ? String.format(Locale.ROOT, "   %,d NaN", keyNanRows[keyId]) : "");
        }
        if (keys.size() > listed)
        {
            out.printf(Locale.ROOT, "  ... and %,d more keys (--keys N lists more)%n", keys.size() - listed);
        }
    }

    private void printSeries(final PrintWriter out, final int listed)
    {
        final String buckets = bucketCount + " buckets of " + formatDuration(bucketWidthNs);
        switch (kind)
        {
            case PRICE:
            case TRANSFER:
            {
                out.printf(Locale.ROOT, "price over time (%s, price at each bucket's end):%n", buckets);
                final int width = labelWidth(priceSeries.length);
                for (int keyId = 0; keyId < priceSeries.length; keyId++)
                {
                    final double[] range = Sparkline.range(priceSeries[keyId]);
                    out.printf(Locale.ROOT, "  %-" + width + "s %s  %s .. %s%n", label(keyId, width),
                        Sparkline.render(priceSeries[keyId], range[0], range[1]), formatValue(range[0]),
                        formatValue(range[1]));
                }
                if (keys.size() > priceSeries.length)
                {
                    out.printf(Locale.ROOT, "  ... and %,d more keys%n", keys.size() - priceSeries.length);
                }
                break;
            }
            case LOAD_RATE:
            {
                final double[] rates = totalSeries();
                final double high = Sparkline.range(rates)[1];
                out.printf(Locale.ROOT, "requests/s, all keys (%s):%n", buckets);
                out.printf(Locale.ROOT, "  %s  0 .. %s/s%n", Sparkline.render(rates, 0, high), formatValue(high));
                break;
            }
            default:
            {
                final double[] counts = totalSeries();
                final double high = Sparkline.range(counts)[1];
                out.printf(Locale.ROOT, "%s per bucket (%s):%n",
                    kind == TraceKind.FAULTS ? "fault events" : "arrivals", buckets);
                out.printf(Locale.ROOT, "  %s  0 .. %s%n", Sparkline.render(counts, 0, high), formatValue(high));
                if (kind == TraceKind.FAULTS)
                {
                    final StringBuilder byKind = new StringBuilder();
                    for (final FaultKind fault : FaultKind.values())
                    {
                        if (faultsByCode[fault.code()] > 0)
                        {
                            byKind.append(byKind.length() == 0 ? "" : ", ").append(fault.label()).append(' ')
                                .append(faultsByCode[fault.code()]);
                        }
                    }
                    if (faultsByCode[0] > 0)
                    {
                        byKind.append(byKind.length() == 0 ? "" : ", ").append("unknown code ")
                            .append(faultsByCode[0]);
                    }
                    out.printf(Locale.ROOT, "by kind: %s%n", byKind);
                }
                break;
            }
        }
    }

    private String valueUnit()
    {
        switch (kind)
        {
            case PRICE:
                return "USD per hour";
            case LOAD_RATE:
                return "requests per interval";
            case TRANSFER:
                return "USD per GB";
            default:
                return "count";
        }
    }

    private int labelWidth(final int listed)
    {
        int width = 12;
        for (int keyId = 0; keyId < listed; keyId++)
        {
            width = Math.max(width, keys.describe(keyId).length());
        }
        return Math.min(width, 48);
    }

    private String label(final int keyId, final int width)
    {
        final String label = keys.describe(keyId);
        return label.length() <= width ? label : label.substring(0, width - 2) + "..";
    }

    /**
     * @param widthNs smallest acceptable bucket width, positive.
     * @return the smallest round width not below it: 1, 2 or 5 times a power of ten below a second, then the
     * steps of {@link #ROUND_WIDTHS_S}, then whole days.
     */
    static long roundWidthNs(final long widthNs)
    {
        if (widthNs <= 0)
        {
            return widthNs; // above Long.MAX_VALUE read unsigned: a span of centuries in one bucket, leave it
        }
        if (widthNs < SECOND_NS)
        {
            long decade = 1;
            while (true)
            {
                for (final long factor : DECADE_FACTORS)
                {
                    if (factor * decade >= widthNs)
                    {
                        return factor * decade;
                    }
                }
                decade *= 10;
            }
        }
        for (final long seconds : ROUND_WIDTHS_S)
        {
            if (seconds * SECOND_NS >= widthNs)
            {
                return seconds * SECOND_NS;
            }
        }
        final long days = (widthNs - 1) / DAY_NS + 1;
        return days > Long.MAX_VALUE / DAY_NS ? widthNs : days * DAY_NS;
    }

    /**
     * @param value a value.
     * @return up to six significant digits without trailing zeros; {@code NaN} as {@code n/a}.
     */
    public static String formatValue(final double value)
    {
        if (Double.isNaN(value))
        {
            return "n/a";
        }
        if (Double.isInfinite(value))
        {
            return value > 0 ? "inf" : "-inf";
        }
        final double magnitude = Math.abs(value);
        if (value != 0 && (magnitude < 1e-6 || magnitude >= 1e12))
        {
            return String.format(Locale.ROOT, "%.5e", value);
        }
        return new BigDecimal(value).round(new MathContext(6)).stripTrailingZeros().toPlainString();
    }

    /**
     * @param ns a non-negative duration (read as unsigned, so spans beyond 292 years print correctly).
     * @return days, hours, minutes and seconds from the largest to the smallest non-zero unit, e.g.
     * {@code 1d 2h 3m 4.5s}, {@code 2h}, {@code 1h 0m 30s}, {@code 250ms} as {@code 0.25s}, {@code 0s}.
     */
    public static String formatDuration(final long ns)
    {
        final long[] parts = new long[4];
        parts[0] = Long.divideUnsigned(ns, 86_400 * SECOND_NS);
        long rest = Long.remainderUnsigned(ns, 86_400 * SECOND_NS);
        parts[1] = rest / (3_600 * SECOND_NS);
        rest %= 3_600 * SECOND_NS;
        parts[2] = rest / (60 * SECOND_NS);
        rest %= 60 * SECOND_NS;
        parts[3] = rest;
        final String[] units = {"d", "h", "m", "s"};
        int first = 0;
        while (first < 3 && parts[first] == 0)
        {
            first++;
        }
        int last = 3;
        while (last > first && parts[last] == 0)
        {
            last--;
        }
        final StringBuilder out = new StringBuilder();
        for (int i = first; i <= last; i++)
        {
            if (out.length() > 0)
            {
                out.append(' ');
            }
            out.append(i == 3 ? BigDecimal.valueOf(parts[3], 9).stripTrailingZeros().toPlainString() :
                Long.toUnsignedString(parts[i])).append(units[i]);
        }
        return out.toString();
    }
}
