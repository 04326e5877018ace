package io.windtunnel.traces.measured;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.RealFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SpotAvailabilityReaderTest
{
    private static final long START_NS = TraceTimes.toEpochNs(Instant.parse("2020-11-20T19:30:00Z"));
    private static final long HOUR_NS = 3_600_000_000_000L;

    @TempDir
    Path tempDir;

    @Test
    void shouldCollapseStepPairsToLevelChangesWhenFileHasCrlfAndNoFinalNewline() throws Exception
    {
        final ImportResult result = new SpotAvailabilityReader().readWithSummary(
            RealFixtures.fixture("measured/spot-availability-seconds.csv"),
            ImportOptions.defaults().withStartNs(START_NS).withKey(null, null, "us-east-1c", "g4dn.xlarge"));
        final TraceTable table = result.table();

        assertThat(rows(table)).containsExactly(
            "2020-11-20T19:30:00Z aws/us-east-1/us-east-1c/g4dn.xlarge capacity 0",
            "2020-11-20T19:32:00Z aws/us-east-1/us-east-1c/g4dn.xlarge capacity 4",
            "2020-11-20T19:35:00Z aws/us-east-1/us-east-1c/g4dn.xlarge capacity 6",
            "2020-11-20T19:45:00Z aws/us-east-1/us-east-1c/g4dn.xlarge capacity 5",
            "2020-11-20T19:55:00Z aws/us-east-1/us-east-1c/g4dn.xlarge capacity 2",
            "2020-11-20T20:10:00Z aws/us-east-1/us-east-1c/g4dn.xlarge capacity 2");
        assertThat(result.summary().recordsRead()).isEqualTo(12);
        assertThat(result.summary().dropped(SpotAvailabilityReader.REPEAT_REASON)).isEqualTo(4);
        assertThat(result.summary().dropped(SpotAvailabilityReader.BLIP_REASON)).isEqualTo(2);
        assertThat(result.summary().rowsKept() + result.summary().droppedTotal()).isEqualTo(12);
    }

    @Test
    void shouldScaleRelativeTimeByUnitWhenHoursGiven() throws Exception
    {
        final TraceTable table = new SpotAvailabilityReader().read(
            RealFixtures.fixture("measured/spot-availability-hours.csv"),
            ImportOptions.defaults().withStartNs(START_NS).withTimeUnitNs(HOUR_NS)
                .withKey("aws", "us-east-1", null, "p2.xlarge"));

        assertThat(rows(table)).containsExactly(
            "2020-11-20T19:30:00Z aws/us-east-1/p2.xlarge capacity 0",
            "2020-11-20T19:31:48Z aws/us-east-1/p2.xlarge capacity 9",
            "2020-11-20T19:33:32.400Z aws/us-east-1/p2.xlarge capacity 2",
            "2020-11-20T21:00:00Z aws/us-east-1/p2.xlarge capacity 2");
    }

    @Test
    void shouldUseOptionsKeyWithAwsDefaultWhenProviderAbsent() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("one.csv"), "0,8");

        final TraceTable plain = new SpotAvailabilityReader().read(file, ImportOptions.defaults().withStartNs(0));
        final TraceTable gcp = new SpotAvailabilityReader().read(file, ImportOptions.defaults().withStartNs(0)
            .withKey("gcp", null, "us-central1-a", "n2-standard-4"));

        assertThat(plain.keys().fields(0)).containsExactly("aws", "", "", "");
        assertThat(gcp.keys().fields(0)).containsExactly("gcp", "", "us-central1-a", "n2-standard-4");
        assertThat(plain.rowCount()).isEqualTo(1);
        assertThat(plain.code(0)).isEqualTo(FaultKind.CAPACITY.code());
        assertThat(plain.value(0)).isEqualTo(8);
    }

    @Test
    void shouldReportMissingStartAndEveryBadLineWhenInputIsWrong() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("bad.csv"),
            "0,10\n100,10\n100,x\n200\n-5,3\n300,2.5\n250,9\n400,9,1\n1e3,4\n");

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new SpotAvailabilityReader().read(file, ImportOptions.defaults()));

        final List<String> described = new ArrayList<>();
        e.problems().forEach(problem ->
            described.add(problem.line() + " " + problem.field() + ": " + problem.message()));
        assertThat(described).containsExactly(
            "0 start: a spot availability trace has relative times: give the epoch time of x = 0 " +
                "(ImportOptions.startNs, --start)",
            "3 y: cannot read 'x' as an instance count",
            "4 null: expected two fields x,y (time since start, instances alive), got '200'",
            "5 x: time since start must not be negative, got -5",
            "6 y: an instance count must be a whole number, got 2.5",
            "7 x: time goes back from 300 to 250; points must be in time order",
            "8 null: expected two fields x,y (time since start, instances alive), got '400,9,1'",
            "9 x: cannot read '1e3' as a time since start");
    }

    @Test
    void shouldNeverClaimFileWhenDetecting()
    {
        assertThat(new SpotAvailabilityReader().recognizes("aws-spot-instances-p2.csv", "0,8\r\n")).isFalse();
        assertThat(TraceFormats.byName(SpotAvailabilityReader.FORMAT)).isInstanceOf(SpotAvailabilityReader.class);
    }

    @Test
    void shouldMatchRealBambooTracesWhenSamplePresent() throws Exception
    {
        final Path dir = RealFixtures.realSample("aws-spot-availability-bamboo-2020");
        final SpotAvailabilityReader reader = new SpotAvailabilityReader();
        final ImportOptions seconds = ImportOptions.defaults().withStartNs(START_NS);

        // README A5: points, x span, y range, instances lost / gained per file.
        checkTrace(reader.readWithSummary(dir.resolve(
            "aws-spot-instances-g4dn-xlarge-us-east-1c-2020-11-20-1930-to-2020-11-21-2200.csv"), seconds),
            113, 88_194 * 1_000_000_000L, 12, 85, 92, 0);
        checkTrace(reader.readWithSummary(dir.resolve(
            "aws-spot-instances-g4dn-xlarge-us-east-1d-2020-11-23-1730-to-2020-11-24-1530.csv"), seconds),
            67, 45_668 * 1_000_000_000L, 12, 51, 59, 0);
        checkTrace(reader.readWithSummary(dir.resolve(
            "aws-spot-instances-p2-xlarge-us-east-1e-2020-11-23-1700-to-2020-11-24-0700.csv"), seconds),
            13, 68_252 * 1_000_000_000L, 10, 3, 3, 0);
        // The hourly file has six dips of one instance shorter than its 0.001 h resolution (the same x four
        // times); collapsing them to the final level removes 6 of the 178 losses and 6 of the 192 gains.
        final ImportResult hours = reader.readWithSummary(dir.resolve(
            "aws-spot-instances-p2-xlarge-2020-11-20-to-2020-11-23.csv"), seconds.withTimeUnitNs(HOUR_NS));
        checkTrace(hours, 393, 88_695 * HOUR_NS / 1000, 16, 178 - 6, 192 - 6, 12);
        for (final String single : List.of(
            "aws-spot-instances-p2-xlarge-us-east-1a-2020-11-20-1730-to-2020-11-21-1104.csv",
            "aws-spot-instances-p2-xlarge-us-east-1c-2020-11-22-15-30-to-2020-11-23-0935.csv"))
        {
            final TraceTable table = reader.read(dir.resolve(single), seconds);
            assertThat(table.rowCount()).isEqualTo(1);
            assertThat(table.value(0)).isEqualTo(8);
        }
    }

    private static void checkTrace(
        final ImportResult result, final int points, final long spanNs, final int maxLevel, final int lost,
        final int gained, final int blipPoints)
    {
        final TraceTable table = result.table();
        assertThat(result.summary().recordsRead()).isEqualTo(points);
        assertThat(table.timeNs(0)).isEqualTo(START_NS);
        assertThat(table.timeNs(table.rowCount() - 1) - START_NS).isEqualTo(spanNs);
        int lostSum = 0;
        int gainedSum = 0;
        double max = 0;
        for (int row = 1; row < table.rowCount(); row++)
        {
            final double delta = table.value(row) - table.value(row - 1);
            lostSum += delta < 0 ? (int)-delta : 0;
            gainedSum += delta > 0 ? (int)delta : 0;
            max = Math.max(max, table.value(row));
        }
        assertThat(max).isEqualTo(maxLevel);
        assertThat(lostSum).isEqualTo(lost);
        assertThat(gainedSum).isEqualTo(gained);
        assertThat(result.summary().dropped(SpotAvailabilityReader.BLIP_REASON)).isEqualTo(blipPoints);
        assertThat(result.summary().rowsKept() + result.summary().droppedTotal()).isEqualTo(points);
    }

    static List<String> rows(final TraceTable table)
    {
        final List<String> rows = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++)
        {
            rows.add(TraceTimes.formatIso(table.timeNs(row)) + " " + table.keys().describe(table.keyId(row)) + " " +
                FaultKind.fromCode(table.code(row)).label() + " " + (long)table.value(row));
        }
        return rows;
    }
}
