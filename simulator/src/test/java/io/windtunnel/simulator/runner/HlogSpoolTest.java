package io.windtunnel.simulator.runner;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.HdrHistogram.HistogramLogWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class HlogSpoolTest
{
    private static final long LOWEST_NS = 1_000L;
    private static final long HIGHEST_NS = 3_600_000_000_000L;
    private static final List<String> GROUPS = List.of("", "client/us east", "provider/a,b");
    private static final long START_EPOCH_NS = 1_704_067_200_000_000_000L;

    @TempDir
    Path dir;

    /** Intervals as the simulation closes them: live histograms of its range, some fresh, some reset, some empty. */
    private static List<Histogram> randomIntervals(final long seed, final int count)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final List<Histogram> intervals = new ArrayList<>();
        long startMs = 0;
        for (int i = 0; i < count; i++)
        {
            final Histogram h = new Histogram(LOWEST_NS, HIGHEST_NS, 3);
            if (random.nextInt(4) == 0)
            {
                // used and reset: an empty interval after busy ones (its maximum differs from a fresh one's)
                h.recordValue(5_000_000L);
                h.reset();
            }
            final int kind = random.nextInt(5);
            final int values = kind == 0 ? 0 : kind == 1 ? 1 + random.nextInt(3) : random.nextInt(2_000);
            final double scale = Math.pow(10, 3 + random.nextInt(9));
            for (int v = 0; v < values; v++)
            {
                final long value = random.nextInt(50) == 0 ? HIGHEST_NS :
                    random.nextInt(50) == 0 ? random.nextLong(LOWEST_NS) : (long)(scale * Math.exp(random.nextGaussian()));
                h.recordValue(Math.min(HIGHEST_NS, value));
            }
            // Up to a few years of simulated ms, intervals from 1 ms to a day, with odd lengths.
            startMs = random.nextInt(10) == 0 ? random.nextLong(100_000_000_000L) : startMs;
            final long lengthMs = 1 + random.nextLong(86_400_000L);
            h.setStartTimeStamp(startMs);
            h.setEndTimeStamp(startMs + lengthMs);
            startMs += lengthMs;
            intervals.add(h);
        }
        return intervals;
    }

    /** The log as the result writer used to write it: each histogram compressed, decoded, written by the library. */
    private static byte[] libraryLog(final List<Histogram> intervals, final String tagPrefix) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        bytes.write(HlogSpool.header(START_EPOCH_NS));
        try (PrintStream out = new PrintStream(bytes, false, StandardCharsets.UTF_8))
        {
            final HistogramLogWriter writer = new HistogramLogWriter(out);
            writer.setBaseTime(0);
            for (int i = 0; i < intervals.size(); i++)
            {
                final Histogram h = intervals.get(i);
                final ByteBuffer buffer = ByteBuffer.allocate(h.getNeededByteBufferCapacity());
                final int length = h.encodeIntoCompressedByteBuffer(buffer, 9);
                final Histogram decoded = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(buffer.array(), 0,
                    length), 0);
                decoded.setStartTimeStamp(h.getStartTimeStamp());
                decoded.setEndTimeStamp(h.getEndTimeStamp());
                final String group = GROUPS.get(i % GROUPS.size());
                decoded.setTag((group.isEmpty() ? tagPrefix : tagPrefix + "/" + group).replaceAll("[\\s,]", "_"));
                writer.outputIntervalHistogram(decoded);
            }
        }
        return bytes.toByteArray();
    }

    private static void feed(final HlogSpool spool, final List<Histogram> intervals)
    {
        for (int i = 0; i < intervals.size(); i++)
        {
            spool.onInterval(i % GROUPS.size(), intervals.get(i));
        }
        spool.close();
    }

    private static byte[] contents(final HlogSpool spool) throws Exception
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        spool.transferTo(Channels.newChannel(bytes));
        return bytes.toByteArray();
    }

    @Test
    void shouldWriteTheBytesOfHdrHistogramsLogWriterWhenHistogramsAndTimesAreRandom() throws Exception
    {
        for (long seed = 1; seed <= 3; seed++)
        {
            final List<Histogram> intervals = randomIntervals(seed, 300);
            final HlogSpool spool = HlogSpool.inMemory("stack/r0", GROUPS, HlogSpool.header(START_EPOCH_NS));
            feed(spool, intervals);
            final byte[] expected = libraryLog(intervals, "stack/r0");
            assertThat(new String(contents(spool), StandardCharsets.UTF_8)).as("seed " + seed)
                .isEqualTo(new String(expected, StandardCharsets.UTF_8));
            assertThat(spool.bytes()).isEqualTo(expected.length);
        }
    }

    @Test
    void shouldWriteTheSameBytesToAFileAsToMemoryAndKeepOnlyItsBufferInMemory() throws Exception
    {
        final List<Histogram> intervals = randomIntervals(11, 1_500);
        final HlogSpool memory = HlogSpool.inMemory("s/r1", GROUPS, new byte[0]);
        final Path file = dir.resolve("part");
        final HlogSpool spooled = HlogSpool.toFile(file, "s/r1", GROUPS, new byte[0]);
        for (int i = 0; i < intervals.size(); i++)
        {
            memory.onInterval(i % GROUPS.size(), intervals.get(i));
            spooled.onInterval(i % GROUPS.size(), intervals.get(i));
            // The file form holds one fixed buffer however much it has written.
            assertThat(spooled.memoryBytes()).isEqualTo(64 * 1024);
        }
        memory.close();
        spooled.close();

        assertThat(spooled.bytes()).isGreaterThan(10L * 64 * 1024);
        assertThat(memory.memoryBytes()).isGreaterThanOrEqualTo(memory.bytes());
        assertThat(spooled.memoryBytes()).isZero();
        assertThat(Files.readAllBytes(file)).isEqualTo(contents(memory));
        assertThat(contents(spooled)).isEqualTo(contents(memory));
    }

    @Test
    void shouldBeReadBackByHistogramLogReaderWithTagsTimesAndCounts() throws Exception
    {
        final List<Histogram> intervals = randomIntervals(3, 200);
        final Path file = dir.resolve("latency.hlog");
        final HlogSpool spool = HlogSpool.toFile(file, "a/r0", GROUPS, HlogSpool.header(START_EPOCH_NS));
        feed(spool, intervals);

        final HistogramLogReader reader = new HistogramLogReader(file.toString());
        for (int i = 0; i < intervals.size(); i++)
        {
            final Histogram read = (Histogram)reader.nextIntervalHistogram();
            final Histogram written = intervals.get(i);
            assertThat(read.getTag()).isEqualTo(List.of("a/r0", "a/r0/client/us_east", "a/r0/provider/a_b")
                .get(i % GROUPS.size()));
            // The reader turns "S.mmm" seconds into ms through a double and truncates: it may read 1 ms less.
            assertThat(read.getStartTimeStamp()).isBetween(written.getStartTimeStamp() - 1, written.getStartTimeStamp());
            assertThat(read.getEndTimeStamp()).isBetween(written.getEndTimeStamp() - 1, written.getEndTimeStamp());
            assertThat(read.getTotalCount()).isEqualTo(written.getTotalCount());
            if (written.getTotalCount() > 0)
            {
                // Same counts at the same values (equals also compares the maximum, which a fresh empty one lacks).
                assertThat(read).isEqualTo(written);
            }
        }
        assertThat(reader.nextIntervalHistogram()).isNull();
    }

    @Test
    void shouldEncodeBase64AsTheJdkDoesWhenLengthsVary()
    {
        final SplittableRandom random = new SplittableRandom(5);
        for (int length = 0; length < 200; length++)
        {
            final byte[] data = new byte[length];
            for (int i = 0; i < length; i++)
            {
                data[i] = (byte)random.nextInt(256);
            }
            final byte[] out = new byte[4 * (length + 2) / 3 + 4];
            final int end = HlogSpool.putBase64(data, length, out, 1);
            assertThat(new String(out, 1, end - 1, StandardCharsets.US_ASCII))
                .isEqualTo(Base64.getEncoder().encodeToString(data));
        }
    }

    @Test
    void shouldRefuseToBeReadWhileOpenAndToBeWrittenOnceClosed() throws Exception
    {
        final HlogSpool spool = HlogSpool.toFile(dir.resolve("open"), "s/r0", GROUPS, new byte[0]);
        assertThatThrownBy(() -> spool.transferTo(Channels.newChannel(new ByteArrayOutputStream())))
            .isInstanceOf(IllegalStateException.class);
        spool.close();
        assertThatThrownBy(() -> spool.onInterval(0, new Histogram(LOWEST_NS, HIGHEST_NS, 3)))
            .isInstanceOf(IllegalStateException.class);
        spool.delete();
        assertThat(dir.resolve("open")).doesNotExist();
    }
}
