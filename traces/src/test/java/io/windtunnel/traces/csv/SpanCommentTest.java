package io.windtunnel.traces.csv;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceCsvWriter;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.StringWriter;
import java.nio.file.Path;
import java.time.ZoneId;

import static io.windtunnel.traces.csv.CsvTestFiles.at;
import static io.windtunnel.traces.csv.CsvTestFiles.problems;
import static io.windtunnel.traces.csv.CsvTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The {@code # span: START/END} comment of the generic CSVs: read into the table, checked against every row, written
 * back by {@link TraceCsvWriter}.
 */
class SpanCommentTest
{
    private static final long JAN1_NS = TraceTimes.parseEpochNs("2024-01-01T00:00:00Z", null);
    private static final long DAY_NS = 86_400_000_000_000L;
    private static final String SPAN = "# span: 2024-01-01T00:00:00Z/2024-01-03T00:00:00Z\n";

    @TempDir
    Path dir;

    @Test
    void shouldCarrySpanWhenCommentDeclaresIt() throws Exception
    {
        final Path prices = write(dir, "p.csv", SPAN +
            "time,provider,region,zone,instance_type,market,price_per_hour_usd\n" +
            "2024-01-01T00:00:00Z,aws,us-east-1,,m5.large,spot,0.03\n");
        final TraceTable table = new PriceCsvReader().read(prices, ImportOptions.defaults());
        assertThat(table.spanDeclared()).isTrue();
        assertThat(table.spanStartNs()).isEqualTo(JAN1_NS);
        assertThat(table.spanEndNs()).isEqualTo(JAN1_NS + 2 * DAY_NS);

        final Path faults = write(dir, "f.csv", "# generated\n#Span = 2024-01-01T01:00:00+01:00/2024-01-02T00:00:00Z\n" +
            "time,provider,region,zone,instance_type,kind,count\n" +
            "2024-01-01T05:00:00Z,aws,us-east-1,,,preempt,1\n");
        final TraceTable faultTable = new FaultsCsvReader().read(faults, ImportOptions.defaults());
        assertThat(faultTable.spanStartNs()).as("offsets are read").isEqualTo(JAN1_NS);
        assertThat(faultTable.spanEndNs()).isEqualTo(JAN1_NS + DAY_NS);
    }

    @Test
    void shouldLeaveSpanUndeclaredWhenNoComment() throws Exception
    {
        final Path file = write(dir, "a.csv", "time\n2024-01-01T00:00:00Z\n");
        assertThat(new ArrivalsCsvReader().read(file, ImportOptions.defaults()).spanDeclared()).isFalse();
    }

    @Test
    void shouldReportFirstRowOutsideSpanWithItsLineWhenRowsLieOutside() throws Exception
    {
        final Path file = write(dir, "a.csv", SPAN + "time\n" +
            "2023-12-31T23:59:59Z\n" +
            "2023-12-31T23:59:59.5Z\n" +
            "2024-01-02T00:00:00Z\n" +
            "2024-01-03T00:00:00Z\n");
        assertThat(problems(new ArrivalsCsvReader(), file)).satisfiesExactly(
            p -> assertThat(p).startsWith(at(file, 3, "time")).contains("time 2023-12-31T23:59:59Z is before the " +
                "declared span 2024-01-01T00:00:00Z/2024-01-03T00:00:00Z (2 rows in all)"),
            p -> assertThat(p).startsWith(at(file, 6, "time")).contains("time 2024-01-03T00:00:00Z is at or after " +
                "the end of the declared span").contains("(the end is exclusive)"));
    }

    @Test
    void shouldReportLoadRowWhenItsStepEndsAfterSpan() throws Exception
    {
        final Path file = write(dir, "load.csv", "# step: 1h\n# span: 2024-01-01T00:00:00Z/2024-01-01T01:30:00Z\n" +
            "time,requests\n2024-01-01T00:00:00Z,10\n2024-01-01T01:00:00Z,10\n");
        assertThat(problems(new RateCsvReader(), file)).satisfiesExactly(
            p -> assertThat(p).startsWith(at(file, 5, "time")).contains("time 2024-01-01T01:00:00Z plus the step " +
                "ends after the declared span 2024-01-01T00:00:00Z/2024-01-01T01:30:00Z"));
    }

    @Test
    void shouldReportSpanCommentWhenItDoesNotParseOrRepeats() throws Exception
    {
        final String header = "time,provider,region,zone,instance_type,kind,count\n";
        final TraceReader faults = new FaultsCsvReader();
        final Path noSlash = write(dir, "n.csv", "# span: 2024-01-01T00:00:00Z\n" + header);
        assertThat(problems(faults, noSlash)).singleElement().asString().startsWith(at(noSlash, 1, "span"))
            .contains("is not a span START/END");
        final Path backwards = write(dir, "b.csv", "# span: 2024-01-02T00:00:00Z/2024-01-01T00:00:00Z\n" + header);
        assertThat(problems(faults, backwards)).singleElement().asString().contains("ends before it starts");
        final Path badTime = write(dir, "t.csv", "# span: yesterday/2024-01-01T00:00:00Z\n" + header);
        assertThat(problems(faults, badTime)).singleElement().asString().startsWith(at(badTime, 1, "span"))
            .contains("cannot read 'yesterday' as a time");
        final Path twice = write(dir, "2.csv", SPAN + SPAN + header);
        assertThat(problems(faults, twice)).singleElement().asString().startsWith(at(twice, 2, "span"))
            .contains("a second span comment (the first is on line 1)");
    }

    @Test
    void shouldReadSpanInGivenZoneWhenTimesHaveNoOffset() throws Exception
    {
        final Path file = write(dir, "z.csv", "# span: 2024-01-01T09:00:00/2024-01-02T09:00:00\ntime\n" +
            "2024-01-01T09:00:00\n");
        final TraceTable table = new ArrivalsCsvReader().read(file,
            ImportOptions.defaults().withZone(ZoneId.of("Asia/Tokyo")));
        assertThat(table.spanStartNs()).isEqualTo(JAN1_NS);
    }

    @Test
    void shouldWriteSpanCommentAndReadItBackWhenTableDeclaresSpan() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(3_600_000_000_000L)
            .span(JAN1_NS, JAN1_NS + DAY_NS);
        final int east = builder.keys().intern("us-east");
        builder.add(JAN1_NS + 3_600_000_000_000L, east, 0, 42);
        final TraceTable table = builder.build();
        final StringWriter text = new StringWriter();
        TraceCsvWriter.write(table, text);
        assertThat(text.toString()).startsWith("# span: 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z\n# step: 1h\n" +
            "time,region,requests\n");

        final Path file = dir.resolve("round.csv");
        TraceCsvWriter.write(table, file);
        assertThat(new RateCsvReader().read(file, ImportOptions.defaults())).isEqualTo(table);
    }
}
