package io.windtunnel.cli;

import io.windtunnel.traces.TraceCsvWriter;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.binary.BinaryTraceFile;
import io.windtunnel.traces.binary.BinaryTraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class TraceConvertCommandTest
{
    /** The generic CSV reader of each kind, written by another part of the project and looked up at runtime. */
    private static final Map<TraceKind, String> CSV_FORMATS = Map.of(
        TraceKind.PRICE, "price-csv", TraceKind.LOAD_RATE, "rate-csv", TraceKind.ARRIVALS, "arrivals-csv",
        TraceKind.FAULTS, "faults-csv");

    @TempDir
    Path tempDir;

    static LongStream seeds()
    {
        return new SplittableRandom(8080L).longs(60);
    }

    @Test
    void shouldCarryDeclaredSpanThroughBinaryAndBackWhenCsvDeclaresOne() throws Exception
    {
        final Path csv = tempDir.resolve("faults.csv");
        final String text = "# span: 2024-01-01T00:00:00Z/2024-01-03T00:00:00Z\n" +
            "time,provider,region,zone,instance_type,kind,count\n" +
            "2024-01-01T05:00:00Z,aws,us-east-1,,m5.large,preempt,2\n";
        Files.writeString(csv, text);
        final Path binary = tempDir.resolve("faults.wtb");

        assertThat(CliRun.of("trace", "convert", csv.toString(), binary.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        final TraceTable table = BinaryTraceFile.readTable(binary);
        assertThat(table.spanDeclared()).isTrue();
        assertThat(table.spanStartNs()).isEqualTo(1_704_067_200_000_000_000L);
        assertThat(table.spanEndNs()).isEqualTo(1_704_067_200_000_000_000L + 2 * 86_400_000_000_000L);
        final CliRun inspect = CliRun.of("trace", "inspect", binary.toString());
        assertThat(inspect.out()).contains("declared span: 2024-01-01T00:00:00Z/2024-01-03T00:00:00Z (2d)");

        final Path back = tempDir.resolve("back.csv");
        assertThat(CliRun.of("trace", "convert", binary.toString(), back.toString()).exitCode())
            .isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(back)).isEqualTo(text);
    }

    @ParameterizedTest
    @EnumSource(TraceKind.class)
    void shouldWriteSameCsvAsCsvWriterWhenBinaryIsConvertedToCsv(final TraceKind kind) throws Exception
    {
        final TraceTable table = TraceSamples.sample(kind);
        final Path binary = tempDir.resolve(kind.label() + ".wtb");
        BinaryTraceWriter.write(table, binary);
        final Path csv = tempDir.resolve(kind.label() + ".csv");

        final CliRun run = CliRun.of("trace", "convert", binary.toString(), csv.toString());

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("(binary) to " + csv + " (csv): " + table.rowCount() + " rows, " +
            table.keys().size() + " keys, " + kind.label() + " trace");
        assertThat(Files.readString(csv)).isEqualTo(csvOf(table));
    }

    @ParameterizedTest
    @EnumSource(TraceKind.class)
    void shouldWriteEqualTableWhenBinaryIsConvertedToBinary(final TraceKind kind) throws Exception
    {
        final TraceTable table = TraceSamples.sample(kind);
        final Path in = tempDir.resolve("in.wtb");
        BinaryTraceWriter.write(table, in);
        final Path out = tempDir.resolve("out.trace");

        final CliRun run = CliRun.of("trace", "convert", in.toString(), out.toString(), "--rows-per-block", "3");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("(binary) to " + out + " (binary)");
        assertThat(BinaryTraceFile.readTable(out)).isEqualTo(table);
        try (BinaryTraceFile file = BinaryTraceFile.open(out))
        {
            assertThat(file.rowsPerBlock()).isEqualTo(3);
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldRoundTripRandomTraceWhenConvertedToBinaryAndCsv(final long seed) throws Exception
    {
        final TraceTable table = TraceSamples.random(new SplittableRandom(seed));
        final Path original = tempDir.resolve("original.wtb");
        BinaryTraceWriter.write(table, original, 64);
        final Path copy = tempDir.resolve("copy.wtb");
        final Path csv = tempDir.resolve("copy.csv");

        assertThat(CliRun.of("trace", "convert", "--format", "binary", original.toString(), copy.toString())
            .exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(CliRun.of("trace", "convert", copy.toString(), csv.toString()).exitCode()).isEqualTo(ExitCodes.OK);

        assertThat(BinaryTraceFile.readTable(copy)).isEqualTo(table);
        assertThat(Files.readString(csv)).isEqualTo(csvOf(table));
    }

    @ParameterizedTest
    @EnumSource(TraceKind.class)
    void shouldConvertGenericCsvToBinaryAndBackWhenCsvReaderIsRegistered(final TraceKind kind) throws Exception
    {
        final String format = CSV_FORMATS.get(kind);
        assumeThat(TraceFormats.all().stream().map(TraceReader::formatName)).as("reader " + format).contains(format);
        final TraceTable table = TraceSamples.sample(kind);
        final Path csv = tempDir.resolve("in.csv");
        Files.writeString(csv, csvOf(table));
        final Path binary = tempDir.resolve("out.wtb");
        final Path back = tempDir.resolve("back.csv");

        final CliRun toBinary = CliRun.of("trace", "convert", "--format", format, csv.toString(), binary.toString());
        final CliRun toCsv = CliRun.of("trace", "convert", binary.toString(), back.toString());

        assertThat(toBinary.exitCode()).as(toBinary.err()).isEqualTo(ExitCodes.OK);
        assertThat(toCsv.exitCode()).as(toCsv.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(back)).isEqualTo(csvOf(table));
        assertThat(BinaryTraceFile.readTable(binary).rowCount()).isEqualTo(table.rowCount());
    }

    @Test
    void shouldExitWithInputErrorNamingFileWhenBinaryIsCorrupt() throws Exception
    {
        final Path in = tempDir.resolve("bad.wtb");
        BinaryTraceWriter.write(TraceSamples.sample(TraceKind.PRICE), in);
        final byte[] bytes = Files.readAllBytes(in);
        bytes[64 + 3] ^= 1;
        Files.write(in, bytes);

        final CliRun run = CliRun.of("trace", "convert", in.toString(), tempDir.resolve("out.csv").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(run.err()).contains(in.toString()).contains("block 0 of 1").contains("checksum mismatch")
            .doesNotContain("\tat ");
        assertThat(tempDir.resolve("out.csv")).doesNotExist();
    }

    @Test
    void shouldExitWithInputErrorWhenInputIsMissingOrUnrecognized() throws Exception
    {
        final Path missing = tempDir.resolve("missing.wtb");
        final Path text = Files.writeString(tempDir.resolve("notes.txt"), "hello\n");
        final String out = tempDir.resolve("out.wtb").toString();

        final CliRun noFile = CliRun.of("trace", "convert", missing.toString(), out);
        final CliRun unknown = CliRun.of("trace", "convert", text.toString(), out);
        final CliRun badFormat = CliRun.of("trace", "convert", "--format", "nope", text.toString(), out);
        final CliRun notBinary = CliRun.of("trace", "convert", "--format", "binary", text.toString(), out);

        assertThat(noFile.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(noFile.err()).contains("no such file").contains("missing.wtb");
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(unknown.err()).contains("notes.txt: format not recognized").contains("--format");
        assertThat(badFormat.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(badFormat.err()).contains("unknown trace format 'nope'").contains("binary");
        assertThat(notBinary.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(notBinary.err()).contains("notes.txt").contains("not a Windtunnel binary trace");
        assertThat(Path.of(out)).doesNotExist();
    }

    @Test
    void shouldExitWithInputErrorWhenOptionValueIsBad() throws Exception
    {
        final Path in = tempDir.resolve("in.wtb");
        BinaryTraceWriter.write(TraceSamples.sample(TraceKind.ARRIVALS), in);
        final String out = tempDir.resolve("out.wtb").toString();

        assertThat(CliRun.of("trace", "convert", "--zone", "Mars/Olympus", in.toString(), out).err())
            .contains("--zone: unknown time zone 'Mars/Olympus'");
        assertThat(CliRun.of("trace", "convert", "--gaps", "ignore", in.toString(), out).err())
            .contains("--gaps: expected 'error' or 'zero-fill', got 'ignore'");
        assertThat(CliRun.of("trace", "convert", "--step", "soon", in.toString(), out).err())
            .contains("--step: cannot read 'soon' as a duration");
        assertThat(CliRun.of("trace", "convert", "--step", "0s", in.toString(), out).err())
            .contains("--step: must be positive");
        assertThat(CliRun.of("trace", "convert", "--rows-per-block", "0", in.toString(), out).exitCode())
            .isEqualTo(ExitCodes.INPUT_ERROR);
        final CliRun noDirectory = CliRun.of("trace", "convert", in.toString(), tempDir.resolve("no/such/x.wtb")
            .toString());
        assertThat(noDirectory.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(noDirectory.err()).contains("does not exist");
        assertThat(CliRun.of("trace", "convert", "--zone", "Mars/Olympus", in.toString(), out).exitCode())
            .isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(Path.of(out)).doesNotExist();
    }

    @ParameterizedTest
    @ValueSource(strings = {"out.wtb", "out.csv"})
    void shouldKeepExistingOutputAndNameItAndForceWhenOutputExists(final String name) throws Exception
    {
        final Path in = tempDir.resolve("in.wtb");
        BinaryTraceWriter.write(TraceSamples.sample(TraceKind.PRICE), in);
        final Path out = Files.writeString(tempDir.resolve(name), "keep me\n");

        final CliRun run = CliRun.of("trace", "convert", in.toString(), out.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(run.err()).isEqualTo("windtunnel: " + out + ": already exists; pass --force to replace it" +
            System.lineSeparator());
        assertThat(Files.readString(out)).isEqualTo("keep me\n");
        assertThat(leftovers()).containsExactlyInAnyOrder("in.wtb", name);
    }

    @Test
    void shouldReplaceOutputWithoutLeftoversWhenForced() throws Exception
    {
        final TraceTable table = TraceSamples.sample(TraceKind.LOAD_RATE);
        final Path in = tempDir.resolve("in.wtb");
        BinaryTraceWriter.write(table, in);
        final Path binary = Files.writeString(tempDir.resolve("out.wtb"), "old");
        final Path csv = Files.writeString(tempDir.resolve("out.csv"), "old");

        final CliRun toBinary = CliRun.of("trace", "convert", "--force", in.toString(), binary.toString());
        final CliRun toCsv = CliRun.of("trace", "convert", in.toString(), csv.toString(), "--force");
        final CliRun inPlace = CliRun.of("trace", "convert", "--force", "--rows-per-block", "7", binary.toString(),
            binary.toString());

        assertThat(toBinary.exitCode()).as(toBinary.err()).isZero();
        assertThat(toCsv.exitCode()).as(toCsv.err()).isZero();
        assertThat(inPlace.exitCode()).as(inPlace.err()).isZero();
        assertThat(BinaryTraceFile.readTable(binary)).isEqualTo(table);
        try (BinaryTraceFile file = BinaryTraceFile.open(binary))
        {
            assertThat(file.rowsPerBlock()).isEqualTo(7);
        }
        assertThat(Files.readString(csv)).isEqualTo(csvOf(table));
        assertThat(leftovers()).as("no temporary file is left").containsExactlyInAnyOrder("in.wtb", "out.wtb",
            "out.csv");
    }

    @Test
    void shouldNamePathWhenInputOrOutputIsAFolder() throws Exception
    {
        final Path in = tempDir.resolve("in.wtb");
        BinaryTraceWriter.write(TraceSamples.sample(TraceKind.FAULTS), in);
        final Path folder = Files.createDirectories(tempDir.resolve("folder.wtb"));

        final CliRun fromFolder = CliRun.of("trace", "convert", folder.toString(), tempDir.resolve("x.wtb").toString());
        final CliRun toFolder = CliRun.of("trace", "convert", in.toString(), folder.toString());
        final CliRun forcedToFolder = CliRun.of("trace", "convert", "--force", in.toString(), folder.toString());

        assertThat(fromFolder.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(fromFolder.err()).contains(folder + ": is a folder, expected a trace file");
        for (final CliRun run : List.of(toFolder, forcedToFolder))
        {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
            assertThat(run.err()).isEqualTo("windtunnel: " + folder + ": is a folder, expected a trace file to write" +
                System.lineSeparator());
        }
        assertThat(folder).isEmptyDirectory();
        assertThat(tempDir.resolve("x.wtb")).doesNotExist();
    }

    @Test
    void shouldExitTwoListingEveryBadRowWhenBinaryInputBreaksItsKindsRules() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.FAULTS);
        final int key = builder.keys().intern("aws", "us-east-1", "", "");
        builder.add(TraceSamples.T0_NS, key, 42, 1).add(TraceSamples.T0_NS + 1, key, 1, -2);
        final Path in = tempDir.resolve("faults.wtb");
        BinaryTraceWriter.write(builder.build(), in);

        final CliRun run = CliRun.of("trace", "convert", in.toString(), tempDir.resolve("faults.csv").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(run.err()).contains(in + " at row 0: field 'code': unknown fault kind code 42")
            .contains(in + " at row 1: field 'value': count for preempt must be a whole number of instances of at " +
                "least 1, got -2");
        assertThat(tempDir.resolve("faults.csv")).doesNotExist();
    }

    private List<String> leftovers() throws Exception
    {
        try (Stream<Path> files = Files.list(tempDir))
        {
            return files.map(file -> file.getFileName().toString()).toList();
        }
    }

    @Test
    void shouldListConvertAndInspectWhenTraceHelpIsShown()
    {
        final CliRun run = CliRun.of("trace", "--help");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("convert").contains("inspect");
        assertThat(CliRun.of("trace", "convert", "--help").out()).contains("--zone").contains("--gaps")
            .contains("--step").contains("--sort").contains("--format").contains("binary").contains("--force");
    }

    private static String csvOf(final TraceTable table) throws Exception
    {
        final StringWriter text = new StringWriter();
        TraceCsvWriter.write(table, text);
        return text.toString();
    }
}
