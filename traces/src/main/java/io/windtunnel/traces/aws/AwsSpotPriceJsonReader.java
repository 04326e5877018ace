package io.windtunnel.traces.aws;

import com.fasterxml.jackson.core.JsonToken;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.ImportSummary;
import io.windtunnel.traces.ingest.SummarizingTraceReader;
import io.windtunnel.traces.ingest.internal.JsonInput;
import io.windtunnel.traces.ingest.internal.JsonInput.JsonScalar;
import io.windtunnel.traces.ingest.internal.JsonRecord;
import io.windtunnel.traces.ingest.internal.JsonRecordArray;
import io.windtunnel.traces.ingest.internal.PricePages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads the JSON that {@code aws ec2 describe-spot-price-history} (API {@code DescribeSpotPriceHistory}) returns:
 * <pre>
 * {"SpotPriceHistory": [{"Timestamp": "2014-01-06T07:10:55.000Z", "ProductDescription": "Linux/UNIX",
 *                        "InstanceType": "m1.xlarge", "SpotPrice": "0.087000", "AvailabilityZone": "us-west-1b"}, ...],
 *  "NextToken": "..."}
 * </pre>
 * into a {@link TraceKind#PRICE} table keyed {@code (aws, region, AZ, InstanceType, spot)}, the region derived
 * from the zone by {@link AwsZones#regionOf}. Each record is a price change that holds until the next record of
 * its key. AWS returns records newest first; rows are always sorted, whatever {@link ImportOptions#sort()} says.
 * Other members ({@code NextToken}, boto3's {@code ResponseMetadata}) are ignored.
 * <p>
 * <b>Operating system:</b> only records whose {@code ProductDescription} equals the selected one (default
 * {@code Linux/UNIX}) are kept, since the key has no OS field; the others are counted by description in the
 * {@link ImportSummary}. The VPC variants ({@code Linux/UNIX (Amazon VPC)}) are distinct descriptions.
 * <p>
 * <b>Pages:</b> a response is paginated with {@code NextToken}; {@link #readPages} reads the saved pages into
 * one table, checking duplicates across them.
 * <p>
 * <b>Problems</b> carry the line and JSON pointer of the value ({@code /SpotPriceHistory/3/SpotPrice}): malformed
 * JSON, a record that is not an object, a missing or empty field, a field of the wrong JSON type, a timestamp
 * without offset (unless {@link ImportOptions#zone()} is set), a price that is not a non-negative decimal, a zone
 * that is not a zone name, and two records with the same key and timestamp.
 * <p>
 * <b>Threading:</b> stateless, may be shared. <b>Allocation:</b> import time only; streams the JSON.
 */
public final class AwsSpotPriceJsonReader implements SummarizingTraceReader
{
    /** The format's name. */
    public static final String FORMAT = "aws-spot-json";
    /** The {@code ProductDescription} kept by the registered instance. */
    public static final String DEFAULT_PRODUCT = "Linux/UNIX";

    private static final String HISTORY = "SpotPriceHistory";
    private static final JsonRecordArray RESPONSE = new JsonRecordArray(HISTORY, "price record",
        "a describe-spot-price-history JSON response", "a describe-spot-price-history response");

    private final String product;

    /**
     * Keeps {@value #DEFAULT_PRODUCT} records.
     */
    public AwsSpotPriceJsonReader()
    {
        this(DEFAULT_PRODUCT);
    }

    /**
     * @param productDescription the {@code ProductDescription} to keep, e.g. {@code Windows} or
     *                           {@code Red Hat Enterprise Linux}; others are dropped and counted.
     */
    public AwsSpotPriceJsonReader(final String productDescription)
    {
        if (productDescription == null || productDescription.isBlank())
        {
            throw new IllegalArgumentException("product description must not be empty");
        }
        this.product = productDescription.trim();
    }

    /**
     * @return the {@code ProductDescription} this reader keeps.
     */
    public String productDescription()
    {
        return product;
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
        return "AWS describe-spot-price-history JSON (SpotPriceHistory, newest first), " + product + " only";
    }

    @Override
    public boolean recognizes(final String fileName, final String head)
    {
        return PricePages.startsJsonObject(head) && head.contains("\"" + HISTORY + "\"");
    }

    @Override
    public ImportResult readWithSummary(final Path file, final ImportOptions options)
        throws TraceFormatException, IOException
    {
        return readAll(List.of(file), options);
    }

    /**
     * Read the saved pages of one paginated response (or several responses) into one table with the registered
     * reader ({@value #DEFAULT_PRODUCT}), logging the summary if records were dropped.
     *
     * @param pages   the page files, in any order.
     * @param options what the files do not say.
     * @return one time-sorted table of all pages.
     * @throws TraceFormatException with the problems of every page, including duplicates across pages.
     * @throws IOException          if a file cannot be read.
     */
    public static TraceTable readPages(final List<Path> pages, final ImportOptions options)
        throws TraceFormatException, IOException
    {
        return SummarizingTraceReader.logged(new AwsSpotPriceJsonReader().readAll(pages, options));
    }

    /**
     * @param pages   the page files, in any order; at least one.
     * @param options what the files do not say.
     * @return one table of all pages and the summary.
     * @throws TraceFormatException with the problems of every page.
     * @throws IOException          if a file cannot be read.
     */
    public ImportResult readAll(final List<Path> pages, final ImportOptions options)
        throws TraceFormatException, IOException
    {
        return PricePages.read(pages, options, RESPONSE.pointer(), page ->
        {
            final AwsSpotRecords records = new AwsSpotRecords(product, options, page.series(), page.summary());
            RESPONSE.read(page.file(), page.problems(), page.summary(), (record, index) ->
            {
                final RecordProblems reporter = new RecordProblems(record);
                records.accept(
                    reporter.text(AwsSpotRecords.TIMESTAMP, false), reporter.text(AwsSpotRecords.INSTANCE_TYPE, false),
                    reporter.text(AwsSpotRecords.PRODUCT, false), reporter.text(AwsSpotRecords.PRICE, true),
                    reporter.text(AwsSpotRecords.ZONE, false), reporter, page.source(), record.line(), index);
            });
        });
    }

    /**
     * Reports a record's problems at the line and pointer of the field, or of the record when the field is absent.
     */
    private static final class RecordProblems implements AwsSpotRecords.FieldProblems
    {
        private final JsonRecord record;
        private final Set<String> reported = new HashSet<>();

        RecordProblems(final JsonRecord record)
        {
            this.record = record;
        }

        String text(final String field, final boolean numberAllowed)
        {
            final JsonScalar value = record.get(field);
            if (value == null)
            {
                return null;
            }
            if (value.token() == JsonToken.VALUE_NULL)
            {
                report(field, "is null");
                reported.add(field);
                return null;
            }
            if (value.isString() || numberAllowed && value.isNumber())
            {
                return value.text();
            }
            report(field, "expected a string, found " + JsonInput.describe(value.token()));
            reported.add(field);
            return null;
        }

        @Override
        public void report(final String field, final String message)
        {
            record.report(field, message);
        }

        @Override
        public boolean reported(final String field)
        {
            return reported.contains(field);
        }
    }
}
