package io.windtunnel.traces.csv;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.GapPolicy;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceCsvWriter;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Table to CSV (through {@link TraceCsvWriter}) to table gives the same table, for hand-picked edge cases and for
 * random valid tables of every kind from fixed seeds.
 */
class CsvRoundTripTest
{
    private static final long T0_NS = 1_704_067_200_000_000_000L;
    private static final String[] NAMES = {"aws", "gcp", "azure", "us-east-1", "eu-west", "acme, inc.",
        "lab \"north\"", "two\nlines", "cr\r\nlf", "ünïcödé", "a b", "#hash", "'single'"};

    @TempDir
    Path dir;

    private static TraceReader readerFor(final TraceKind kind)
    {
        switch (kind)
        {
            case PRICE:
                return new PriceCsvReader();
            case LOAD_RATE:
                return new RateCsvReader();
            case ARRIVALS:
                return new ArrivalsCsvReader();
            default:
                return new FaultsCsvReader();
        }
    }

    private TraceTable roundTrip(final TraceTable table, final String name) throws Exception
    {
        final Path file = dir.resolve(name);
        TraceCsvWriter.write(table, file);
        assertThat(TraceFormats.detect(file)).as("detected from what the writer wrote")
            .isInstanceOf(readerFor(table.kind()).getClass());
        return readerFor(table.kind()).read(file, ImportOptions.defaults());
    }

    @Test
    void shouldRoundTripPricesWithEmptyZoneQuotedFieldsAndExtremeValues() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        final int a = builder.keys().intern("aws", "us-east-1", "", "m5.large", "spot");
        final int b = builder.keys().intern("acme, inc.", "lab \"north\"", "zone\nB", "big \"box\"", "on-demand");
        builder.add(T0_NS, a, 0, 0.0351).add(T0_NS, b, 0, 0).add(T0_NS + 1, a, 0, 1e20)
            .add(T0_NS + 2, b, 0, Double.MIN_VALUE).add(T0_NS + 3, a, 0, 123_456_789.123_456_7);
        final TraceTable table = builder.build();
        assertThat(roundTrip(table, "prices.csv")).isEqualTo(table);
    }

    @Test
    void shouldRoundTripRatesWithRegionsAndWithoutThem() throws Exception
    {
        final TraceTable.Builder regions = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(60_000_000_000L);
        final int eu = regions.keys().intern("eu, west");
        final int us = regions.keys().intern("us");
        for (int i = 0; i < 5; i++)
        {
            regions.add(T0_NS + i * 60_000_000_000L, eu, 0, i * 1.5).add(T0_NS + i * 60_000_000_000L, us, 0, 7);
        }
        final TraceTable withRegions = regions.build();
        assertThat(roundTrip(withRegions, "regions.csv")).isEqualTo(withRegions);

        final TraceTable.Builder single = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(250_000_000L);
        final int all = single.keys().intern("");
        single.add(T0_NS, all, 0, 3).add(T0_NS + 250_000_000L, all, 0, 0);
        final TraceTable oneSeries = single.build();
        assertThat(roundTrip(oneSeries, "single.csv")).isEqualTo(oneSeries);
        assertThat(Files.readString(dir.resolve("single.csv"))).startsWith("# step: 250ms\ntime,requests\n");
    }

    @Test
    void shouldRoundTripZeroFilledRates() throws Exception
    {
        final Path gappy = CsvTestFiles.write(dir, "gappy.csv", "time,region,requests\n" +
            "2024-01-01T00:00:00Z,a,1\n2024-01-01T00:00:00Z,b,1\n2024-01-01T00:01:00Z,a,1\n" +
            "2024-01-01T00:03:00Z,a,1\n2024-01-01T00:03:00Z,b,2\n");
        final TraceTable filled = new RateCsvReader().read(gappy,
            ImportOptions.defaults().withGapPolicy(GapPolicy.ZERO_FILL));
        assertThat(filled.rowCount()).isEqualTo(8);
        assertThat(roundTrip(filled, "filled.csv")).isEqualTo(filled);
    }

    @Test
    void shouldRoundTripArrivalsWithNaNServiceAndWithoutServiceColumn() throws Exception
    {
        final TraceTable.Builder mixed = TraceTable.builder(TraceKind.ARRIVALS);
        final int eu = mixed.keys().intern("eu-west");
        final int none = mixed.keys().intern("");
        mixed.add(T0_NS, eu, 0, 12.5).add(T0_NS, eu, 0, Double.NaN).add(T0_NS, none, 0, 0.001)
            .add(T0_NS + 7, eu, 0, Double.NaN);
        final TraceTable table = mixed.build();
        assertThat(roundTrip(table, "mixed.csv")).isEqualTo(table);

        final TraceTable.Builder bare = TraceTable.builder(TraceKind.ARRIVALS);
        final int all = bare.keys().intern("");
        bare.add(T0_NS, all, 0, Double.NaN).add(T0_NS + 1, all, 0, Double.NaN);
        final TraceTable times = bare.build();
        assertThat(roundTrip(times, "bare.csv")).isEqualTo(times);
        assertThat(Files.readString(dir.resolve("bare.csv"), StandardCharsets.UTF_8)).startsWith("time\n");
    }

    @Test
    void shouldRoundTripFaultsOfEveryKind() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.FAULTS);
        final int key = builder.keys().intern("aws", "us-east-1", "", "");
        final int typed = builder.keys().intern("gcp", "europe, west1", "b", "n2-standard-4");
        final double[] values = {3, 0.25, 0, 0, 12.5, 1, 0, 0};
        for (final FaultKind kind : FaultKind.values())
        {
            builder.add(T0_NS + kind.code(), key, kind.code(), values[kind.code() - 1]);
            builder.add(T0_NS + kind.code(), typed, kind.code(), values[kind.code() - 1]);
        }
        final TraceTable table = builder.build();
        assertThat(roundTrip(table, "faults.csv")).isEqualTo(table);
    }

    static LongStream seeds()
    {
        return LongStream.range(0, 400);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldReadBackEveryRandomValidTableWhenWrittenAsCsv(final long seed) throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed * 0x9E3779B97F4A7C15L + 12345);
        final TraceKind kind = TraceKind.fromCode(1 + (int)(seed % 4));
        final TraceTable table = randomTable(kind, random);
        assertThat(roundTrip(table, "random-" + seed + ".csv")).as("seed %d, %s", seed, table).isEqualTo(table);
    }

    private static TraceTable randomTable(final TraceKind kind, final SplittableRandom random)
    {
        final List<Row> rows = new ArrayList<>();
        final long startNs = random.nextLong(-5_000_000_000_000_000_000L, 7_000_000_000_000_000_000L);
        long stepNs = 0;
        if (kind == TraceKind.LOAD_RATE)
        {
            final long[] steps = {7, 1_000_000, 250_000_000, 1_000_000_000, 60_000_000_000L, 3_600_000_000_000L,
                86_400_000_000_000L};
            stepNs = steps[random.nextInt(steps.length)];
            final int regions = random.nextInt(4);
            final Set<String> used = new HashSet<>();
            for (int r = 0; r < regions; r++)
            {
                final String region = r == 0 && random.nextBoolean() ? "" : name(random);
                if (!used.add(region))
                {
                    continue;
                }
                final long offsetNs = startNs + random.nextLong(0, 10 * stepNs);
                final int count = random.nextInt(30);
                for (int i = 0; i < count; i++)
                {
                    rows.add(new Row(offsetNs + i * stepNs, new String[] {region}, 0, nonNegative(random)));
                }
            }
        }
        else
        {
            final int count = random.nextInt(60);
            final Set<String> identities = new HashSet<>();
            long timeNs = startNs;
            for (int i = 0; i < count; i++)
            {
                timeNs += nextIncrementNs(random);
                final Row row = randomRow(kind, timeNs, random);
                if (kind == TraceKind.ARRIVALS || identities.add(row.identity()))
                {
                    rows.add(row);
                }
            }
        }
        rows.sort((x, y) -> Long.compare(x.timeNs, y.timeNs));
        final TraceTable.Builder builder = TraceTable.builder(kind).stepNs(stepNs);
        for (final Row row : rows)
        {
            builder.add(row.timeNs, builder.keys().intern(row.key), row.code, row.value);
        }
        return builder.build();
    }

    private static Row randomRow(final TraceKind kind, final long timeNs, final SplittableRandom random)
    {
        switch (kind)
        {
            case PRICE:
                return new Row(timeNs, new String[] {name(random), name(random), random.nextBoolean() ? "" :
                    name(random), name(random), random.nextBoolean() ? "spot" : "on-demand"}, 0, nonNegative(random));
            case ARRIVALS:
                return new Row(timeNs, new String[] {random.nextInt(3) == 0 ? "" : name(random)}, 0,
                    random.nextInt(3) == 0 ? Double.NaN : Math.max(Double.MIN_VALUE, nonNegative(random)));
            default:
            {
                final FaultKind fault = FaultKind.fromCode(1 + random.nextInt(8));
                final double value;
                switch (fault)
                {
                    case PREEMPT:
                    case INSTANCE_FAILURE:
                        value = 1 + random.nextInt(1000);
                        break;
                    case PREEMPT_FRACTION:
                        value = random.nextBoolean() ? 1.0 : 1.0 - random.nextDouble();
                        break;
                    case CAPACITY:
                        value = nonNegative(random);
                        break;
                    default:
                        value = random.nextInt(4) == 0 ? random.nextInt(3) : 0;
                }
                return new Row(timeNs, new String[] {name(random), name(random), random.nextBoolean() ? "" :
                    name(random), random.nextBoolean() ? "" : name(random)}, fault.code(), value);
            }
        }
    }

    private static long nextIncrementNs(final SplittableRandom random)
    {
        switch (random.nextInt(5))
        {
            case 0:
                return 0;
            case 1:
                return 1 + random.nextInt(1000);
            case 2:
                return 1_000_000_000L * (1 + random.nextInt(3600));
            default:
                return random.nextLong(1, 86_400_000_000_000L);
        }
    }

    private static double nonNegative(final SplittableRandom random)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return 0;
            case 1:
                return random.nextInt(100_000);
            case 2:
                return Math.round(random.nextDouble() * 1e6) / 1e4;
            case 3:
                return random.nextDouble() * Math.pow(10, random.nextInt(-300, 300));
            case 4:
                return 1e15 + random.nextInt(1000);
            default:
                return random.nextDouble();
        }
    }

    private static String name(final SplittableRandom random)
    {
        return NAMES[random.nextInt(NAMES.length)] + (random.nextBoolean() ? "" : "-" + random.nextInt(3));
    }

    private record Row(long timeNs, String[] key, int code, double value)
    {
        String identity()
        {
            return timeNs + "\u0000" + String.join("\u0000", key) + "\u0000" + code;
        }
    }

    @Test
    void shouldRoundTripArrivalsWithSizeColumnsAndRefuseThemInTheBinaryFormat() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.ARRIVALS);
        final int eu = builder.keys().intern("eu-west");
        builder.sizeColumn(TraceTable.RESPONSE_BYTES).sizeColumn(TraceTable.READ_BYTES);
        builder.add(T0_NS, eu, 0, Double.NaN).sizeBytes(TraceTable.RESPONSE_BYTES, 1L << 40)
            .sizeBytes(TraceTable.READ_BYTES, 0);
        builder.add(T0_NS + 1, eu, 0, 3.5).sizeBytes(TraceTable.RESPONSE_BYTES, 17);
        final TraceTable table = builder.build();
        final TraceTable back = roundTrip(table, "sizes.csv");
        assertThat(back).isEqualTo(table);
        assertThat(back.sizeBytes(TraceTable.READ_BYTES, 1)).isEqualTo(-1);
        assertThat(Files.readString(dir.resolve("sizes.csv"), StandardCharsets.UTF_8)).startsWith(
            "time,region,service_ms,response_bytes,read_bytes\n2024-01-01T00:00:00Z,eu-west,,1099511627776,0\n");
        // The same rows without sizes are a different table.
        final TraceTable.Builder plain = TraceTable.builder(TraceKind.ARRIVALS);
        final int p = plain.keys().intern("eu-west");
        plain.add(T0_NS, p, 0, Double.NaN).add(T0_NS + 1, p, 0, 3.5);
        assertThat(plain.build()).isNotEqualTo(table);
        org.assertj.core.api.Assertions.assertThatThrownBy(() ->
                io.windtunnel.traces.binary.BinaryTraceWriter.write(table, dir.resolve("sizes.wtb")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("does not carry size columns");
        assertThat(dir.resolve("sizes.wtb")).doesNotExist();
    }
}
