package io.windtunnel.traces.aws;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.ImportSummary;
import io.windtunnel.traces.ingest.SummarizingTraceReader;
import io.windtunnel.traces.ingest.internal.JsonInput;
import io.windtunnel.traces.ingest.internal.JsonInput.JsonScalar;
import io.windtunnel.traces.ingest.internal.PriceSeries;
import io.windtunnel.traces.ingest.internal.Problems;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
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
        final String trimmed = head.strip();
        return (trimmed.startsWith("{") || trimmed.startsWith("\uFEFF{")) && head.contains("\"" + HISTORY + "\"");
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
        final ImportResult result = new AwsSpotPriceJsonReader().readAll(pages, options);
        SummarizingTraceReader.log(result.summary());
        return result.table();
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
        if (pages.isEmpty())
        {
            throw new IllegalArgumentException("no pages to read");
        }
        final List<ProblemCollector> problems = new ArrayList<>();
        final PriceSeries series = new PriceSeries("/" + HISTORY);
        final ImportSummary.Builder summary = new ImportSummary.Builder();
        final AwsSpotRecords records = new AwsSpotRecords(product, options, series, summary);
        for (int source = 0; source < pages.size(); source++)
        {
            final ProblemCollector collector =
                new ProblemCollector(pages.get(source).toString(), options.problemLimit());
            problems.add(collector);
            readPage(pages.get(source), source, collector, records, summary);
        }
        series.reportDuplicates(problems);
        Problems.throwIfAny(problems, options.problemLimit());
        final TraceTable table = series.build(0, false, summary);
        final String source = pages.size() == 1 ? pages.get(0).toString() :
            pages.size() + " pages from " + pages.get(0);
        return new ImportResult(table, summary.build(source, table.rowCount()));
    }

    private static void readPage(
        final Path file, final int source, final ProblemCollector problems, final AwsSpotRecords records,
        final ImportSummary.Builder summary) throws IOException
    {
        try (InputStream in = Files.newInputStream(file))
        {
            JsonParser parser = null;
            try
            {
                parser = JsonInput.parser(in);
                readDocument(parser, source, problems, records, summary);
            }
            catch (final IOException e)
            {
                if (!JsonInput.isFormatError(e))
                {
                    throw e;
                }
                problems.atPath(JsonInput.line(e), parser == null ? null : JsonInput.pointerAt(parser), null,
                    "malformed JSON: " + JsonInput.message(e));
            }
            finally
            {
                if (parser != null)
                {
                    parser.close();
                }
            }
        }
    }

    private static void readDocument(
        final JsonParser parser, final int source, final ProblemCollector problems, final AwsSpotRecords records,
        final ImportSummary.Builder summary) throws IOException
    {
        final JsonToken first = parser.nextToken();
        if (first == null)
        {
            problems.atLine(0, null, "file is empty; expected a describe-spot-price-history JSON response");
            return;
        }
        if (first != JsonToken.START_OBJECT)
        {
            problems.atPath(JsonInput.line(parser), null, null,
                "expected a JSON object {\"" + HISTORY + "\": [...]}, found " + JsonInput.describe(first));
            return;
        }
        boolean found = false;
        JsonToken token;
        while ((token = parser.nextToken()) == JsonToken.FIELD_NAME)
        {
            final String name = parser.currentName();
            final JsonToken value = parser.nextToken();
            if (!HISTORY.equals(name))
            {
                parser.skipChildren();
                continue;
            }
            if (found)
            {
                problems.atPath(JsonInput.line(parser), "/" + HISTORY, HISTORY, "appears twice");
                parser.skipChildren();
                continue;
            }
            found = true;
            if (value != JsonToken.START_ARRAY)
            {
                problems.atPath(JsonInput.line(parser), "/" + HISTORY, HISTORY,
                    "expected an array of price records, found " + JsonInput.describe(value));
                parser.skipChildren();
                continue;
            }
            readRecords(parser, source, problems, records, summary);
        }
        if (token != JsonToken.END_OBJECT)
        {
            throw new JsonParseException(parser, "expected a member name or '}', found " + JsonInput.describe(token));
        }
        if (!found)
        {
            problems.atPath(JsonInput.line(parser), null, HISTORY,
                "missing: not a describe-spot-price-history response");
        }
        JsonInput.expectEnd(parser, problems);
    }

    private static void readRecords(
        final JsonParser parser, final int source, final ProblemCollector problems, final AwsSpotRecords records,
        final ImportSummary.Builder summary) throws IOException
    {
        int index = 0;
        JsonToken token;
        while ((token = parser.nextToken()) != JsonToken.END_ARRAY)
        {
            if (token == null)
            {
                throw new JsonParseException(parser, "unexpected end of input in the " + HISTORY + " array");
            }
            final String pointer = "/" + HISTORY + "/" + index;
            final long line = JsonInput.line(parser);
            summary.record();
            if (token != JsonToken.START_OBJECT)
            {
                problems.atPath(line, pointer, null, "expected a price record object, found " +
                    JsonInput.describe(token));
                parser.skipChildren();
            }
            else
            {
                final Map<String, JsonScalar> members = JsonInput.readMembers(parser, pointer, problems);
                final RecordProblems reporter = new RecordProblems(problems, pointer, line, members);
                records.accept(
                    reporter.text(AwsSpotRecords.TIMESTAMP, false), reporter.text(AwsSpotRecords.INSTANCE_TYPE, false),
                    reporter.text(AwsSpotRecords.PRODUCT, false), reporter.text(AwsSpotRecords.PRICE, true),
                    reporter.text(AwsSpotRecords.ZONE, false), reporter, source, line, index);
            }
            index++;
        }
    }

    /**
     * Reports a record's problems at the line and pointer of the field, or of the record when the field is absent.
     */
    private static final class RecordProblems implements AwsSpotRecords.FieldProblems
    {
        private final ProblemCollector problems;
        private final String pointer;
        private final long line;
        private final Map<String, JsonScalar> members;
        private final Set<String> reported = new HashSet<>();

        RecordProblems(
            final ProblemCollector problems, final String pointer, final long line,
            final Map<String, JsonScalar> members)
        {
            this.problems = problems;
            this.pointer = pointer;
            this.line = line;
            this.members = members;
        }

        String text(final String field, final boolean numberAllowed)
        {
            final JsonScalar value = members.get(field);
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
            final JsonScalar value = members.get(field);
            if (value == null)
            {
                problems.atPath(line, pointer, field, message);
            }
            else
            {
                problems.atPath(value.line(), pointer + JsonInput.pointer(field), field, message);
            }
        }

        @Override
        public boolean reported(final String field)
        {
            return reported.contains(field);
        }
    }
}
