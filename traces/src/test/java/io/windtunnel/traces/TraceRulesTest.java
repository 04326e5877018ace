package io.windtunnel.traces;

import io.windtunnel.traces.binary.BinaryTraceFixtures;
import io.windtunnel.traces.binary.BinaryTraceWriter;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Pattern;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * One set of rules for every format: a random table written as generic CSV and as binary is accepted by both
 * readers (as equal rows) while its rows obey {@link TraceRules} and {@link TraceSeriesRules}; after some values are
 * broken, or rows are repeated, moved off the load-rate grid, dropped (gaps) or left outside a declared span, both
 * readers reject exactly those rows with the same message, only located differently ({@code line 7} in CSV,
 * {@code row 5} in binary; the CSV reader may add advice that only holds in CSV).
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

    static LongStream seriesSeeds()
    {
        return new SplittableRandom(2020L).longs(300);
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

    @ParameterizedTest
    @MethodSource("seriesSeeds")
    void shouldFlagSameRowsWithSameMessagesInCsvAndBinaryWhenRowsBreakTheSeriesRules(final long seed) throws Exception
    {
        final TraceKind kind = TraceKind.values()[(int)Math.floorMod(seed, (long)TraceKind.values().length)];
        final SplittableRandom random = new SplittableRandom(seed);
        final Broken broken = breakSeries(table(random, kind, false), random);
        final Path csvFile = write(broken.table(), "csv");
        final Path binaryFile = write(broken.table(), "wtb");
        if (broken.span() != null)
        {
            // Writers refuse rows outside a span, so it is declared afterwards, as in a hand-made file.
            final String text = Files.readString(csvFile);
            Files.writeString(csvFile, "# span: " + broken.span() + "\n" + text);
            BinaryTraceFixtures.declareSpan(binaryFile, broken.span().startNs(), broken.span().endNs());
        }
        final int firstDataLine = firstDataLine(Files.readString(csvFile));

        for (final GapPolicy gaps : GapPolicy.values())
        {
            final ImportOptions options = ImportOptions.defaults().withGapPolicy(gaps);
            final List<TraceProblem> csv = problems(csvFile, options);
            final List<TraceProblem> binary = problems(binaryFile, options);
            assertThat(binary).as("problems of seed %d under %s: %s", seed, gaps, csv).hasSameSizeAs(csv);
            for (int i = 0; i < csv.size(); i++)
            {
                final TraceProblem inCsv = csv.get(i);
                final TraceProblem inBinary = binary.get(i);
                final long row = inCsv.line() - firstDataLine;
                assertThat(inBinary.jsonPath()).as("CSV problem %s of seed %d", inCsv.describe(), seed)
                    .isEqualTo("row " + row);
                assertThat(inBinary.field()).isEqualTo(TraceRules.TIME_FIELD);
                assertThat(inCsv.field()).isEqualTo("time");
                final String located = relocate(inCsv.message(), firstDataLine);
                assertThat(located).as("CSV problem %s of seed %d", inCsv.describe(), seed)
                    .startsWith(inBinary.message());
                assertThat(located.substring(inBinary.message().length()))
                    .isIn("", "; correct the span comment or remove the rows");
            }
            if (csv.isEmpty() && broken.table().rowCount() > 0)
            {
                // Equal rows (an empty CSV has no keys to write, while an empty binary keeps its dictionary).
                assertThat(csvText(read(binaryFile, options))).isEqualTo(csvText(read(csvFile, options)));
            }
            final List<String> messages = binary.stream().map(TraceProblem::message).toList();
            if (broken.duplicated() && kind != TraceKind.ARRIVALS)
            {
                assertThat(messages).as("seed %d", seed).anyMatch(m -> m.startsWith("duplicate: "));
            }
            if (broken.rowsOutsideSpan())
            {
                assertThat(messages).as("seed %d", seed).anyMatch(m -> m.contains(" the declared span "));
            }
            if (broken.offGrid() || (broken.gap() && gaps == GapPolicy.ERROR))
            {
                assertThat(messages).as("seed %d", seed)
                    .anyMatch(m -> m.startsWith("gap: ") || m.contains("is not a multiple of the step"));
            }
            if (!broken.duplicated() && !broken.rowsOutsideSpan() && !broken.offGrid() && !broken.gap())
            {
                assertThat(binary).as("seed %d breaks no rule", seed).isEmpty();
            }
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 6, 7, 30})
    void shouldNameEarlierRowOfEachDuplicateInCsvAndBinaryWhateverTheNumberOfRowsAtOneTime(final int keys)
        throws Exception
    {
        // keys prices at one time, then a second row for the first and the last key: groups of 3 to 32 rows.
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        for (int key = 0; key < keys; key++)
        {
            builder.keys().intern("aws", "region-" + key, "", "m5.large", "spot");
            builder.add(T0_NS, key, 0, 0.01 * key);
        }
        builder.add(T0_NS, 0, 0, 1).add(T0_NS, keys - 1, 0, 2).add(T0_NS + MINUTE_NS, 0, 0, 3);
        final TraceTable table = builder.build();

        final List<String> binary = problems(write(table, "wtb"), ImportOptions.defaults()).stream()
            .map(problem -> problem.jsonPath() + ": " + problem.message()).toList();
        final List<String> csv = problems(write(table, "csv"), ImportOptions.defaults()).stream()
            .map(problem -> relocate("line " + problem.line() + ": " + problem.message(), 2)).toList();

        assertThat(binary).containsExactly(
            "row " + keys + ": duplicate: aws/region-0/m5.large/spot already has a row at 2024-01-01T00:00:00Z on row 0",
            "row " + (keys + 1) + ": duplicate: aws/region-" + (keys - 1) + "/m5.large/spot already has a row at " +
                "2024-01-01T00:00:00Z on row " + (keys - 1));
        assertThat(csv).isEqualTo(binary);
    }

    /**
     * What {@link #breakSeries} made: the rows, a span to declare (or null), and which rules it broke for sure.
     */
    private record Broken(TraceTable table, TraceSpan span, boolean duplicated, boolean offGrid, boolean gap,
        boolean rowsOutsideSpan)
    {
    }

    /**
     * A copy of a valid table with some rows repeated (same key, code and time, another valid value), and for load
     * rates some rows moved off the step's grid or dropped, and maybe a span that leaves some rows out. Only breaks
     * that a rule must catch are recorded: a row moved or dropped counts when its key has rows before and after it.
     */
    private static Broken breakSeries(final TraceTable valid, final SplittableRandom random)
    {
        final TraceKind kind = valid.kind();
        final TraceTable.Builder builder = TraceTable.builder(kind).stepNs(valid.stepNs());
        for (int key = 0; key < valid.keys().size(); key++)
        {
            builder.keys().intern(valid.keys().fields(key));
        }
        boolean duplicated = false;
        boolean offGrid = false;
        boolean gap = false;
        for (int row = 0; row < valid.rowCount(); row++)
        {
            final long timeNs = valid.timeNs(row);
            final int keyId = valid.keyId(row);
            final int code = valid.code(row);
            final boolean inside = kind == TraceKind.LOAD_RATE && hasRowOfKey(valid, keyId, 0, row) &&
                hasRowOfKey(valid, keyId, row + 1, valid.rowCount());
            final int change = random.nextInt(10);
            if (kind == TraceKind.LOAD_RATE && change == 0)
            {
                gap |= inside;
                continue;
            }
            if (kind == TraceKind.LOAD_RATE && change == 1)
            {
                // Seconds past the minute grid: on no multiple of the step from its key's other rows.
                builder.add(timeNs + (1 + random.nextInt(59)) * 1_000_000_000L, keyId, code, valid.value(row));
                offGrid |= inside;
                continue;
            }
            builder.add(timeNs, keyId, code, valid.value(row));
            if (change == 2)
            {
                builder.add(timeNs, keyId, code, validValue(random, kind, code));
                duplicated = true;
            }
        }
        final TraceTable table = builder.build();
        TraceSpan span = null;
        boolean rowsOutsideSpan = false;
        if (table.rowCount() > 0 && random.nextBoolean())
        {
            final long firstNs = table.timeNs(0);
            final long lastEndNs = table.rowEndNs(table.rowCount() - 1);
            final long lengthNs = Math.max(1, lastEndNs - firstNs);
            final long startNs = firstNs + (random.nextBoolean() ? -random.nextLong(lengthNs) : random.nextLong(lengthNs));
            final long endNs = Math.max(startNs + 1, lastEndNs + (random.nextBoolean() ? random.nextLong(lengthNs) :
                -random.nextLong(lengthNs)));
            span = new TraceSpan(startNs, endNs);
            for (int row = 0; row < table.rowCount(); row++)
            {
                rowsOutsideSpan |= !TraceTable.rowInSpan(kind, table.stepNs(), table.timeNs(row), startNs, endNs);
            }
        }
        return new Broken(table, span, duplicated, offGrid, gap, rowsOutsideSpan);
    }

    private static boolean hasRowOfKey(final TraceTable table, final int keyId, final int from, final int to)
    {
        for (int row = from; row < to; row++)
        {
            if (table.keyId(row) == keyId)
            {
                return true;
            }
        }
        return false;
    }

    /** The 1-based line of a CSV's first row: the line after its header (the first line that is not a comment). */
    private static int firstDataLine(final String csv)
    {
        final String[] lines = csv.split("\n", -1);
        int line = 0;
        while (lines[line].startsWith("#"))
        {
            line++;
        }
        return line + 2;
    }

    /** A CSV message with each {@code line N} it names as the binary reader names it, {@code row M}. */
    private static String relocate(final String message, final int firstDataLine)
    {
        return Pattern.compile("line (\\d+)").matcher(message)
            .replaceAll(match -> "row " + (Long.parseLong(match.group(1)) - firstDataLine));
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
                    kind == TraceKind.TRANSFER && field > 0 ? (field == 1 ?
                        TraceRules.LINK_CLASSES.get(random.nextInt(TraceRules.LINK_CLASSES.size())) : "0") :
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
        return read(write(table, extension), ImportOptions.defaults());
    }

    private static TraceTable read(final Path file, final ImportOptions options) throws Exception
    {
        return TraceFormats.detect(file).read(file, options);
    }

    private List<TraceProblem> problems(final TraceTable table, final String extension) throws Exception
    {
        return problems(write(table, extension), ImportOptions.defaults());
    }

    private static List<TraceProblem> problems(final Path file, final ImportOptions options)
    {
        final TraceFormatException e = catchThrowableOfType(
            () -> TraceFormats.detect(file).read(file, options), TraceFormatException.class);
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
