package io.windtunnel.traces.summary;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.binary.BinaryTraceCursor;
import io.windtunnel.traces.binary.BinaryTraceFile;
import io.windtunnel.traces.binary.BinaryTraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TraceSummaryTest
{
    private static final long T0_NS = 1_704_067_200_000_000_000L; // 2024-01-01T00:00:00Z
    private static final long HOUR_NS = 3_600_000_000_000L;
    private static final long MINUTE_NS = 60_000_000_000L;

    @TempDir
    Path tempDir;

    static LongStream seeds()
    {
        return new SplittableRandom(31L).longs(40);
    }

    @Test
    void shouldCarryEachPriceForwardWhenSeriesIsDrawnPerKey()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        final int a = builder.keys().intern("aws", "us-east-1", "", "m5.large", "spot");
        final int b = builder.keys().intern("aws", "eu-west-1", "", "m5.large", "spot");
        builder.add(T0_NS, a, 0, 1.0);
        builder.add(T0_NS + 2 * HOUR_NS, b, 0, 2.0);
        builder.add(T0_NS + 5 * HOUR_NS, a, 0, 3.0);
        builder.add(T0_NS + 5 * HOUR_NS + 1, a, 0, 4.0);
        builder.add(T0_NS + 10 * HOUR_NS - 1, b, 0, 0.5);

        final TraceSummary summary = TraceSummary.of(builder.build(), 10, 10);

        assertThat(summary.bucketWidthNs()).isEqualTo(HOUR_NS);
        assertThat(summary.bucketCount()).isEqualTo(10);
        assertThat(summary.priceSeries(a)).containsExactly(1, 1, 1, 1, 1, 4, 4, 4, 4, 4);
        assertThat(summary.priceSeries(b)).containsExactly(Double.NaN, Double.NaN, 2, 2, 2, 2, 2, 2, 2, 0.5);
        assertThat(summary.keyRows(a)).isEqualTo(3);
        assertThat(summary.keyMin(a)).isEqualTo(1.0);
        assertThat(summary.keyMean(a)).isCloseTo(8.0 / 3, within(1e-15));
        assertThat(summary.keyMax(b)).isEqualTo(2.0);
        assertThat(summary.totalSeries()).isEmpty();
    }

    @Test
    void shouldDrawRequestsPerSecondWhenLoadRateBucketsAreAtLeastOneStep()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
        final int all = builder.keys().intern("");
        final int eu = builder.keys().intern("eu");
        for (int minute = 0; minute < 4; minute++)
        {
            builder.add(T0_NS + minute * MINUTE_NS, all, 0, 600 * minute);
            builder.add(T0_NS + minute * MINUTE_NS, eu, 0, 60);
        }

        final TraceSummary summary = TraceSummary.of(builder.build(), 60, 10);

        // Span 4 minutes (last row lasts one step); buckets may not be narrower than the step.
        assertThat(summary.bucketWidthNs()).isEqualTo(MINUTE_NS);
        assertThat(summary.bucketCount()).isEqualTo(4);
        assertThat(summary.totalSeries()).containsExactly(1, 11, 21, 31);
        assertThat(summary.keyMean(all)).isEqualTo(900.0);
    }

    @Test
    void shouldCountEventsAndNanServiceDemandsWhenArrivalsAreSummarized()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.ARRIVALS);
        final int key = builder.keys().intern("us");
        builder.add(T0_NS, key, 0, Double.NaN);
        builder.add(T0_NS, key, 0, 2.0);
        builder.add(T0_NS + 3, key, 0, 4.0);
        builder.add(T0_NS + 3, key, 0, Double.NaN);

        final TraceSummary summary = TraceSummary.of(builder.build(), 2, 0);

        assertThat(summary.totalSeries()).containsExactly(2, 2);
        assertThat(summary.keyRows(key)).isEqualTo(4);
        assertThat(summary.keyNanRows(key)).isEqualTo(2);
        assertThat(summary.keyMean(key)).isEqualTo(3.0);
    }

    @Test
    void shouldCountFaultsByKindWhenFaultsAreSummarized()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.FAULTS);
        final int key = builder.keys().intern("aws", "us-east-1", "", "");
        builder.add(T0_NS, key, FaultKind.PREEMPT.code(), 2);
        builder.add(T0_NS + HOUR_NS, key, FaultKind.PREEMPT.code(), 1);
        builder.add(T0_NS + HOUR_NS, key, FaultKind.OUTAGE_START.code(), 0);
        builder.add(T0_NS + 2 * HOUR_NS, key, 42, 0);

        final TraceSummary summary = TraceSummary.of(builder.build(), 60, 10);
        final StringWriter text = new StringWriter();
        summary.print(new PrintWriter(text), 10);

        assertThat(summary.faults(FaultKind.PREEMPT.code())).isEqualTo(2);
        assertThat(summary.faults(FaultKind.OUTAGE_START.code())).isEqualTo(1);
        assertThat(summary.faults(0)).isEqualTo(1);
        assertThat(text.toString()).contains("by kind: preempt 2, outage_start 1, unknown code 1")
            .contains("fault events per bucket");
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldMatchDirectComputationWhenRandomTraceIsStreamedFromBinary(final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final TraceKind kind = TraceKind.values()[random.nextInt(4)];
        final TraceTable.Builder builder = TraceTable.builder(kind);
        if (kind == TraceKind.LOAD_RATE)
        {
            builder.stepNs(MINUTE_NS);
        }
        final int keys = 1 + random.nextInt(20);
        for (int key = 0; key < keys; key++)
        {
            final String[] fields = new String[kind.keyFields().size()];
            java.util.Arrays.fill(fields, "");
            fields[0] = "k" + key;
            builder.keys().intern(fields);
        }
        final int rows = 1 + random.nextInt(5000);
        long timeNs = T0_NS;
        for (int row = 0; row < rows; row++)
        {
            timeNs += random.nextInt(3) == 0 ? 0 : random.nextLong(10 * MINUTE_NS);
            builder.add(timeNs, random.nextInt(keys), kind == TraceKind.FAULTS ? 1 + random.nextInt(8) : 0,
                random.nextInt(10) == 0 ? Double.NaN : random.nextDouble() * 100);
        }
        final TraceTable table = builder.build();
        final Path file = tempDir.resolve("random.wtb");
        BinaryTraceWriter.write(table, file, 1 + random.nextInt(500));
        final int buckets = 1 + random.nextInt(100);

        final TraceSummary fromTable = TraceSummary.of(table, buckets, 5);
        final TraceSummary streamed;
        try (BinaryTraceCursor cursor = BinaryTraceFile.replay(file))
        {
            final BinaryTraceFile binary = cursor.file();
            streamed = TraceSummary.of(cursor, binary.stepNs(), binary.firstTimeNs(), binary.lastTimeNs(), buckets, 5);
        }

        assertThat(streamed.rowCount()).isEqualTo(rows);
        assertThat(streamed.bucketCount()).isLessThanOrEqualTo(buckets).isEqualTo(fromTable.bucketCount());
        assertThat(streamed.totalSeries()).containsExactly(fromTable.totalSeries());
        for (int key = 0; key < keys; key++)
        {
            BigDecimal exactSum = BigDecimal.ZERO;
            long counted = 0;
            long all = 0;
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (int row = 0; row < rows; row++)
            {
                if (table.keyId(row) == key)
                {
                    all++;
                    final double value = table.value(row);
                    if (!Double.isNaN(value))
                    {
                        counted++;
                        exactSum = exactSum.add(new BigDecimal(value));
                        min = Math.min(min, value);
                        max = Math.max(max, value);
                    }
                }
            }
            assertThat(streamed.keyRows(key)).isEqualTo(all);
            assertThat(streamed.keyNanRows(key)).isEqualTo(all - counted);
            if (counted > 0)
            {
                assertThat(streamed.keyMin(key)).isEqualTo(min);
                assertThat(streamed.keyMax(key)).isEqualTo(max);
                final double exactMean = exactSum.divide(BigDecimal.valueOf(counted), MathContext.DECIMAL128)
                    .doubleValue();
                assertThat(streamed.keyMean(key)).isCloseTo(exactMean, within(Math.ulp(exactMean) * 4));
            }
            else
            {
                assertThat(streamed.keyMean(key)).isNaN();
            }
            if (kind == TraceKind.PRICE && key < 5)
            {
                assertThat(streamed.priceSeries(key)).containsExactly(fromTable.priceSeries(key));
            }
        }
        if (kind != TraceKind.PRICE && kind != TraceKind.LOAD_RATE)
        {
            assertThat(java.util.Arrays.stream(streamed.totalSeries()).sum()).isEqualTo(rows);
        }
    }

    @Test
    void shouldPrintSchemaSpanKeysAndSparklineWhenPriceTraceIsPrinted()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        final int a = builder.keys().intern("aws", "us-east-1", "", "m5.large", "spot");
        builder.keys().intern("aws", "us-west-2", "", "m5.large", "spot");
        builder.keys().intern("gcp", "us-central1", "", "n2", "spot");
        for (int hour = 0; hour < 8; hour++)
        {
            builder.add(T0_NS + hour * HOUR_NS, a, 0, hour);
            builder.add(T0_NS + hour * HOUR_NS, 1, 0, 0.5);
        }
        builder.add(T0_NS + 8 * HOUR_NS - 1, 2, 0, 0.25);
        final StringWriter text = new StringWriter();

        TraceSummary.of(builder.build(), 8, 2).print(new PrintWriter(text), 2);

        assertThat(text.toString())
            .contains("kind:        price")
            .contains("key fields:  provider, region, zone, instance_type, market")
            .contains("rows:        17")
            .contains("keys:        3")
            .contains("time span:   2024-01-01T00:00:00Z .. 2024-01-01T07:59:59.999999999Z (7h 59m 59.999999999s)")
            .contains("per key (2 of 3)")
            .contains("aws/us-east-1/m5.large/spot")
            .contains("... and 1 more keys")
            .contains("price over time (8 buckets of 1h, price at each bucket's end):")
            .contains("\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588  0 .. 7")
            .doesNotContain("gcp/us-central1");
    }

    @Test
    void shouldDrawEightLevelsWhenSparklineIsRendered()
    {
        assertThat(Sparkline.render(new double[] {0, 1, 2, 3, 4, 5, 6, 7, Double.NaN, 99, -5}, 0, 7))
            .isEqualTo("\u2581\u2582\u2583\u2584\u2585\u2586\u2587\u2588 \u2588\u2581");
        assertThat(Sparkline.render(new double[] {3, 3}, 3, 3)).isEqualTo("\u2581\u2581");
        assertThat(Sparkline.range(new double[] {Double.NaN, 2, -1})).containsExactly(-1, 2);
        assertThat(Sparkline.range(new double[] {Double.NaN})).containsExactly(Double.NaN, Double.NaN);
    }

    @Test
    void shouldRoundBucketWidthUpWhenRawWidthIsUneven()
    {
        assertThat(TraceSummary.roundWidthNs(1)).isEqualTo(1);
        assertThat(TraceSummary.roundWidthNs(3)).isEqualTo(5);
        assertThat(TraceSummary.roundWidthNs(6)).isEqualTo(10);
        assertThat(TraceSummary.roundWidthNs(150_000_000L)).isEqualTo(200_000_000L);
        assertThat(TraceSummary.roundWidthNs(999_999_999L)).isEqualTo(1_000_000_000L);
        assertThat(TraceSummary.roundWidthNs(1_000_000_001L)).isEqualTo(2_000_000_000L);
        assertThat(TraceSummary.roundWidthNs(57 * MINUTE_NS + 1)).isEqualTo(HOUR_NS);
        assertThat(TraceSummary.roundWidthNs(11 * HOUR_NS + 59 * MINUTE_NS)).isEqualTo(12 * HOUR_NS);
        assertThat(TraceSummary.roundWidthNs(25 * HOUR_NS)).isEqualTo(48 * HOUR_NS);
        assertThat(TraceSummary.roundWidthNs(-5)).as("unsigned, beyond Long.MAX_VALUE").isEqualTo(-5);
    }

    @Test
    void shouldUseRoundBucketsWhenSpanIsUneven()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.ARRIVALS);
        final int key = builder.keys().intern("");
        builder.add(T0_NS, key, 0, 1).add(T0_NS + 30 * 24 * HOUR_NS - HOUR_NS, key, 0, 1);

        final TraceSummary summary = TraceSummary.of(builder.build(), 60, 0);

        assertThat(summary.bucketWidthNs()).isEqualTo(12 * HOUR_NS);
        assertThat(summary.bucketCount()).isEqualTo(60);
        assertThat(TraceSummary.of(builder.build(), 1, 0).bucketCount()).isEqualTo(1);
    }

    @Test
    void shouldFormatDurationsAndValuesWhenPrinted()
    {
        assertThat(TraceSummary.formatDuration(0)).isEqualTo("0s");
        assertThat(TraceSummary.formatDuration(250_000_000L)).isEqualTo("0.25s");
        assertThat(TraceSummary.formatDuration(90 * 1_000_000_000L)).isEqualTo("1m 30s");
        assertThat(TraceSummary.formatDuration(HOUR_NS + 1_000_000_000L)).isEqualTo("1h 0m 1s");
        assertThat(TraceSummary.formatDuration(24 * HOUR_NS)).isEqualTo("1d");
        assertThat(TraceSummary.formatDuration(-1L)).as("unsigned").isEqualTo("213503d 23h 34m 33.709551615s");
        assertThat(TraceSummary.formatValue(0.0312)).isEqualTo("0.0312");
        assertThat(TraceSummary.formatValue(1234567.0)).isEqualTo("1234570");
        assertThat(TraceSummary.formatValue(2.0 / 3)).isEqualTo("0.666667");
        assertThat(TraceSummary.formatValue(Double.NaN)).isEqualTo("n/a");
        assertThat(TraceSummary.formatValue(1e-9)).isEqualTo("1.00000e-09");
    }
}
