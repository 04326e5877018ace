package io.windtunnel.traces.binary;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.GapPolicy;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceProblem;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A binary file whose checksums are all valid may still hold rows that no CSV reader would accept: a NaN price, an
 * unknown fault kind, two prices of one key at one time, an off-grid load rate, a gap, rows outside its declared
 * span. The registered {@code binary} reader holds them to the same rules, per row and across rows, and reports
 * every one at its row and column (a duplicate with both rows), while {@link BinaryTraceFile#readTable} keeps
 * returning the stored bits.
 */
class BinaryTraceValuesTest
{
    private static final long T0_NS = BinaryTraceFixtures.T0_NS;
    private static final long HOUR_NS = BinaryTraceFixtures.HOUR_NS;
    private static final long MINUTE_NS = 60_000_000_000L;

    @TempDir
    Path tempDir;

    private final TraceReader reader = TraceFormats.byName("binary");

    @Test
    void shouldReportEveryBadPriceAtItsRowWhenValuesAreNanNegativeOrInfinite() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        final int spot = builder.keys().intern("aws", "us-east-1", "", "m5.large", "spot");
        builder.add(T0_NS, spot, 0, 0.03);
        builder.add(T0_NS + 1, spot, 0, Double.NaN);
        builder.add(T0_NS + 2, spot, 0, -0.5);
        builder.add(T0_NS + 3, spot, 0, Double.POSITIVE_INFINITY);
        builder.add(T0_NS + 4, spot, 0, Double.NEGATIVE_INFINITY);
        builder.add(T0_NS + 5, spot, 0, 0);
        final TraceTable table = builder.build();
        final Path file = write("prices.wtb", table);

        assertThat(problems(file)).containsExactly(
            file + " at row 1: field 'value': price must be a finite number, got NaN",
            file + " at row 2: field 'value': price must be at least 0, got -0.5",
            file + " at row 3: field 'value': price must be a finite number, got Infinity",
            file + " at row 4: field 'value': price must be a finite number, got -Infinity");
        assertThat(BinaryTraceFile.readTable(file)).as("the format itself stores any bits").isEqualTo(table);
    }

    @Test
    void shouldReportUnknownCodeAndBadCountsWhenFaultRowsBreakTheirKindsRules() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.FAULTS);
        final int key = builder.keys().intern("aws", "us-east-1", "us-east-1a", "m5.large");
        builder.add(T0_NS, key, FaultKind.PREEMPT.code(), 2);
        builder.add(T0_NS + 1, key, 9, 1);
        builder.add(T0_NS + 2, key, 0, 1);
        builder.add(T0_NS + 3, key, FaultKind.PREEMPT.code(), 1.5);
        builder.add(T0_NS + 4, key, FaultKind.PREEMPT_FRACTION.code(), 1.25);
        builder.add(T0_NS + 5, key, FaultKind.CAPACITY.code(), -1);
        builder.add(T0_NS + 6, key, FaultKind.OUTAGE_START.code(), Double.NaN);
        builder.add(T0_NS + 7, key, FaultKind.OUTAGE_END.code(), 0);
        final Path file = write("faults.wtb", builder.build());

        assertThat(problems(file)).containsExactly(
            file + " at row 1: field 'code': unknown fault kind code 9; known codes: 1 preempt, 2 preempt_fraction, " +
                "3 unavailable, 4 available, 5 capacity, 6 failure, 7 outage_start, 8 outage_end",
            file + " at row 2: field 'code': unknown fault kind code 0; known codes: 1 preempt, 2 preempt_fraction, " +
                "3 unavailable, 4 available, 5 capacity, 6 failure, 7 outage_start, 8 outage_end",
            file + " at row 3: field 'value': count for preempt must be a whole number of instances of at least 1, " +
                "got 1.5",
            file + " at row 4: field 'value': count for preempt_fraction must be a fraction in (0, 1], got 1.25",
            file + " at row 5: field 'value': count for capacity must be at least 0, got -1",
            file + " at row 6: field 'value': count for outage_start must be a finite number, got NaN");
    }

    @Test
    void shouldAcceptUnknownServiceTimeButRejectZeroAndInfiniteWhenArrivalsAreRead() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.ARRIVALS);
        final int region = builder.keys().intern("eu-west");
        builder.add(T0_NS, region, 0, Double.NaN);
        builder.add(T0_NS, region, 0, 12.5);
        builder.add(T0_NS + 1, region, 0, 0);
        builder.add(T0_NS + 2, region, 0, Double.POSITIVE_INFINITY);
        builder.add(T0_NS + 3, region, 3, 1);
        final Path file = write("arrivals.wtb", builder.build());

        assertThat(problems(file)).containsExactly(
            file + " at row 2: field 'value': service time must be greater than 0 ms, got 0",
            file + " at row 3: field 'value': service time must be finite, got Infinity (NaN means unknown)",
            file + " at row 4: field 'code': must be 0 in arrivals traces, got 3");
    }

    @Test
    void shouldReportKeyFieldAtFirstRowOfKeyWhenPriceKeyIsIncomplete() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        final int good = builder.keys().intern("aws", "us-east-1", "", "m5.large", "spot");
        final int noProvider = builder.keys().intern("", "us-east-1", "", "m5.large", "on-demand");
        final int badMarket = builder.keys().intern("aws", "us-east-1", "", "m5.large", "ondemand");
        builder.add(T0_NS, good, 0, 0.03);
        builder.add(T0_NS + 1, noProvider, 0, 0.1);
        builder.add(T0_NS + 2, noProvider, 0, 0.1);
        builder.add(T0_NS + 3, badMarket, 0, 0.1);
        final Path file = write("keys.wtb", builder.build());

        assertThat(problems(file)).containsExactly(
            file + " at row 1: field 'provider': must not be empty (key 1: us-east-1/m5.large/on-demand)",
            file + " at row 3: field 'market': market 'ondemand' is not on-demand or spot " +
                "(key 2: aws/us-east-1/m5.large/ondemand)");
    }

    @Test
    void shouldRejectLoadRateWithoutStepWhenItHasRows() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE);
        final int region = builder.keys().intern("eu-west");
        builder.add(T0_NS, region, 0, 10);
        builder.add(T0_NS + MINUTE_NS, region, 0, -1);
        final Path file = write("load.wtb", builder.build());

        assertThat(problems(file)).containsExactly(
            file + ": field 'stepNs': a load-rate trace needs a step greater than 0 (the length of each row's " +
                "interval), got 0 ns",
            file + " at row 1: field 'value': requests must be at least 0, got -1");
    }

    @Test
    void shouldCountEveryProblemButKeepOnlyTheLimitWhenManyRowsAreBad() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
        final int region = builder.keys().intern("");
        for (int minute = 0; minute < 250; minute++)
        {
            builder.add(T0_NS + minute * MINUTE_NS, region, 0, Double.NaN);
        }
        final Path file = write("many.wtb", builder.build());

        final TraceFormatException e = catchThrowableOfType(
            () -> reader.read(file, ImportOptions.defaults().withProblemLimit(20)), TraceFormatException.class);

        assertThat(e.total()).isEqualTo(250);
        assertThat(e.problems()).hasSize(20);
        assertThat(e.getMessage()).endsWith("... and 230 more problems");
    }

    @Test
    void shouldReadValidTableOfEveryKindWhenRowsObeyTheRules() throws Exception
    {
        for (final TraceKind kind : new TraceKind[] {TraceKind.LOAD_RATE, TraceKind.ARRIVALS, TraceKind.FAULTS})
        {
            final TraceTable table = BinaryTraceFixtures.sample(kind);
            final Path file = write(kind.label() + ".wtb", table);
            assertThat(reader.read(file, ImportOptions.defaults())).isEqualTo(table);
            assertThat(reader.kindOf(file)).isEqualTo(kind);
        }
    }

    @Test
    void shouldTellFileKindBeforeReadingRowsEvenWhenReaderIsRestricted() throws Exception
    {
        final Path file = write("faults.wtb", BinaryTraceFixtures.sample(TraceKind.FAULTS));

        assertThat(new BinaryTraceReader(TraceKind.PRICE).kindOf(file)).isEqualTo(TraceKind.FAULTS);
        assertThatThrownBy(() -> reader.kindOf(tempDir.resolve("missing.wtb")))
            .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void shouldNameBothRowsWhenTwoPricesOfOneKeyShareATime() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        final int onDemand = builder.keys().intern("aws", "us-east-1", "", "m5.large", "on-demand");
        final int spot = builder.keys().intern("aws", "us-east-1", "us-east-1a", "m5.large", "spot");
        builder.add(T0_NS, onDemand, 0, 0.096);
        builder.add(T0_NS + HOUR_NS, onDemand, 0, 0.096);
        builder.add(T0_NS + HOUR_NS, spot, 0, 0.03);
        builder.add(T0_NS + HOUR_NS, onDemand, 0, 0.1);
        builder.add(T0_NS + HOUR_NS, onDemand, 0, 0.2);
        final TraceTable table = builder.build();
        final Path file = write("prices.wtb", table);

        assertThat(problems(file)).containsExactly(
            file + " at row 3: field 'timeNs': duplicate: aws/us-east-1/m5.large/on-demand already has a row at " +
                "2024-01-01T01:00:00Z on row 1",
            file + " at row 4: field 'timeNs': duplicate: aws/us-east-1/m5.large/on-demand already has a row at " +
                "2024-01-01T01:00:00Z on row 1");
        assertThat(BinaryTraceFile.readTable(file)).as("the format itself stores any rows").isEqualTo(table);
    }

    @Test
    void shouldRejectTwoRowsOfOneFaultKindButAcceptTwoKindsWhenFaultsShareATime() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.FAULTS);
        final int zone = builder.keys().intern("aws", "us-east-1", "us-east-1a", "m5.large");
        builder.add(T0_NS, zone, FaultKind.OUTAGE_END.code(), 0);
        builder.add(T0_NS, zone, FaultKind.AVAILABLE.code(), 0);
        builder.add(T0_NS, zone, FaultKind.PREEMPT.code(), 1);
        builder.add(T0_NS, zone, FaultKind.PREEMPT.code(), 2);
        final Path file = write("faults.wtb", builder.build());

        assertThat(problems(file)).containsExactly(
            file + " at row 3: field 'timeNs': duplicate: aws/us-east-1/us-east-1a/m5.large kind preempt already " +
                "has a row at 2024-01-01T00:00:00Z on row 2");
    }

    @Test
    void shouldAcceptArrivalsAtOneTimeWhenTheyShareARegion() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.ARRIVALS);
        final int region = builder.keys().intern("eu-west");
        builder.add(T0_NS, region, 0, 1).add(T0_NS, region, 0, 1).add(T0_NS, region, 0, Double.NaN);
        final TraceTable table = builder.build();

        assertThat(reader.read(write("arrivals.wtb", table), ImportOptions.defaults())).isEqualTo(table);
    }

    @Test
    void shouldReportOffGridRowsAndGapsWhenLoadRatesLeaveTheirStep() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
        final int eu = builder.keys().intern("eu-west");
        final int all = builder.keys().intern("");
        builder.add(T0_NS, eu, 0, 10).add(T0_NS, all, 0, 5);
        builder.add(T0_NS + MINUTE_NS, eu, 0, 11);
        builder.add(T0_NS + 150_000_000_000L, eu, 0, 12);
        builder.add(T0_NS + 4 * MINUTE_NS, all, 0, 6);
        builder.add(T0_NS + 4 * MINUTE_NS, all, 0, 7);
        final Path file = write("load.wtb", builder.build());

        assertThat(problems(file)).containsExactly(
            file + " at row 5: field 'timeNs': duplicate: (all) already has a row at 2024-01-01T00:04:00Z on row 4",
            file + " at row 3: field 'timeNs': interval of 90s since row 2 (the previous row of region 'eu-west') " +
                "is not a multiple of the step 1m",
            file + " at row 4: field 'timeNs': gap: 3 missing intervals of 1m for the series from " +
                "2024-01-01T00:01:00Z to 2024-01-01T00:04:00Z (after row 1); add the rows, or pass --gaps zero-fill " +
                "to count them as 0 requests");
    }

    @Test
    void shouldFillGapsWithZeroRowsWhenGapsAreZeroFilled() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS)
            .span(T0_NS, T0_NS + HOUR_NS);
        final int eu = builder.keys().intern("eu-west");
        final int us = builder.keys().intern("us-east");
        builder.add(T0_NS, eu, 0, 10).add(T0_NS, us, 0, 1);
        builder.add(T0_NS + MINUTE_NS, us, 0, 2);
        builder.add(T0_NS + 3 * MINUTE_NS, eu, 0, 13).add(T0_NS + 3 * MINUTE_NS, us, 0, 3);
        final Path file = write("gaps.wtb", builder.build());

        final TraceTable filled = reader.read(file, ImportOptions.defaults().withGapPolicy(GapPolicy.ZERO_FILL));

        final TraceTable.Builder expected = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS)
            .span(T0_NS, T0_NS + HOUR_NS);
        expected.keys().intern("eu-west");
        expected.keys().intern("us-east");
        expected.add(T0_NS, eu, 0, 10).add(T0_NS, us, 0, 1);
        expected.add(T0_NS + MINUTE_NS, us, 0, 2).add(T0_NS + MINUTE_NS, eu, 0, 0);
        expected.add(T0_NS + 2 * MINUTE_NS, eu, 0, 0).add(T0_NS + 2 * MINUTE_NS, us, 0, 0);
        expected.add(T0_NS + 3 * MINUTE_NS, eu, 0, 13).add(T0_NS + 3 * MINUTE_NS, us, 0, 3);
        assertThat(filled).isEqualTo(expected.build());
        assertThat(problems(file)).hasSize(2);
    }

    @Test
    void shouldNameFirstRowsOutsideSpanWithTheirCountWhenAHandMadeSpanLeavesRowsOut() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
        final int region = builder.keys().intern("eu-west");
        for (int minute = 0; minute < 6; minute++)
        {
            builder.add(T0_NS + minute * MINUTE_NS, region, 0, minute);
        }
        final Path file = write("span.wtb", builder.build());
        // Rows 0 and 1 start before the span; the interval of row 4 ends after it, row 5 starts after it.
        BinaryTraceFixtures.declareSpan(file, T0_NS + 2 * MINUTE_NS, T0_NS + 4 * MINUTE_NS + 30_000_000_000L);

        assertThat(problems(file)).containsExactly(
            file + " at row 0: field 'timeNs': time 2024-01-01T00:00:00Z is before the declared span " +
                "2024-01-01T00:02:00Z/2024-01-01T00:04:30Z (2 rows in all)",
            file + " at row 4: field 'timeNs': time 2024-01-01T00:04:00Z plus the step ends after the declared span " +
                "2024-01-01T00:02:00Z/2024-01-01T00:04:30Z (the end is exclusive) (2 rows in all)");
        assertThat(reader.kindOf(file)).as("the kind is told before the rows are read").isEqualTo(TraceKind.LOAD_RATE);
        assertThatThrownBy(() -> BinaryTraceFile.readTable(file)).as("the plain reader still refuses the file")
            .isInstanceOf(TraceFormatException.class).hasMessageContaining("do not lie in the declared span");
    }

    @Test
    void shouldRejectStepOptionWhenItDiffersFromTheFilesStep() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
        builder.keys().intern("");
        builder.add(T0_NS, 0, 0, 1).add(T0_NS + MINUTE_NS, 0, 0, 2);
        final TraceTable table = builder.build();
        final Path file = write("step.wtb", table);

        assertThat(problems(file, ImportOptions.defaults().withStepNs(5 * MINUTE_NS))).containsExactly(
            file + ": field 'stepNs': the file's step is 1m but the step given (--step) is 5m; they must agree");
        assertThat(reader.read(file, ImportOptions.defaults().withStepNs(MINUTE_NS))).isEqualTo(table);
    }

    @Test
    void shouldRejectStepWhenTraceIsNotALoadRate() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE).stepNs(MINUTE_NS);
        builder.keys().intern("aws", "us-east-1", "", "m5.large", "spot");
        builder.add(T0_NS, 0, 0, 0.03);
        final Path file = write("stepped-prices.wtb", builder.build());

        assertThat(problems(file)).containsExactly(
            file + ": field 'stepNs': must be 0 in price traces (only load-rate rows last a step), got 60000000000 ns");
    }

    private Path write(final String name, final TraceTable table) throws Exception
    {
        final Path file = tempDir.resolve(name);
        BinaryTraceWriter.write(table, file);
        return file;
    }

    private List<String> problems(final Path file)
    {
        return problems(file, ImportOptions.defaults());
    }

    private List<String> problems(final Path file, final ImportOptions options)
    {
        final TraceFormatException e = catchThrowableOfType(() -> reader.read(file, options),
            TraceFormatException.class);
        assertThat(e).as("reading " + file + " must fail").isNotNull();
        return e.problems().stream().map(TraceProblem::describe).toList();
    }
}
