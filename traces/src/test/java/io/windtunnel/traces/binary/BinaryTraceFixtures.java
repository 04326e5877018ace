package io.windtunnel.traces.binary;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

/**
 * Tables for binary format tests: one hand-made table per kind (with NaN values and empty key fields where the
 * kind allows them), seeded random tables, and the checked-in fixture {@code /fixtures/binary/prices-small.wtb}.
 * <p>
 * Regenerate the fixture (only after a deliberate format change, which also needs a new format version):
 * {@code java -cp traces/target/classes:traces/target/test-classes:<deps> io.windtunnel.traces.binary.BinaryTraceFixtures
 * traces/src/test/resources/fixtures/binary/prices-small.wtb}.
 */
public final class BinaryTraceFixtures
{
    static final String FIXTURE = "/fixtures/binary/prices-small.wtb";
    static final int FIXTURE_ROWS_PER_BLOCK = 16;
    static final long T0_NS = 1_704_067_200_000_000_000L; // 2024-01-01T00:00:00Z
    static final long HOUR_NS = 3_600_000_000_000L;

    private BinaryTraceFixtures()
    {
    }

    /**
     * Write the fixture.
     *
     * @param args the output path.
     * @throws IOException if writing fails.
     */
    public static void main(final String[] args) throws IOException
    {
        BinaryTraceWriter.write(pricesSmall(), Path.of(args[0]), FIXTURE_ROWS_PER_BLOCK);
    }

    /**
     * Declare a span in a version 2 file whatever its rows, as only a hand-made file can ({@link BinaryTraceWriter}
     * refuses rows outside the span): the footer's span section is rewritten and the footer checksum recomputed.
     *
     * @param file    a file {@link BinaryTraceWriter} wrote.
     * @param startNs span start, epoch ns.
     * @param endNs   span end, epoch ns (exclusive).
     * @throws IOException if the file cannot be read or written.
     */
    public static void declareSpan(final Path file, final long startNs, final long endNs) throws IOException
    {
        final byte[] bytes = Files.readAllBytes(file);
        // The span section is the 20 bytes before the footer checksum: flag, start, end.
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 24, 1)
            .putLong(bytes.length - 20, startNs).putLong(bytes.length - 12, endNs);
        sealFooter(bytes);
        Files.write(file, bytes);
    }

    /**
     * Recompute the footer checksum of a file's bytes (where the header's footer offset is still plausible).
     *
     * @param bytes a whole file.
     */
    static void sealFooter(final byte[] bytes)
    {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final long footer = buffer.getLong(40);
        if (footer < 0 || footer > bytes.length - 4)
        {
            return;
        }
        final CRC32C crc = new CRC32C();
        crc.update(bytes, (int)footer, bytes.length - 4 - (int)footer);
        buffer.putInt(bytes.length - 4, (int)crc.getValue());
    }

    /**
     * @return 41 price rows of 3 keys over 40 hours (three blocks of 16 in the fixture), ties included.
     */
    static TraceTable pricesSmall()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        final int spot = builder.keys().intern("aws", "us-east-1", "us-east-1a", "m5.large", "spot");
        final int onDemand = builder.keys().intern("aws", "us-east-1", "", "m5.large", "on-demand");
        final int gcp = builder.keys().intern("gcp", "europe-west4", "europe-west4-b", "n2-standard-4", "spot");
        builder.add(T0_NS, onDemand, 0, 0.096);
        for (int hour = 0; hour < 20; hour++)
        {
            builder.add(T0_NS + hour * 2 * HOUR_NS, spot, 0, 0.03 + 0.001 * (hour % 7));
            builder.add(T0_NS + hour * 2 * HOUR_NS, gcp, 0, 0.05 + 0.0005 * (hour % 5));
        }
        return builder.build();
    }

    /**
     * @param kind a kind.
     * @return a small table of that kind exercising what the kind allows: NaN service demand, empty key fields,
     * every fault code, equal times, negative (pre-1970) times, a step for load rates.
     */
    static TraceTable sample(final TraceKind kind)
    {
        final TraceTable.Builder builder = TraceTable.builder(kind);
        final KeyDictionary keys = builder.keys();
        switch (kind)
        {
            case PRICE:
            {
                final int a = keys.intern("aws", "us-east-1", "", "m5.large", "spot");
                final int b = keys.intern("azure", "west europe", "1", "Standard_D2s_v5", "on-demand");
                final int c = keys.intern("", "", "", "", "");
                builder.add(-HOUR_NS, c, 0, 0);
                builder.add(T0_NS, a, 0, 0.0312);
                builder.add(T0_NS, b, 0, 0.096);
                builder.add(T0_NS + HOUR_NS, a, 0, 0.0335);
                builder.add(T0_NS + HOUR_NS + 1, b, 0, 1e-9);
                builder.add(T0_NS + 2 * HOUR_NS, a, 0, Double.NaN);
                break;
            }
            case LOAD_RATE:
            {
                builder.stepNs(60_000_000_000L);
                final int all = keys.intern("");
                final int eu = keys.intern("eu-west-1");
                for (int minute = 0; minute < 5; minute++)
                {
                    builder.add(T0_NS + minute * 60_000_000_000L, all, 0, 100 * minute);
                    builder.add(T0_NS + minute * 60_000_000_000L, eu, 0, 12.5 + minute);
                }
                break;
            }
            case ARRIVALS:
            {
                final int us = keys.intern("us-east-1");
                final int none = keys.intern("");
                builder.add(T0_NS, us, 0, 12.5);
                builder.add(T0_NS, none, 0, Double.NaN);
                builder.add(T0_NS + 1, us, 0, Double.NaN);
                builder.add(T0_NS + 1_000, none, 0, 0.25);
                break;
            }
            case FAULTS:
            {
                final int zone = keys.intern("aws", "us-east-1", "us-east-1a", "m5.large");
                final int region = keys.intern("aws", "us-east-1", "", "");
                long timeNs = T0_NS;
                for (final FaultKind fault : FaultKind.values())
                {
                    // A count each kind allows (TraceRules), so the binary reader accepts the table too.
                    final double count = switch (fault)
                    {
                        case PREEMPT, INSTANCE_FAILURE -> 1 + fault.ordinal();
                        case PREEMPT_FRACTION -> 0.25;
                        default -> fault.ordinal();
                    };
                    builder.add(timeNs, fault.ordinal() % 2 == 0 ? zone : region, fault.code(), count);
                    timeNs += HOUR_NS;
                }
                break;
            }
            case TRANSFER:
            {
                final int free = keys.intern("*", "internet", "0");
                final int paid = keys.intern("*", "internet", "100");
                final int gcp = keys.intern("gcp", "other-region", "0");
                builder.add(T0_NS, free, 0, 0).add(T0_NS, paid, 0, 0.09).add(T0_NS, gcp, 0, 0.01);
                builder.add(T0_NS + HOUR_NS, paid, 0, 0.085);
                break;
            }
            default:
                throw new IllegalArgumentException(kind.toString());
        }
        return builder.build();
    }

    /**
     * @param random source of the table.
     * @return a random table: random kind, 0 to 3000 rows, keys with empty, comma, quote and non-ASCII fields,
     * values including NaN, infinities, -0.0 and subnormals, many equal times.
     */
    static TraceTable random(final SplittableRandom random)
    {
        final TraceKind kind = TraceKind.values()[random.nextInt(TraceKind.values().length)];
        final TraceTable.Builder builder = TraceTable.builder(kind);
        if (kind == TraceKind.LOAD_RATE)
        {
            builder.stepNs(1 + random.nextLong(3_600_000_000_000L));
        }
        final int fields = kind.keyFields().size();
        final int keyCount = 1 + random.nextInt(random.nextBoolean() ? 3 : 300);
        for (int key = 0; key < keyCount; key++)
        {
            final String[] values = new String[fields];
            for (int field = 0; field < fields; field++)
            {
                values[field] = randomText(random);
            }
            builder.keys().intern(values);
        }
        final int keys = builder.keys().size();
        final int rows = random.nextInt(8) == 0 ? 0 : random.nextInt(3000);
        long timeNs = random.nextLong(-4_000_000_000_000_000_000L, 4_000_000_000_000_000_000L);
        for (int row = 0; row < rows; row++)
        {
            if (random.nextInt(3) != 0)
            {
                timeNs += random.nextLong(1_000_000_000_000L);
            }
            final int code = kind == TraceKind.FAULTS ? 1 + random.nextInt(8) : 0;
            builder.add(timeNs, random.nextInt(keys), code, randomValue(random));
        }
        return builder.build();
    }

    private static String randomText(final SplittableRandom random)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return "";
            case 1:
                return "zone, \"quoted\"";
            case 2:
                return "r\u00e9gion-\u6771\u4eac-" + random.nextInt(10);
            default:
                return "k" + random.nextInt(50);
        }
    }

    private static double randomValue(final SplittableRandom random)
    {
        switch (random.nextInt(12))
        {
            case 0:
                return Double.NaN;
            case 1:
                return -0.0;
            case 2:
                return Double.MIN_VALUE;
            case 3:
                return Double.POSITIVE_INFINITY;
            case 4:
                return random.nextInt(1000);
            default:
                return random.nextDouble() * Math.pow(10, random.nextInt(-6, 7));
        }
    }
}
