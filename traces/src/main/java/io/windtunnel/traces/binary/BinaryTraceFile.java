package io.windtunnel.traces.binary;

import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceProblem;
import io.windtunnel.traces.TraceSpan;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;

import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;
import java.util.zip.CRC32C;

import static io.windtunnel.traces.binary.BinaryTraceFormat.BYTE_ORDER;
import static io.windtunnel.traces.binary.BinaryTraceFormat.HEADER_BYTES;
import static io.windtunnel.traces.binary.BinaryTraceFormat.INDEX_ENTRY_BYTES;

/**
 * An open binary trace file ({@link BinaryTraceFormat}): its header and footer read and validated, its rows
 * left on disk until a {@link BinaryTraceCursor} maps and streams them.
 * <pre>{@code
 * try (BinaryTraceFile file = BinaryTraceFile.open(path);
 *      BinaryTraceCursor cursor = file.cursor()) {
 *     while (cursor.next()) {
 *         engine.schedule(cursor.timeNs() - startNs, type, cursor.keyId(), cursor.code(), ...);
 *     }
 * }
 * }</pre>
 * {@link #open} checks magic, version, header checksum, schema, sizes (a truncated or extended file is rejected),
 * footer checksum, block index and key dictionary, so every problem it can find without reading the rows is a
 * {@link TraceFormatException} naming the file and what is wrong. Each block's checksum, time order and key ids are
 * checked by the cursor when it first enters the block, before any of its rows is returned.
 * <p>
 * <b>Threading:</b> the metadata is immutable; several cursors, one per thread, may replay one open file.
 * <b>Allocation:</b> opening allocates the block index (32 bytes per block) and the key dictionary.
 * <b>Caveat:</b> rows are memory-mapped; a file truncated by another process while mapped makes reads fail with
 * an {@link InternalError} (the JVM's report of a fault in a mapped page). Replace trace files by renaming, as
 * {@link BinaryTraceWriter} does: the open channel keeps reading the old file.
 */
public final class BinaryTraceFile implements AutoCloseable
{
    /** Bytes mapped at a time by a cursor unless told otherwise. */
    public static final long DEFAULT_WINDOW_BYTES = 64L << 20;
    /** Largest window accepted. */
    public static final long MAX_WINDOW_BYTES = 1L << 30;

    private final Path path;
    private final String name;
    private final FileChannel channel;
    private final long fileBytes;
    private final TraceKind kind;
    private final KeyDictionary keys;
    private final long stepNs;
    private final long rowCount;
    private final int rowsPerBlock;
    private final int blockCount;
    private final long[] blockOffsets;
    private final int[] blockRows;
    private final int[] blockCrcs;
    private final long[] blockFirstTimeNs;
    private final long[] blockLastTimeNs;
    private final int version;
    private final long spanStartNs;
    private final long spanEndNs;
    private final boolean rowsInSpan;

    private BinaryTraceFile(final Path path, final FileChannel channel, final Reader reader)
    {
        this.path = path;
        this.name = path.toString();
        this.channel = channel;
        this.fileBytes = reader.fileBytes;
        this.kind = reader.kind;
        this.keys = reader.keys;
        this.stepNs = reader.stepNs;
        this.rowCount = reader.rowCount;
        this.rowsPerBlock = reader.rowsPerBlock;
        this.blockCount = reader.blockCount;
        this.blockOffsets = reader.blockOffsets;
        this.blockRows = reader.blockRows;
        this.blockCrcs = reader.blockCrcs;
        this.blockFirstTimeNs = reader.blockFirstTimeNs;
        this.blockLastTimeNs = reader.blockLastTimeNs;
        this.version = reader.version;
        this.spanStartNs = reader.spanStartNs;
        this.spanEndNs = reader.spanEndNs;
        this.rowsInSpan = reader.rowsInSpan;
    }

    /**
     * Open a file and validate everything but the rows.
     *
     * @param path the file.
     * @return the open file; close it when done.
     * @throws IOException          if the file cannot be read ({@link java.nio.file.NoSuchFileException} if missing).
     * @throws TraceFormatException if it is not a valid binary trace: the message names the file and the problem.
     */
    public static BinaryTraceFile open(final Path path) throws IOException, TraceFormatException
    {
        return open(path, true);
    }

    /**
     * Open a file and validate everything but the rows, except that rows outside the declared span are left to the
     * caller: {@link #toTable()} then returns the rows without the span. For {@link BinaryTraceReader}, which checks
     * the rows against the span itself ({@link io.windtunnel.traces.TraceSeriesRules}) to report each such row as
     * the CSV readers do.
     *
     * @param path the file.
     * @return the open file; close it when done.
     * @throws IOException          if the file cannot be read.
     * @throws TraceFormatException if it is not a valid binary trace.
     */
    static BinaryTraceFile openLeavingSpanToCaller(final Path path) throws IOException, TraceFormatException
    {
        return open(path, false);
    }

    private static BinaryTraceFile open(final Path path, final boolean rowsMustLieInSpan)
        throws IOException, TraceFormatException
    {
        final FileChannel channel = FileChannel.open(path, StandardOpenOption.READ);
        try
        {
            final Reader reader = new Reader(path.toString(), channel, rowsMustLieInSpan);
            reader.read();
            return new BinaryTraceFile(path, channel, reader);
        }
        catch (final IOException | TraceFormatException | RuntimeException | Error e)
        {
            channel.close();
            throw e;
        }
    }

    /**
     * Open a file and return a cursor over its rows that closes the file when closed.
     *
     * @param path the file.
     * @return a cursor positioned before the first row.
     * @throws IOException          if the file cannot be read.
     * @throws TraceFormatException if it is not a valid binary trace.
     */
    public static BinaryTraceCursor replay(final Path path) throws IOException, TraceFormatException
    {
        final BinaryTraceFile file = open(path);
        try
        {
            return new BinaryTraceCursor(file, DEFAULT_WINDOW_BYTES, true);
        }
        catch (final IOException | TraceFormatException | RuntimeException | Error e)
        {
            file.close();
            throw e;
        }
    }

    /**
     * Read a whole file into memory, for traces small enough to hold; replay longer ones with a cursor.
     *
     * @param path the file.
     * @return the table, equal to the one written.
     * @throws IOException          if the file cannot be read.
     * @throws TraceFormatException if it is not a valid binary trace, a block is corrupt, or it has more rows than
     *                              a table holds.
     */
    public static TraceTable readTable(final Path path) throws IOException, TraceFormatException
    {
        try (BinaryTraceFile file = open(path))
        {
            return file.toTable();
        }
    }

    /**
     * @return a new cursor mapping {@link #DEFAULT_WINDOW_BYTES} at a time.
     * @throws IOException          if the first window cannot be mapped.
     * @throws TraceFormatException if the file's size changed since it was opened.
     */
    public BinaryTraceCursor cursor() throws IOException, TraceFormatException
    {
        return cursor(DEFAULT_WINDOW_BYTES);
    }

    /**
     * @param windowBytes bytes to map at a time, rounded down to whole blocks (at least one block), at most
     *                    {@link #MAX_WINDOW_BYTES}.
     * @return a new cursor positioned before the first row; close it to unmap its window.
     * @throws IOException          if the first window cannot be mapped.
     * @throws TraceFormatException if the file's size changed since it was opened.
     */
    public BinaryTraceCursor cursor(final long windowBytes) throws IOException, TraceFormatException
    {
        if (windowBytes < 1 || windowBytes > MAX_WINDOW_BYTES)
        {
            throw new IllegalArgumentException("windowBytes must be in [1, " + MAX_WINDOW_BYTES + "]: " + windowBytes);
        }
        return new BinaryTraceCursor(this, windowBytes, false);
    }

    /**
     * @return every row in a table, with the declared span (without it only when the file was opened by
     * {@link #openLeavingSpanToCaller} and rows lie outside it).
     * @throws IOException          if the file cannot be mapped.
     * @throws TraceFormatException if a block is corrupt or there are more rows than a table holds.
     */
    public TraceTable toTable() throws IOException, TraceFormatException
    {
        if (rowCount > Integer.MAX_VALUE - 8)
        {
            throw problem("rowCount", "has " + rowCount + " rows, too many to load into memory; replay it with a " +
                "cursor instead");
        }
        final TraceTable.Builder builder = TraceTable.builder(kind).stepNs(stepNs);
        if (spanDeclared() && rowsInSpan)
        {
            builder.span(spanStartNs, spanEndNs);
        }
        for (int key = 0; key < keys.size(); key++)
        {
            builder.keys().intern(keys.fields(key));
        }
        try (BinaryTraceCursor cursor = cursor())
        {
            while (cursor.next())
            {
                builder.add(cursor.timeNs(), cursor.keyId(), cursor.code(), cursor.value());
            }
        }
        catch (final UncheckedTraceFormatException e)
        {
            throw e.getCause();
        }
        return builder.build();
    }

    /**
     * @return the file as opened.
     */
    public Path path()
    {
        return path;
    }

    /**
     * @return the file's size in bytes.
     */
    public long fileBytes()
    {
        return fileBytes;
    }

    /**
     * @return what the rows describe.
     */
    public TraceKind kind()
    {
        return kind;
    }

    /**
     * @return the keys rows refer to, in id order.
     */
    public KeyDictionary keys()
    {
        return keys;
    }

    /**
     * @return interval of a load-rate trace, else 0.
     */
    public long stepNs()
    {
        return stepNs;
    }

    /**
     * @return number of rows.
     */
    public long rowCount()
    {
        return rowCount;
    }

    /**
     * @return the file's format version ({@link BinaryTraceFormat#VERSION} or an older one this build reads).
     */
    public int version()
    {
        return version;
    }

    /**
     * @return true if the file declares the window it covers (always false for a version 1 file).
     */
    public boolean spanDeclared()
    {
        return spanEndNs > spanStartNs;
    }

    /**
     * @return start of the declared span, epoch ns; 0 unless {@link #spanDeclared()}.
     */
    public long spanStartNs()
    {
        return spanStartNs;
    }

    /**
     * @return end of the declared span, epoch ns (exclusive); 0 unless {@link #spanDeclared()}.
     */
    public long spanEndNs()
    {
        return spanEndNs;
    }

    /**
     * @return rows per full block.
     */
    public int rowsPerBlock()
    {
        return rowsPerBlock;
    }

    /**
     * @return number of blocks.
     */
    public int blockCount()
    {
        return blockCount;
    }

    /**
     * @return time of the first row (from the block index), or {@link Long#MIN_VALUE} if there are no rows.
     */
    public long firstTimeNs()
    {
        return blockCount == 0 ? Long.MIN_VALUE : blockFirstTimeNs[0];
    }

    /**
     * @return time of the last row (from the block index), or {@link Long#MIN_VALUE} if there are no rows.
     */
    public long lastTimeNs()
    {
        return blockCount == 0 ? Long.MIN_VALUE : blockLastTimeNs[blockCount - 1];
    }

    /**
     * Close the file. Cursors already created keep their current window mapped until they are closed, but cannot
     * map the next one.
     *
     * @throws IOException if closing fails.
     */
    @Override
    public void close() throws IOException
    {
        channel.close();
    }

    @Override
    public String toString()
    {
        return name + ": " + kind.label() + " trace, " + rowCount + " rows, " + keys.size() + " keys, " + blockCount +
            " blocks";
    }

    FileChannel channel()
    {
        return channel;
    }

    String name()
    {
        return name;
    }

    long blockOffset(final int block)
    {
        return blockOffsets[block];
    }

    int blockRows(final int block)
    {
        return blockRows[block];
    }

    int blockCrc(final int block)
    {
        return blockCrcs[block];
    }

    long blockFirstTimeNs(final int block)
    {
        return blockFirstTimeNs[block];
    }

    long blockLastTimeNs(final int block)
    {
        return blockLastTimeNs[block];
    }

    TraceFormatException problem(final String field, final String message)
    {
        return new TraceFormatException(new TraceProblem(name, 0, null, field, message));
    }

    /** Reads and validates header and footer; every failure is a {@link TraceFormatException}. */
    private static final class Reader
    {
        private final String name;
        private final FileChannel channel;
        private final boolean rowsMustLieInSpan;
        private long fileBytes;
        private TraceKind kind;
        private KeyDictionary keys;
        private long stepNs;
        private long rowCount;
        private int rowsPerBlock;
        private int blockCount;
        private long[] blockOffsets;
        private int[] blockRows;
        private int[] blockCrcs;
        private long[] blockFirstTimeNs;
        private long[] blockLastTimeNs;
        private int version;
        private long spanStartNs;
        private long spanEndNs;
        private boolean rowsInSpan = true;

        Reader(final String name, final FileChannel channel, final boolean rowsMustLieInSpan)
        {
            this.name = name;
            this.channel = channel;
            this.rowsMustLieInSpan = rowsMustLieInSpan;
        }

        void read() throws IOException, TraceFormatException
        {
            fileBytes = channel.size();
            if (fileBytes < HEADER_BYTES)
            {
                throw fail(null, "not a Windtunnel binary trace: the file is " + fileBytes +
                    " bytes, shorter than the " + HEADER_BYTES + "-byte header (empty or truncated)");
            }
            final ByteBuffer header = readAt(0, HEADER_BYTES);
            for (int i = 0; i < BinaryTraceFormat.MAGIC.length; i++)
            {
                if (header.get(i) != BinaryTraceFormat.MAGIC[i])
                {
                    throw fail(null, "not a Windtunnel binary trace: the file does not start with the magic bytes " +
                        "\"WTB\\0\\r\\n\\x1a\\n\" (a text-mode transfer also breaks them)");
                }
            }
            version = header.getShort(BinaryTraceFormat.VERSION_OFFSET) & 0xFFFF;
            if (version != BinaryTraceFormat.VERSION && version != BinaryTraceFormat.VERSION_WITHOUT_SPAN)
            {
                throw fail("version", "format version " + version + " is not supported; this build reads versions " +
                    BinaryTraceFormat.VERSION_WITHOUT_SPAN + " and " + BinaryTraceFormat.VERSION);
            }
            final int storedHeaderCrc = header.getInt(BinaryTraceFormat.HEADER_CRC_OFFSET);
            final int headerCrc = crc(header, 0, BinaryTraceFormat.HEADER_CRC_OFFSET);
            if (storedHeaderCrc != headerCrc)
            {
                throw fail("headerCrc32c", "header checksum mismatch (stored " + hex(storedHeaderCrc) +
                    ", computed " + hex(headerCrc) + "): the header is corrupt");
            }
            readHeaderFields(header);
            final long footerOffset = header.getLong(BinaryTraceFormat.FOOTER_OFFSET_OFFSET);
            final long footerBytes = header.getLong(BinaryTraceFormat.FOOTER_BYTES_OFFSET);
            if (footerOffset != BinaryTraceFormat.footerOffset(rowCount))
            {
                throw fail("footerOffset", "footer offset " + footerOffset + " does not follow the " + rowCount +
                    " rows, which end at " + BinaryTraceFormat.footerOffset(rowCount));
            }
            final long minFooterBytes = 4 + (long)INDEX_ENTRY_BYTES * blockCount + 4 + 4 + 4 +
                (version >= BinaryTraceFormat.VERSION ? BinaryTraceFormat.SPAN_BYTES : 0);
            if (footerBytes < minFooterBytes || footerBytes > Integer.MAX_VALUE - 16)
            {
                throw fail("footerBytes", "footer size " + footerBytes + " is impossible for " + blockCount +
                    " blocks (at least " + minFooterBytes + " bytes, at most 2 GiB)");
            }
            if (fileBytes != footerOffset + footerBytes)
            {
                throw fail(null, (fileBytes < footerOffset + footerBytes ? "truncated" : "trailing bytes") +
                    ": the file is " + fileBytes + " bytes but its header describes " + (footerOffset + footerBytes) +
                    " (" + rowCount + " rows and a " + footerBytes + "-byte footer)");
            }
            readFooter(readAt(footerOffset, (int)footerBytes));
        }

        private void readHeaderFields(final ByteBuffer header) throws TraceFormatException
        {
            final int headerBytes = header.getShort(BinaryTraceFormat.HEADER_BYTES_OFFSET) & 0xFFFF;
            if (headerBytes != HEADER_BYTES)
            {
                throw fail("headerBytes", "header size " + headerBytes + " is not " + HEADER_BYTES);
            }
            final int kindCode = header.get(BinaryTraceFormat.KIND_OFFSET) & 0xFF;
            kind = TraceKind.fromCode(kindCode);
            if (kind == null)
            {
                throw fail("kind", "unknown trace kind code " + kindCode + " (1 price, 2 load-rate, 3 arrivals, " +
                    "4 faults)");
            }
            final int columnCount = header.get(BinaryTraceFormat.COLUMN_COUNT_OFFSET) & 0xFF;
            boolean schemaMatches = columnCount == BinaryTraceFormat.COLUMN_COUNT;
            for (int column = 0; schemaMatches && column < columnCount; column++)
            {
                schemaMatches = header.get(BinaryTraceFormat.COLUMN_TYPES_OFFSET + column) ==
                    BinaryTraceFormat.COLUMN_TYPES[column];
            }
            if (!schemaMatches)
            {
                throw fail("columnTypes", "unsupported column schema: version 1 has 4 columns timeNs int64, " +
                    "keyId int32, code int32, value float64");
            }
            rowsPerBlock = header.getInt(BinaryTraceFormat.ROWS_PER_BLOCK_OFFSET);
            if (rowsPerBlock < 1 || rowsPerBlock > BinaryTraceFormat.MAX_ROWS_PER_BLOCK)
            {
                throw fail("rowsPerBlock", "rows per block " + rowsPerBlock + " outside [1, " +
                    BinaryTraceFormat.MAX_ROWS_PER_BLOCK + "]");
            }
            rowCount = header.getLong(BinaryTraceFormat.ROW_COUNT_OFFSET);
            if (rowCount < 0 || rowCount > BinaryTraceFormat.MAX_ROW_COUNT)
            {
                throw fail("rowCount", "row count " + rowCount + " is impossible");
            }
            stepNs = header.getLong(BinaryTraceFormat.STEP_OFFSET);
            if (stepNs < 0)
            {
                throw fail("stepNs", "step " + stepNs + " ns is negative");
            }
            blockCount = header.getInt(BinaryTraceFormat.BLOCK_COUNT_OFFSET);
            final long expectedBlocks = BinaryTraceFormat.blockCount(rowCount, rowsPerBlock);
            if (blockCount != expectedBlocks)
            {
                throw fail("blockCount", "block count " + blockCount + " does not match " + rowCount + " rows in " +
                    "blocks of " + rowsPerBlock + " (expected " + expectedBlocks + ")");
            }
        }

        private void readFooter(final ByteBuffer footer) throws TraceFormatException
        {
            final int crcAt = footer.capacity() - 4;
            final int storedCrc = footer.getInt(crcAt);
            final int computedCrc = crc(footer, 0, crcAt);
            if (storedCrc != computedCrc)
            {
                throw fail("footerCrc32c", "footer checksum mismatch (stored " + hex(storedCrc) + ", computed " +
                    hex(computedCrc) + "): the block index or key dictionary is corrupt");
            }
            footer.limit(crcAt);
            try
            {
                if (footer.getInt() != BinaryTraceFormat.FOOTER_MAGIC)
                {
                    throw fail("footer", "the footer does not start with \"WTBF\"");
                }
                readBlockIndex(footer);
                readKeys(footer);
                if (version >= BinaryTraceFormat.VERSION)
                {
                    readSpan(footer);
                }
                if (footer.hasRemaining())
                {
                    throw fail("footer", footer.remaining() + " unexpected bytes after the " +
                        (version >= BinaryTraceFormat.VERSION ? "span" : "key dictionary"));
                }
            }
            catch (final BufferUnderflowException e)
            {
                throw fail("footer", "the footer ends in the middle of the key dictionary" +
                    (version >= BinaryTraceFormat.VERSION ? " or the span" : ""));
            }
        }

        private void readSpan(final ByteBuffer footer) throws TraceFormatException
        {
            final int declared = footer.getInt();
            final long startNs = footer.getLong();
            final long endNs = footer.getLong();
            if (declared == 0)
            {
                if (startNs != 0 || endNs != 0)
                {
                    throw fail("span", "an undeclared span must have times 0 and 0, got " + startNs + " and " + endNs);
                }
                return;
            }
            if (declared != 1)
            {
                throw fail("span", "span flag " + declared + " is neither 0 (none) nor 1 (declared)");
            }
            if (endNs <= startNs)
            {
                throw fail("span", "the declared span " + TraceSpan.format(startNs, endNs) + " ends before it starts");
            }
            // Times never decrease, so the first and the last row (as the block index gives them) stand for all.
            rowsInSpan = blockCount == 0 || (blockFirstTimeNs[0] >= startNs &&
                TraceTable.rowInSpan(kind, stepNs, blockLastTimeNs[blockCount - 1], startNs, endNs));
            if (!rowsInSpan && rowsMustLieInSpan)
            {
                throw fail("span", "rows from " + TraceTimes.formatIso(blockFirstTimeNs[0]) + " to " +
                    TraceTimes.formatIso(blockLastTimeNs[blockCount - 1]) + " do not lie in the declared span " +
                    TraceSpan.format(startNs, endNs));
            }
            spanStartNs = startNs;
            spanEndNs = endNs;
        }

        private void readBlockIndex(final ByteBuffer footer) throws TraceFormatException
        {
            blockOffsets = new long[blockCount];
            blockRows = new int[blockCount];
            blockCrcs = new int[blockCount];
            blockFirstTimeNs = new long[blockCount];
            blockLastTimeNs = new long[blockCount];
            for (int block = 0; block < blockCount; block++)
            {
                final long offset = footer.getLong();
                final int rows = footer.getInt();
                final int crc = footer.getInt();
                final long firstTimeNs = footer.getLong();
                final long lastTimeNs = footer.getLong();
                final long expectedOffset = BinaryTraceFormat.footerOffset((long)block * rowsPerBlock);
                final long expectedRows = block < blockCount - 1 ?
                    rowsPerBlock : rowCount - (long)(blockCount - 1) * rowsPerBlock;
                final String where = "block " + block + " of " + blockCount;
                if (offset != expectedOffset || rows != expectedRows)
                {
                    throw fail("blockIndex", where + " claims offset " + offset + " and " + rows + " rows; " +
                        "expected offset " + expectedOffset + " and " + expectedRows + " rows");
                }
                if (firstTimeNs > lastTimeNs || (block > 0 && firstTimeNs < blockLastTimeNs[block - 1]))
                {
                    throw fail("blockIndex", where + " spans times " + firstTimeNs + " to " + lastTimeNs +
                        " ns, out of time order");
                }
                blockOffsets[block] = offset;
                blockRows[block] = rows;
                blockCrcs[block] = crc;
                blockFirstTimeNs[block] = firstTimeNs;
                blockLastTimeNs[block] = lastTimeNs;
            }
        }

        private void readKeys(final ByteBuffer footer) throws TraceFormatException
        {
            final CharsetDecoder decoder = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
            final List<String> expectedFields = kind.keyFields();
            final int fieldCount = footer.getInt();
            if (fieldCount != expectedFields.size())
            {
                throw fail("keyFields", "a " + kind.label() + " trace has " + expectedFields.size() +
                    " key fields " + expectedFields + ", the file declares " + fieldCount);
            }
            for (int field = 0; field < fieldCount; field++)
            {
                final String fieldName = readString(footer, decoder, "key field name");
                if (!fieldName.equals(expectedFields.get(field)))
                {
                    throw fail("keyFields", "key field " + field + " is '" + fieldName + "', expected '" +
                        expectedFields.get(field) + "' for a " + kind.label() + " trace");
                }
            }
            final int keyCount = footer.getInt();
            if (keyCount < 0 || (long)keyCount * fieldCount * 4 > footer.remaining())
            {
                throw fail("keys", "key count " + keyCount + " does not fit in the " + footer.remaining() +
                    " bytes left in the footer");
            }
            keys = new KeyDictionary(expectedFields);
            final String[] fields = new String[fieldCount];
            for (int key = 0; key < keyCount; key++)
            {
                for (int field = 0; field < fieldCount; field++)
                {
                    fields[field] = readString(footer, decoder, "key");
                }
                if (keys.intern(fields) != key)
                {
                    throw fail("keys", "key " + key + " (" + String.join("/", fields) + ") appears twice");
                }
            }
        }

        private String readString(final ByteBuffer footer, final CharsetDecoder decoder, final String what)
            throws TraceFormatException
        {
            final int length = footer.getInt();
            if (length < 0 || length > footer.remaining())
            {
                throw fail("keys", what + " length " + length + " runs past the end of the footer");
            }
            final byte[] array = footer.array();
            final int from = footer.arrayOffset() + footer.position();
            footer.position(footer.position() + length);
            boolean ascii = true;
            for (int i = from; ascii && i < from + length; i++)
            {
                ascii = array[i] >= 0;
            }
            if (ascii)
            {
                return new String(array, from, length, StandardCharsets.ISO_8859_1);
            }
            try
            {
                return decoder.reset().decode(ByteBuffer.wrap(array, from, length)).toString();
            }
            catch (final CharacterCodingException e)
            {
                throw fail("keys", what + " is not valid UTF-8");
            }
        }

        private ByteBuffer readAt(final long position, final int length) throws IOException, TraceFormatException
        {
            final ByteBuffer bytes = ByteBuffer.allocate(length).order(BYTE_ORDER);
            long at = position;
            while (bytes.hasRemaining())
            {
                final int read = channel.read(bytes, at);
                if (read < 0)
                {
                    throw fail(null, "truncated: the file ended while reading bytes " + position + " to " +
                        (position + length));
                }
                at += read;
            }
            bytes.clear();
            return bytes;
        }

        private static int crc(final ByteBuffer bytes, final int from, final int to)
        {
            final CRC32C crc = new CRC32C();
            crc.update(bytes.array(), bytes.arrayOffset() + from, to - from);
            return (int)crc.getValue();
        }

        private TraceFormatException fail(final String field, final String message)
        {
            return new TraceFormatException(new TraceProblem(name, 0, null, field, message));
        }
    }

    static String hex(final int crc)
    {
        return String.format(Locale.ROOT, "0x%08x", crc);
    }
}
