package io.windtunnel.traces.gcp;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.ImportSummary;
import io.windtunnel.traces.ingest.SummarizingTraceReader;
import io.windtunnel.traces.ingest.internal.CsvInput;
import io.windtunnel.traces.ingest.internal.Decimals;
import io.windtunnel.traces.ingest.internal.PriceSeries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads GCP machine-type price tables, one row per (snapshot, machine type, region):
 * <pre>
 * snapshot_generated_utc,machine_type,region,cpu,ram_gb,gpu_model,gpu_count,hour_usd,hour_spot_usd,month_usd,...
 * 2026-07-30T06:13:17Z,a2-highgpu-1g,asia-east1,12,85,a100,1,3.790142,0.444055,2766.80366,...
 * </pre>
 * and the history layout with {@code snapshot_unix,git_commit} added (columns are found by name). Each line
 * yields an on-demand row from {@code hour_usd} and, when {@code hour_spot_usd} is not empty, a spot row, keyed
 * {@code (gcp, region, "", machine_type, market)} at the snapshot's time: {@code snapshot_unix} (epoch seconds)
 * or {@code snapshot_generated_utc}; when a file has both they must agree. Empty price cells (spot not offered,
 * or absent before 2023-05 in the history) yield no row and are counted in the {@link ImportSummary}. The
 * {@code month_*} columns (730-hour months, committed-use prices) are not read.
 * <p>
 * <b>Collapsing repeats:</b> weekly snapshots repeat an unchanged price; a row whose price equals the previous
 * row of its key is dropped (counted), except the key's last row, kept so the table still shows the last
 * snapshot that confirmed the price. This is safe for a price step function: the price in force at every
 * instant is unchanged. It does hide a key's absence from intermediate snapshots, which a price table cannot
 * express anyway. Pass {@code false} to the constructor to keep every snapshot row.
 * <p>
 * Rows must be in non-decreasing snapshot order unless {@link ImportOptions#sort()} is set. A (key, snapshot)
 * pair seen twice is a problem.
 * <p>
 * <b>Threading:</b> stateless, may be shared. <b>Allocation:</b> import time only.
 */
public final class GcpPriceCsvReader implements SummarizingTraceReader
{
    /** The format's name. */
    public static final String FORMAT = "gcp-prices-csv";

    private static final String GENERATED = "snapshot_generated_utc";
    private static final String UNIX = "snapshot_unix";
    private static final String TYPE = "machine_type";
    private static final String REGION = "region";
    private static final String HOUR = "hour_usd";
    private static final String SPOT = "hour_spot_usd";

    private final boolean collapseRepeats;

    /**
     * Collapses repeated prices.
     */
    public GcpPriceCsvReader()
    {
        this(true);
    }

    /**
     * @param collapseRepeats drop a row that repeats its key's previous price (not the key's last row).
     */
    public GcpPriceCsvReader(final boolean collapseRepeats)
    {
        this.collapseRepeats = collapseRepeats;
    }

    @Override
    public String formatName()
    {
        return FORMAT;
    }

    @Override
    public TraceKind kind()
    {
        return TraceKind.PRICE;
    }

    @Override
    public String description()
    {
        return "GCP machine-type prices CSV (machine_type,region,...,hour_usd,hour_spot_usd with snapshot_unix or " +
            "snapshot_generated_utc): on-demand and spot";
    }

    @Override
    public boolean recognizes(final String fileName, final String head)
    {
        final List<String> names = CsvInput.headerNames(head);
        return names.contains(TYPE) && names.contains(REGION) && names.contains(HOUR) &&
            (names.contains(GENERATED) || names.contains(UNIX));
    }

    @Override
    public ImportResult readWithSummary(final Path file, final ImportOptions options)
        throws TraceFormatException, IOException
    {
        final ProblemCollector problems = new ProblemCollector(file.toString(), options.problemLimit());
        final PriceSeries series = new PriceSeries(null);
        final ImportSummary.Builder summary = new ImportSummary.Builder();
        try (CsvInput csv = CsvInput.open(file, problems))
        {
            final CsvInput.Header header = csv.header("a header with machine_type,region,hour_usd,hour_spot_usd " +
                "and snapshot_generated_utc or snapshot_unix");
            if (header != null)
            {
                final Columns columns = new Columns(header);
                if (columns.complete(header, problems))
                {
                    readRows(csv, header.names().size(), columns, options, problems, series, summary);
                }
            }
        }
        series.reportDuplicates(List.of(problems));
        problems.throwIfAny();
        final TraceTable table = series.build(0, collapseRepeats, summary);
        return new ImportResult(table, summary.build(file.toString(), table.rowCount()));
    }

    private static void readRows(
        final CsvInput csv, final int width, final Columns columns, final ImportOptions options,
        final ProblemCollector problems, final PriceSeries series, final ImportSummary.Builder summary)
        throws IOException
    {
        long previousNs = Long.MIN_VALUE;
        while (csv.next())
        {
            summary.record();
            final long line = csv.line();
            if (!csv.checkWidth(width))
            {
                continue;
            }
            final long timeNs = snapshotTime(csv, columns, options, problems, line);
            final String type = csv.field(columns.type);
            final String region = csv.field(columns.region);
            boolean valid = timeNs != Long.MIN_VALUE;
            valid &= csv.nonEmpty(columns.type, TYPE);
            valid &= csv.nonEmpty(columns.region, REGION);
            final double hourUsd = price(csv, columns.hour, HOUR);
            final double spotUsd = columns.spot < 0 ? Double.NaN : price(csv, columns.spot, SPOT);
            if (hourUsd < 0 || spotUsd < 0 || !valid)
            {
                continue;
            }
            if (timeNs < previousNs && !options.sort())
            {
                problems.atLine(line, columns.time(), "snapshot " + TraceTimes.formatIso(timeNs) +
                    " is before the previous row's " + TraceTimes.formatIso(previousNs) +
                    "; sort the file by time or import with sorting enabled");
            }
            previousNs = Math.max(previousNs, timeNs);
            if (Double.isNaN(hourUsd))
            {
                summary.drop("lines without an on-demand price (hour_usd empty)");
            }
            else
            {
                series.add(timeNs, series.key("gcp", region, "", type, Market.ON_DEMAND.label()), hourUsd, 0, line, -1);
            }
            if (Double.isNaN(spotUsd))
            {
                summary.drop("lines without a spot price (hour_spot_usd empty or absent)");
            }
            else
            {
                series.add(timeNs, series.key("gcp", region, "", type, Market.SPOT.label()), spotUsd, 0, line, -1);
            }
        }
    }

    /**
     * @return the price, NaN if the cell is empty, or -1 after reporting a problem.
     */
    private static double price(final CsvInput csv, final int column, final String field)
    {
        return csv.field(column).isEmpty() ? Double.NaN : csv.nonNegative(column, field, "a price in USD per hour");
    }

    /**
     * @return epoch ns of the row's snapshot, or {@link Long#MIN_VALUE} after reporting a problem.
     */
    private static long snapshotTime(
        final CsvInput csv, final Columns columns, final ImportOptions options, final ProblemCollector problems,
        final long line)
    {
        long unixNs = Long.MIN_VALUE;
        long generatedNs = Long.MIN_VALUE;
        boolean valid = true;
        if (columns.unix >= 0)
        {
            final String text = csv.field(columns.unix);
            if (!isWholeSeconds(text))
            {
                problems.atLine(line, UNIX, "cannot read '" + Decimals.shorten(text) + "' as epoch seconds");
                valid = false;
            }
            else
            {
                unixNs = parseTime(text, null, UNIX, problems, line);
                valid = unixNs != Long.MIN_VALUE;
            }
        }
        if (columns.generated >= 0)
        {
            generatedNs = parseTime(csv.field(columns.generated), options.zone(), GENERATED, problems, line);
            valid &= generatedNs != Long.MIN_VALUE;
        }
        if (!valid)
        {
            return Long.MIN_VALUE;
        }
        if (unixNs != Long.MIN_VALUE && generatedNs != Long.MIN_VALUE && unixNs != generatedNs)
        {
            problems.atLine(line, UNIX, "snapshot_unix " + csv.field(columns.unix) + " (" +
                TraceTimes.formatIso(unixNs) + ") disagrees with snapshot_generated_utc " +
                csv.field(columns.generated));
            return Long.MIN_VALUE;
        }
        return unixNs != Long.MIN_VALUE ? unixNs : generatedNs;
    }

    private static boolean isWholeSeconds(final String text)
    {
        if (text.isEmpty() || text.length() > 12)
        {
            return false;
        }
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) < '0' || text.charAt(i) > '9')
            {
                return false;
            }
        }
        return true;
    }

    private static long parseTime(
        final String text, final java.time.ZoneId zone, final String field, final ProblemCollector problems,
        final long line)
    {
        try
        {
            return TraceTimes.parseEpochNs(text, zone);
        }
        catch (final IllegalArgumentException e)
        {
            problems.atLine(line, field, e.getMessage());
            return Long.MIN_VALUE;
        }
    }

    /**
     * Indexes of the columns read.
     */
    private static final class Columns
    {
        final int generated;
        final int unix;
        final int type;
        final int region;
        final int hour;
        final int spot;

        Columns(final CsvInput.Header header)
        {
            generated = header.find(GENERATED);
            unix = header.find(UNIX);
            type = header.find(TYPE);
            region = header.find(REGION);
            hour = header.find(HOUR);
            spot = header.find(SPOT);
        }

        boolean complete(final CsvInput.Header header, final ProblemCollector problems)
        {
            boolean complete = header.requireAll(List.of(TYPE, REGION, HOUR), FORMAT) != null;
            if (generated < 0 && unix < 0)
            {
                problems.atLine(header.line(), UNIX, "missing column: need snapshot_unix or snapshot_generated_utc " +
                    "for the snapshot time");
                complete = false;
            }
            return complete;
        }

        String time()
        {
            return unix >= 0 ? UNIX : GENERATED;
        }
    }
}
