package io.windtunnel.traces.binary;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.zip.CRC32C;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * Bad and truncated files: every one must end in a {@link TraceFormatException} that names the file and says what
 * is wrong, never in another exception and never in silently different rows. Mutants that re-seal their checksums
 * reach the checks behind them (sizes, index, dictionary, row order, key ids).
 */
class BinaryTraceCorruptionTest
{
    private static final int ROWS_PER_BLOCK = 16;

    @TempDir
    Path tempDir;

    @Test
    void shouldOnlyThrowFormatErrorsNamingFileWhenSeededMutantsAreRead() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(77);
        int rejected = 0;
        for (int i = 0; i < 400; i++)
        {
            final TraceTable table = BinaryTraceFixtures.random(random.split());
            final Path original = tempDir.resolve("original-" + i + ".wtb");
            BinaryTraceWriter.write(table, original, 1 + random.nextInt(40));
            final byte[] valid = Files.readAllBytes(original);
            final byte[] bytes = mutate(valid, random);
            final String name = "mutant-" + i + ".wtb";
            final Path file = Files.write(tempDir.resolve(name), bytes);
            try
            {
                final TraceTable read = BinaryTraceFile.readTable(file);
                if (Arrays.equals(bytes, valid))
                {
                    assertThat(read).isEqualTo(table);
                }
                else
                {
                    assertThat(read.rowCount()).isEqualTo(table.rowCount());
                }
            }
            catch (final TraceFormatException e)
            {
                rejected++;
                assertThat(e.problems()).isNotEmpty();
                assertThat(e.problems()).allSatisfy(problem -> assertThat(problem.file()).endsWith(name));
                assertThat(e.getMessage()).startsWith(file.toString());
            }
            catch (final Exception | Error e)
            {
                fail("mutant " + i + " threw " + e, e);
            }
            Files.delete(original);
            Files.delete(file);
        }
        assertThat(rejected).as("most mutants are caught").isGreaterThan(200);
    }

    @Test
    void shouldRejectFileWhenMagicIsMissing() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("prices.csv"),
            "time,provider,region,zone,instance_type,market,price_per_hour_usd\n" +
                "2024-01-01T00:00:00Z,aws,us-east-1,,m5.large,spot,0.03\n");
        assertThatThrownBy(() -> BinaryTraceFile.open(file))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageStartingWith(file.toString())
            .hasMessageContaining("not a Windtunnel binary trace").hasMessageContaining("magic");
    }

    @Test
    void shouldRejectFileWhenItIsShorterThanHeader() throws Exception
    {
        final Path file = Files.write(tempDir.resolve("short.wtb"), Arrays.copyOf(valid(), 63));
        assertThatThrownBy(() -> BinaryTraceFile.open(file))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("short.wtb").hasMessageContaining("63 bytes, shorter than the 64-byte header");
    }

    @Test
    void shouldRejectFileWhenVersionIsNewer() throws Exception
    {
        final byte[] bytes = valid();
        bytes[8] = 3;
        sealHeader(bytes);
        assertThatThrownBy(() -> BinaryTraceFile.open(write("v3.wtb", bytes)))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("v3.wtb: field 'version': format version 3 is not supported; this build reads " +
                "versions 1 and 2");
    }

    @Test
    void shouldRejectSpanWhenRowsLieOutsideItEvenWithValidChecksum() throws Exception
    {
        final Path original = tempDir.resolve("span.wtb");
        BinaryTraceWriter.write(spanned(), original);
        final byte[] bytes = Files.readAllBytes(original);
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        // The span section is the 20 bytes before the footer checksum: flag, start, end.
        buffer.putLong(bytes.length - 4 - 16, 1_000);
        BinaryTraceFixtures.sealFooter(bytes);
        assertThatThrownBy(() -> BinaryTraceFile.open(write("late-span.wtb", bytes)))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("late-span.wtb: field 'span': rows from 1970-01-01T00:00:00Z to " +
                "1970-01-01T00:00:00.000000500Z do not lie in the declared span 1970-01-01T00:00:00.000001Z/" +
                "1970-01-01T00:00:00.000002Z");
    }

    @Test
    void shouldRejectSpanWhenFlagIsUnknownEvenWithValidChecksum() throws Exception
    {
        final Path original = tempDir.resolve("flag.wtb");
        BinaryTraceWriter.write(spanned(), original);
        final byte[] bytes = Files.readAllBytes(original);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(bytes.length - 4 - 20, 7);
        BinaryTraceFixtures.sealFooter(bytes);
        assertThatThrownBy(() -> BinaryTraceFile.open(write("flag-bad.wtb", bytes)))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("flag-bad.wtb: field 'span': span flag 7 is neither 0 (none) nor 1 (declared)");
    }

    /** Two arrivals at 0 and 500 ns in the declared span [0, 2000 ns). */
    private static TraceTable spanned()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.ARRIVALS).span(0, 2_000);
        builder.keys().intern("");
        return builder.add(0, 0, 0, 1).add(500, 0, 0, 2).build();
    }

    @Test
    void shouldRejectFileWhenHeaderChecksumFails() throws Exception
    {
        final byte[] bytes = valid();
        bytes[30] ^= 1;
        assertThatThrownBy(() -> BinaryTraceFile.open(write("header.wtb", bytes)))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("header.wtb: field 'headerCrc32c': header checksum mismatch");
    }

    @Test
    void shouldRejectFileWhenTruncatedOrExtended() throws Exception
    {
        final byte[] bytes = valid();
        assertThatThrownBy(() -> BinaryTraceFile.open(write("cut.wtb", Arrays.copyOf(bytes, bytes.length - 1))))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("cut.wtb: truncated: the file is " + (bytes.length - 1) + " bytes");
        assertThatThrownBy(() -> BinaryTraceFile.open(write("long.wtb", Arrays.copyOf(bytes, bytes.length + 1))))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("long.wtb: trailing bytes");
    }

    @Test
    void shouldRejectFileWhenFooterChecksumFails() throws Exception
    {
        final byte[] bytes = valid();
        bytes[bytes.length - 10] ^= 0x40;
        assertThatThrownBy(() -> BinaryTraceFile.open(write("footer.wtb", bytes)))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("footer.wtb: field 'footerCrc32c': footer checksum mismatch");
    }

    @Test
    void shouldStopBeforeCorruptBlockWhenBlockChecksumFails() throws Exception
    {
        final byte[] bytes = valid();
        final int blockOne = 64 + 24 * ROWS_PER_BLOCK;
        bytes[blockOne + 24 * ROWS_PER_BLOCK - 3] ^= 0x10; // a value byte of the last row of block 1
        final Path file = write("block.wtb", bytes);

        try (BinaryTraceCursor cursor = BinaryTraceFile.replay(file))
        {
            for (int row = 0; row < ROWS_PER_BLOCK; row++)
            {
                assertThat(cursor.next()).isTrue();
            }
            assertThatThrownBy(cursor::next)
                .isInstanceOf(UncheckedTraceFormatException.class)
                .hasMessageContaining("block.wtb: block 1 of 3 (rows 16 to 31): checksum mismatch");
            assertThatThrownBy(cursor::next).as("the bad block stays refused")
                .isInstanceOf(UncheckedTraceFormatException.class);
            assertThat(cursor.blocksVerified()).isEqualTo(1);
        }
        assertThatThrownBy(() -> BinaryTraceFile.readTable(file))
            .isInstanceOf(TraceFormatException.class).hasMessageContaining("checksum mismatch");
    }

    @Test
    void shouldRejectBlockWhenTimesGoBackEvenWithValidChecksum() throws Exception
    {
        final byte[] bytes = valid();
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        // Row 3 of block 0 gets an earlier time than row 2.
        buffer.putLong(64 + 8 * 3, buffer.getLong(64 + 8 * 2) - 1);
        sealBlocks(bytes);
        assertThatThrownBy(() -> BinaryTraceFile.readTable(write("order.wtb", bytes)))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("order.wtb: block 0 of 3 (rows 0 to 15): row 3 of the block goes back in time");
    }

    @Test
    void shouldRejectBlockWhenKeyIdIsOutsideDictionaryEvenWithValidChecksum() throws Exception
    {
        final byte[] bytes = valid();
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final int blockTwo = 64 + 2 * 24 * ROWS_PER_BLOCK;
        final int rowsInBlockTwo = 41 - 2 * ROWS_PER_BLOCK;
        buffer.putInt(blockTwo + 8 * rowsInBlockTwo, 3);
        sealBlocks(bytes);
        assertThatThrownBy(() -> BinaryTraceFile.readTable(write("key.wtb", bytes)))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("key.wtb: block 2 of 3 (rows 32 to 40): row 0 of the block has key id 3, " +
                "outside the 3 keys");
    }

    @Test
    void shouldRejectDictionaryWhenKeyAppearsTwiceEvenWithValidChecksum() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.ARRIVALS);
        builder.keys().intern("region-AAAA");
        builder.keys().intern("region-BBBB");
        builder.add(0, 0, 0, 1).add(1, 1, 0, 2);
        final Path original = tempDir.resolve("keys.wtb");
        BinaryTraceWriter.write(builder.build(), original);
        final byte[] bytes = Files.readAllBytes(original);
        final int at = indexOf(bytes, "region-BBBB".getBytes(StandardCharsets.UTF_8));
        System.arraycopy("region-AAAA".getBytes(StandardCharsets.UTF_8), 0, bytes, at, 11);
        BinaryTraceFixtures.sealFooter(bytes);
        assertThatThrownBy(() -> BinaryTraceFile.open(write("twice.wtb", bytes)))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("twice.wtb: field 'keys': key 1 (region-AAAA) appears twice");
    }

    @Test
    void shouldRejectDictionaryWhenKeyIsInvalidUtf8EvenWithValidChecksum() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.ARRIVALS);
        builder.keys().intern("r\u00e9gion-\u6771\u4eac");
        builder.add(0, 0, 0, 1);
        final Path original = tempDir.resolve("utf8.wtb");
        BinaryTraceWriter.write(builder.build(), original);
        assertThat(BinaryTraceFile.readTable(original).keys().field(0, 0)).isEqualTo("r\u00e9gion-\u6771\u4eac");
        final byte[] bytes = Files.readAllBytes(original);
        final int at = indexOf(bytes, "gion-".getBytes(StandardCharsets.UTF_8));
        bytes[at - 1] = (byte)0xFF; // the second byte of the two-byte 'é'
        BinaryTraceFixtures.sealFooter(bytes);
        assertThatThrownBy(() -> BinaryTraceFile.open(write("utf8-bad.wtb", bytes)))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("utf8-bad.wtb: field 'keys': key is not valid UTF-8");
    }

    @Test
    void shouldRejectIndexWhenBlockClaimsWrongRowsEvenWithValidChecksum() throws Exception
    {
        final byte[] bytes = valid();
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final int footer = (int)buffer.getLong(40);
        buffer.putInt(footer + 4 + 8, ROWS_PER_BLOCK - 1);
        BinaryTraceFixtures.sealFooter(bytes);
        assertThatThrownBy(() -> BinaryTraceFile.open(write("index.wtb", bytes)))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("index.wtb: field 'blockIndex': block 0 of 3 claims offset 64 and 15 rows");
    }

    @Test
    void shouldRejectFileWhenRestrictedReaderGetsOtherKind() throws Exception
    {
        final Path file = tempDir.resolve("faults.wtb");
        BinaryTraceWriter.write(BinaryTraceFixtures.sample(TraceKind.FAULTS), file);
        assertThatThrownBy(() -> new BinaryTraceReader(TraceKind.PRICE).read(file, ImportOptions.defaults()))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("faults.wtb: field 'kind': holds a faults trace, expected a price trace");
        assertThat(new BinaryTraceReader(TraceKind.FAULTS).read(file, ImportOptions.defaults()).kind())
            .isEqualTo(TraceKind.FAULTS);
    }

    @Test
    void shouldRefuseCursorWhenFileGrewSinceOpened() throws Exception
    {
        final Path file = write("grows.wtb", valid());
        try (BinaryTraceFile binary = BinaryTraceFile.open(file))
        {
            Files.write(file, new byte[] {1}, StandardOpenOption.APPEND);
            assertThatThrownBy(binary::cursor)
                .isInstanceOf(TraceFormatException.class).hasMessageContaining("changed since it was opened");
            assertThatThrownBy(() -> binary.cursor(0)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    private byte[] valid() throws Exception
    {
        final Path file = tempDir.resolve("valid.wtb");
        BinaryTraceWriter.write(BinaryTraceFixtures.pricesSmall(), file, ROWS_PER_BLOCK);
        return Files.readAllBytes(file);
    }

    private Path write(final String name, final byte[] bytes) throws Exception
    {
        return Files.write(tempDir.resolve(name), bytes);
    }

    private static byte[] mutate(final byte[] valid, final SplittableRandom random)
    {
        switch (random.nextInt(6))
        {
            case 0:
                return Arrays.copyOf(valid, random.nextInt(valid.length));
            case 1:
            {
                final byte[] bytes = valid.clone();
                final int flips = 1 + random.nextInt(4);
                for (int f = 0; f < flips; f++)
                {
                    bytes[random.nextInt(bytes.length)] ^= (byte)(1 + random.nextInt(255));
                }
                return bytes;
            }
            case 2:
            {
                // Re-sealed: checksums recomputed, so only the structural checks stand between mutant and reader.
                final byte[] bytes = valid.clone();
                final int region = random.nextInt(3);
                final long footerOffset = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getLong(40);
                final int from = region == 0 ? 8 : region == 1 ? 64 : (int)footerOffset;
                final int to = region == 0 ? 60 : region == 1 ? (int)footerOffset : bytes.length - 4;
                if (to > from)
                {
                    bytes[from + random.nextInt(to - from)] ^= (byte)(1 + random.nextInt(255));
                }
                sealBlocks(bytes);
                sealHeader(bytes);
                return bytes;
            }
            case 3:
            {
                final byte[] bytes = valid.clone();
                final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
                final int[] fields = {20, 24, 32, 40, 48, 56};
                final int field = fields[random.nextInt(fields.length)];
                if (field == 20 || field == 56)
                {
                    buffer.putInt(field, random.nextBoolean() ? -1 : buffer.getInt(field) + random.nextInt(-2, 3));
                }
                else
                {
                    buffer.putLong(field, random.nextBoolean() ? Long.MAX_VALUE - random.nextInt(100) :
                        buffer.getLong(field) + random.nextInt(-30, 30));
                }
                sealHeader(bytes);
                return bytes;
            }
            case 4:
            {
                final int at = random.nextInt(valid.length);
                final byte[] bytes = new byte[valid.length + 1 + random.nextInt(32)];
                System.arraycopy(valid, 0, bytes, 0, at);
                System.arraycopy(valid, at, bytes, bytes.length - (valid.length - at), valid.length - at);
                return bytes;
            }
            default:
                return valid.clone();
        }
    }

    private static void sealHeader(final byte[] bytes)
    {
        final CRC32C crc = new CRC32C();
        crc.update(bytes, 0, 60);
        ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).putInt(60, (int)crc.getValue());
    }

    /** Recompute every block checksum in the index (where the index is still readable), then the footer's. */
    private static void sealBlocks(final byte[] bytes)
    {
        final ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        final long footer = buffer.getLong(40);
        final int blocks = buffer.getInt(56);
        for (int block = 0; block < blocks; block++)
        {
            final long entry = footer + 4 + 32L * block;
            if (entry + 32 > bytes.length)
            {
                return;
            }
            final long offset = buffer.getLong((int)entry);
            final long rows = buffer.getInt((int)entry + 8);
            if (offset < 0 || rows < 0 || offset + 24 * rows > bytes.length)
            {
                continue;
            }
            final CRC32C crc = new CRC32C();
            crc.update(bytes, (int)offset, (int)(24 * rows));
            buffer.putInt((int)entry + 12, (int)crc.getValue());
        }
        BinaryTraceFixtures.sealFooter(bytes);
    }

    private static int indexOf(final byte[] haystack, final byte[] needle)
    {
        for (int i = 0; i + needle.length <= haystack.length; i++)
        {
            if (Arrays.equals(haystack, i, i + needle.length, needle, 0, needle.length))
            {
                return i;
            }
        }
        throw new IllegalArgumentException("not found");
    }
}
