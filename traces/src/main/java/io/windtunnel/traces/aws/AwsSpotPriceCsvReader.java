package io.windtunnel.traces.aws;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.ImportSummary;
import io.windtunnel.traces.ingest.SummarizingTraceReader;
import io.windtunnel.traces.ingest.internal.CsvInput;
import io.windtunnel.traces.ingest.internal.PriceSeries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads the CSV that boto3/pandas scripts commonly write from {@code describe-spot-price-history}:
 * <pre>
 * Timestamp,InstanceType,ProductDescription,SpotPrice,AvailabilityZone
 * 2023-12-30 21:17:02+00:00,c5a.2xlarge,Linux/UNIX,0.156700,us-east-1e
 * </pre>
 * Columns are found by name (any order, extra columns such as a pandas index ignored). Timestamps take any form
 * {@link io.windtunnel.traces.TraceTimes} reads, typically the space-separated {@code +00:00} form above.
 * Normalization, the {@code ProductDescription} filter and the problems reported are those of
 * {@link AwsSpotPriceJsonReader}, located by line and column; rows are always sorted (the export is newest first).
 * <p>
 * <b>Threading:</b> stateless, may be shared. <b>Allocation:</b> import time only.
 */
public final class AwsSpotPriceCsvReader implements SummarizingTraceReader
{
    /** The format's name. */
    public static final String FORMAT = "aws-spot-csv";

    private static final List<String> COLUMNS = List.of(AwsSpotRecords.TIMESTAMP, AwsSpotRecords.INSTANCE_TYPE,
        AwsSpotRecords.PRODUCT, AwsSpotRecords.PRICE, AwsSpotRecords.ZONE);

    private final String product;

    /**
     * Keeps {@value AwsSpotPriceJsonReader#DEFAULT_PRODUCT} rows.
     */
    public AwsSpotPriceCsvReader()
    {
        this(AwsSpotPriceJsonReader.DEFAULT_PRODUCT);
    }

    /**
     * @param productDescription the {@code ProductDescription} to keep; other rows are dropped and counted.
     */
    public AwsSpotPriceCsvReader(final String productDescription)
    {
        if (productDescription == null || productDescription.isBlank())
        {
            throw new IllegalArgumentException("product description must not be empty");
        }
        this.product = productDescription.trim();
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
        return "AWS spot price history CSV (Timestamp,InstanceType,ProductDescription,SpotPrice,AvailabilityZone), " +
            product + " only";
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
        final PriceSeries series = new PriceSeries(null);
        final ImportSummary.Builder summary = new ImportSummary.Builder();
        final AwsSpotRecords records = new AwsSpotRecords(product, options, series, summary);
        try (CsvInput csv = CsvInput.open(file, problems))
        {
            final CsvInput.Header header = csv.header("the header " + String.join(",", COLUMNS));
            final int[] columns = header == null ? null : header.requireAll(COLUMNS, FORMAT);
            if (columns != null)
            {
                readRows(csv, header.names().size(), columns, problems, records, summary);
            }
        }
        series.reportDuplicates(List.of(problems));
        problems.throwIfAny();
        final TraceTable table = series.build(0, false, summary);
        return new ImportResult(table, summary.build(file.toString(), table.rowCount()));
    }

    private static void readRows(
        final CsvInput csv, final int width, final int[] columns, final ProblemCollector problems,
        final AwsSpotRecords records, final ImportSummary.Builder summary) throws IOException
    {
        while (csv.next())
        {
            summary.record();
            final long line = csv.line();
            if (!csv.checkWidth(width))
            {
                continue;
            }
            records.accept(csv.field(columns[0]), csv.field(columns[1]), csv.field(columns[2]), csv.field(columns[3]),
                csv.field(columns[4]), (field, message) -> problems.atLine(line, field, message), 0, line, -1);
        }
    }
}
