package io.windtunnel.bench.traces;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceCsvWriter;
import io.windtunnel.traces.TraceCursor;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.binary.BinaryTraceCursor;
import io.windtunnel.traces.binary.BinaryTraceFile;
import io.windtunnel.traces.binary.BinaryTraceWriter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Rows per second of the same generated price trace (10^6 rows, 1000 keys) read three ways: parsed from generic
 * CSV by the registered {@code price-csv} reader, replayed from the binary file through its memory-mapped cursor
 * (opening the file, mapping and verifying every block included), and, for reference, iterated from an in-memory
 * table. One operation is one row (scores are rows/s).
 * <pre>
 *   mvn -B -pl bench -am package -DskipTests
 *   java -jar bench/target/benchmarks.jar TraceReplayBenchmark -prof gc
 * </pre>
 * Targets (issue): binary replay at least 50 M rows/s on one core and at least 20 times the CSV parse.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.misc=ALL-UNNAMED"})
public class TraceReplayBenchmark
{
    /** Rows in the trace. */
    public static final int ROWS = 1_000_000;
    private static final int KEYS = 1000;
    private static final long TICK_NS = 60_000_000_000L;
    private static final long SEED = 42;

    /** The trace as a binary file and as a table. */
    @State(Scope.Benchmark)
    public static class BinaryTrace
    {
        Path directory;
        Path file;
        TraceTable table;

        /**
         * @throws IOException if the file cannot be written.
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            directory = Files.createTempDirectory("windtunnel-bench-");
            file = directory.resolve("prices.wtb");
            table = new PriceTraceGenerator(KEYS, TICK_NS, SEED).table(ROWS);
            BinaryTraceWriter.write(table, file);
        }

        /**
         * @throws IOException if the files cannot be deleted.
         */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException
        {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
    }

    /** The same trace as generic CSV, and the CSV reader, looked up at run time. */
    @State(Scope.Benchmark)
    public static class CsvTrace
    {
        Path directory;
        Path file;
        TraceReader reader;

        /**
         * @throws IOException if the file cannot be written.
         */
        @Setup(Level.Trial)
        public void setUp() throws IOException
        {
            reader = TraceFormats.byName("price-csv");
            directory = Files.createTempDirectory("windtunnel-bench-");
            file = directory.resolve("prices.csv");
            TraceCsvWriter.write(new PriceTraceGenerator(KEYS, TICK_NS, SEED).table(ROWS), file);
        }

        /**
         * @throws IOException if the files cannot be deleted.
         */
        @TearDown(Level.Trial)
        public void tearDown() throws IOException
        {
            Files.deleteIfExists(file);
            Files.deleteIfExists(directory);
        }
    }

    /**
     * @param trace the binary file.
     * @return a checksum of every row.
     * @throws Exception if the file cannot be read.
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long binaryReplay(final BinaryTrace trace) throws Exception
    {
        try (BinaryTraceCursor cursor = BinaryTraceFile.replay(trace.file))
        {
            return consume(cursor);
        }
    }

    /**
     * @param trace the CSV file.
     * @return the parsed table.
     * @throws Exception if the file cannot be read.
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public TraceTable csvParse(final CsvTrace trace) throws Exception
    {
        return trace.reader.read(trace.file, ImportOptions.defaults());
    }

    /**
     * @param trace the table.
     * @return a checksum of every row.
     */
    @Benchmark
    @OperationsPerInvocation(ROWS)
    public long tableReplay(final BinaryTrace trace)
    {
        return consume(trace.table.cursor());
    }

    private static long consume(final TraceCursor cursor)
    {
        long sum = 0;
        while (cursor.next())
        {
            sum += cursor.timeNs() ^ cursor.keyId() ^ cursor.code() ^ Double.doubleToRawLongBits(cursor.value());
        }
        return sum;
    }
}
