package io.windtunnel.traces.binary;

import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetEncoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

import static io.windtunnel.traces.binary.BinaryTraceFormat.BYTE_ORDER;
import static io.windtunnel.traces.binary.BinaryTraceFormat.HEADER_BYTES;
import static io.windtunnel.traces.binary.BinaryTraceFormat.ROW_BYTES;

/**
 * Streams rows into a binary trace file ({@link BinaryTraceFormat}), one block in memory at a time, so a generator
 * can write 10^8 rows without holding them:
 * <pre>{@code
 * KeyDictionary keys = new KeyDictionary(TraceKind.PRICE.keyFields());
 * int spot = keys.intern("aws", "us-east-1", "us-east-1a", "m5.large", "spot");
 * try (BinaryTraceWriter writer = BinaryTraceWriter.create(path, TraceKind.PRICE, keys, 0)) {
 *     for (...) {
 *         writer.append(timeNs, spot, 0, pricePerHourUsd);
 *     }
 *     writer.finish();                   // without finish(), close() discards the file
 * }
 * }</pre>
 * The key dictionary may be complete up front or grow while rows are appended (intern a key before appending
 * its first row); it is written with the footer by {@link #finish()}.
 * <p>
 * <b>Atomicity:</b> rows go to a temporary file next to the target, which {@link #finish()} forces to disk and
 * renames over the target. Until then the target is untouched; {@link #close()} without {@link #finish()} deletes
 * the temporary file, so a failed generator leaves no half-written trace behind.
 * <p>
 * <b>Order:</b> rows must be appended in non-decreasing time order; an earlier time is rejected.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> {@link #append} allocates nothing; each full block costs
 * one write and a block index entry (amortized array growth); opening and finishing allocate.
 */
public final class BinaryTraceWriter implements AutoCloseable
{
    private static final AtomicLong TEMP_COUNTER = new AtomicLong();

    private final Path target;
    private final Path temp;
    private final FileChannel channel;
    private final TraceKind kind;
    private final KeyDictionary keys;
    private final long stepNs;
    private final int rowsPerBlock;
    private final ByteBuffer blockBytes;
    private final UnsafeBuffer block;
    private final CRC32C crc = new CRC32C();
    private final int keyOffset;
    private final int codeOffset;
    private final int valueOffset;

    private int rowsInBlock;
    private long rowCount;
    private long lastTimeNs = Long.MIN_VALUE;
    private long blockFirstTimeNs;
    private int blockCount;
    private long[] indexOffsets = new long[16];
    private int[] indexRows = new int[16];
    private int[] indexCrcs = new int[16];
    private long[] indexFirstTimeNs = new long[16];
    private long[] indexLastTimeNs = new long[16];
    private boolean finished;
    private boolean closed;
    private long spanStartNs;
    private long spanEndNs;

    private BinaryTraceWriter(
        final Path target, final Path temp, final FileChannel channel, final TraceKind kind, final KeyDictionary keys,
        final long stepNs, final int rowsPerBlock)
    {
        this.target = target;
        this.temp = temp;
        this.channel = channel;
        this.kind = kind;
        this.keys = keys;
        this.stepNs = stepNs;
        this.rowsPerBlock = rowsPerBlock;
        this.blockBytes = ByteBuffer.allocateDirect(ROW_BYTES * rowsPerBlock).order(BYTE_ORDER);
        this.block = new UnsafeBuffer(blockBytes);
        this.keyOffset = 8 * rowsPerBlock;
        this.codeOffset = 12 * rowsPerBlock;
        this.valueOffset = 16 * rowsPerBlock;
    }

    /**
     * Start a file with blocks of {@link BinaryTraceFormat#DEFAULT_ROWS_PER_BLOCK} rows.
     *
     * @param file   where the trace goes once {@link #finish()}ed; replaced if present.
     * @param kind   what the rows describe.
     * @param keys   the dictionary rows' key ids refer to, with the kind's key fields; may still grow.
     * @param stepNs interval of a load-rate trace, else 0.
     * @return a writer; close it (after {@link #finish()} to keep the file).
     * @throws IOException if the temporary file cannot be created.
     */
    public static BinaryTraceWriter create(
        final Path file, final TraceKind kind, final KeyDictionary keys, final long stepNs) throws IOException
    {
        return create(file, kind, keys, stepNs, BinaryTraceFormat.DEFAULT_ROWS_PER_BLOCK);
    }

    /**
     * Start a file.
     *
     * @param file         where the trace goes once {@link #finish()}ed; replaced if present.
     * @param kind         what the rows describe.
     * @param keys         the dictionary rows' key ids refer to, with the kind's key fields; may still grow.
     * @param stepNs       interval of a load-rate trace, else 0; not negative.
     * @param rowsPerBlock rows per block, 1 to {@link BinaryTraceFormat#MAX_ROWS_PER_BLOCK}.
     * @return a writer; close it (after {@link #finish()} to keep the file).
     * @throws IOException if the temporary file cannot be created.
     */
    public static BinaryTraceWriter create(
        final Path file, final TraceKind kind, final KeyDictionary keys, final long stepNs, final int rowsPerBlock)
        throws IOException
    {
        if (!keys.fieldNames().equals(kind.keyFields()))
        {
            throw new IllegalArgumentException(
                "a " + kind.label() + " trace needs key fields " + kind.keyFields() + ", got " + keys.fieldNames());
        }
        if (rowsPerBlock < 1 || rowsPerBlock > BinaryTraceFormat.MAX_ROWS_PER_BLOCK)
        {
            throw new IllegalArgumentException(
                "rowsPerBlock must be in [1, " + BinaryTraceFormat.MAX_ROWS_PER_BLOCK + "]: " + rowsPerBlock);
        }
        if (stepNs < 0)
        {
            throw new IllegalArgumentException("stepNs must not be negative: " + stepNs);
        }
        final Path absolute = file.toAbsolutePath();
        Path temp = null;
        FileChannel channel = null;
        // Not Files.createTempFile: it creates mode 0600, and the trace should get the umask's permissions.
        for (int attempt = 0; channel == null; attempt++)
        {
            temp = absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" +
                ProcessHandle.current().pid() + "-" + TEMP_COUNTER.incrementAndGet());
            try
            {
                channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.CREATE_NEW);
            }
            catch (final FileAlreadyExistsException e)
            {
                if (attempt == 100)
                {
                    throw e;
                }
            }
        }
        try
        {
            final BinaryTraceWriter writer =
                new BinaryTraceWriter(file, temp, channel, kind, keys, stepNs, rowsPerBlock);
            channel.position(HEADER_BYTES);
            return writer;
        }
        catch (final IOException | RuntimeException | Error e)
        {
            channel.close();
            Files.deleteIfExists(temp);
            throw e;
        }
    }

    /**
     * Write a whole table in blocks of {@link BinaryTraceFormat#DEFAULT_ROWS_PER_BLOCK} rows.
     *
     * @param table the trace.
     * @param file  where to write it; replaced atomically if present.
     * @throws IOException if writing fails; the target is then untouched.
     */
    public static void write(final TraceTable table, final Path file) throws IOException
    {
        write(table, file, BinaryTraceFormat.DEFAULT_ROWS_PER_BLOCK);
    }

    /**
     * Write a whole table.
     *
     * @param table        the trace.
     * @param file         where to write it; replaced atomically if present.
     * @param rowsPerBlock rows per block.
     * @throws IOException if writing fails; the target is then untouched.
     * @throws IllegalArgumentException if the table has size columns ({@link TraceTable#hasSizeColumns()}), which
     *                                  the format does not carry.
     */
    public static void write(final TraceTable table, final Path file, final int rowsPerBlock) throws IOException
    {
        if (table.hasSizeColumns())
        {
            throw new IllegalArgumentException("the binary trace format does not carry size columns (" +
                String.join(", ", TraceTable.SIZE_COLUMNS) + "): keep the table as CSV");
        }
        try (BinaryTraceWriter writer =
            create(file, table.kind(), table.keys(), table.stepNs(), rowsPerBlock))
        {
            if (table.spanDeclared())
            {
                writer.span(table.spanStartNs(), table.spanEndNs());
            }
            final int rows = table.rowCount();
            for (int row = 0; row < rows; row++)
            {
                writer.append(table.timeNs(row), table.keyId(row), table.code(row), table.value(row));
            }
            writer.finish();
        }
    }

    /**
     * Append one row.
     *
     * @param timeNs epoch nanoseconds, not before the previous row's.
     * @param keyId  id in the writer's key dictionary.
     * @param code   fault kind code, or 0.
     * @param value  the row's value (any double, NaN included, is stored bit for bit).
     * @throws IOException              if a full block cannot be written.
     * @throws IllegalArgumentException if the time is earlier than the previous row's or the key id is unknown.
     * @throws IllegalStateException    after {@link #finish()} or {@link #close()}.
     */
    public void append(final long timeNs, final int keyId, final int code, final double value) throws IOException
    {
        if (timeNs < lastTimeNs)
        {
            throw new IllegalArgumentException("rows must be appended in non-decreasing time order: row " + rowCount +
                " at " + timeNs + " ns comes after " + lastTimeNs + " ns");
        }
        if (keyId < 0 || keyId >= keys.size())
        {
            throw new IllegalArgumentException(
                "row " + rowCount + ": key id " + keyId + " not in the dictionary of " + keys.size() + " keys");
        }
        if (finished || closed)
        {
            throw new IllegalStateException("writer for " + target + " is already " + (closed ? "closed" : "finished"));
        }
        final int row = rowsInBlock;
        if (row == 0)
        {
            blockFirstTimeNs = timeNs;
        }
        final UnsafeBuffer block = this.block;
        block.putLong(row << 3, timeNs, BYTE_ORDER);
        block.putInt(keyOffset + (row << 2), keyId, BYTE_ORDER);
        block.putInt(codeOffset + (row << 2), code, BYTE_ORDER);
        block.putDouble(valueOffset + (row << 3), value, BYTE_ORDER);
        lastTimeNs = timeNs;
        rowCount++;
        rowsInBlock = row + 1;
        if (rowsInBlock == rowsPerBlock)
        {
            flushBlock();
        }
    }

    /**
     * Declare the window the trace describes (stored in the footer); {@link #finish()} checks that every row lies
     * in it. Call any time before {@link #finish()}.
     *
     * @param startNs span start, epoch ns (inclusive).
     * @param endNs   span end, epoch ns (exclusive), after the start.
     * @throws IllegalArgumentException if the span is empty.
     */
    public void span(final long startNs, final long endNs)
    {
        if (endNs <= startNs)
        {
            throw new IllegalArgumentException("a span must end after it starts: " + startNs + " to " + endNs);
        }
        spanStartNs = startNs;
        spanEndNs = endNs;
    }

    /**
     * @return rows appended so far.
     */
    public long rowCount()
    {
        return rowCount;
    }

    /**
     * @return the file the trace goes to.
     */
    public Path target()
    {
        return target;
    }

    /**
     * Write the last block, the footer (block index, key dictionary and span) and the header, force the file to disk
     * and rename it over the target.
     *
     * @throws IOException              if any of that fails; the target is then untouched.
     * @throws IllegalArgumentException if a span was declared and a row lies outside it.
     */
    public void finish() throws IOException
    {
        if (finished || closed)
        {
            throw new IllegalStateException("writer for " + target + " is already " + (closed ? "closed" : "finished"));
        }
        if (spanEndNs > spanStartNs && rowCount > 0 && (firstTimeNs() < spanStartNs ||
            !TraceTable.rowInSpan(kind, stepNs, lastTimeNs, spanStartNs, spanEndNs)))
        {
            throw new IllegalArgumentException("rows from " + firstTimeNs() + " to " + lastTimeNs + " ns do not lie " +
                "in the declared span " + spanStartNs + " to " + spanEndNs + " ns");
        }
        if (rowsInBlock > 0)
        {
            flushBlock();
        }
        final ByteBuffer footer = footer();
        final long footerOffset = BinaryTraceFormat.footerOffset(rowCount);
        writeFully(footer, footerOffset);
        writeFully(header(footer.capacity()), 0);
        channel.force(true);
        channel.close();
        finished = true;
        try
        {
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException e)
        {
            Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /**
     * Release the file; if {@link #finish()} was not called (or failed), delete the temporary file so no partial
     * trace is left behind. Idempotent.
     *
     * @throws IOException if the temporary file cannot be deleted.
     */
    @Override
    public void close() throws IOException
    {
        if (closed)
        {
            return;
        }
        closed = true;
        try
        {
            channel.close();
        }
        finally
        {
            Files.deleteIfExists(temp);
        }
    }

    private long firstTimeNs()
    {
        return blockCount > 0 ? indexFirstTimeNs[0] : blockFirstTimeNs;
    }

    private void flushBlock() throws IOException
    {
        final int rows = rowsInBlock;
        final long offset = BinaryTraceFormat.footerOffset(rowCount - rows);
        if (blockCount == indexOffsets.length)
        {
            final int capacity = 2 * blockCount;
            indexOffsets = Arrays.copyOf(indexOffsets, capacity);
            indexRows = Arrays.copyOf(indexRows, capacity);
            indexCrcs = Arrays.copyOf(indexCrcs, capacity);
            indexFirstTimeNs = Arrays.copyOf(indexFirstTimeNs, capacity);
            indexLastTimeNs = Arrays.copyOf(indexLastTimeNs, capacity);
        }
        crc.reset();
        // A partial (last) block is written with its columns packed: four slices of the block buffer.
        writeColumn(0, 8 * rows);
        writeColumn(keyOffset, 4 * rows);
        writeColumn(codeOffset, 4 * rows);
        writeColumn(valueOffset, 8 * rows);
        indexOffsets[blockCount] = offset;
        indexRows[blockCount] = rows;
        indexCrcs[blockCount] = (int)crc.getValue();
        indexFirstTimeNs[blockCount] = blockFirstTimeNs;
        indexLastTimeNs[blockCount] = lastTimeNs;
        blockCount++;
        rowsInBlock = 0;
    }

    private void writeColumn(final int from, final int length) throws IOException
    {
        final ByteBuffer bytes = blockBytes;
        bytes.clear();
        bytes.position(from);
        bytes.limit(from + length);
        crc.update(bytes);
        bytes.position(from);
        while (bytes.hasRemaining())
        {
            channel.write(bytes);
        }
    }

    private void writeFully(final ByteBuffer bytes, final long position) throws IOException
    {
        bytes.clear();
        long at = position;
        while (bytes.hasRemaining())
        {
            at += channel.write(bytes, at);
        }
    }

    private ByteBuffer header(final int footerBytes)
    {
        final ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(BYTE_ORDER);
        header.put(BinaryTraceFormat.MAGIC);
        header.putShort(BinaryTraceFormat.VERSION_OFFSET, (short)BinaryTraceFormat.VERSION);
        header.putShort(BinaryTraceFormat.HEADER_BYTES_OFFSET, (short)HEADER_BYTES);
        header.put(BinaryTraceFormat.KIND_OFFSET, (byte)kind.code());
        header.put(BinaryTraceFormat.COLUMN_COUNT_OFFSET, (byte)BinaryTraceFormat.COLUMN_COUNT);
        for (int column = 0; column < BinaryTraceFormat.COLUMN_COUNT; column++)
        {
            header.put(BinaryTraceFormat.COLUMN_TYPES_OFFSET + column, BinaryTraceFormat.COLUMN_TYPES[column]);
        }
        header.putInt(BinaryTraceFormat.ROWS_PER_BLOCK_OFFSET, rowsPerBlock);
        header.putLong(BinaryTraceFormat.ROW_COUNT_OFFSET, rowCount);
        header.putLong(BinaryTraceFormat.STEP_OFFSET, stepNs);
        header.putLong(BinaryTraceFormat.FOOTER_OFFSET_OFFSET, BinaryTraceFormat.footerOffset(rowCount));
        header.putLong(BinaryTraceFormat.FOOTER_BYTES_OFFSET, footerBytes);
        header.putInt(BinaryTraceFormat.BLOCK_COUNT_OFFSET, blockCount);
        final CRC32C headerCrc = new CRC32C();
        headerCrc.update(header.array(), 0, BinaryTraceFormat.HEADER_CRC_OFFSET);
        header.putInt(BinaryTraceFormat.HEADER_CRC_OFFSET, (int)headerCrc.getValue());
        return header;
    }

    private ByteBuffer footer() throws IOException
    {
        final CharsetEncoder encoder = StandardCharsets.UTF_8.newEncoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
        final int fieldCount = keys.fieldNames().size();
        final int keyCount = keys.size();
        final byte[][] names = new byte[fieldCount][];
        final byte[][] values = new byte[keyCount * fieldCount][];
        long size = 4 + (long)BinaryTraceFormat.INDEX_ENTRY_BYTES * blockCount + 4 + 4 + BinaryTraceFormat.SPAN_BYTES +
            4;
        for (int field = 0; field < fieldCount; field++)
        {
            names[field] = encode(encoder, keys.fieldNames().get(field));
            size += 4 + names[field].length;
        }
        for (int key = 0; key < keyCount; key++)
        {
            for (int field = 0; field < fieldCount; field++)
            {
                final byte[] value = encode(encoder, keys.field(key, field));
                values[key * fieldCount + field] = value;
                size += 4 + value.length;
            }
        }
        if (size > Integer.MAX_VALUE - 16)
        {
            throw new IOException("key dictionary and block index of " + target + " take " + size +
                " bytes, more than a 2 GiB footer");
        }
        final ByteBuffer footer = ByteBuffer.allocate((int)size).order(BYTE_ORDER);
        footer.putInt(BinaryTraceFormat.FOOTER_MAGIC);
        for (int i = 0; i < blockCount; i++)
        {
            footer.putLong(indexOffsets[i]).putInt(indexRows[i]).putInt(indexCrcs[i])
                .putLong(indexFirstTimeNs[i]).putLong(indexLastTimeNs[i]);
        }
        footer.putInt(fieldCount);
        for (final byte[] name : names)
        {
            footer.putInt(name.length).put(name);
        }
        footer.putInt(keyCount);
        for (final byte[] value : values)
        {
            footer.putInt(value.length).put(value);
        }
        final boolean declared = spanEndNs > spanStartNs;
        footer.putInt(declared ? 1 : 0).putLong(declared ? spanStartNs : 0).putLong(declared ? spanEndNs : 0);
        final CRC32C footerCrc = new CRC32C();
        footerCrc.update(footer.array(), 0, footer.position());
        footer.putInt((int)footerCrc.getValue());
        return footer;
    }

    private static byte[] encode(final CharsetEncoder encoder, final String text)
    {
        try
        {
            final ByteBuffer encoded = encoder.reset().encode(CharBuffer.wrap(text));
            final byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            return bytes;
        }
        catch (final CharacterCodingException e)
        {
            throw new IllegalArgumentException("key text '" + text + "' is not valid Unicode (a lone surrogate)");
        }
    }
}
