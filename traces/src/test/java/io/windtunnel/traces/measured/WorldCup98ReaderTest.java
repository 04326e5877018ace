package io.windtunnel.traces.measured;

import io.windtunnel.traces.GapPolicy;
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
import java.time.ZoneId;
import java.time.ZoneOffset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class WorldCup98ReaderTest
{
    private static final ImportOptions UTC = ImportOptions.defaults().withZone(ZoneOffset.UTC);

    @TempDir
    Path tempDir;

    @Test
    void shouldInferOneMinuteStepWhenRowsAreConsecutive() throws Exception
    {
        final TraceTable table = new WorldCup98Reader().read(
            RealFixtures.fixture("measured/worldcup98_requests_per_minute.csv"), UTC);

        assertThat(table.stepNs()).isEqualTo(60_000_000_000L);
        assertThat(CountsReaderTest.rows(table)).containsExactly("1998-05-08T13:55:00Z 3914",
            "1998-05-08T13:56:00Z 4102", "1998-05-08T13:57:00Z 3877", "1998-05-08T13:58:00Z 4250",
            "1998-05-08T13:59:00Z 4033");
    }

    @Test
    void shouldReportEachGapWhenGapPolicyIsError() throws Exception
    {
        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new WorldCup98Reader().read(RealFixtures.fixture("measured/worldcup98_with_gap.csv"), UTC));

        assertThat(e.problems()).hasSize(2);
        assertThat(e.problems().get(0).line()).isEqualTo(4);
        assertThat(e.problems().get(0).message())
            .startsWith("gap: 2 intervals of 1m missing after 1998-05-17T02:11:00Z")
            .contains("ZERO_FILL");
        assertThat(e.problems().get(1).line()).isEqualTo(6);
        assertThat(e.problems().get(1).message()).startsWith("gap: 1 interval of 1m missing");
    }

    @Test
    void shouldFillGapsWithZeroAndCountThemWhenGapPolicyIsZeroFill() throws Exception
    {
        final ImportResult result = new WorldCup98Reader().readWithSummary(
            RealFixtures.fixture("measured/worldcup98_with_gap.csv"), UTC.withGapPolicy(GapPolicy.ZERO_FILL));

        assertThat(CountsReaderTest.rows(result.table())).containsExactly("1998-05-17T02:10:00Z 512",
            "1998-05-17T02:11:00Z 498", "1998-05-17T02:12:00Z 0", "1998-05-17T02:13:00Z 0", "1998-05-17T02:14:00Z 530",
            "1998-05-17T02:15:00Z 521", "1998-05-17T02:16:00Z 0", "1998-05-17T02:17:00Z 540");
        assertThat(result.summary().added()).containsEntry(LoadSeries.FILL_REASON, 3L);
    }

    @Test
    void shouldAskForZoneOnceWhenTimesHaveNoOffset() throws Exception
    {
        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class, () -> new WorldCup98Reader()
            .read(RealFixtures.fixture("measured/worldcup98_requests_per_minute.csv"), ImportOptions.defaults()));

        assertThat(e.problems()).singleElement().satisfies(problem ->
        {
            assertThat(problem.line()).isEqualTo(2);
            assertThat(problem.field()).isEqualTo("period");
            assertThat(problem.message()).contains("no UTC offset", "--zone UTC");
        });
        final TraceTable paris = new WorldCup98Reader().read(
            RealFixtures.fixture("measured/worldcup98_requests_per_minute.csv"),
            ImportOptions.defaults().withZone(ZoneId.of("Europe/Paris")));
        assertThat(TraceTimes.formatIso(paris.timeNs(0))).isEqualTo("1998-05-08T11:55:00Z");
    }

    @Test
    void shouldReportDuplicatesMisalignmentAndDisorderWhenRowsAreWrong() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("bad.csv"), """
            period,count
            1998-05-08 13:55:00,1
            1998-05-08 13:56:00,2
            1998-05-08 13:56:00,3
            1998-05-08 13:57:30,4
            1998-05-08 13:58:00,x
            """);

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new WorldCup98Reader().read(file, UTC.withStepNs(60_000_000_000L)));

        assertThat(e.problems()).hasSize(1);
        assertThat(e.problems().get(0).describe())
            .endsWith("bad.csv:6: field 'count': cannot read 'x' as a request count");

        final Path noCount = Files.writeString(tempDir.resolve("bad2.csv"), """
            period,count
            1998-05-08 13:55:00,1
            1998-05-08 13:56:00,2
            1998-05-08 13:56:00,3
            1998-05-08 13:57:30,4
            1998-05-08 13:54:00,5
            """);
        final TraceFormatException order = catchThrowableOfType(TraceFormatException.class,
            () -> new WorldCup98Reader().read(noCount, UTC.withStepNs(60_000_000_000L)));
        assertThat(order.problems()).singleElement().satisfies(problem ->
            assertThat(problem.message()).contains("is before the previous row's"));

        final TraceFormatException sorted = catchThrowableOfType(TraceFormatException.class,
            () -> new WorldCup98Reader().read(noCount, UTC.withStepNs(60_000_000_000L).withSort(true)));
        assertThat(sorted.problems()).hasSize(2);
        assertThat(sorted.problems().get(0).message())
            .startsWith("a second row for 1998-05-08T13:56:00Z (first at line 3)");
        assertThat(sorted.problems().get(1).message()).contains("not a whole number of steps (1m)");
    }

    @Test
    void shouldMatchRealWorldCupTotalsWhenSamplePresent() throws Exception
    {
        final Path file = RealFixtures.realSample("load-worldcup98-per-minute")
            .resolve("worldcup98_requests_per_minute.csv");

        final ImportResult result = new WorldCup98Reader().readWithSummary(file,
            UTC.withGapPolicy(GapPolicy.ZERO_FILL));
        final TraceTable table = result.table();

        // README B1: 125,300 rows from 1998-04-30 21:30 to 1998-07-26 21:59, 7 gaps of 1-4 minutes, total
        // 1,352,804,107 requests, peak 229,426 per minute.
        assertThat(result.summary().recordsRead()).isEqualTo(125_300);
        final long filled = result.summary().added().get(LoadSeries.FILL_REASON);
        assertThat(filled).isBetween(7L, 28L);
        assertThat(table.rowCount()).isEqualTo(125_300 + filled);
        double total = 0;
        double peak = 0;
        for (int row = 0; row < table.rowCount(); row++)
        {
            total += table.value(row);
            peak = Math.max(peak, table.value(row));
        }
        assertThat(total).isEqualTo(1_352_804_107.0);
        assertThat(peak).isEqualTo(229_426.0);
        assertThat(TraceTimes.formatIso(table.timeNs(0))).isEqualTo("1998-04-30T21:30:00Z");
        assertThat(TraceTimes.formatIso(table.timeNs(table.rowCount() - 1))).isEqualTo("1998-07-26T21:59:00Z");
        final long spanNs = table.timeNs(table.rowCount() - 1) - table.timeNs(0);
        assertThat(table.rowCount()).isEqualTo(spanNs / table.stepNs() + 1);

        final TraceFormatException gaps = catchThrowableOfType(TraceFormatException.class,
            () -> new WorldCup98Reader().read(file, UTC));
        assertThat(gaps.total()).isEqualTo(7);
    }
}
