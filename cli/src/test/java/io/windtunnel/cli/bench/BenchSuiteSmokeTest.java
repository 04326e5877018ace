package io.windtunnel.cli.bench;

import io.windtunnel.bench.suite.BenchSuite;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One tiny real JMH run through the suite (one benchmark, one fork, one 200 ms iteration, a few seconds): JMH finds
 * the benchmark list on this class path, forks, profiles, and the JSON it writes is what {@link JmhResults} reads.
 */
class BenchSuiteSmokeTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRunAFilteredBenchmarkAndWriteJmhJsonThatTheGateReads() throws Exception
    {
        // Another JMH run on a shared machine holds JMH's lock; this run measures nothing, so it need not wait.
        System.setProperty("jmh.ignoreLock", "true");
        final Path result = dir.resolve("jmh.json");

        final int run = BenchSuite.run(new BenchSuite.Settings(1, 0, 1, 200), "BareMmcBenchmark", result,
            new PrintStream(OutputStream.nullOutputStream()));

        assertThat(run).isEqualTo(1);
        final Map<String, Measurement> read = JmhResults.read(result);
        assertThat(read).containsOnlyKeys("BareMmcBenchmark.simulateOneSecond(ratePerSec=2000)");
        final Measurement bare = read.get("BareMmcBenchmark.simulateOneSecond(ratePerSec=2000)");
        assertThat(bare.unit()).isEqualTo("requests/s");
        assertThat(bare.score()).isPositive();
        assertThat(bare.bytesPerOp()).isNotNaN();
    }

    @Test
    void shouldRunNothingWhenTheFilterMatchesNoBenchmark() throws Exception
    {
        final Path result = dir.resolve("jmh.json");

        assertThat(BenchSuite.run(BenchSuite.QUICK, "NoSuchBenchmark", result,
            new PrintStream(OutputStream.nullOutputStream()))).isZero();
        assertThat(result).doesNotExist();
    }
}
