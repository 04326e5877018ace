package io.windtunnel.traces.binary;

import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceCursor;
import io.windtunnel.traces.TraceKind;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that replaying a binary trace allocates nothing per row: block entry, checksum and order verification
 * and the row accessors included. Runs in its own surefire executions (tag "allocation"), once with and once
 * without escape analysis.
 */
@Tag("allocation")
class BinaryReplayAllocationTest
{
    private static final int ROWS = 2_000_000;
    private static final int ROWS_PER_BLOCK = 16_384;

    @TempDir
    static Path tempDir;

    private static Path file;

    @BeforeAll
    static void writeTrace() throws Exception
    {
        final KeyDictionary keys = new KeyDictionary(TraceKind.PRICE.keyFields());
        for (int key = 0; key < 64; key++)
        {
            keys.intern("aws", "region-" + key / 8, "", "type-" + key % 8, "spot");
        }
        file = tempDir.resolve("replay.wtb");
        try (BinaryTraceWriter writer = BinaryTraceWriter.create(file, TraceKind.PRICE, keys, 0, ROWS_PER_BLOCK))
        {
            for (int row = 0; row < ROWS; row++)
            {
                writer.append(1_000_000_000L * (row / 4), row & 63, 0, 0.01 * (row % 97));
            }
            writer.finish();
        }
    }

    @Test
    void shouldAllocateNothingPerRowWhenReplayingAfterWarmUp() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        try (BinaryTraceFile binary = BinaryTraceFile.open(file))
        {
            long checksum = 0;
            for (int round = 0; round < 15; round++)
            {
                try (BinaryTraceCursor cursor = binary.cursor())
                {
                    final long sum = replay(cursor);
                    assertThat(round == 0 || sum == checksum).as("same rows every round").isTrue();
                    checksum = sum;
                }
            }

            // The 48 MB trace fits in one 64 MiB window, mapped when the cursor is created.
            try (BinaryTraceCursor cursor = binary.cursor())
            {
                final long before = threads.getThreadAllocatedBytes(threadId);
                final long sum = replay(cursor);
                final long after = threads.getThreadAllocatedBytes(threadId);

                assertThat(sum).isEqualTo(checksum);
                assertThat(cursor.blocksVerified()).as("blocks entered and verified").isEqualTo(binary.blockCount())
                    .isGreaterThan(100);
                assertThat(cursor.windowsMapped()).isEqualTo(1);
                assertThat(after - before).as("bytes allocated replaying " + ROWS + " rows").isZero();
            }
        }
    }

    @Test
    void shouldAllocateOnlyPerWindowNotPerRowWhenWindowsSlide() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        threads.setThreadAllocatedMemoryEnabled(true);

        final long windowBytes = 4L * 24 * ROWS_PER_BLOCK;
        try (BinaryTraceFile binary = BinaryTraceFile.open(file))
        {
            for (int round = 0; round < 15; round++)
            {
                try (BinaryTraceCursor cursor = binary.cursor(windowBytes))
                {
                    replay(cursor);
                }
            }
            try (BinaryTraceCursor cursor = binary.cursor(windowBytes))
            {
                final long before = threads.getThreadAllocatedBytes(threadId);
                replay(cursor);
                final long after = threads.getThreadAllocatedBytes(threadId);

                final long remaps = cursor.windowsMapped() - 1;
                assertThat(remaps).isEqualTo((binary.blockCount() + 3) / 4 - 1);
                // The JDK's MappedByteBuffer, its cleaner and unmapper: a few hundred bytes per window.
                assertThat(after - before).as("bytes allocated for " + remaps + " window remaps of " + ROWS + " rows")
                    .isLessThanOrEqualTo(remaps * 1024);
            }
        }
    }

    private static long replay(final TraceCursor cursor)
    {
        long sum = 0;
        while (cursor.next())
        {
            sum += cursor.timeNs() + cursor.keyId() + cursor.code() + Double.doubleToRawLongBits(cursor.value());
        }
        return sum;
    }
}
