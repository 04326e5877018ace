package io.windtunnel.traces;

import io.windtunnel.traces.binary.BinaryTraceWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One set of rules for every format: a random table written as generic CSV and as binary is accepted by both
 * readers (as equal rows) while its rows obey {@link TraceRules}, and after some values are broken, both readers
 * reject exactly those rows with the same message (the CSV reader may add advice that only holds in CSV).
 */
class TraceRulesTest
{
    private static final long T0_NS = 1_704_067_200_000_000_000L;
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final String[] NAMES = {"aws", "gcp", "us-east-1", "eu-west", "m5.large", "acme, inc."};

    @TempDir
    Path dir;

    static LongStream seeds()
    {
        return new SplittableRandom(1010L).longs(200);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldRejectSameRowsWithSameMessagesInCsvAndBinaryWhenValuesBreakTheRules(final long seed) throws Exception
    {
        final TraceKind kind = TraceKind.values()[(int)Math.floorMod(seed, (long)TraceKind.values().length)];
        final TraceTable valid = table(new SplittableRandom(seed), kind, false);
        final TraceTable broken = table(new SplittableRandom(seed), kind, true);

        assertThat(csvText(read(valid, "csv"))).isEqualTo(csvText(valid));
        assertThat(read(valid, "wtb")).isEqualTo(valid);

        int brokenRows = 0;
        for (int row = 0; row < valid.rowCount(); row++)
        {
            brokenRows += Double.compare(valid.value(row), broken.value(row)) != 0 ? 1 : 0;
        }
        final List<TraceProblem> csv = problems(broken, "csv");
        final List<TraceProblem> binary = problems(broken, "wtb");
        assertThat(binary).as("one problem per broken row").hasSize(brokenRows);
        assertThat(csv).hasSize(brokenRows);
        for (int i = 0; i < csv.size(); i++)
        {
            assertThat(csv.get(i).message()).as("CSV problem %d of seed %d", i, seed)
                .startsWith(binary.get(i).message());
            assertThat(binary.get(i).jsonPath()).startsWith("row ");
            assertThat(binary.get(i).field()).isEqualTo(TraceRules.VALUE_FIELD);
        }
    }

    /**
     * A random table that obeys the rules (no two rows of a key at one time, load rates on one grid), with some
     * values broken when asked; the same seed gives the same rows either way.
     */
    private static TraceTable table(final SplittableRandom random, final TraceKind kind, final boolean breakSome)
    {
        final TraceTable.Builder builder = TraceTable.builder(kind);
        final int keyCount = 1 + random.nextInt(4);
        for (int key = 0; key < keyCount; key++)
        {
            final String[] fields = new String[kind.keyFields().size()];
            for (int field = 0; field < fields.length; field++)
            {
                fields[field] = kind == TraceKind.PRICE && field == 4 ? (random.nextBoolean() ? "spot" : "on-demand") :
                    field == 2 && random.nextBoolean() ? "" : NAMES[random.nextInt(NAMES.length)] + key;
            }
            builder.keys().intern(fields);
        }
        if (kind == TraceKind.LOAD_RATE)
        {
            builder.stepNs(MINUTE_NS);
        }
        final int rows = 1 + random.nextInt(60);
        for (int row = 0; row < rows; row++)
        {
            // Load rates: every key on the minute grid; others: a new time per row, so no row is a duplicate.
            final long timeNs = kind == TraceKind.LOAD_RATE ? T0_NS + (row / keyCount) * MINUTE_NS : T0_NS + row;
            final int keyId = kind == TraceKind.LOAD_RATE ? row % keyCount : random.nextInt(keyCount);
            final int code = kind == TraceKind.FAULTS ? 1 + random.nextInt(8) : 0;
            final double value = validValue(random, kind, code);
            final double bad = badValue(random, kind, code);
            final boolean breakIt = random.nextInt(5) == 0;
            builder.add(timeNs, keyId, code, breakSome && breakIt ? bad : value);
        }
        return builder.build();
    }

    private static double validValue(final SplittableRandom random, final TraceKind kind, final int code)
    {
        switch (kind)
        {
            case ARRIVALS:
                return random.nextInt(4) == 0 ? Double.NaN : 0.5 + random.nextInt(100);
            case FAULTS:
                switch (FaultKind.fromCode(code))
                {
                    case PREEMPT:
                    case INSTANCE_FAILURE:
                        return 1 + random.nextInt(9);
                    case PREEMPT_FRACTION:
                        return 0.125 * (1 + random.nextInt(8));
                    default:
                        return random.nextInt(5);
                }
            default:
                return random.nextInt(3) == 0 ? 0 : random.nextInt(1000) / 64.0;
        }
    }

    /** A finite value the kind refuses (CSV cannot hold NaN or infinities; the binary-only tests cover those). */
    private static double badValue(final SplittableRandom random, final TraceKind kind, final int code)
    {
        if (kind == TraceKind.ARRIVALS)
        {
            return random.nextBoolean() ? 0 : -1.5;
        }
        if (kind == TraceKind.FAULTS)
        {
            switch (FaultKind.fromCode(code))
            {
                case PREEMPT:
                case INSTANCE_FAILURE:
                    return random.nextBoolean() ? 0 : 2.5;
                case PREEMPT_FRACTION:
                    return random.nextBoolean() ? 0 : 1.5;
                default:
                    return -3;
            }
        }
        return -0.25 - random.nextInt(10);
    }

    private TraceTable read(final TraceTable table, final String extension) throws Exception
    {
        final Path file = write(table, extension);
        return TraceFormats.detect(file).read(file, ImportOptions.defaults());
    }

    private List<TraceProblem> problems(final TraceTable table, final String extension) throws Exception
    {
        final Path file = write(table, extension);
        final TraceFormatException e = catchThrowableOfType(
            () -> TraceFormats.detect(file).read(file, ImportOptions.defaults()), TraceFormatException.class);
        return e == null ? List.of() : new ArrayList<>(e.problems());
    }

    private Path write(final TraceTable table, final String extension) throws Exception
    {
        final Path file = Files.createTempFile(dir, "trace", "." + extension);
        if (extension.equals("csv"))
        {
            TraceCsvWriter.write(table, file);
        }
        else
        {
            BinaryTraceWriter.write(table, file);
        }
        return file;
    }

    private static String csvText(final TraceTable table) throws Exception
    {
        final StringWriter text = new StringWriter();
        TraceCsvWriter.write(table, text);
        return text.toString();
    }
}
