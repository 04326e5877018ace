package io.windtunnel.traces.aws;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceProblem;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.RealFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.windtunnel.traces.ingest.RealFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AwsSpotPriceJsonReaderTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldNormalizeLinuxRecordsAscendingWhenFixtureIsNewestFirst() throws Exception
    {
        final ImportResult result = new AwsSpotPriceJsonReader()
            .readWithSummary(RealFixtures.fixture("aws/describe-spot-price-history.json"), ImportOptions.defaults());
        final TraceTable table = result.table();

        assertThat(table.rowCount()).isEqualTo(5);
        assertThat(rows(table)).containsExactly(
            "2024-03-01T21:02:09Z aws/us-east-1/us-east-1b/m5.large/spot 0.042",
            "2024-03-01T23:10:44Z aws/us-east-1/us-east-1b/c5.xlarge/spot 0.0681",
            "2024-03-02T07:55:03Z aws/us-east-1/us-east-1c/m5.large/spot 0.0409",
            "2024-03-02T09:40:12Z aws/us-west-2/us-west-2-lax-1a/m5.large/spot 0.0398",
            "2024-03-02T10:15:00Z aws/us-east-1/us-east-1b/m5.large/spot 0.0412");
        assertThat(result.summary().recordsRead()).isEqualTo(8);
        assertThat(result.summary().rowsKept()).isEqualTo(5);
        assertThat(result.summary().dropped()).containsOnlyKeys(
            "records with ProductDescription 'Windows' (reading 'Linux/UNIX' only)",
            "records with ProductDescription 'SUSE Linux' (reading 'Linux/UNIX' only)",
            "records with ProductDescription 'Linux/UNIX (Amazon VPC)' (reading 'Linux/UNIX' only)");
        assertThat(result.summary().droppedTotal()).isEqualTo(3);
    }

    @Test
    void shouldKeepOnlySelectedProductWhenConstructedForWindows() throws Exception
    {
        final TraceTable table = new AwsSpotPriceJsonReader("Windows")
            .read(RealFixtures.fixture("aws/describe-spot-price-history.json"), ImportOptions.defaults());

        assertThat(rows(table)).containsExactly("2024-03-02T10:15:00Z aws/us-east-1/us-east-1b/m5.large/spot 0.1332");
    }

    @Test
    void shouldMergePagesIntoOneSortedTableWhenReadTogether() throws Exception
    {
        final TraceTable table = AwsSpotPriceJsonReader.readPages(List.of(
            RealFixtures.fixture("aws/describe-spot-price-history.json"),
            RealFixtures.fixture("aws/describe-spot-price-history-page2.json")), ImportOptions.defaults());

        assertThat(table.rowCount()).isEqualTo(8);
        assertThat(table.keys().size()).isEqualTo(4);
        assertThat(rows(table).get(0)).isEqualTo("2024-03-01T09:00:00Z aws/us-east-1/us-east-1b/c5.xlarge/spot 0.0702");
        for (int row = 1; row < table.rowCount(); row++)
        {
            assertThat(table.timeNs(row)).isGreaterThanOrEqualTo(table.timeNs(row - 1));
        }
    }

    @Test
    void shouldReportDuplicateAcrossPagesNamingBothWhenPageReadTwice() throws Exception
    {
        final Path page = RealFixtures.fixture("aws/describe-spot-price-history-page2.json");
        final Path copy = Files.copy(page, tempDir.resolve("page2-again.json"));

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> AwsSpotPriceJsonReader.readPages(List.of(page, copy), ImportOptions.defaults()));

        assertThat(e.problems()).hasSize(3).allSatisfy(problem ->
        {
            assertThat(problem.file()).endsWith("page2-again.json");
            assertThat(problem.message()).contains("duplicate row", "the same price", "page2.json:");
        });
    }

    @Test
    void shouldReportEveryBadFieldWithPointerAndLineWhenRecordsAreWrong() throws Exception
    {
        final Path file = write("bad.json", """
            {"SpotPriceHistory": [
              {"Timestamp": "2024-03-02T10:15:00Z", "ProductDescription": "Linux/UNIX", "InstanceType": "m5.large",
               "SpotPrice": "abc", "AvailabilityZone": "us-east-1b"},
              {"Timestamp": "2024-03-02T10:16:00Z", "ProductDescription": "Linux/UNIX", "InstanceType": "m5.large",
               "SpotPrice": "-0.5", "AvailabilityZone": "us-east-1b"},
              {"Timestamp": "2024-03-02T10:17:00Z", "ProductDescription": "Linux/UNIX", "InstanceType": "m5.large",
               "SpotPrice": "NaN", "AvailabilityZone": "us-east-1b"},
              {"Timestamp": "yesterday", "ProductDescription": "Linux/UNIX", "InstanceType": "m5.large",
               "SpotPrice": "0.04", "AvailabilityZone": "us-east-1b"},
              {"Timestamp": "2024-03-02T10:19:00Z", "ProductDescription": "Linux/UNIX", "InstanceType": "m5.large",
               "SpotPrice": "0.04"},
              {"Timestamp": 1709374800, "ProductDescription": "Linux/UNIX", "InstanceType": "m5.large",
               "SpotPrice": "0.04", "AvailabilityZone": "use1-az2"},
              {"Timestamp": "2024-03-02T10:21:00Z", "ProductDescription": "Linux/UNIX", "InstanceType": "m5.large",
               "SpotPrice": "0.04", "AvailabilityZone": "us-east-1c"},
              {"Timestamp": "2024-03-02T10:21:00Z", "ProductDescription": "Linux/UNIX", "InstanceType": "m5.large",
               "SpotPrice": "0.05", "AvailabilityZone": "us-east-1c"},
              "not a record",
              {"Timestamp": "2024-03-02T10:21:00", "ProductDescription": "Linux/UNIX", "InstanceType": "m5.large",
               "SpotPrice": 0.04, "AvailabilityZone": "us-east-1d", "SpotPrice": "0.05"}
            ]}
            """);

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new AwsSpotPriceJsonReader().read(file, ImportOptions.defaults()));

        final Map<String, TraceProblem> byPointer = new HashMap<>();
        e.problems().forEach(problem -> byPointer.put(String.valueOf(problem.jsonPath()), problem));
        assertThat(e.total()).isEqualTo(11);
        assertThat(byPointer.get("/SpotPriceHistory/0/SpotPrice").message()).contains("cannot read 'abc'");
        assertThat(byPointer.get("/SpotPriceHistory/0/SpotPrice").line()).isEqualTo(3);
        assertThat(byPointer.get("/SpotPriceHistory/1/SpotPrice").message()).contains("must not be negative");
        assertThat(byPointer.get("/SpotPriceHistory/2/SpotPrice").message()).contains("cannot read 'NaN'");
        assertThat(byPointer.get("/SpotPriceHistory/3/Timestamp").message()).contains("yesterday");
        assertThat(byPointer.get("/SpotPriceHistory/4").field()).isEqualTo("AvailabilityZone");
        assertThat(byPointer.get("/SpotPriceHistory/4").message()).isEqualTo("missing");
        assertThat(byPointer.get("/SpotPriceHistory/5/Timestamp").message())
            .contains("expected a string, found a number");
        assertThat(byPointer.get("/SpotPriceHistory/5/AvailabilityZone").message()).contains("zone ID");
        assertThat(byPointer.get("/SpotPriceHistory/7").message()).contains("duplicate row", "price 0.04");
        assertThat(byPointer.get("/SpotPriceHistory/8").message()).contains("expected a price record object");
        assertThat(byPointer.get("/SpotPriceHistory/9/SpotPrice").message()).contains("appears twice");
        assertThat(e.getMessage()).contains(file + ":3 at /SpotPriceHistory/0/SpotPrice: field 'SpotPrice': ");
        assertThat(byPointer.get("/SpotPriceHistory/9/Timestamp").message()).contains("no offset");
    }

    @Test
    void shouldRejectOffsetlessTimestampUnlessZoneGivenWhenReading() throws Exception
    {
        final Path file = write("local.json", """
            {"SpotPriceHistory": [{"Timestamp": "2024-03-02 10:21:00", "ProductDescription": "Linux/UNIX",
              "InstanceType": "m5.large", "SpotPrice": "0.04", "AvailabilityZone": "us-east-1d"}]}
            """);

        assertThatThrownBy(() -> new AwsSpotPriceJsonReader().read(file, ImportOptions.defaults()))
            .isInstanceOf(TraceFormatException.class).hasMessageContaining("no offset");
        final TraceTable table = new AwsSpotPriceJsonReader().read(file, ImportOptions.defaults()
            .withZone(ZoneOffset.ofHours(1)));
        assertThat(TraceTimes.formatIso(table.timeNs(0))).isEqualTo("2024-03-02T09:21:00Z");
    }

    @Test
    void shouldReportMalformedJsonWithLineWhenTruncated() throws Exception
    {
        final String valid = Files.readString(RealFixtures.fixture("aws/describe-spot-price-history.json"));
        final Path file = write("truncated.json", valid.substring(0, valid.indexOf("\"0.039800\"")));

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new AwsSpotPriceJsonReader().read(file, ImportOptions.defaults()));

        assertThat(e.problems()).singleElement().satisfies(problem ->
        {
            assertThat(problem.message()).startsWith("malformed JSON");
            assertThat(problem.line()).isEqualTo(21);
            assertThat(problem.jsonPath()).isEqualTo("/SpotPriceHistory/2/SpotPrice");
        });
    }

    @Test
    void shouldExplainWhenDocumentIsNotSpotPriceHistory() throws Exception
    {
        assertThatThrownBy(() -> new AwsSpotPriceJsonReader().read(write("array.json", "[1, 2]"),
            ImportOptions.defaults())).hasMessageContaining("expected a JSON object");
        assertThatThrownBy(() -> new AwsSpotPriceJsonReader().read(write("other.json", "{\"Reservations\": []}"),
            ImportOptions.defaults())).hasMessageContaining("field 'SpotPriceHistory': missing");
        assertThatThrownBy(() -> new AwsSpotPriceJsonReader().read(write("two.json", "{\"SpotPriceHistory\": []} {}"),
            ImportOptions.defaults())).hasMessageContaining("after the end of the JSON document");
    }

    @Test
    void shouldReadEmptyHistoryAsEmptyTableWhenNoRecords() throws Exception
    {
        final TraceTable table = new AwsSpotPriceJsonReader().read(write("none.json",
            "{\"SpotPriceHistory\": [], \"NextToken\": \"\"}"), ImportOptions.defaults());

        assertThat(table.rowCount()).isZero();
    }

    @Test
    void shouldMatchRealApiSampleFactsWhenSamplePresent() throws Exception
    {
        final Path file = RealFixtures.realSample("aws-spot-api-sample-2016")
            .resolve("describe-spot-price-history.json");

        final ImportResult result = new AwsSpotPriceJsonReader().readWithSummary(file, ImportOptions.defaults());

        // README A2: 71 records in ap-northeast-1a and 1c: Linux/UNIX 56, Windows 12, SUSE Linux 3, over 47 seconds.
        assertThat(result.summary().recordsRead()).isEqualTo(71);
        assertThat(result.table().rowCount()).isEqualTo(56);
        assertThat(result.summary().dropped("records with ProductDescription 'Windows' (reading 'Linux/UNIX' only)"))
            .isEqualTo(12);
        assertThat(result.summary().dropped("records with ProductDescription 'SUSE Linux' (reading 'Linux/UNIX' only)"))
            .isEqualTo(3);
        final KeyDictionary keys = result.table().keys();
        final List<String> zones = new ArrayList<>();
        for (int id = 0; id < keys.size(); id++)
        {
            assertThat(keys.field(id, 1)).isEqualTo("ap-northeast-1");
            if (!zones.contains(keys.field(id, 2)))
            {
                zones.add(keys.field(id, 2));
            }
        }
        assertThat(zones).containsExactlyInAnyOrder("ap-northeast-1a", "ap-northeast-1c");
        final TraceTable all = new AwsSpotPriceJsonReader("Windows").read(file, ImportOptions.defaults());
        assertThat(all.rowCount()).isEqualTo(12);
        assertThat(TraceTimes.formatIso(result.table().timeNs(result.table().rowCount() - 1)))
            .isEqualTo("2016-06-30T00:00:52Z");
    }

    private Path write(final String name, final String content) throws Exception
    {
        return Files.writeString(tempDir.resolve(name), content);
    }
}
