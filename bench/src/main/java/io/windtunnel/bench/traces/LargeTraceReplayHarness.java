package io.windtunnel.bench.traces;

import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.binary.BinaryTraceCursor;
import io.windtunnel.traces.binary.BinaryTraceFile;
import io.windtunnel.traces.binary.BinaryTraceFormat;
import io.windtunnel.traces.binary.BinaryTraceWriter;

import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Writes a generated price trace of 10^8 rows (2.4 GB, more than one 2 GiB mapping) with the streaming
 * {@link BinaryTraceWriter}, replays it twice through a {@link BinaryTraceCursor}, reports rows/s and shows that
 * heap (and mapped memory) stay flat: heap used after a GC before and after each phase, and the largest heap used
 * and mapped bytes seen by a sampler thread every 5 ms during it. Deletes the file at the end.
 * <pre>
 *   mvn -B -pl bench -am package -DskipTests
 *   java -Xmx256m --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
 *       -cp bench/target/benchmarks.jar io.windtunnel.bench.traces.LargeTraceReplayHarness \
 *       [--rows 100000000] [--keys 1000] [--dir /tmp]
 * </pre>
 * It checks the free space first (file size plus 10%). Heap "used" counts garbage not yet collected, so the
 * sampled maximum includes what the sampler itself allocates (about 100 bytes a sample).
 */
public final class LargeTraceReplayHarness
{
    private static final long MB = 1L << 20;

    private LargeTraceReplayHarness()
    {
    }

    /**
     * @param args {@code --rows N}, {@code --keys N}, {@code --dir DIR}.
     * @throws Exception if writing or reading fails.
     */
    public static void main(final String[] args) throws Exception
    {
        long rows = 100_000_000L;
        int keys = 1000;
        Path directory = Path.of(System.getProperty("java.io.tmpdir"));
        for (int i = 0; i + 1 < args.length; i += 2)
        {
            switch (args[i])
            {
                case "--rows":
                    rows = Long.parseLong(args[i + 1]);
                    break;
                case "--keys":
                    keys = Integer.parseInt(args[i + 1]);
                    break;
                case "--dir":
                    directory = Path.of(args[i + 1]);
                    break;
                default:
                    throw new IllegalArgumentException("unknown option " + args[i] + "; use --rows, --keys, --dir");
            }
        }
        final long fileBytes = BinaryTraceFormat.HEADER_BYTES + (long)BinaryTraceFormat.ROW_BYTES * rows;
        final long usable = Files.getFileStore(directory).getUsableSpace();
        if (usable < fileBytes + fileBytes / 10)
        {
            System.err.printf(Locale.ROOT, "not enough space in %s: need %,d MB, have %,d MB%n",
                directory, fileBytes * 11 / 10 / MB, usable / MB);
            System.exit(2);
        }
        System.out.printf(Locale.ROOT, "rows %,d, keys %,d, file %,d MB in %s (free %,d MB), max heap %,d MB%n",
            rows, keys, fileBytes / MB, directory, usable / MB, Runtime.getRuntime().maxMemory() / MB);

        final Path file = directory.resolve("windtunnel-harness-" + ProcessHandle.current().pid() + ".wtb");
        final Sampler sampler = new Sampler();
        sampler.start();
        try
        {
            final PriceTraceGenerator generator = new PriceTraceGenerator(keys, 1_000_000_000L, 7);
            final long rowsToWrite = rows;
            phase("write", sampler, rows, () ->
            {
                try (BinaryTraceWriter writer =
                    BinaryTraceWriter.create(file, TraceKind.PRICE, generator.keys(), 0))
                {
                    generator.writeTo(writer, rowsToWrite);
                    writer.finish();
                }
                return rowsToWrite;
            });
            System.out.printf(Locale.ROOT, "file written: %,d bytes%n", Files.size(file));
            for (int pass = 1; pass <= 2; pass++)
            {
                phase("replay " + pass, sampler, rows, () -> replay(file));
            }
        }
        finally
        {
            sampler.stop();
            Files.deleteIfExists(file);
            System.out.printf(Locale.ROOT, "deleted %s: %s%n", file, Files.exists(file) ? "NO" : "yes");
        }
    }

    private static long replay(final Path file) throws Exception
    {
        long rows = 0;
        long previousNs = Long.MIN_VALUE;
        double sumUsd = 0;
        long keyAndCodeSum = 0;
        try (BinaryTraceCursor cursor = BinaryTraceFile.replay(file))
        {
            while (cursor.next())
            {
                final long timeNs = cursor.timeNs();
                if (timeNs < previousNs)
                {
                    throw new IllegalStateException("row " + rows + " goes back in time");
                }
                previousNs = timeNs;
                sumUsd += cursor.value();
                keyAndCodeSum += cursor.keyId() + cursor.code();
                rows++;
            }
            System.out.printf(Locale.ROOT, "  %,d blocks verified in %,d windows; mean price %.5f USD/h, " +
                "mean key id %.1f%n", cursor.blocksVerified(), cursor.windowsMapped(), sumUsd / rows,
                (double)keyAndCodeSum / rows);
        }
        return rows;
    }

    private static void phase(final String name, final Sampler sampler, final long expectedRows, final Phase phase)
        throws Exception
    {
        final long heapBefore = Sampler.heapAfterGc();
        sampler.reset();
        final long startNs = System.nanoTime();
        final long rows = phase.run();
        final double seconds = (System.nanoTime() - startNs) / 1e9;
        final long heapMax = sampler.maxHeap();
        final long mappedMax = sampler.maxMapped();
        final long heapAfter = Sampler.heapAfterGc();
        if (rows != expectedRows)
        {
            throw new IllegalStateException(name + ": " + rows + " rows, expected " + expectedRows);
        }
        System.out.printf(Locale.ROOT, "%-9s %,d rows in %.2f s = %.1f M rows/s | heap used after GC: before %.1f MB, " +
                "after %.1f MB; sampled max during %.1f MB | mapped max %.1f MB%n", name, rows, seconds,
            rows / seconds / 1e6, heapBefore / (double)MB, heapAfter / (double)MB, heapMax / (double)MB,
            mappedMax / (double)MB);
    }

    /** A timed phase returning the rows it processed. */
    private interface Phase
    {
        long run() throws Exception;
    }

    /** Samples heap used and mapped buffer memory every 5 ms on a daemon thread, keeping the maxima. */
    private static final class Sampler implements Runnable
    {
        private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        private final List<BufferPoolMXBean> pools = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class);
        private final AtomicLong maxHeap = new AtomicLong();
        private final AtomicLong maxMapped = new AtomicLong();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread = new Thread(this, "memory-sampler");

        void start()
        {
            thread.setDaemon(true);
            thread.start();
        }

        void stop() throws InterruptedException
        {
            running.set(false);
            thread.join();
        }

        void reset()
        {
            maxHeap.set(0);
            maxMapped.set(0);
        }

        long maxHeap()
        {
            return maxHeap.get();
        }

        long maxMapped()
        {
            return maxMapped.get();
        }

        @Override
        public void run()
        {
            while (running.get())
            {
                maxHeap.accumulateAndGet(memory.getHeapMemoryUsage().getUsed(), Math::max);
                for (final BufferPoolMXBean pool : pools)
                {
                    if ("mapped".equals(pool.getName()))
                    {
                        maxMapped.accumulateAndGet(pool.getMemoryUsed(), Math::max);
                    }
                }
                try
                {
                    Thread.sleep(5);
                }
                catch (final InterruptedException e)
                {
                    return;
                }
            }
        }

        static long heapAfterGc()
        {
            System.gc();
            return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        }
    }
}
