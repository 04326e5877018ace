package io.windtunnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code windtunnel sweep} end to end through the command line, on the bundled quickstart's traces: a 2 x 2 sweep
 * with two seeds (8 variants x 3 stacks, 20 simulated minutes each), run with {@code --threads 1} and
 * {@code --threads 2}, then killed-and-resumed. (Parquet is written by the Spark backend only: the spark module's
 * tests check it.)
 */
class SweepCommandTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> STACKS = List.of("spot-cheapest", "on-demand-cheapest", "aws-fixed-on-demand");

    @TempDir
    static Path dir;
    static Path sweepFile;
    static CliRun serial;
    static CliRun parallel;

    @BeforeAll
    static void runTheSweepTwice() throws Exception
    {
        final Path repo = BadInputCorpusTest.repoRoot();
        Files.writeString(dir.resolve("quickstart.yaml"), Files.readString(repo.resolve("scenarios/quickstart.yaml"))
            .replace("../traces/generated", repo.resolve("traces/generated").toString()));
        sweepFile = Files.writeString(dir.resolve("small-sweep.yaml"), """
            name: small
            scenario: quickstart.yaml
            set: {duration: 20m, warmup: 2m, sampleInterval: 5m}
            axes:
              stacks.spot-cheapest.autoscaler.target: [0.4, 0.8]
              load.multiplier: [1, 4]
            seeds: [1, 2]
            replications: 1
            """);
        serial = CliRun.of("sweep", sweepFile.toString(), "--out", dir.resolve("serial").toString(), "--threads", "1");
        parallel = CliRun.of("sweep", sweepFile.toString(), "--out", dir.resolve("parallel").toString(),
            "--threads", "2");
    }

    @Test
    void shouldRunEveryVariantAndWriteOneRowPerVariantAndStackAndPrintTheSummaryTable() throws Exception
    {
        assertThat(serial.exitCode()).as(serial.err()).isZero();
        assertThat(serial.out()).contains("sweep small: 8 variants: 8 ran, 0 failed, 0 skipped (complete) -> ");
        final Path out = dir.resolve("serial");
        // The summary table is printed: summary.md as written.
        final String summary = Files.readString(out.resolve("summary.md"));
        assertThat(serial.out()).endsWith(summary);
        assertThat(summary).contains("8 of 8 variants ran.", "## stacks.spot-cheapest.autoscaler.target",
            "## load.multiplier", "| value | best stack |", "Sensitivity | cost | p99");
        assertThat(serial.err()).contains("sweep: [##############################] 8/8 variants");

        for (final String file : List.of("results.csv", "histograms.jsonl", "summary.json", "summary.md",
            "report.html", "sweep.json"))
        {
            assertThat(out.resolve(file)).as(file).isNotEmptyFile();
        }
        final List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        final List<String> header = List.of(rows.get(0).split(","));
        assertThat(header.subList(0, 8)).containsExactly("variant", "stacks.spot-cheapest.autoscaler.target",
            "load.multiplier", "seed", "stack", "status", "error", "replications");
        assertThat(header).contains("cost.total_usd", "latency.p99_ms", "requests.arrived",
            "availability.request_share");
        assertThat(rows).hasSize(1 + 8 * 3);
        final Set<String> pairs = new HashSet<>();
        final int cost = header.indexOf("cost.total_usd");
        final int arrived = header.indexOf("requests.arrived");
        for (final String row : rows.subList(1, rows.size()))
        {
            final String[] cells = row.split(",", -1);
            assertThat(cells).hasSize(header.size());
            assertThat(cells[5]).as(row).isEqualTo("ok");
            assertThat(pairs.add(cells[0] + "/" + cells[4])).as("one row per variant x stack: " + row).isTrue();
            assertThat(Double.parseDouble(cells[cost])).as(row).isPositive();
        }
        for (int v = 0; v < 8; v++)
        {
            for (final String stack : STACKS)
            {
                assertThat(pairs).contains(v + "/" + stack);
            }
        }
        // The load axis really changes the runs: 4x the load, about 4x the requests.
        assertThat(Double.parseDouble(rows.get(1 + 3 * 2).split(",")[arrived]) /
            Double.parseDouble(rows.get(1).split(",")[arrived])).isBetween(3.0, 5.0);

        // Per stack: all variants, then each value of each axis; each a non-empty merged histogram.
        final List<String> lines = Files.readAllLines(out.resolve("histograms.jsonl"));
        assertThat(lines).hasSize(3 * (1 + 2 + 2));
        for (final String line : lines)
        {
            final JsonNode h = JSON.readTree(line);
            assertThat(h.get("count").asLong()).as(line.substring(0, 80)).isPositive();
            assertThat(h.get("variants").asInt()).isEqualTo(h.get("axis").asText().equals("*") ? 8 : 4);
        }
        assertThat(JSON.readTree(out.resolve("summary.json").toFile()).get("ran").asInt()).isEqualTo(8);
        try (Stream<Path> variants = Files.list(out.resolve("variants")))
        {
            assertThat(variants.count()).isEqualTo(8);
        }
    }

    @Test
    void shouldWriteTheSameBytesWithOneThreadAndWithTwo() throws Exception
    {
        assertThat(parallel.exitCode()).as(parallel.err()).isZero();
        assertThat(parallel.out().replace(dir.resolve("parallel").toString(), "OUT"))
            .isEqualTo(serial.out().replace(dir.resolve("serial").toString(), "OUT"));
        assertThat(files(dir.resolve("parallel"))).isEqualTo(files(dir.resolve("serial")));
    }

    @Test
    void shouldResumeAKilledSweepRunningOnlyTheVariantsWithoutAResult() throws Exception
    {
        // A sweep killed after some variants: their results are written (atomically), the merged files are not,
        // and a temporary file of a variant that was being written is left behind.
        final Path killed = dir.resolve("killed");
        copy(dir.resolve("parallel"), killed);
        for (final String file : List.of("results.csv", "histograms.jsonl", "summary.json", "summary.md",
            "report.html", "variants/v0000001.json", "variants/v0000004.json", "variants/v0000007.json"))
        {
            Files.delete(killed.resolve(file));
        }
        Files.writeString(killed.resolve("variants/v0000004.json.tmp-31"), "{\"trunc");

        final CliRun refused = CliRun.of("sweep", sweepFile.toString(), "--out", killed.toString());
        assertThat(refused.exitCode()).isEqualTo(2);
        assertThat(refused.err()).contains("exists and is not empty", "--resume");

        final CliRun resumed = CliRun.of("sweep", sweepFile.toString(), "--out", killed.toString(), "--resume",
            "--threads", "2");
        assertThat(resumed.exitCode()).as(resumed.err()).isZero();
        assertThat(resumed.out()).contains("8 variants: 3 ran, 0 failed, 5 skipped (complete)");
        final TreeMap<String, String> expected = files(dir.resolve("serial"));
        final TreeMap<String, String> got = files(killed);
        got.remove("variants/v0000004.json.tmp-31");
        assertThat(got).isEqualTo(expected);
    }

    /** Every file under a folder (relative name to content). */
    private static TreeMap<String, String> files(final Path folder) throws IOException
    {
        final TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(folder))
        {
            for (final Path file : (Iterable<Path>)walk.filter(Files::isRegularFile)::iterator)
            {
                out.put(folder.relativize(file).toString(), Files.readString(file));
            }
        }
        assertThat(out).containsKey("results.csv");
        return out;
    }

    private static void copy(final Path from, final Path to) throws IOException
    {
        final List<Path> all = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(from))
        {
            walk.forEach(all::add);
        }
        for (final Path p : all)
        {
            final Path target = to.resolve(from.relativize(p).toString());
            if (Files.isDirectory(p))
            {
                Files.createDirectories(target);
            }
            else
            {
                Files.copy(p, target);
            }
        }
    }
}
