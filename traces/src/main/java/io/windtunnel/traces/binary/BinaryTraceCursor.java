package io.windtunnel.traces.binary;

import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceCursor;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.util.zip.CRC32C;

import static io.windtunnel.traces.binary.BinaryTraceFormat.BYTE_ORDER;
import static io.windtunnel.traces.binary.BinaryTraceFormat.ROW_BYTES;

/**
 * Streams the rows of a {@link BinaryTraceFile} straight from memory-mapped blocks: an Agrona
 * {@link UnsafeBuffer} over a {@link MappedByteBuffer} window of whole blocks, slid forward block by block, so heap
 * and mapped memory stay bounded by one window however long the trace is.
 * <p>
 * <b>Verification:</b> on entering a block, before returning any of its rows, the cursor checks the block's
 * CRC32C against the block index, that its times never decrease and match the index, and that every key id is in
 * the dictionary. A failure surfaces from {@link #next()} as an {@link UncheckedTraceFormatException} naming the
 * file and block, and again from every later call (no row of a bad block is ever returned); an I/O failure
 * mapping the next window as an {@link UncheckedIOException}.
 * <p>
 * <b>Threading:</b> not thread-safe; take one cursor per thread. <b>Allocation:</b> none per row. Mapping a window
 * allocates the JDK's mapped buffer objects (a few hundred bytes), once per window; the first window is mapped when
 * the cursor is created, so a trace that fits in one window replays without allocating at all.
 * <b>Caveat:</b> after {@link #close()} the accessors must not be called: the memory is unmapped (the cursor
 * rewraps an empty buffer, so with Agrona's bounds checks on, the default, such a call throws
 * {@link IndexOutOfBoundsException} rather than touching unmapped memory).
 */
public final class BinaryTraceCursor implements TraceCursor
{
    private static final byte[] EMPTY = new byte[0];

    private final BinaryTraceFile file;
    private final boolean ownsFile;
    private final FileChannel channel;
    private final UnsafeBuffer buffer = new UnsafeBuffer(EMPTY);
    private final CRC32C crc = new CRC32C();
    private final int blockCount;
    private final int keyCount;
    private final long windowBlocks;

    private MappedByteBuffer window;
    private long windowOffset;
    private int windowEndBlock;
    private long windowsMapped;
    private int block = -1;
    private int blocksVerified;
    private UncheckedTraceFormatException failure;
    private int rowInBlock;
    private int rowsInBlock;
    private int timeOffset;
    private int keyOffset;
    private int codeOffset;
    private int valueOffset;
    private boolean closed;

    BinaryTraceCursor(final BinaryTraceFile file, final long windowBytes, final boolean ownsFile)
        throws IOException, TraceFormatException
    {
        this.file = file;
        this.ownsFile = ownsFile;
        this.channel = file.channel();
        this.blockCount = file.blockCount();
        this.keyCount = file.keys().size();
        this.windowBlocks = Math.max(1, windowBytes / ((long)ROW_BYTES * file.rowsPerBlock()));
        final long size = channel.size();
        if (size != file.fileBytes())
        {
            throw file.problem(null, "the file changed since it was opened: it was " + file.fileBytes() +
                " bytes and is now " + size);
        }
        if (blockCount > 0)
        {
            mapWindow(0);
        }
    }

    @Override
    public boolean next()
    {
        if (++rowInBlock < rowsInBlock)
        {
            return true;
        }
        return enterNextBlock();
    }

    @Override
    public long timeNs()
    {
        return buffer.getLong(timeOffset + (rowInBlock << 3), BYTE_ORDER);
    }

    @Override
    public int keyId()
    {
        return buffer.getInt(keyOffset + (rowInBlock << 2), BYTE_ORDER);
    }

    @Override
    public int code()
    {
        return buffer.getInt(codeOffset + (rowInBlock << 2), BYTE_ORDER);
    }

    @Override
    public double value()
    {
        return buffer.getDouble(valueOffset + (rowInBlock << 3), BYTE_ORDER);
    }

    @Override
    public TraceKind kind()
    {
        return file.kind();
    }

    @Override
    public KeyDictionary keys()
    {
        return file.keys();
    }

    @Override
    public long rowCount()
    {
        return file.rowCount();
    }

    /**
     * @return the open file this cursor reads.
     */
    public BinaryTraceFile file()
    {
        return file;
    }

    /**
     * @return windows mapped so far (1 for a trace that fits in one window).
     */
    public long windowsMapped()
    {
        return windowsMapped;
    }

    /**
     * @return blocks whose rows have been verified so far.
     */
    public int blocksVerified()
    {
        return blocksVerified;
    }

    /**
     * Unmap the current window, and close the file if this cursor was opened by {@link BinaryTraceFile#replay}.
     * Idempotent.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        rowInBlock = 0;
        rowsInBlock = 0;
        block = blockCount;
        unmapWindow();
        if (ownsFile)
        {
            try
            {
                file.close();
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(e);
            }
        }
    }

    private boolean enterNextBlock()
    {
        if (failure != null)
        {
            throw failure;
        }
        final int next = block + 1;
        if (next >= blockCount || closed)
        {
            rowInBlock = 0;
            rowsInBlock = 0;
            block = blockCount;
            return false;
        }
        if (next >= windowEndBlock)
        {
            try
            {
                mapWindow(next);
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(file.name() + ": cannot map block " + next, e);
            }
        }
        final int rows = file.blockRows(next);
        final int base = (int)(file.blockOffset(next) - windowOffset);
        block = next;
        rowInBlock = 0;
        rowsInBlock = 0;
        timeOffset = base;
        keyOffset = base + 8 * rows;
        codeOffset = base + 12 * rows;
        valueOffset = base + 16 * rows;
        verifyBlock(base, rows);
        rowsInBlock = rows;
        blocksVerified++;
        return true;
    }

    private void mapWindow(final int firstBlock) throws IOException
    {
        unmapWindow();
        final int endBlock = (int)Math.min(blockCount, firstBlock + windowBlocks);
        final long start = file.blockOffset(firstBlock);
        final long end = file.blockOffset(endBlock - 1) + (long)ROW_BYTES * file.blockRows(endBlock - 1);
        window = channel.map(FileChannel.MapMode.READ_ONLY, start, end - start);
        buffer.wrap(window);
        windowOffset = start;
        windowEndBlock = endBlock;
        windowsMapped++;
    }

    private void unmapWindow()
    {
        if (window != null)
        {
            buffer.wrap(EMPTY);
            IoUtil.unmap(window);
            window = null;
        }
    }

    private void verifyBlock(final int base, final int rows)
    {
        final MappedByteBuffer bytes = window;
        bytes.clear();
        bytes.position(base);
        bytes.limit(base + ROW_BYTES * rows);
        crc.reset();
        crc.update(bytes);
        final int computed = (int)crc.getValue();
        if (computed != file.blockCrc(block))
        {
            throw corrupt("checksum mismatch (stored " + BinaryTraceFile.hex(file.blockCrc(block)) + ", computed " +
                BinaryTraceFile.hex(computed) + "): the data is corrupt");
        }

        final UnsafeBuffer buffer = this.buffer;
        final int timeOffset = this.timeOffset;
        long previousNs = block == 0 ? Long.MIN_VALUE : file.blockLastTimeNs(block - 1);
        for (int row = 0; row < rows; row++)
        {
            final long timeNs = buffer.getLong(timeOffset + (row << 3), BYTE_ORDER);
            if (timeNs < previousNs)
            {
                throw corrupt("row " + row + " of the block goes back in time, from " + previousNs + " to " +
                    timeNs + " ns");
            }
            previousNs = timeNs;
        }
        final long firstNs = buffer.getLong(timeOffset, BYTE_ORDER);
        if (firstNs != file.blockFirstTimeNs(block) || previousNs != file.blockLastTimeNs(block))
        {
            throw corrupt("times " + firstNs + " to " + previousNs + " ns differ from the block index's " +
                file.blockFirstTimeNs(block) + " to " + file.blockLastTimeNs(block));
        }

        final int keyOffset = this.keyOffset;
        final int keyCount = this.keyCount;
        for (int row = 0; row < rows; row++)
        {
            final int keyId = buffer.getInt(keyOffset + (row << 2), BYTE_ORDER);
            if (keyId < 0 || keyId >= keyCount)
            {
                throw corrupt("row " + row + " of the block has key id " + keyId + ", outside the " + keyCount +
                    " keys of the dictionary");
            }
        }
    }

    private UncheckedTraceFormatException corrupt(final String message)
    {
        final long firstRow = (long)block * file.rowsPerBlock();
        failure = new UncheckedTraceFormatException(file.problem(null, "block " + block + " of " + blockCount +
            " (rows " + firstRow + " to " + (firstRow + file.blockRows(block) - 1) + "): " + message));
        return failure;
    }
}
