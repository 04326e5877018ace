package io.windtunnel.traces.binary;

import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that {@link BinaryTraceWriter#append} allocates nothing per row: a block write costs at most amortized
 * block-index growth, so millions of rows allocate a few kilobytes. Runs in the allocation executions.
 */
@Tag("allocation")
class BinaryWriterAllocationTest
{
    private static final int ROWS = 2_000_000;
    private static final int ROWS_PER_BLOCK = 16_384;

    @TempDir
    Path tempDir;

    @Test
    void shouldAllocateNothingPerRowWhenAppendingAfterWarmUp() throws Exception
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        threads.setThreadAllocatedMemoryEnabled(true);
        final KeyDictionary keys = new KeyDictionary(TraceKind.LOAD_RATE.keyFields());
        for (int key = 0; key < 16; key++)
        {
            keys.intern("region-" + key);
        }

        for (int round = 0; round < 5; round++)
        {
            try (BinaryTraceWriter writer = BinaryTraceWriter.create(
                tempDir.resolve("warm-" + round + ".wtb"), TraceKind.LOAD_RATE, keys, 60_000_000_000L, ROWS_PER_BLOCK))
            {
                append(writer);
            }
        }

        final Path file = tempDir.resolve("measured.wtb");
        try (BinaryTraceWriter writer =
            BinaryTraceWriter.create(file, TraceKind.LOAD_RATE, keys, 60_000_000_000L, ROWS_PER_BLOCK))
        {
            final long before = threads.getThreadAllocatedBytes(threadId);
            append(writer);
            final long after = threads.getThreadAllocatedBytes(threadId);
            writer.finish();

            final long blocks = ROWS / ROWS_PER_BLOCK;
            // The block index starts at 16 entries and doubles: three long[] and two int[] per doubling, each
            // with a 16-byte array header (7,408 bytes for 122 blocks). One byte per row would be 2 MB.
            long indexGrowthBytes = 0;
            for (long capacity = 32; capacity / 2 < blocks; capacity *= 2)
            {
                indexGrowthBytes += 3 * (16 + 8 * capacity) + 2 * (16 + 4 * capacity);
            }
            assertThat(after - before).as("bytes allocated appending " + ROWS + " rows in " + blocks + " blocks")
                .isLessThanOrEqualTo(2 * indexGrowthBytes);
        }
        try (BinaryTraceFile binary = BinaryTraceFile.open(file))
        {
            assertThat(binary.rowCount()).isEqualTo(ROWS);
        }
    }

    private static void append(final BinaryTraceWriter writer) throws Exception
    {
        for (int row = 0; row < ROWS; row++)
        {
            writer.append(60_000_000_000L * (row >> 4), row & 15, 0, row & 1023);
        }
    }
}
