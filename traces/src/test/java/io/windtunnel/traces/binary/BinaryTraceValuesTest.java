package io.windtunnel.traces.binary;

import io.windtunnel.traces.FaultKind;
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

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * A binary file whose checksums are all valid may still hold rows that no CSV reader would accept: the registered
 * {@code binary} reader holds them to the same rules and reports every one at its row and column, while
 * {@link BinaryTraceFile#readTable} keeps returning the stored bits.
 */
class BinaryTraceValuesTest
{
    private static final long T0_NS = BinaryTraceFixtures.T0_NS;
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

    private Path write(final String name, final TraceTable table) throws Exception
    {
        final Path file = tempDir.resolve(name);
        BinaryTraceWriter.write(table, file);
        return file;
    }

    private java.util.List<String> problems(final Path file)
    {
        final TraceFormatException e = catchThrowableOfType(
            () -> reader.read(file, ImportOptions.defaults()), TraceFormatException.class);
        assertThat(e).as("reading " + file + " must fail").isNotNull();
        return e.problems().stream().map(TraceProblem::describe).toList();
    }
}
