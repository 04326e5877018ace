package io.windtunnel.cli;

import io.windtunnel.cli.bench.BenchResults;
import io.windtunnel.cli.bench.SyntheticJmh;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code windtunnel bench} on JMH result files made here ({@code --from-jmh}): no JMH run in unit tests. */
class BenchCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldPrintRatiosAndSaveThemWhenReadingAJmhRun() throws IOException
    {
        final Path jmh = jmh(dir.resolve("jmh.json"), 2.5e6);
        final Path out = dir.resolve("sub/bench.json");

        final CliRun run = CliRun.of("bench", "--from-jmh", jmh.toString(), "--out", out.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(0);
        assertThat(run.out()).contains("| request path / bare M/M/c (ratePerSec=2000) | 0.500x |")
            .contains("| hold: engine / PriorityQueue (pending=1000) | 3.20x |")
            .contains("wrote " + out);
        final BenchResults saved = BenchResults.read(out);
        assertThat(saved.ratios()).containsEntry("request path / bare M/M/c (ratePerSec=2000)", 0.5)
            .containsEntry("hold: engine / PriorityQueue (pending=1000)", 3.2);
        assertThat(saved.settings()).isEqualTo("from JMH results jmh.json");
    }

    @Test
    void shouldExitZeroAgainstASavedRunWithinTheDefaultThresholdOf25PercentAndOneBeyondIt() throws IOException
    {
        final Path saved = dir.resolve("saved.json");
        assertThat(CliRun.of("bench", "--from-jmh", jmh(dir.resolve("a.json"), 2.5e6).toString(), "--out",
            saved.toString()).exitCode()).isEqualTo(0);

        final CliRun slightlySlower = CliRun.of("bench", "--from-jmh", jmh(dir.resolve("b.json"), 2.1e6).toString(),
            "--out", dir.resolve("b-out.json").toString(), "--against", saved.toString());
        final CliRun muchSlower = CliRun.of("bench", "--from-jmh", jmh(dir.resolve("c.json"), 1.8e6).toString(),
            "--out", dir.resolve("c-out.json").toString(), "--against", saved.toString());
        final CliRun tighter = CliRun.of("bench", "--from-jmh", dir.resolve("b.json").toString(),
            "--out", dir.resolve("d-out.json").toString(), "--against", saved.toString(), "--threshold", "15%");

        assertThat(slightlySlower.exitCode()).as(slightlySlower.out()).isEqualTo(0);
        assertThat(slightlySlower.out()).contains("| request path / bare M/M/c (ratePerSec=2000) | 0.500x | 0.420x | " +
            "-16.0% | ok |").contains("no ratio regressed");
        assertThat(muchSlower.exitCode()).isEqualTo(1);
        assertThat(muchSlower.out()).contains("| request path / bare M/M/c (ratePerSec=2000) | 0.500x | 0.360x | " +
            "-28.0% | REGRESSION |").contains("1 ratio(s) regressed: request path / bare M/M/c (ratePerSec=2000)");
        assertThat(tighter.exitCode()).isEqualTo(1);
    }

    @Test
    void shouldExitTwoNamingTheFieldWhenTheSavedFileIsBad() throws IOException
    {
        final Path bad = dir.resolve("bad.json");
        Files.writeString(bad, "{ \"format\" : \"windtunnel-bench/1\", \"settings\" : \"x\", \"machine\" : { }, " +
            "\"benchmarks\" : { }, \"ratios\" : { \"r\" : -1 } }");

        final CliRun run = CliRun.of("bench", "--from-jmh", jmh(dir.resolve("a.json"), 2.5e6).toString(), "--out",
            dir.resolve("out.json").toString(), "--against", bad.toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains(bad + ": field 'ratios.r': -1 is not a positive number");
        assertThat(dir.resolve("out.json")).doesNotExist();
    }

    @Test
    void shouldExitTwoForABadThreshold() throws IOException
    {
        final CliRun run = CliRun.of("bench", "--from-jmh", jmh(dir.resolve("a.json"), 2.5e6).toString(),
            "--threshold", "150%");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--threshold: '150%' is not a share in (0, 1)");
    }

    /** Engine 3.2x PriorityQueue; the request path at {@code simulatorRequestsPerSec} against a bare 5e6. */
    private static Path jmh(final Path file, final double simulatorRequestsPerSec) throws IOException
    {
        Files.writeString(file, new SyntheticJmh()
            .add("io.windtunnel.bench.engine.HoldBenchmark.engine", "thrpt", Map.of("pending", "1000"), 25.6,
                "ops/us", 0.0004)
            .add("io.windtunnel.bench.engine.HoldBenchmark.priorityQueue", "thrpt", Map.of("pending", "1000"), 8.0,
                "ops/us", 32.0)
            .add("io.windtunnel.bench.simulator.SimulatorBenchmark.simulateOneSecond", "thrpt",
                Map.of("ratePerSec", "2000"), simulatorRequestsPerSec / 2000, "ops/s", 2.0, simulatorRequestsPerSec)
            .add("io.windtunnel.bench.simulator.BareMmcBenchmark.simulateOneSecond", "thrpt",
                Map.of("ratePerSec", "2000"), 2500, "ops/s", 2.0, 5e6)
            .text());
        return file;
    }
}
