package io.windtunnel.traces.azure;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
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
 * Reads the spot versus pay-as-you-go CSV that the Azure-API-Pricing-Lookup script writes from the Azure Retail
 * Prices API (one line per VM SKU and OS):
 * <pre>
 * Friendly Name,armSkuName,Currency,Spot Unit Price,PayGo Unit Price,Unit of Measure,Region,Meter Name,Product Name
 * D32ads v5,Standard_D32ads_v5,USD,0.325248,1.76,1 Hour,swedencentral,D32ads v5 Spot,Virtual Machines Dadsv5 Series
 * </pre>
 * The file is a snapshot without a date, so every row is placed at {@link ImportOptions#startNs()}, which is
 * required (the day the file was made). A Linux line (its {@code Product Name} does not end in
 * {@code " Windows"}) yields a spot row from {@code Spot Unit Price} and an on-demand row from
 * {@code PayGo Unit Price}, keyed {@code (azure, Region, "", armSkuName, market)}. The script writes the same
 * {@code PayGo Unit Price} on the Linux and the Windows line of a SKU, the Linux price, so a Windows line yields
 * only its spot row (the reader constructed for {@link AzureRetailPriceReader.Os#WINDOWS}), and its pay-as-you-go
 * cell is counted as not used. Lines of the other OS are dropped and counted. {@code Currency} must be
 * {@code USD} and {@code Unit of Measure} {@code 1 Hour}.
 * <p>
 * <b>Threading:</b> stateless, may be shared. <b>Allocation:</b> import time only.
 */
public final class AzureSpotPriceCsvReader implements SummarizingTraceReader
{
    /** The format's name. */
    public static final String FORMAT = "azure-spot-csv";

    private static final String SKU = "armSkuName";
    private static final String CURRENCY = "Currency";
    private static final String SPOT = "Spot Unit Price";
    private static final String PAYGO = "PayGo Unit Price";
    private static final String UNIT = "Unit of Measure";
    private static final String REGION = "Region";
    private static final String PRODUCT = "Product Name";
    private static final List<String> COLUMNS = List.of(SKU, CURRENCY, SPOT, PAYGO, UNIT, REGION, PRODUCT);

    private final AzureRetailPriceReader.Os os;

    /**
     * Keeps Linux lines.
     */
    public AzureSpotPriceCsvReader()
    {
        this(AzureRetailPriceReader.Os.LINUX);
    }

    /**
     * @param os the operating system whose lines to keep; the others are dropped and counted.
     */
    public AzureSpotPriceCsvReader(final AzureRetailPriceReader.Os os)
    {
        if (os == null)
        {
            throw new IllegalArgumentException("os must not be null");
        }
        this.os = os;
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
        return "Azure spot vs pay-as-you-go CSV (armSkuName,...,Spot Unit Price,PayGo Unit Price,...) of " +
            "Azure-API-Pricing-Lookup, a dateless snapshot placed at --start";
    }

    @Override
    public boolean recognizes(final String fileName, final String head)
    {
        return CsvInput.headerNames(head).containsAll(COLUMNS);
    }

    @Override
    public ImportResult readWithSummary(final Path file, final ImportOptions options)
        throws TraceFormatException, IOException
    {
        final ProblemCollector problems = new ProblemCollector(file.toString(), options.problemLimit());
        final boolean hasStart = options.startNs() != ImportOptions.NO_START;
        if (!hasStart)
        {
            problems.atLine(0, "start", "this CSV is a snapshot without a date: give the time its prices were " +
                "fetched (ImportOptions.startNs, --start)");
        }
        final PriceSeries series = new PriceSeries(null);
        final ImportSummary.Builder summary = new ImportSummary.Builder();
        try (CsvInput csv = CsvInput.open(file, problems))
        {
            final CsvInput.Header header = csv.header("a header with " + String.join(",", COLUMNS));
            final int[] columns = header == null ? null : header.requireAll(COLUMNS, FORMAT);
            if (columns != null)
            {
                readRows(csv, header.names().size(), columns, hasStart ? options.startNs() : 0, problems, series,
                    summary);
            }
        }
        series.reportDuplicates(List.of(problems));
        problems.throwIfAny();
        final TraceTable table = series.build(0, false, summary);
        return new ImportResult(table, summary.build(file.toString(), table.rowCount()));
    }

    private void readRows(
        final CsvInput csv, final int width, final int[] columns, final long timeNs, final ProblemCollector problems,
        final PriceSeries series, final ImportSummary.Builder summary) throws IOException
    {
        while (csv.next())
        {
            summary.record();
            final long line = csv.line();
            if (!csv.checkWidth(width))
            {
                continue;
            }
            final String sku = csv.field(columns[0]);
            final String currency = csv.field(columns[1]);
            final String unit = csv.field(columns[4]);
            final String region = csv.field(columns[5]);
            final boolean windows = csv.field(columns[6]).endsWith(" Windows");
            boolean valid = csv.nonEmpty(columns[0], SKU) & csv.nonEmpty(columns[5], REGION);
            if (!"USD".equals(currency))
            {
                problems.atLine(line, CURRENCY, "prices must be in USD, got '" + Decimals.shorten(currency) + "'");
                valid = false;
            }
            if (!"1 Hour".equals(unit))
            {
                problems.atLine(line, UNIT, "prices must be per '1 Hour', got '" + Decimals.shorten(unit) + "'");
                valid = false;
            }
            final double spotUsd = csv.nonNegative(columns[2], SPOT, "a price in USD per hour");
            final double paygoUsd = csv.nonNegative(columns[3], PAYGO, "a price in USD per hour");
            if (!valid || spotUsd < 0 || paygoUsd < 0)
            {
                continue;
            }
            if (windows != (os == AzureRetailPriceReader.Os.WINDOWS))
            {
                summary.drop(windows ? "Windows lines (reading Linux only)" : "Linux lines (reading Windows only)");
                continue;
            }
            series.add(timeNs, series.key("azure", region, "", sku, Market.SPOT.label()), spotUsd, 0, line, -1);
            if (windows)
            {
                summary.drop("PayGo Unit Price cells of Windows lines (the script writes the Linux price there)");
            }
            else
            {
                series.add(timeNs, series.key("azure", region, "", sku, Market.ON_DEMAND.label()), paygoUsd, 0, line,
                    -1);
            }
        }
    }
}
