package io.windtunnel.traces.aws;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.RealFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AwsSpotPriceCsvReaderTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldEqualJsonTableWhenCsvHoldsSameRecords() throws Exception
    {
        final TraceTable csv = new AwsSpotPriceCsvReader()
            .read(RealFixtures.fixture("aws/spot_price_history.csv"), ImportOptions.defaults());
        final TraceTable json = new AwsSpotPriceJsonReader()
            .read(RealFixtures.fixture("aws/describe-spot-price-history.json"), ImportOptions.defaults());

        assertThat(csv).isEqualTo(json);
    }

    @Test
    void shouldFindColumnsByNameWhenReorderedWithIndexColumn() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("reordered.csv"), """
            ,AvailabilityZone,SpotPrice,Timestamp,ProductDescription,InstanceType
            0,eu-west-1a,0.0250,2024-01-01T00:00:00Z,Linux/UNIX,t3.micro
            1,eu-west-1a,0.0260,2023-12-31T12:00:00Z,Linux/UNIX,t3.micro
            """);

        final TraceTable table = new AwsSpotPriceCsvReader().read(file, ImportOptions.defaults());

        assertThat(RealFixtures.rows(table)).containsExactly(
            "2023-12-31T12:00:00Z aws/eu-west-1/eu-west-1a/t3.micro/spot 0.026",
            "2024-01-01T00:00:00Z aws/eu-west-1/eu-west-1a/t3.micro/spot 0.025");
    }

    @Test
    void shouldReportEveryBadLineWithFieldWhenRowsAreWrong() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("bad.csv"), """
            Timestamp,InstanceType,ProductDescription,SpotPrice,AvailabilityZone
            2023-12-30 21:17:02+00:00,c5a.2xlarge,Linux/UNIX,0.1567x,us-east-1e
            2023-12-30 21:02:57+00:00,c5a.2xlarge,Linux/UNIX,0.169600
            2023-12-30 25:02:57+00:00,c5a.2xlarge,Linux/UNIX,0.184800,us-east-1d
            2023-12-30 19:16:57+00:00,,Linux/UNIX,0.196400,us-east-1b
            2023-12-30 19:16:57+00:00,c5a.2xlarge,Linux/UNIX,0.196400,us-east-1
            """);

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new AwsSpotPriceCsvReader().read(file, ImportOptions.defaults()));

        final Map<Long, String> byLine = new HashMap<>();
        e.problems().forEach(problem -> byLine.merge(problem.line(), problem.describe(), (a, b) -> a + " | " + b));
        assertThat(byLine).containsOnlyKeys(2L, 3L, 4L, 5L, 6L);
        assertThat(byLine.get(2L)).contains("bad.csv:2: field 'SpotPrice': cannot read '0.1567x'");
        assertThat(byLine.get(3L)).contains("has 4 fields, the header has 5");
        assertThat(byLine.get(4L)).contains("field 'Timestamp'");
        assertThat(byLine.get(5L)).contains("field 'InstanceType': empty");
        assertThat(byLine.get(6L)).contains("field 'AvailabilityZone'", "'us-east-1' is not an availability zone");
    }

    @Test
    void shouldNameMissingColumnWhenHeaderIncomplete() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("header.csv"),
            "Timestamp,InstanceType,SpotPrice,AvailabilityZone\n" +
            "2023-12-30 21:17:02+00:00,c5a.2xlarge,0.1,us-east-1e\n");

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new AwsSpotPriceCsvReader().read(file, ImportOptions.defaults()));

        assertThat(e.problems()).singleElement().satisfies(problem ->
        {
            assertThat(problem.line()).isEqualTo(1);
            assertThat(problem.field()).isEqualTo("ProductDescription");
            assertThat(problem.message()).contains("missing column");
        });
    }

    @Test
    void shouldReportUnterminatedQuoteAsMalformedCsvWhenQuoteNeverCloses() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("quote.csv"),
            "Timestamp,InstanceType,ProductDescription,SpotPrice,AvailabilityZone\n" +
            "2023-12-30 21:17:02+00:00,c5a.2xlarge,\"Linux/UNIX,0.1,us-east-1e\n");

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new AwsSpotPriceCsvReader().read(file, ImportOptions.defaults()));

        assertThat(e.problems()).singleElement().satisfies(problem ->
        {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.message()).startsWith("malformed CSV");
        });
    }

    @Test
    void shouldMatchRealC5aHistoryFactsWhenSamplePresent() throws Exception
    {
        final Path file = RealFixtures.realSample("aws-spot-price-c5a2xlarge-useast1-2023").resolve(
            "spot_price_history.csv");

        final ImportResult result = new AwsSpotPriceCsvReader().readWithSummary(file, ImportOptions.defaults());
        final TraceTable table = result.table();

        // README A1: 869 rows, c5a.2xlarge in us-east-1b/1c/1d/1e/1f with 176, 173, 170, 180 and 170 rows,
        // 2023-11-11 18:17:54Z to 2023-12-30 21:17:02Z, prices 0.1432 to 0.1964 USD/h, all Linux/UNIX.
        assertThat(table.rowCount()).isEqualTo(869);
        assertThat(result.summary().droppedTotal()).isZero();
        final Map<String, Integer> perZone = new HashMap<>();
        double min = Double.MAX_VALUE;
        double max = 0;
        for (int row = 0; row < table.rowCount(); row++)
        {
            final String[] key = table.keys().fields(table.keyId(row));
            assertThat(key).startsWith("aws", "us-east-1");
            assertThat(key[3]).isEqualTo("c5a.2xlarge");
            perZone.merge(key[2], 1, Integer::sum);
            min = Math.min(min, table.value(row));
            max = Math.max(max, table.value(row));
        }
        assertThat(perZone).containsExactlyInAnyOrderEntriesOf(Map.of(
            "us-east-1b", 176, "us-east-1c", 173, "us-east-1d", 170, "us-east-1e", 180, "us-east-1f", 170));
        assertThat(min).isEqualTo(0.1432);
        assertThat(max).isEqualTo(0.1964);
        assertThat(TraceTimes.formatIso(table.timeNs(0))).isEqualTo("2023-11-11T18:17:54Z");
        assertThat(TraceTimes.formatIso(table.timeNs(table.rowCount() - 1))).isEqualTo("2023-12-30T21:17:02Z");
    }
}
