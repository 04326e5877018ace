package io.windtunnel.traces.measured;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.RealFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class CountsReaderTest
{
    private static final long START_NS = TraceTimes.toEpochNs(Instant.parse("1998-06-10T00:00:00Z"));

    @TempDir
    Path tempDir;

    @Test
    void shouldPlaceCountsOneStepApartWhenStepDefaultsToOneSecond() throws Exception
    {
        final TraceTable table = new CountsReader().read(RealFixtures.fixture("measured/counts.txt"),
            ImportOptions.defaults().withStartNs(START_NS));

        assertThat(table.kind()).isEqualTo(TraceKind.LOAD_RATE);
        assertThat(table.stepNs()).isEqualTo(1_000_000_000L);
        assertThat(rows(table)).containsExactly("1998-06-10T00:00:00Z 118", "1998-06-10T00:00:01Z 121",
            "1998-06-10T00:00:02Z 97", "1998-06-10T00:00:03Z 0", "1998-06-10T00:00:04Z 133");
        assertThat(table.keys().fields(0)).containsExactly("");
    }

    @Test
    void shouldUseDeclaredStepAndRegionWhenGiven() throws Exception
    {
        final TraceTable table = new CountsReader().read(RealFixtures.fixture("measured/counts.txt"),
            ImportOptions.defaults().withStartNs(START_NS).withStepNs(60_000_000_000L)
                .withKey(null, "eu-west-1", null, null));

        assertThat(table.stepNs()).isEqualTo(60_000_000_000L);
        assertThat(TraceTimes.formatIso(table.timeNs(4))).isEqualTo("1998-06-10T00:04:00Z");
        assertThat(table.keys().fields(0)).containsExactly("eu-west-1");
    }

    @Test
    void shouldReportMissingStartAndEveryBadLineWhenInputIsWrong() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("bad.txt"), "requests\r\n12\r\n\r\n7.5\r\n-3\r\n8\r\n\r\n");

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new CountsReader().read(file, ImportOptions.defaults()));

        final List<String> described = new ArrayList<>();
        e.problems().forEach(problem ->
            described.add(problem.line() + " " + problem.field() + ": " + problem.message()));
        assertThat(described).containsExactly(
            "0 start: a counts file has no times: give the epoch time of the first count (ImportOptions.startNs, " +
                "--start)",
            "1 count: cannot read 'requests' as a request count (a counts file has no header)",
            "3 null: blank line between counts: it would shift every later interval; remove it or write 0",
            "4 count: a request count must be a whole number, got 7.5",
            "5 count: a request count must not be negative, got -3");
    }

    @Test
    void shouldReadEveryCountWhenGeneratedFromSeed() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(1998);
        final long[] counts = new long[5000];
        final StringBuilder text = new StringBuilder();
        for (int i = 0; i < counts.length; i++)
        {
            counts[i] = random.nextLong(0, 1L << 40);
            text.append(counts[i]).append(random.nextBoolean() ? "\n" : "\r\n");
        }
        final Path file = Files.writeString(tempDir.resolve("many.txt"), text);

        final TraceTable table = new CountsReader().read(file, ImportOptions.defaults().withStartNs(START_NS)
            .withStepNs(250_000_000L));

        assertThat(table.rowCount()).isEqualTo(counts.length);
        for (int i = 0; i < counts.length; i++)
        {
            assertThat(table.value(i)).isEqualTo(counts[i]);
            assertThat(table.timeNs(i)).isEqualTo(START_NS + i * 250_000_000L);
        }
    }

    @Test
    void shouldNeverClaimFileWhenDetecting()
    {
        assertThat(new CountsReader().recognizes("counts.txt", "118\n121\n")).isFalse();
    }

    static List<String> rows(final TraceTable table)
    {
        final List<String> rows = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++)
        {
            rows.add(TraceTimes.formatIso(table.timeNs(row)) + " " + (long)table.value(row));
        }
        return rows;
    }
}
