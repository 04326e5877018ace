package io.windtunnel.traces.csv;

import io.windtunnel.traces.GapPolicy;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.windtunnel.traces.csv.CsvTestFiles.at;
import static io.windtunnel.traces.csv.CsvTestFiles.problems;
import static io.windtunnel.traces.csv.CsvTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class RateCsvReaderTest
{
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long T0_NS = 1_704_067_200_000_000_000L;

    @TempDir
    Path dir;

    private final RateCsvReader reader = new RateCsvReader();

    private static String minute(final int m)
    {
        return TraceTimes.formatIso(T0_NS + m * MINUTE_NS);
    }

    /** A file {@code time,requests} with one row per given minute, requests = 10 * minute. */
    private static String series(final int... minutes)
    {
        final StringBuilder text = new StringBuilder("time,requests\n");
        for (final int m : minutes)
        {
            text.append(minute(m)).append(',').append(10 * m).append('\n');
        }
        return text.toString();
    }

    @Test
    void shouldReadStepFromLeadingCommentAsTheWriterWritesIt() throws Exception
    {
        final TraceTable table = reader.read(
            CsvTestFiles.resource("/fixtures/csv/rate.csv"), ImportOptions.defaults());
        assertThat(table.kind()).isEqualTo(TraceKind.LOAD_RATE);
        assertThat(table.stepNs()).isEqualTo(MINUTE_NS);
        assertThat(table.rowCount()).isEqualTo(6);
        assertThat(table.keys().size()).isEqualTo(2);
        assertThat(table.keys().field(table.keyId(1), 0)).isEqualTo("us-east");
        assertThat(table.value(4)).isEqualTo(1311.5);
    }

    @Test
    void shouldAcceptStepCommentSpellings() throws Exception
    {
        final Path file = write(dir, "spelling.csv", "#   Step = PT1M\n" + series(0, 1));
        assertThat(reader.read(file, ImportOptions.defaults()).stepNs()).isEqualTo(MINUTE_NS);
    }

    @Test
    void shouldUseStepOptionWhenFileDeclaresNone() throws Exception
    {
        final Path file = write(dir, "five.csv", series(0, 5, 10));
        final TraceTable table = reader.read(file, ImportOptions.defaults().withStepNs(5 * MINUTE_NS));
        assertThat(table.stepNs()).isEqualTo(5 * MINUTE_NS);
        assertThat(table.rowCount()).isEqualTo(3);
    }

    @Test
    void shouldReportGapsWhenStepOptionIsFinerThanTheRows() throws Exception
    {
        final Path file = write(dir, "five.csv", series(0, 5));
        assertThat(problems(reader, file, ImportOptions.defaults().withStepNs(MINUTE_NS))).containsExactly(
            at(file, 3, "time") + "gap: 4 missing intervals of 1m for the series from 2024-01-01T00:01:00Z to " +
                "2024-01-01T00:05:00Z (after line 2); add the rows, or pass --gaps zero-fill to count them as 0 requests");
    }

    @Test
    void shouldReportConflictWhenStepOptionAndCommentDiffer() throws Exception
    {
        final Path file = write(dir, "conflict.csv", "# step: 1m\n" + series(0, 1));
        assertThat(problems(reader, file, ImportOptions.defaults().withStepNs(5 * MINUTE_NS))).containsExactly(
            at(file, 1, "step") + "the file declares step 1m but the step given (--step) is 5m; they must agree");
    }

    @Test
    void shouldAcceptStepOptionAndCommentThatAgree() throws Exception
    {
        final Path file = write(dir, "agree.csv", "# step: 60s\n" + series(0, 1));
        assertThat(reader.read(file, ImportOptions.defaults().withStepNs(MINUTE_NS)).stepNs()).isEqualTo(MINUTE_NS);
    }

    @Test
    void shouldReportUnreadableZeroOrContradictoryStepComments() throws Exception
    {
        final Path soon = write(dir, "soon.csv", "# step: soon\n" + series(0, 1));
        assertThat(problems(reader, soon)).containsExactly(at(soon, 1, "step") + "cannot read 'soon' as a duration: " +
            "use a non-negative number with a unit (250ms, 60s, 5m, 1h, 7d) or ISO-8601 (PT1M)");
        final Path zero = write(dir, "zero.csv", "# step: 0s\n" + series(0, 1));
        assertThat(problems(reader, zero)).containsExactly(at(zero, 1, "step") + "step must be greater than 0, got '0s'");
        final Path two = write(dir, "two.csv", "# step: 1m\n\n# step: 2m\n" + series(0, 1));
        assertThat(problems(reader, two)).containsExactly(at(two, 3, "step") + "declares step 2m but line 1 declares 1m");
    }

    @Test
    void shouldIgnoreStepCommentAfterTheHeader() throws Exception
    {
        final Path file = write(dir, "late.csv", "time,requests\n# step: 5m\n" + series(0, 1).substring(14));
        assertThat(reader.read(file, ImportOptions.defaults()).stepNs()).isEqualTo(MINUTE_NS);
    }

    @Test
    void shouldInferMostCommonIntervalAndReportEachGap() throws Exception
    {
        final Path file = write(dir, "gaps.csv", series(0, 1, 2, 3, 5, 6, 9));
        assertThat(problems(reader, file)).containsExactly(
            at(file, 6, "time") + "gap: 1 missing interval of 1m for the series from 2024-01-01T00:04:00Z to " +
                "2024-01-01T00:05:00Z (after line 5); add the rows, or pass --gaps zero-fill to count them as 0 requests",
            at(file, 8, "time") + "gap: 2 missing intervals of 1m for the series from 2024-01-01T00:07:00Z to " +
                "2024-01-01T00:09:00Z (after line 7); add the rows, or pass --gaps zero-fill to count them as 0 requests");
    }

    @Test
    void shouldInsertZeroRowsForGapsWhenZeroFill() throws Exception
    {
        final Path file = write(dir, "fill.csv", series(0, 1, 4));
        final TraceTable table = reader.read(file, ImportOptions.defaults().withGapPolicy(GapPolicy.ZERO_FILL));
        assertThat(table.stepNs()).isEqualTo(MINUTE_NS);
        assertThat(table.rowCount()).isEqualTo(5);
        for (int row = 0; row < 5; row++)
        {
            assertThat(table.timeNs(row)).isEqualTo(T0_NS + row * MINUTE_NS);
        }
        assertThat(new double[] {table.value(0), table.value(1), table.value(2), table.value(3), table.value(4)})
            .containsExactly(0, 10, 0, 0, 40);
    }

    @Test
    void shouldPickSmallestIntervalOnTieAndFillPerRegion() throws Exception
    {
        final Path file = write(dir, "tie.csv", "time,region,requests\n" +
            minute(0) + ",a,1\n" + minute(0) + ",b,1\n" +
            minute(1) + ",a,2\n" +
            minute(2) + ",a,3\n" + minute(2) + ",b,3\n" +
            minute(4) + ",b,5\n");
        assertThat(problems(reader, file)).containsExactly(
            at(file, 6, "time") + "gap: 1 missing interval of 1m for region 'b' from 2024-01-01T00:01:00Z to " +
                "2024-01-01T00:02:00Z (after line 3); add the rows, or pass --gaps zero-fill to count them as 0 requests",
            at(file, 7, "time") + "gap: 1 missing interval of 1m for region 'b' from 2024-01-01T00:03:00Z to " +
                "2024-01-01T00:04:00Z (after line 6); add the rows, or pass --gaps zero-fill to count them as 0 requests");
        final TraceTable table = reader.read(file, ImportOptions.defaults().withGapPolicy(GapPolicy.ZERO_FILL));
        assertThat(table.rowCount()).isEqualTo(8);
        final int b = table.keys().find("b");
        int bRows = 0;
        for (int row = 0; row < table.rowCount(); row++)
        {
            if (table.keyId(row) == b)
            {
                assertThat(table.timeNs(row)).isEqualTo(T0_NS + bRows * MINUTE_NS);
                bRows++;
            }
        }
        assertThat(bRows).isEqualTo(5);
    }

    @Test
    void shouldKeepEachRegionOnItsOwnGrid() throws Exception
    {
        final Path file = write(dir, "offset.csv", "time,region,requests\n" +
            minute(0) + ",a,1\n" +
            TraceTimes.formatIso(T0_NS + MINUTE_NS / 2) + ",b,1\n" +
            minute(1) + ",a,1\n" +
            TraceTimes.formatIso(T0_NS + 3 * MINUTE_NS / 2) + ",b,1\n");
        assertThat(reader.read(file, ImportOptions.defaults()).stepNs()).isEqualTo(MINUTE_NS);
    }

    @Test
    void shouldReportIntervalThatIsNotMultipleOfStep() throws Exception
    {
        final Path file = write(dir, "odd.csv", "# step: 1m\ntime,requests\n" +
            minute(0) + ",1\n" + TraceTimes.formatIso(T0_NS + 90_000_000_000L) + ",1\n");
        assertThat(problems(reader, file)).containsExactly(at(file, 4, "time") +
            "interval of 90s since line 3 (the previous row of the series) is not a multiple of the step 1m");
    }

    @Test
    void shouldReportStepThatCannotBeInferredFromOneRowPerRegion() throws Exception
    {
        final Path file = write(dir, "one.csv", "time,region,requests\n" + minute(0) + ",a,1\n" + minute(0) + ",b,1\n");
        assertThat(problems(reader, file)).containsExactly(at(file, 2, "time") + "cannot infer the step: no region " +
            "has two rows; declare it with a '# step: 1m' line before the header or with --step");
        assertThat(reader.read(file, ImportOptions.defaults().withStepNs(MINUTE_NS)).rowCount()).isEqualTo(2);
    }

    @Test
    void shouldReportNegativeOrUnreadableRequests() throws Exception
    {
        final Path file = write(dir, "neg.csv", "# step: 1m\ntime,requests\n" +
            minute(0) + ",-1\n" + minute(1) + ",many\n" + minute(2) + ",\n");
        assertThat(problems(reader, file)).containsExactly(
            at(file, 3, "requests") + "requests must be at least 0, got -1",
            at(file, 4, "requests") +
                "cannot read 'many' as a number of requests: expected a decimal number such as 12 or 0.25",
            at(file, 5, "requests") + "missing a number of requests");
    }

    @Test
    void shouldNotReportGapWhereARowWithBadRequestsStands() throws Exception
    {
        final Path file = write(dir, "badvalue.csv", "time,requests\n" +
            minute(0) + ",1\n" + minute(1) + ",x\n" + minute(2) + ",1\n" + minute(3) + ",-4\n" + minute(4) + ",1\n");
        assertThat(problems(reader, file)).containsExactly(
            at(file, 3, "requests") +
                "cannot read 'x' as a number of requests: expected a decimal number such as 12 or 0.25",
            at(file, 5, "requests") + "requests must be at least 0, got -4");
    }

    @Test
    void shouldReportSameRegionTwiceAtOneTime() throws Exception
    {
        final Path file = write(dir, "dup.csv", "time,region,requests\n" +
            minute(0) + ",a,1\n" + minute(0) + ",b,1\n" + minute(0) + ",a,2\n" + minute(1) + ",a,1\n" +
            minute(1) + ",b,1\n");
        assertThat(problems(reader, file)).containsExactly(at(file, 4, "time") +
            "duplicate: a already has a row at 2024-01-01T00:00:00Z on line 2");
    }

    @Test
    void shouldRefuseToFillAGapOfCenturies() throws Exception
    {
        final Path file = write(dir, "typo.csv", "# step: 1s\ntime,requests\n" +
            "2024-01-01T00:00:00Z,1\n2024-01-01T00:00:01Z,1\n2124-01-01T00:00:02Z,1\n");
        assertThat(problems(reader, file, ImportOptions.defaults().withGapPolicy(GapPolicy.ZERO_FILL)))
            .singleElement().satisfies(p -> assertThat(p).startsWith(at(file, 5, "time") +
                "gap too long to fill with zeros: 3155673600 missing intervals of 1s for the series"));
    }
}
