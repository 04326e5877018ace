package io.windtunnel.traces.csv;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static io.windtunnel.traces.csv.CsvTestFiles.at;
import static io.windtunnel.traces.csv.CsvTestFiles.problems;
import static io.windtunnel.traces.csv.CsvTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The rules all four generic CSV readers share, exercised mostly through {@code price-csv} (the format with the
 * most columns) and checked on the others where they differ.
 */
class GenericCsvRulesTest
{
    private static final String PRICE_HEADER = "time,provider,region,zone,instance_type,market,price_per_hour_usd\n";

    @TempDir
    Path dir;

    private final PriceCsvReader prices = new PriceCsvReader();

    @Test
    void shouldFindColumnsByNameWhenHeaderIsInAnyOrderAndCase() throws Exception
    {
        final Path file = write(dir, "p.csv",
            " Price_Per_Hour_USD ,MARKET,instance_type,zone,region,provider,Time\n" +
            "0.25,spot,m5.large,us-east-1a,us-east-1,aws,2024-01-01T00:00:00Z\n");
        final TraceTable table = prices.read(file, ImportOptions.defaults());
        assertThat(table.rowCount()).isEqualTo(1);
        assertThat(table.value(0)).isEqualTo(0.25);
        assertThat(table.timeNs(0)).isEqualTo(1_704_067_200_000_000_000L);
        assertThat(table.keys().fields(0)).containsExactly("aws", "us-east-1", "us-east-1a", "m5.large", "spot");
    }

    @Test
    void shouldReportEveryUnknownColumnWhenHeaderHasExtras() throws Exception
    {
        final Path file = write(dir, "extra.csv",
            "time,provider,region,zone,instance_type,market,price_per_hour_usd,note,Owner\n" +
            "2024-01-01T00:00:00Z,aws,us-east-1,,m5.large,spot,0.1,cheap,me\n" +
            "2024-01-01T00:01:00Z,aws,us-east-1,,m5.large,spot,-1,dear,you\n");
        assertThat(problems(prices, file)).satisfiesExactly(
            p -> assertThat(p).startsWith(at(file, 1, "note")).contains("unknown column")
                .contains("expected columns time, provider, region, instance_type, market, price_per_hour_usd")
                .contains("(optional: zone)"),
            p -> assertThat(p).startsWith(at(file, 1, "Owner")).contains("unknown column"),
            p -> assertThat(p).startsWith(at(file, 3, "price_per_hour_usd")).contains("at least 0"));
    }

    @Test
    void shouldReportEachMissingRequiredColumnAndNoRowWhenHeaderLacksThem() throws Exception
    {
        final Path file = write(dir, "missing.csv",
            "time,provider,zone,instance_type,price_per_hour_usd\n" +
            "not a time,aws,,m5.large,abc\n");
        assertThat(problems(prices, file)).satisfiesExactly(
            p -> assertThat(p).startsWith(at(file, 1, "region")).contains("missing required column")
                .contains("the header has time, provider, zone, instance_type, price_per_hour_usd"),
            p -> assertThat(p).startsWith(at(file, 1, "market")).contains("missing required column"));
    }

    @Test
    void shouldReportDuplicateColumnWhenHeaderNamesOneTwice() throws Exception
    {
        final Path file = write(dir, "twice.csv",
            "time,provider,region,zone,instance_type,market,price_per_hour_usd,region\n");
        assertThat(problems(prices, file)).containsExactly(
            at(file, 1, "region") + "column appears twice in the header (columns 3 and 8)");
    }

    @Test
    void shouldReportColumnWithoutNameWhenHeaderHasEmptyValue() throws Exception
    {
        final Path file = write(dir, "noname.csv",
            "time,provider,region,,instance_type,market,price_per_hour_usd\n");
        assertThat(problems(prices, file)).singleElement().satisfies(p ->
            assertThat(p).startsWith(at(file, 1)).contains("column 4 of the header has no name"));
    }

    @Test
    void shouldRejectFileWithoutHeaderWhenItHoldsOnlyCommentsAndBlankLines() throws Exception
    {
        final Path file = write(dir, "comments-only.csv", "# nothing here\n\n   \n# still nothing\n");
        assertThat(problems(prices, file)).singleElement().satisfies(p -> assertThat(p)
            .startsWith(file + ": no header row")
            .contains("time,provider,region,instance_type,market,price_per_hour_usd"));
    }

    @Test
    void shouldCountLinesAcrossCommentsBlankLinesCarriageReturnsAndMultiLineQuotes() throws Exception
    {
        final Path file = write(dir, "lines.csv",
            "# comment\r\n" +
            "\r\n" +
            PRICE_HEADER.replace("\n", "\r\n") +
            "2024-01-01T00:00:00Z,aws,\"us\neast\",,m5.large,spot,0.1\r\n" +
            "   \r\n" +
            "# another comment\r\n" +
            "2024-01-01T00:01:00Z,aws,us-east-1,,m5.large,spot,oops\r\n" +
            "2024-01-01T00:02:00Z,aws,\"a\r\n\r\nb\",,m5.large,spot,0.1\r\n" +
            "2024-01-01T00:03:00Z,aws,us-east-1,,m5.large,bid,0.1");
        assertThat(problems(prices, file)).satisfiesExactly(
            p -> assertThat(p).startsWith(at(file, 8, "price_per_hour_usd")).contains("cannot read 'oops'"),
            p -> assertThat(p).startsWith(at(file, 12, "market")).contains("unknown market 'bid'"));
    }

    @Test
    void shouldTreatOnlyLinesStartingWithHashAsComments() throws Exception
    {
        final Path file = write(dir, "indented.csv", PRICE_HEADER + "#2024-01-01T00:00:00Z,aws,r,,t,spot,1\n" +
            "  # an indented note is data\n");
        assertThat(problems(prices, file)).containsExactly(at(file, 3) + "row has 1 value but the header has 7 columns");
    }

    @Test
    void shouldReadQuotedFieldsWithCommasQuotesAndLineBreaks() throws Exception
    {
        final Path file = write(dir, "quoted.csv", PRICE_HEADER +
            "\"2024-01-01T00:00:00Z\",\"acme, inc.\",\"lab \"\"north\"\"\",\" spaced \",\"two\nlines\",\"spot\"," +
            "\"0.5\"\n");
        final TraceTable table = prices.read(file, ImportOptions.defaults());
        assertThat(table.keys().fields(0))
            .containsExactly("acme, inc.", "lab \"north\"", " spaced ", "two\nlines", "spot");
        assertThat(table.value(0)).isEqualTo(0.5);
    }

    @Test
    void shouldIgnoreSpacesAroundUnquotedValues() throws Exception
    {
        final Path file = write(dir, "spaces.csv", PRICE_HEADER +
            " 2024-01-01T00:00:00Z , aws , us-east-1 ,  , m5.large , spot , 0.5 \n");
        final TraceTable table = prices.read(file, ImportOptions.defaults());
        assertThat(table.keys().fields(0)).containsExactly("aws", "us-east-1", "", "m5.large", "spot");
    }

    @Test
    void shouldAcceptEveryTimeFormWhenOffsetIsGiven() throws Exception
    {
        final Path file = write(dir, "times.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,aws,r,,t,spot,1\n" +
            "2024-01-01 00:00:01+00:00,aws,r,,t,spot,1\n" +
            "2024-01-01T01:00:02.5+01:00,aws,r,,t,spot,1\n" +
            "1704067203.000000001,aws,r,,t,spot,1\n");
        final TraceTable table = prices.read(file, ImportOptions.defaults());
        assertThat(new long[] {table.timeNs(0), table.timeNs(1), table.timeNs(2), table.timeNs(3)}).containsExactly(
            1_704_067_200_000_000_000L, 1_704_067_201_000_000_000L, 1_704_067_202_500_000_000L,
            1_704_067_203_000_000_001L);
    }

    @Test
    void shouldRejectTimeWithoutOffsetWhenNoZoneIsGiven() throws Exception
    {
        final Path file = write(dir, "local.csv", PRICE_HEADER + "2024-01-01 00:00:00,aws,r,,t,spot,1\n");
        assertThat(problems(prices, file)).containsExactly(at(file, 2, "time") +
            "timestamp '2024-01-01 00:00:00' has no offset or 'Z'; give its time zone (e.g. --zone UTC)");
    }

    @Test
    void shouldReadTimeWithoutOffsetInTheGivenZone() throws Exception
    {
        final Path file = write(dir, "local.csv", PRICE_HEADER + "2024-01-01 01:00:00,aws,r,,t,spot,1\n");
        final TraceTable table = prices.read(file, ImportOptions.defaults().withZone(ZoneId.of("Europe/Berlin")));
        assertThat(TraceTimes.formatIso(table.timeNs(0))).isEqualTo("2024-01-01T00:00:00Z");
    }

    @Test
    void shouldReportUnreadableTimeNamingLineAndColumn() throws Exception
    {
        final Path file = write(dir, "badtime.csv", PRICE_HEADER + "yesterday,aws,r,,t,spot,1\n,aws,r,,t,spot,1\n");
        assertThat(problems(prices, file)).containsExactly(
            at(file, 2, "time") + "cannot read 'yesterday' as a time: expected ISO-8601 with offset " +
                "(2023-12-30T21:17:02Z) or epoch seconds (1703970422.5)",
            at(file, 3, "time") + "empty timestamp");
    }

    @Test
    void shouldReportRowWithWrongNumberOfValues() throws Exception
    {
        final Path file = write(dir, "width.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,aws,r,,t,spot\n" +
            "2024-01-01T00:00:00Z,aws,r,,t,spot,1,extra\n");
        assertThat(problems(prices, file)).containsExactly(
            at(file, 2) + "row has 6 values but the header has 7 columns",
            at(file, 3) + "row has 8 values but the header has 7 columns");
    }

    @Test
    void shouldReportDuplicateKeyAtOneTimeNamingBothLines() throws Exception
    {
        final Path file = write(dir, "dup.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,aws,r,z,t,spot,1\n" +
            "2024-01-01T00:00:00Z,aws,r,z,t,on-demand,2\n" +
            "2024-01-01T00:00:00Z,aws,r,z,t,Spot,3\n" +
            "2024-01-01T00:00:01Z,aws,r,z,t,spot,1\n");
        assertThat(problems(prices, file)).containsExactly(at(file, 4, "time") +
            "duplicate: aws/r/z/t/spot already has a row at 2024-01-01T00:00:00Z on line 2");
    }

    @Test
    void shouldStillCheckOrderAndDuplicatesOfRowsWithBadValues() throws Exception
    {
        final Path file = write(dir, "dup-bad.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,aws,r,z,t,spot,1\n" +
            "2024-01-01T00:00:00Z,aws,r,z,t,spot,cheap\n" +
            "2023-12-31T00:00:00Z,aws,r,z,t,spot,-1\n" +
            "2023-12-31T00:00:00Z,aws,,z,t,spot,1\n");
        assertThat(problems(prices, file)).containsExactly(
            at(file, 3, "price_per_hour_usd") +
                "cannot read 'cheap' as a price in USD per hour: expected a decimal number such as 12 or 0.25",
            at(file, 4, "price_per_hour_usd") + "price must be at least 0, got -1",
            at(file, 5, "region") + "must not be empty",
            at(file, 4, "time") + "time 2023-12-31T00:00:00Z is earlier than 2024-01-01T00:00:00Z on line 3: rows " +
                "must be in time order; sort the file, or pass --sort to sort on import",
            at(file, 3, "time") + "duplicate: aws/r/z/t/spot already has a row at 2024-01-01T00:00:00Z on line 2");
    }

    @Test
    void shouldReportDuplicatesFoundOnlyAfterSortingWhenSortIsOn() throws Exception
    {
        final Path file = write(dir, "dup-unsorted.csv", PRICE_HEADER +
            "2024-01-01T00:00:05Z,aws,r,z,t,spot,1\n" +
            "2024-01-01T00:00:00Z,aws,r,z,t,spot,1\n" +
            "2024-01-01T00:00:05Z,aws,r,z,t,spot,2\n");
        assertThat(problems(prices, file, ImportOptions.defaults().withSort(true))).containsExactly(
            at(file, 4, "time") + "duplicate: aws/r/z/t/spot already has a row at 2024-01-01T00:00:05Z on line 2");
    }

    @Test
    void shouldReportOnlyFirstOutOfOrderLineWhenUnsortedAndSortIsOff() throws Exception
    {
        final Path file = write(dir, "unsorted.csv", PRICE_HEADER +
            "2024-01-01T00:00:02Z,aws,r,,t,spot,1\n" +
            "2024-01-01T00:00:03Z,aws,r,,t,spot,1\n" +
            "2024-01-01T00:00:01Z,aws,r,,t,spot,1\n" +
            "2024-01-01T00:00:00Z,aws,r,,t,spot,1\n");
        assertThat(problems(prices, file)).containsExactly(at(file, 4, "time") +
            "time 2024-01-01T00:00:01Z is earlier than 2024-01-01T00:00:03Z on line 3: rows must be in time " +
            "order; sort the file, or pass --sort to sort on import");
    }

    @Test
    void shouldSortStablyAndInternKeysInTimeOrderWhenSortIsOn() throws Exception
    {
        final Path unsorted = write(dir, "unsorted.csv", PRICE_HEADER +
            "2024-01-01T00:00:01Z,aws,b,,t,spot,3\n" +
            "2024-01-01T00:00:00Z,aws,c,,t,spot,1\n" +
            "2024-01-01T00:00:01Z,aws,a,,t,spot,4\n" +
            "2024-01-01T00:00:00Z,aws,d,,t,spot,2\n");
        final Path sorted = write(dir, "sorted.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,aws,c,,t,spot,1\n" +
            "2024-01-01T00:00:00Z,aws,d,,t,spot,2\n" +
            "2024-01-01T00:00:01Z,aws,b,,t,spot,3\n" +
            "2024-01-01T00:00:01Z,aws,a,,t,spot,4\n");
        final TraceTable table = prices.read(unsorted, ImportOptions.defaults().withSort(true));
        assertThat(table).isEqualTo(prices.read(sorted, ImportOptions.defaults()));
        assertThat(new double[] {table.value(0), table.value(1), table.value(2), table.value(3)})
            .containsExactly(1, 2, 3, 4);
        assertThat(table.keys().field(0, 1)).isEqualTo("c");
    }

    @Test
    void shouldReportEveryProblemOfEveryRowWhenManyAreBad() throws Exception
    {
        final Path file = write(dir, "many.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,,r,,t,reserved,-2\n" +
            "2024-01-01T00:00:01Z,aws,r,,t,spot,0.1\n" +
            "when,aws,,,,spot,NaN\n");
        assertThat(problems(prices, file)).containsExactly(
            at(file, 2, "provider") + "must not be empty",
            at(file, 2, "market") + "unknown market 'reserved'; use on-demand (also ondemand, on_demand, od) or " +
                "spot (also preemptible)",
            at(file, 2, "price_per_hour_usd") + "price must be at least 0, got -2",
            at(file, 4, "time") + "cannot read 'when' as a time: expected ISO-8601 with offset " +
                "(2023-12-30T21:17:02Z) or epoch seconds (1703970422.5)",
            at(file, 4, "region") + "must not be empty",
            at(file, 4, "instance_type") + "must not be empty",
            at(file, 4, "price_per_hour_usd") + "cannot read 'NaN' as a price in USD per hour: expected a " +
                "decimal number such as 12 or 0.25");
    }

    @Test
    void shouldKeepProblemsUpToLimitAndCountTheRest() throws Exception
    {
        final StringBuilder text = new StringBuilder(PRICE_HEADER);
        for (int i = 0; i < 30; i++)
        {
            text.append("2024-01-01T00:00:").append(String.format("%02d", i)).append("Z,aws,r,,t,spot,x\n");
        }
        final Path file = write(dir, "limit.csv", text.toString());
        assertThatThrownBy(() -> prices.read(file, ImportOptions.defaults().withProblemLimit(5)))
            .isInstanceOfSatisfying(TraceFormatException.class, e ->
            {
                assertThat(e.problems()).hasSize(5);
                assertThat(e.total()).isEqualTo(30);
                assertThat(e.problems().get(4).line()).isEqualTo(6);
                assertThat(e.getMessage()).endsWith("... and 25 more problems");
            });
    }

    @Test
    void shouldRejectNumbersThatAreNotPlainDecimals() throws Exception
    {
        final Path file = write(dir, "numbers.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,aws,a,,t,spot,0x1p3\n" +
            "2024-01-01T00:00:00Z,aws,b,,t,spot,1d\n" +
            "2024-01-01T00:00:00Z,aws,c,,t,spot,Infinity\n" +
            "2024-01-01T00:00:00Z,aws,d,,t,spot,1e999\n" +
            "2024-01-01T00:00:00Z,aws,e,,t,spot,\n" +
            "2024-01-01T00:00:00Z,aws,f,,t,spot,\"1,5\"\n" +
            "2024-01-01T00:00:00Z,aws,g,,t,spot,1.5e-3\n" +
            "2024-01-01T00:00:00Z,aws,h,,t,spot,.5\n" +
            "2024-01-01T00:00:00Z,aws,i,,t,spot,-0\n");
        assertThat(problems(prices, file)).containsExactly(
            at(file, 2, "price_per_hour_usd") +
                "cannot read '0x1p3' as a price in USD per hour: expected a decimal number such as 12 or 0.25",
            at(file, 3, "price_per_hour_usd") +
                "cannot read '1d' as a price in USD per hour: expected a decimal number such as 12 or 0.25",
            at(file, 4, "price_per_hour_usd") +
                "cannot read 'Infinity' as a price in USD per hour: expected a decimal number such as 12 or 0.25",
            at(file, 5, "price_per_hour_usd") + "a price in USD per hour '1e999' is too large",
            at(file, 6, "price_per_hour_usd") + "missing a price in USD per hour",
            at(file, 7, "price_per_hour_usd") +
                "cannot read '1,5' as a price in USD per hour: expected a decimal number such as 12 or 0.25");
    }

    @Test
    void shouldStoreNegativeZeroAsZero() throws Exception
    {
        final Path file = write(dir, "zero.csv", PRICE_HEADER + "2024-01-01T00:00:00Z,aws,a,,t,spot,-0\n");
        assertThat(Double.doubleToRawLongBits(prices.read(file, ImportOptions.defaults()).value(0))).isZero();
    }

    @Test
    void shouldReportMalformedQuotingWithItsLineAndStop() throws Exception
    {
        final Path file = write(dir, "quotes.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,aws,r,,t,bid,1\n" +
            "2024-01-01T00:00:01Z,aws,\"r\"x,,t,spot,1\n" +
            "2024-01-01T00:00:02Z,aws,r,,t,spot,1\n");
        assertThat(problems(prices, file)).satisfiesExactly(
            p -> assertThat(p).startsWith(at(file, 2, "market")),
            p -> assertThat(p).startsWith(at(file, 3) + "malformed CSV: invalid character between encapsulated " +
                "token and delimiter").endsWith("reading stopped here"));
    }

    @Test
    void shouldReportUnterminatedQuoteAtLineWhereItStarts() throws Exception
    {
        final Path file = write(dir, "open-quote.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,aws,r,,t,spot,1\n" +
            "2024-01-01T00:00:01Z,aws,\"r,,t,spot,1\n" +
            "2024-01-01T00:00:02Z,aws,r,,t,spot,1\n");
        assertThat(problems(prices, file)).singleElement().satisfies(p ->
            assertThat(p).startsWith(at(file, 3) + "malformed CSV: (startline 3) EOF reached before encapsulated"));
    }

    @Test
    void shouldReportBytesThatAreNotUtf8WithTheirLine() throws Exception
    {
        final byte[] head = (PRICE_HEADER + "2024-01-01T00:00:00Z,aws,r,,t,spot,1\n2024-01-01T00:00:01Z,aws,caf")
            .getBytes(StandardCharsets.UTF_8);
        final byte[] tail = ",,t,spot,1\n".getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = new byte[head.length + 1 + tail.length];
        System.arraycopy(head, 0, bytes, 0, head.length);
        bytes[head.length] = (byte)0xE9;
        System.arraycopy(tail, 0, bytes, head.length + 1, tail.length);
        final Path file = Files.write(dir.resolve("latin1.csv"), bytes);
        assertThat(problems(prices, file)).containsExactly(at(file, 3) + "the file is not UTF-8 text (byte 0xE9 " +
            "cannot start or continue a UTF-8 character); save it as UTF-8; reading stopped here");
    }

    @Test
    void shouldFindNonUtf8ByteLineFarIntoLongFile() throws Exception
    {
        final StringBuilder text = new StringBuilder(PRICE_HEADER);
        for (int i = 0; i < 5000; i++)
        {
            text.append(1_704_067_200L + i).append(",aws,r,,t,spot,1\r\n");
        }
        final byte[] good = text.toString().getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = java.util.Arrays.copyOf(good, good.length + 2);
        bytes[good.length] = (byte)0xFF;
        bytes[good.length + 1] = '\n';
        final Path file = Files.write(dir.resolve("long.csv"), bytes);
        assertThat(problems(prices, file)).singleElement().satisfies(p ->
            assertThat(p).startsWith(at(file, 5002) + "the file is not UTF-8 text (byte 0xFF"));
    }

    @Test
    void shouldSkipByteOrderMark() throws Exception
    {
        final Path file = write(dir, "bom.csv", "\uFEFF" + PRICE_HEADER + "2024-01-01T00:00:00Z,aws,r,,t,spot,1\n");
        assertThat(prices.read(file, ImportOptions.defaults()).rowCount()).isEqualTo(1);
        assertThat(TraceFormats.detect(file)).isInstanceOf(PriceCsvReader.class);
    }

    @Test
    void shouldAcceptHeaderOnlyFileAsEmptyTrace() throws Exception
    {
        final Path file = write(dir, "header-only.csv", PRICE_HEADER);
        final TraceTable table = prices.read(file, ImportOptions.defaults());
        assertThat(table.rowCount()).isZero();
        assertThat(table.keys().size()).isZero();
    }

    @Test
    void shouldDetectEachGenericFormatByItsHeaderColumns() throws Exception
    {
        final List<String[]> cases = List.of(
            new String[] {"# c\n\nTime,Provider,Region,Instance_Type,Market,Price_Per_Hour_USD\n", "price-csv"},
            new String[] {"# step: 1m\ntime,requests\n", "rate-csv"},
            new String[] {"time,region,requests\n", "rate-csv"},
            new String[] {"time\n", "arrivals-csv"},
            new String[] {"\"time\",\"service_ms\"\n", "arrivals-csv"},
            new String[] {"kind,time,provider,region\n", "faults-csv"});
        int i = 0;
        for (final String[] c : cases)
        {
            final Path file = write(dir, "detect-" + i++ + ".txt", c[0]);
            assertThat(TraceFormats.detect(file).formatName()).as(c[0]).isEqualTo(c[1]);
        }
    }

    @Test
    void shouldNotClaimCsvFilesOfOtherShapes()
    {
        final List<GenericCsvReader> readers = List.of(
            new PriceCsvReader(), new RateCsvReader(), new ArrivalsCsvReader(), new FaultsCsvReader());
        final List<String> heads = List.of(
            "Timestamp,InstanceType,ProductDescription,SpotPrice,AvailabilityZone\n",
            "period,count\n2016-01-01 00:00:00,3\n",
            "TIMESTAMP,ContextTokens,GeneratedTokens\n",
            "time,region,cpu\n",
            "0,8\n10,7\n",
            "",
            "# only a comment\n",
            "{\"SpotPriceHistory\": []}");
        for (final String head : heads)
        {
            for (final GenericCsvReader reader : readers)
            {
                assertThat(reader.recognizes("x.csv", head)).as(reader.formatName() + " on " + head).isFalse();
            }
        }
    }
}
