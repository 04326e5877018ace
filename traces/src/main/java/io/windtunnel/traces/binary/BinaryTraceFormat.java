package io.windtunnel.traces.binary;

import java.nio.ByteOrder;

/**
 * Constants of the Windtunnel binary trace format ({@code .wtb}), version 2: a little-endian, columnar file of
 * fixed-size row blocks between a fixed header and a footer that holds the block index and the key dictionary.
 * <pre>
 *   file:   +--------------+---------+---------+-----+-----------+--------------------------------------+
 *           | header 64 B  | block 0 | block 1 | ... | block n-1 | footer: block index, key dictionary  |
 *           +--------------+---------+---------+-----+-----------+--------------------------------------+
 *
 *   header (64 bytes, little-endian):
 *     0  magic          8  57 54 42 00 0D 0A 1A 0A   "WTB\0\r\n\x1a\n"
 *     8  version        2  2 (1: the same without the span section; still read)
 *    10  headerBytes    2  64
 *    12  kindCode       1  TraceKind.code(): 1 price, 2 load-rate, 3 arrivals, 4 faults
 *    13  columnCount    1  4
 *    14  columnTypes    4  1 int64 (timeNs), 2 int32 (keyId), 2 int32 (code), 3 float64 (value)
 *    18  reserved       2  0
 *    20  rowsPerBlock   4  rows in every block but the last (which holds 1..rowsPerBlock)
 *    24  rowCount       8
 *    32  stepNs         8  interval of a load-rate trace, else 0
 *    40  footerOffset   8  = 64 + 24 * rowCount
 *    48  footerBytes    8  = file size - footerOffset
 *    56  blockCount     4  = ceil(rowCount / rowsPerBlock)
 *    60  headerCrc32c   4  CRC32C of bytes 0..59
 *
 *   block of n rows (24 n bytes, each column contiguous):
 *           +-----------------+-----------------+-----------------+-----------------+
 *           | timeNs: 8n, i64 | keyId: 4n, i32  | code: 4n, i32   | value: 8n, f64  |
 *           +-----------------+-----------------+-----------------+-----------------+
 *
 *   footer:
 *     "WTBF"                                 4
 *     block index, blockCount entries of     32: offset i64 | rows i32 | crc32c i32 | firstTimeNs i64 | lastTimeNs i64
 *     keyFieldCount i32, then per field      i32 byte length + UTF-8 name
 *     keyCount i32, then per key per field   i32 byte length + UTF-8 value
 *     span (version 2)                       20: declared i32 (0 no, 1 yes) | spanStartNs i64 | spanEndNs i64
 *     footerCrc32c                           4: CRC32C of every footer byte before it
 * </pre>
 * The span is the window the trace describes ({@link io.windtunnel.traces.TraceTable#spanDeclared()}), epoch ns,
 * end exclusive; when {@code declared} is 0 both times are 0. Version 1 files (no span section) read as traces
 * without a declared span; a version 1 reader refuses version 2 files by their version number.
 * Blocks start 8-byte aligned (64 + 24 k bytes), so every column is naturally aligned. Times within and across
 * blocks never decrease. The footer is written last, so a writer can stream rows without knowing their count or
 * all keys in advance.
 */
public final class BinaryTraceFormat
{
    /** File name extension, with the dot. */
    public static final String EXTENSION = ".wtb";
    /** The eight magic bytes: "WTB", a NUL, CR LF, SUB, LF (catches text-mode transfers, as PNG's does). */
    public static final String MAGIC_TEXT = "WTB\0\r\n\u001a\n";
    /** The format version this build writes (it also reads {@link #VERSION_WITHOUT_SPAN}). */
    public static final int VERSION = 2;
    /** The first version, without the span section in the footer; still read. */
    public static final int VERSION_WITHOUT_SPAN = 1;
    /** Byte order of every multi-byte field. */
    public static final ByteOrder BYTE_ORDER = ByteOrder.LITTLE_ENDIAN;
    /** Size of the fixed header. */
    public static final int HEADER_BYTES = 64;
    /** Bytes per row: 8 (timeNs) + 4 (keyId) + 4 (code) + 8 (value). */
    public static final int ROW_BYTES = 24;
    /** Rows per block unless told otherwise: 1.5 MiB blocks, small enough to stay in cache while verified. */
    public static final int DEFAULT_ROWS_PER_BLOCK = 65_536;
    /** Largest rows per block accepted (a 384 MiB block). */
    public static final int MAX_ROWS_PER_BLOCK = 1 << 24;

    static final byte[] MAGIC = {'W', 'T', 'B', 0, '\r', '\n', 0x1a, '\n'};
    static final int FOOTER_MAGIC = 'W' | 'T' << 8 | 'B' << 16 | 'F' << 24;
    static final int INDEX_ENTRY_BYTES = 32;
    /** Bytes of the footer's span section (version 2): declared i32, start i64, end i64. */
    static final int SPAN_BYTES = 20;

    static final int COLUMN_COUNT = 4;
    static final byte TYPE_INT64 = 1;
    static final byte TYPE_INT32 = 2;
    static final byte TYPE_FLOAT64 = 3;
    static final byte[] COLUMN_TYPES = {TYPE_INT64, TYPE_INT32, TYPE_INT32, TYPE_FLOAT64};

    static final int VERSION_OFFSET = 8;
    static final int HEADER_BYTES_OFFSET = 10;
    static final int KIND_OFFSET = 12;
    static final int COLUMN_COUNT_OFFSET = 13;
    static final int COLUMN_TYPES_OFFSET = 14;
    static final int ROWS_PER_BLOCK_OFFSET = 20;
    static final int ROW_COUNT_OFFSET = 24;
    static final int STEP_OFFSET = 32;
    static final int FOOTER_OFFSET_OFFSET = 40;
    static final int FOOTER_BYTES_OFFSET = 48;
    static final int BLOCK_COUNT_OFFSET = 56;
    static final int HEADER_CRC_OFFSET = 60;

    /** Most rows a file can declare: its footer offset must fit in a {@code long}. */
    static final long MAX_ROW_COUNT = (Long.MAX_VALUE - HEADER_BYTES) / ROW_BYTES / 2;

    private BinaryTraceFormat()
    {
    }

    /**
     * @param head the first bytes of a file decoded as text (as {@link io.windtunnel.traces.TraceFormats#detect}
     *             passes them).
     * @return true if they start with the magic.
     */
    public static boolean hasMagic(final String head)
    {
        return head.startsWith(MAGIC_TEXT);
    }

    /**
     * @param rowCount rows in the file.
     * @return offset of the footer: the header plus every block.
     */
    static long footerOffset(final long rowCount)
    {
        return HEADER_BYTES + ROW_BYTES * rowCount;
    }

    /**
     * @param rowCount     rows in the file.
     * @param rowsPerBlock rows per full block.
     * @return number of blocks.
     */
    static long blockCount(final long rowCount, final int rowsPerBlock)
    {
        return (rowCount + rowsPerBlock - 1) / rowsPerBlock;
    }
}
