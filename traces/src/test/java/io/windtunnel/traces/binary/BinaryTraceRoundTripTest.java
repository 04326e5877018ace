package io.windtunnel.traces.binary;

import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceCursor;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static io.windtunnel.traces.binary.BinaryTraceFixtures.HOUR_NS;
import static io.windtunnel.traces.binary.BinaryTraceFixtures.T0_NS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BinaryTraceRoundTripTest
{
    @TempDir
    Path tempDir;

    static LongStream seeds()
    {
        return new SplittableRandom(20261127L).longs(150);
    }

    @ParameterizedTest
    @EnumSource(TraceKind.class)
    void shouldReadBackEqualTableWhenEachKindIsWritten(final TraceKind kind) throws Exception
    {
        final TraceTable table = BinaryTraceFixtures.sample(kind);
        final Path file = tempDir.resolve(kind.label() + ".wtb");

        BinaryTraceWriter.write(table, file);

        assertThat(BinaryTraceFile.readTable(file)).isEqualTo(table);
        try (BinaryTraceFile binary = BinaryTraceFile.open(file))
        {
            assertThat(binary.kind()).isEqualTo(kind);
            assertThat(binary.stepNs()).isEqualTo(table.stepNs());
            assertThat(binary.rowCount()).isEqualTo(table.rowCount());
            assertThat(binary.keys()).isEqualTo(table.keys());
            assertThat(binary.firstTimeNs()).isEqualTo(table.timeNs(0));
            assertThat(binary.lastTimeNs()).isEqualTo(table.timeNs(table.rowCount() - 1));
            assertThat(binary.fileBytes()).isEqualTo(Files.size(file));
        }
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldReplayEveryRowBitForBitWhenRandomTableIsWrittenInRandomBlocksAndWindows(final long seed)
        throws Exception
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final TraceTable table = BinaryTraceFixtures.random(random);
        final int rowsPerBlock = 1 + random.nextInt(random.nextBoolean() ? 8 : 1000);
        final long windowBytes = 1 + random.nextLong(24L * 4 * rowsPerBlock);
        final Path file = tempDir.resolve("random-" + seed + ".wtb");

        BinaryTraceWriter.write(table, file, rowsPerBlock);

        try (BinaryTraceFile binary = BinaryTraceFile.open(file);
             BinaryTraceCursor cursor = binary.cursor(windowBytes))
        {
            assertThat(binary.blockCount()).isEqualTo((table.rowCount() + rowsPerBlock - 1) / rowsPerBlock);
            assertSameRows(table.cursor(), cursor);
            assertThat(cursor.blocksVerified()).isEqualTo(binary.blockCount());
            assertThat(binary.toTable()).isEqualTo(table);
        }
    }

    @Test
    void shouldMapBoundedWindowsWhenTraceIsLongerThanOneWindow() throws Exception
    {
        final TraceTable table = BinaryTraceFixtures.pricesSmall();
        final Path file = tempDir.resolve("windows.wtb");
        BinaryTraceWriter.write(table, file, 4);

        // 41 rows in blocks of 4 = 11 blocks; a 200-byte window holds two 96-byte blocks.
        try (BinaryTraceFile binary = BinaryTraceFile.open(file);
             BinaryTraceCursor cursor = binary.cursor(200))
        {
            assertThat(cursor.windowsMapped()).isEqualTo(1);
            assertSameRows(table.cursor(), cursor);
            assertThat(cursor.windowsMapped()).isEqualTo(6);
            assertThat(cursor.next()).as("stays at the end").isFalse();
        }
        try (BinaryTraceFile binary = BinaryTraceFile.open(file);
             BinaryTraceCursor cursor = binary.cursor())
        {
            assertSameRows(table.cursor(), cursor);
            assertThat(cursor.windowsMapped()).isEqualTo(1);
        }
    }

    @Test
    void shouldStreamRowsWhenKeysAreInternedWhileAppending() throws Exception
    {
        final KeyDictionary keys = new KeyDictionary(TraceKind.ARRIVALS.keyFields());
        final Path file = tempDir.resolve("growing.wtb");
        final TraceTable.Builder expected = TraceTable.builder(TraceKind.ARRIVALS);
        try (BinaryTraceWriter writer = BinaryTraceWriter.create(file, TraceKind.ARRIVALS, keys, 0, 7))
        {
            for (int row = 0; row < 100; row++)
            {
                final String region = "region-" + row / 10;
                final int keyId = keys.intern(region);
                expected.add(T0_NS + row, expected.keys().intern(region), 0, row % 3 == 0 ? Double.NaN : row);
                writer.append(T0_NS + row, keyId, 0, row % 3 == 0 ? Double.NaN : row);
            }
            assertThat(writer.rowCount()).isEqualTo(100);
            assertThat(Files.exists(file)).as("nothing at the target before finish").isFalse();
            writer.finish();
        }
        assertThat(BinaryTraceFile.readTable(file)).isEqualTo(expected.build());
        assertThat(tempFilesIn(tempDir)).isZero();
    }

    @Test
    void shouldWriteValidEmptyTraceWhenNoRowIsAppended() throws Exception
    {
        final Path file = tempDir.resolve("empty.wtb");
        final KeyDictionary keys = new KeyDictionary(TraceKind.FAULTS.keyFields());
        keys.intern("aws", "", "", "");
        try (BinaryTraceWriter writer = BinaryTraceWriter.create(file, TraceKind.FAULTS, keys, 0))
        {
            writer.finish();
        }
        try (BinaryTraceCursor cursor = BinaryTraceFile.replay(file))
        {
            assertThat(cursor.rowCount()).isZero();
            assertThat(cursor.keys().size()).isEqualTo(1);
            assertThat(cursor.next()).isFalse();
            assertThat(cursor.file().firstTimeNs()).isEqualTo(Long.MIN_VALUE);
        }
    }

    @Test
    void shouldRejectRowWhenTimeGoesBackwards() throws Exception
    {
        final KeyDictionary keys = new KeyDictionary(TraceKind.ARRIVALS.keyFields());
        final int key = keys.intern("x");
        final Path file = tempDir.resolve("backwards.wtb");
        try (BinaryTraceWriter writer = BinaryTraceWriter.create(file, TraceKind.ARRIVALS, keys, 0))
        {
            writer.append(T0_NS, key, 0, 1);
            writer.append(T0_NS, key, 0, 2);
            assertThatThrownBy(() -> writer.append(T0_NS - 1, key, 0, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("non-decreasing time order").hasMessageContaining("row 2");
            assertThatThrownBy(() -> writer.append(T0_NS, 1, 0, 3))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key id 1");
        }
        assertThat(Files.exists(file)).as("an unfinished writer leaves no file").isFalse();
        assertThat(tempFilesIn(tempDir)).isZero();
    }

    @Test
    void shouldLeaveExistingTargetUntouchedWhenWriterIsClosedWithoutFinish() throws Exception
    {
        final Path file = tempDir.resolve("keep.wtb");
        final TraceTable original = BinaryTraceFixtures.sample(TraceKind.PRICE);
        BinaryTraceWriter.write(original, file);
        final byte[] before = Files.readAllBytes(file);

        final KeyDictionary keys = new KeyDictionary(TraceKind.PRICE.keyFields());
        keys.intern("a", "b", "c", "d", "spot");
        try (BinaryTraceWriter writer = BinaryTraceWriter.create(file, TraceKind.PRICE, keys, 0, 2))
        {
            for (int row = 0; row < 10; row++)
            {
                writer.append(row, 0, 0, row);
            }
        }

        assertThat(Files.readAllBytes(file)).isEqualTo(before);
        assertThat(tempFilesIn(tempDir)).isZero();
    }

    @Test
    void shouldReplaceTargetWhenFinished() throws Exception
    {
        final Path file = tempDir.resolve("replace.wtb");
        BinaryTraceWriter.write(BinaryTraceFixtures.sample(TraceKind.PRICE), file);
        final TraceTable faults = BinaryTraceFixtures.sample(TraceKind.FAULTS);

        BinaryTraceWriter.write(faults, file);

        assertThat(BinaryTraceFile.readTable(file)).isEqualTo(faults);
    }

    @Test
    void shouldRejectWriterWhenKeyFieldsDoNotMatchKind()
    {
        final KeyDictionary keys = new KeyDictionary(TraceKind.LOAD_RATE.keyFields());
        assertThatThrownBy(() -> BinaryTraceWriter.create(tempDir.resolve("x.wtb"), TraceKind.PRICE, keys, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("key fields");
        assertThatThrownBy(() -> BinaryTraceWriter.create(tempDir.resolve("x.wtb"), TraceKind.LOAD_RATE, keys, 0, 0))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("rowsPerBlock");
    }

    @Test
    void shouldRejectAppendWhenFinished() throws Exception
    {
        final KeyDictionary keys = new KeyDictionary(TraceKind.ARRIVALS.keyFields());
        keys.intern("");
        try (BinaryTraceWriter writer =
            BinaryTraceWriter.create(tempDir.resolve("done.wtb"), TraceKind.ARRIVALS, keys, 0))
        {
            writer.finish();
            assertThatThrownBy(() -> writer.append(0, 0, 0, 0)).isInstanceOf(IllegalStateException.class);
            assertThatThrownBy(writer::finish).isInstanceOf(IllegalStateException.class);
        }
    }

    @Test
    void shouldWriteByteIdenticalFixtureWhenFixtureTableIsWrittenAgain() throws Exception
    {
        final Path file = tempDir.resolve("again.wtb");
        BinaryTraceWriter.write(BinaryTraceFixtures.pricesSmall(), file, BinaryTraceFixtures.FIXTURE_ROWS_PER_BLOCK);

        final Path fixture = Path.of(BinaryTraceRoundTripTest.class.getResource(BinaryTraceFixtures.FIXTURE).toURI());
        assertThat(Files.readAllBytes(file))
            .as("the format is stable: the checked-in fixture is what this build writes")
            .isEqualTo(Files.readAllBytes(fixture));
        assertThat(BinaryTraceFile.readTable(fixture)).isEqualTo(BinaryTraceFixtures.pricesSmall());
    }

    @Test
    void shouldReadVersionOneFileWithoutSpanWhenWrittenByEarlierBuild() throws Exception
    {
        final Path fixture = Path.of(BinaryTraceRoundTripTest.class.getResource(
            "/fixtures/binary/prices-small-v1.wtb").toURI());
        try (BinaryTraceFile file = BinaryTraceFile.open(fixture))
        {
            assertThat(file.version()).isEqualTo(1);
            assertThat(file.spanDeclared()).isFalse();
        }
        final TraceTable table = BinaryTraceFile.readTable(fixture);
        assertThat(table).isEqualTo(BinaryTraceFixtures.pricesSmall());
        assertThat(table.spanDeclared()).isFalse();
    }

    @Test
    void shouldKeepDeclaredSpanWhenWrittenAndReadBack() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(60_000_000_000L)
            .span(T0_NS - HOUR_NS, T0_NS + 2 * HOUR_NS);
        final int east = builder.keys().intern("us-east");
        builder.add(T0_NS, east, 0, 120).add(T0_NS + 60_000_000_000L, east, 0, 130);
        final TraceTable table = builder.build();
        final Path file = tempDir.resolve("span.wtb");
        BinaryTraceWriter.write(table, file, 1);

        final TraceTable read = BinaryTraceFile.readTable(file);
        assertThat(read).isEqualTo(table);
        assertThat(read.spanDeclared()).isTrue();
        assertThat(read.spanStartNs()).isEqualTo(T0_NS - HOUR_NS);
        assertThat(read.spanEndNs()).isEqualTo(T0_NS + 2 * HOUR_NS);
        try (BinaryTraceFile open = BinaryTraceFile.open(file))
        {
            assertThat(open.version()).isEqualTo(BinaryTraceFormat.VERSION);
            assertThat(open.spanStartNs()).isEqualTo(T0_NS - HOUR_NS);
        }
    }

    @Test
    void shouldRefuseToFinishWhenRowLiesOutsideDeclaredSpan() throws Exception
    {
        final KeyDictionary keys = new KeyDictionary(TraceKind.LOAD_RATE.keyFields());
        keys.intern("");
        final Path file = tempDir.resolve("outside.wtb");
        try (BinaryTraceWriter writer = BinaryTraceWriter.create(file, TraceKind.LOAD_RATE, keys, 60))
        {
            writer.span(0, 100);
            writer.append(0, 0, 0, 1);
            writer.append(60, 0, 0, 1);
            assertThatThrownBy(writer::finish).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("declared span");
        }
        assertThat(file).doesNotExist();
    }

    @Test
    void shouldDescribeLayoutWhenFixtureHeaderIsDecodedByHand() throws Exception
    {
        final Path fixture = Path.of(BinaryTraceRoundTripTest.class.getResource(BinaryTraceFixtures.FIXTURE).toURI());
        final java.nio.ByteBuffer bytes =
            java.nio.ByteBuffer.wrap(Files.readAllBytes(fixture)).order(java.nio.ByteOrder.LITTLE_ENDIAN);

        assertThat(new String(bytes.array(), 0, 8, java.nio.charset.StandardCharsets.ISO_8859_1))
            .isEqualTo(BinaryTraceFormat.MAGIC_TEXT);
        assertThat(bytes.getShort(8)).isEqualTo((short)2);
        assertThat(bytes.getShort(10)).isEqualTo((short)64);
        assertThat(bytes.get(12)).isEqualTo((byte)TraceKind.PRICE.code());
        assertThat(bytes.getInt(20)).isEqualTo(16);
        assertThat(bytes.getLong(24)).isEqualTo(41);
        assertThat(bytes.getLong(40)).isEqualTo(64 + 24 * 41);
        assertThat(bytes.getLong(40) + bytes.getLong(48)).isEqualTo(bytes.capacity());
        assertThat(bytes.getInt(56)).isEqualTo(3);
        // First row: time column of block 0 at 64, its value at 64 + 16 * 16.
        assertThat(bytes.getLong(64)).isEqualTo(T0_NS);
        assertThat(bytes.getLong(64 + 8)).isEqualTo(T0_NS);
        assertThat(bytes.getLong(64 + 8 * 15)).isEqualTo(T0_NS + 14 * HOUR_NS);
        assertThat(bytes.getDouble(64 + 16 * 16)).isEqualTo(0.096);
        assertThat(bytes.getInt((int)bytes.getLong(40))).as("footer magic").isEqualTo(BinaryTraceFormat.FOOTER_MAGIC);
    }

    static void assertSameRows(final TraceCursor expected, final TraceCursor actual)
    {
        assertThat(actual.rowCount()).isEqualTo(expected.rowCount());
        assertThat(actual.kind()).isEqualTo(expected.kind());
        long row = 0;
        while (expected.next())
        {
            assertThat(actual.next()).as("row %d present", row).isTrue();
            assertThat(actual.timeNs()).as("time of row %d", row).isEqualTo(expected.timeNs());
            assertThat(actual.keyId()).as("key of row %d", row).isEqualTo(expected.keyId());
            assertThat(actual.code()).as("code of row %d", row).isEqualTo(expected.code());
            assertThat(Double.doubleToRawLongBits(actual.value())).as("value bits of row %d", row)
                .isEqualTo(Double.doubleToRawLongBits(expected.value()));
            row++;
        }
        assertThat(actual.next()).as("no row after %d", row).isFalse();
    }

    private static long tempFilesIn(final Path directory) throws IOException
    {
        try (var files = Files.list(directory))
        {
            return files.filter(path -> path.getFileName().toString().contains(".tmp-")).count();
        }
    }
}
