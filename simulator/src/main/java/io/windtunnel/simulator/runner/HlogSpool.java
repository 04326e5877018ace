package io.windtunnel.simulator.runner;

import io.windtunnel.simulator.LatencyIntervalSink;
import io.windtunnel.traces.TraceTimes;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogWriter;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.zip.Deflater;

/**
 * One run's part of {@code latency.hlog}: its interval histograms as HdrHistogram log lines, formatted as each
 * interval closes and appended to a file (a spool, for runs whose results go to a folder) or to memory. The result
 * writer concatenates the parts in (stack, replication) order; the first part starts with the log's header.
 * Nothing per interval stays in memory in the file form, so a long run with short sample intervals writes its hlog
 * as it goes instead of keeping millions of histograms until the end.
 * <p>
 * The lines are byte for byte those of HdrHistogram's {@link HistogramLogWriter} (tag, start and length in seconds
 * and the maximum in ms, each with three decimals, then the histogram in its compressed encoding, base64), which
 * {@code HlogSpoolTest} checks on random histograms and timestamps. They are built here rather than by the library
 * so that each histogram is encoded once, with one reused {@link Deflater}, without the {@code String.format} and the
 * new {@code Deflater} per line that the library's writer uses: the sample path stays allocation-free.
 * <p>
 * <b>Threading:</b> not thread-safe: the run's thread writes it; once {@link #close() closed} it may be read (sizes,
 * {@link #transferTo}) from any thread. <b>Allocation:</b> none per interval once the buffers have grown to the
 * largest histogram seen; a file spool holds one 64 KiB buffer.
 */
public final class HlogSpool implements LatencyIntervalSink, AutoCloseable
{
    /** HdrHistogram's log writer compresses at this level; the same level gives the same bytes. */
    private static final int COMPRESSION_LEVEL = 9;
    private static final int FILE_BUFFER_BYTES = 64 * 1024;
    private static final byte[] BASE64 =
        "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".getBytes(StandardCharsets.US_ASCII);
    /** The first int of HdrHistogram's compressed encoding, taken from the library so a new version cannot drift. */
    private static final int COMPRESSED_COOKIE = compressedCookie();

    /** Per group: {@code Tag=NAME,} in UTF-8. */
    private final byte[][] linePrefixes;
    private final Deflater deflater = new Deflater(COMPRESSION_LEVEL);
    private final Path file;
    private final FileChannel channel;
    /** File form: the bytes not yet written. Memory form: everything, grown by doubling. */
    private ByteBuffer buffer;
    private ByteBuffer uncompressed;
    private byte[] compressed = new byte[0];
    private int compressedLength;
    private byte[] line = new byte[0];
    /** Base64 of an empty histogram of the range below, reused: empty intervals (warm-up, idle groups) are common. */
    private byte[] emptyBase64;
    private long emptyLowest;
    private long emptyHighest;
    private int emptyDigits;
    private long bytes;
    private boolean closed;

    private HlogSpool(final String tagPrefix, final List<String> groups, final byte[] header, final Path file,
        final FileChannel channel)
    {
        linePrefixes = new byte[groups.size()][];
        for (int g = 0; g < linePrefixes.length; g++)
        {
            final String group = groups.get(g);
            final String tag = (group.isEmpty() ? tagPrefix : tagPrefix + "/" + group).replaceAll("[\\s,]", "_");
            linePrefixes[g] = ("Tag=" + tag + ",").getBytes(StandardCharsets.UTF_8);
        }
        this.file = file;
        this.channel = channel;
        buffer = channel != null ? ByteBuffer.allocateDirect(FILE_BUFFER_BYTES) : ByteBuffer.allocate(4096);
        append(header, 0, header.length);
    }

    /**
     * A part kept in memory (tests, benchmarks, results written without a folder reserved first).
     *
     * @param tagPrefix the run's tag, {@code stack/rN}.
     * @param groups    the interval groups, {@link io.windtunnel.simulator.Simulation#intervalGroups}.
     * @param header    bytes to start with: {@link #header} for the first part of a log, else empty.
     * @return the part.
     */
    public static HlogSpool inMemory(final String tagPrefix, final List<String> groups, final byte[] header)
    {
        return new HlogSpool(tagPrefix, groups, header, null, null);
    }

    /**
     * A part spooled to a new file.
     *
     * @param file      the file to create; must not exist.
     * @param tagPrefix the run's tag, {@code stack/rN}.
     * @param groups    the interval groups, {@link io.windtunnel.simulator.Simulation#intervalGroups}.
     * @param header    bytes to start with: {@link #header} for the first part of a log, else empty.
     * @return the part.
     * @throws IOException if the file cannot be created.
     */
    public static HlogSpool toFile(final Path file, final String tagPrefix, final List<String> groups,
        final byte[] header) throws IOException
    {
        final FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        return new HlogSpool(tagPrefix, groups, header, file, channel);
    }

    /**
     * The header of {@code latency.hlog}: a comment saying what the tags and timestamps mean, the log format version,
     * the base time (0: timestamps are simulated seconds since the scenario start) and the column legend.
     *
     * @param startEpochNs the scenario's start, for the comment.
     * @return the header's bytes.
     */
    public static byte[] header(final long startEpochNs)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.outputComment("Windtunnel latency intervals, ns; timestamps are simulated seconds since " +
                TraceTimes.formatIso(startEpochNs) + "; tag = stack/rN (all requests), " +
                "stack/rN/client/NAME (by client region), stack/rN/provider/NAME (by serving provider)");
            writer.outputLogFormatVersion();
            writer.setBaseTime(0);
            writer.outputLegend();
        }
        return bytes.toByteArray();
    }

    /**
     * Append one interval's line.
     *
     * @throws UncheckedIOException if the spool file cannot be written (e.g. the disk is full).
     */
    @Override
    public void onInterval(final int group, final Histogram interval)
    {
        if (closed)
        {
            throw new IllegalStateException("spool closed");
        }
        final byte[] prefix = linePrefixes[group];
        final boolean empty = interval.getTotalCount() == 0;
        final int base64Length = empty ? emptyBase64(interval).length : base64Length(encode(interval));
        // Three numbers of at most 19 digits, a point, 3 decimals and a comma each; the newline.
        final int maxLength = prefix.length + 3 * 24 + base64Length + 1;
        if (line.length < maxLength)
        {
            line = new byte[Math.max(maxLength, 2 * line.length)];
        }
        final byte[] out = line;
        System.arraycopy(prefix, 0, out, 0, prefix.length);
        int at = prefix.length;
        final long startMs = interval.getStartTimeStamp();
        at = putThousandths(out, at, startMs);
        out[at++] = ',';
        at = putThousandths(out, at, interval.getEndTimeStamp() - startMs);
        out[at++] = ',';
        // The maximum in ms with three decimals, rounded half up as %.3f rounds ns / 1e6 (exact here: see the test).
        // It is the maximum of the histogram as a reader decodes it: for an empty one the top of the first bucket
        // (what the library's writer printed when it wrote decoded copies), not 0 as a never-used live one says.
        final long maxNs = empty ? interval.highestEquivalentValue(0) : interval.getMaxValue();
        at = putThousandths(out, at, (maxNs + 500) / 1000);
        out[at++] = ',';
        if (empty)
        {
            System.arraycopy(emptyBase64, 0, out, at, emptyBase64.length);
            at += emptyBase64.length;
        }
        else
        {
            at = putBase64(compressed, compressedLength, out, at);
        }
        out[at++] = '\n';
        append(out, 0, at);
    }

    /** HdrHistogram's compressed encoding (cookie, length, zlib stream of the plain encoding) into {@link #compressed}. */
    private int encode(final Histogram histogram)
    {
        final int needed = histogram.getNeededByteBufferCapacity();
        if (uncompressed == null || uncompressed.capacity() < needed)
        {
            uncompressed = ByteBuffer.allocate(needed);
        }
        uncompressed.clear();
        final int plainLength = histogram.encodeIntoByteBuffer(uncompressed);
        // zlib's bound for one stream, plus the 8-byte header.
        final int bound = 8 + plainLength + (plainLength >> 12) + (plainLength >> 14) + (plainLength >> 25) + 13 + 6;
        if (compressed.length < bound)
        {
            compressed = new byte[Math.max(bound, 2 * compressed.length)];
        }
        final Deflater d = deflater;
        d.reset();
        d.setInput(uncompressed.array(), 0, plainLength);
        d.finish();
        int length = 0;
        while (!d.finished())
        {
            length += d.deflate(compressed, 8 + length, compressed.length - 8 - length);
        }
        putInt(compressed, 0, COMPRESSED_COOKIE);
        putInt(compressed, 4, length);
        compressedLength = 8 + length;
        return compressedLength;
    }

    private byte[] emptyBase64(final Histogram histogram)
    {
        if (emptyBase64 == null || emptyLowest != histogram.getLowestDiscernibleValue() ||
            emptyHighest != histogram.getHighestTrackableValue() ||
            emptyDigits != histogram.getNumberOfSignificantValueDigits())
        {
            final int length = encode(histogram);
            final byte[] text = new byte[base64Length(length)];
            putBase64(compressed, length, text, 0);
            emptyBase64 = text;
            emptyLowest = histogram.getLowestDiscernibleValue();
            emptyHighest = histogram.getHighestTrackableValue();
            emptyDigits = histogram.getNumberOfSignificantValueDigits();
        }
        return emptyBase64;
    }

    private static void putInt(final byte[] to, final int at, final int value)
    {
        to[at] = (byte)(value >>> 24);
        to[at + 1] = (byte)(value >>> 16);
        to[at + 2] = (byte)(value >>> 8);
        to[at + 3] = (byte)value;
    }

    private static int base64Length(final int length)
    {
        return (length + 2) / 3 * 4;
    }

    /** Standard base64 with padding, as {@link java.util.Base64#getEncoder()} (which cannot write into a given array). */
    static int putBase64(final byte[] from, final int length, final byte[] to, final int at)
    {
        int o = at;
        int i = 0;
        for (; i + 3 <= length; i += 3)
        {
            final int bits = (from[i] & 0xff) << 16 | (from[i + 1] & 0xff) << 8 | (from[i + 2] & 0xff);
            to[o++] = BASE64[bits >>> 18];
            to[o++] = BASE64[(bits >>> 12) & 0x3f];
            to[o++] = BASE64[(bits >>> 6) & 0x3f];
            to[o++] = BASE64[bits & 0x3f];
        }
        final int left = length - i;
        if (left > 0)
        {
            final int bits = (from[i] & 0xff) << 16 | (left == 2 ? (from[i + 1] & 0xff) << 8 : 0);
            to[o++] = BASE64[bits >>> 18];
            to[o++] = BASE64[(bits >>> 12) & 0x3f];
            to[o++] = left == 2 ? BASE64[(bits >>> 6) & 0x3f] : (byte)'=';
            to[o++] = '=';
        }
        return o;
    }

    /**
     * Write {@code thousandths / 1000} with three decimals, as {@code %.3f} of that quotient prints it (the quotient
     * of a non-negative integer below 2^53 by 1000 prints exactly).
     */
    static int putThousandths(final byte[] to, final int at, final long thousandths)
    {
        int o = putLong(to, at, thousandths / 1000);
        final int fraction = (int)(thousandths % 1000);
        to[o++] = '.';
        to[o++] = (byte)('0' + fraction / 100);
        to[o++] = (byte)('0' + fraction / 10 % 10);
        to[o++] = (byte)('0' + fraction % 10);
        return o;
    }

    private static int putLong(final byte[] to, final int at, final long value)
    {
        if (value < 0)
        {
            throw new IllegalArgumentException("negative: " + value);
        }
        int digits = 1;
        for (long v = value / 10; v > 0; v /= 10)
        {
            digits++;
        }
        long v = value;
        for (int i = at + digits - 1; i >= at; i--)
        {
            to[i] = (byte)('0' + v % 10);
            v /= 10;
        }
        return at + digits;
    }

    private void append(final byte[] bytes, final int offset, final int length)
    {
        this.bytes += length;
        ByteBuffer b = buffer;
        if (b.remaining() < length)
        {
            if (channel != null)
            {
                flush();
                if (b.remaining() < length)
                {
                    // A line longer than the buffer (a histogram spread over its whole range): write it through.
                    writeFully(ByteBuffer.wrap(bytes, offset, length));
                    return;
                }
            }
            else
            {
                final ByteBuffer grown =
                    ByteBuffer.allocate((int)Math.min(Integer.MAX_VALUE - 8, Math.max(2L * b.capacity(),
                        (long)b.position() + length)));
                if (grown.capacity() - b.position() < length)
                {
                    throw new IllegalStateException("hlog part over 2 GB: spool it to a file");
                }
                b.flip();
                grown.put(b);
                buffer = grown;
                b = grown;
            }
        }
        b.put(bytes, offset, length);
    }

    private void flush()
    {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(final ByteBuffer b)
    {
        try
        {
            while (b.hasRemaining())
            {
                channel.write(b);
            }
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(file + ": cannot write the latency intervals: " + e.getMessage(), e);
        }
    }

    /**
     * Write out what is buffered and close the file; the part is then complete and read-only. Idempotent.
     *
     * @throws UncheckedIOException if the last write or the close fails.
     */
    @Override
    public void close()
    {
        if (closed)
        {
            return;
        }
        closed = true;
        deflater.end();
        if (channel != null)
        {
            try (channel)
            {
                flush();
            }
            catch (final IOException e)
            {
                throw new UncheckedIOException(file + ": cannot write the latency intervals: " + e.getMessage(), e);
            }
            buffer = null;
        }
    }

    /**
     * @return the part's length in bytes, including what is still buffered.
     */
    public long bytes()
    {
        return bytes;
    }

    /**
     * @return bytes of buffer this part holds: its whole length (and room to grow) in memory, a fixed buffer when
     * spooled to a file, none once a file part is closed.
     */
    public long memoryBytes()
    {
        return buffer == null ? 0 : buffer.capacity();
    }

    /**
     * @return the spool file, or null for a part kept in memory.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Copy the whole part to {@code out} (after {@link #close()}).
     *
     * @param out where to append it.
     * @throws IOException if reading the spool or writing fails, or the spool file is gone or changed.
     */
    public void transferTo(final WritableByteChannel out) throws IOException
    {
        checkClosed();
        if (file == null)
        {
            final ByteBuffer b = buffer.duplicate();
            b.flip();
            while (b.hasRemaining())
            {
                out.write(b);
            }
            return;
        }
        try (FileChannel in = FileChannel.open(file, StandardOpenOption.READ))
        {
            final long size = in.size();
            if (size != bytes)
            {
                throw new IOException(file + ": spool of " + size + " bytes, expected " + bytes);
            }
            long done = 0;
            while (done < size)
            {
                final long n = in.transferTo(done, size - done, out);
                if (n <= 0)
                {
                    throw new IOException(file + ": spool ended after " + done + " of " + size + " bytes");
                }
                done += n;
            }
        }
    }

    /**
     * Rename the spool file to {@code target} (same folder), which then holds this part; cheaper than copying when
     * this part comes first in the log.
     *
     * @param target the new name; must not exist.
     * @throws IOException if the rename fails.
     */
    public void moveTo(final Path target) throws IOException
    {
        checkClosed();
        if (file == null)
        {
            throw new IllegalStateException("an in-memory part has no file to move");
        }
        Files.move(file, target);
    }

    /**
     * Remove the spool file, if any (quietly: it is a temporary file).
     */
    public void delete()
    {
        if (file != null)
        {
            try
            {
                Files.deleteIfExists(file);
            }
            catch (final IOException ignored)
            {
                // inside a work folder that is removed anyway
            }
        }
    }

    private void checkClosed()
    {
        if (!closed)
        {
            throw new IllegalStateException("spool still open");
        }
    }

    private static int compressedCookie()
    {
        final Histogram probe = new Histogram(1, 2, 0);
        final ByteBuffer encoded = ByteBuffer.allocate(probe.getNeededByteBufferCapacity() + 64);
        probe.encodeIntoCompressedByteBuffer(encoded, COMPRESSION_LEVEL);
        return encoded.getInt(0);
    }

    @Override
    public String toString()
    {
        return "HlogSpool[" + (file == null ? "memory" : file) + ", " + bytes + " bytes]";
    }
}
