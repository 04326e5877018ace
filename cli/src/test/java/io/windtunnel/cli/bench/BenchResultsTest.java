package io.windtunnel.cli.bench;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchResultsTest
{
    @TempDir
    Path dir;

    @RepeatedTest(20)
    void shouldReadBackWhatItWroteAndWriteTheSameBytesWhateverTheInsertionOrder(final RepetitionInfo info)
        throws IOException
    {
        final SplittableRandom random = new SplittableRandom(7 + info.getCurrentRepetition());
        final List<Measurement> list = new ArrayList<>();
        for (final String pending : new String[] {"1000", "100000"})
        {
            for (final String method : new String[] {"engine", "priorityQueue", "binaryHeap"})
            {
                final String key = "HoldBenchmark." + method + "(pending=" + pending + ")";
                list.add(new Measurement(key, "thrpt", random.nextDouble() * 30 + 0.1,
                    random.nextBoolean() ? Double.NaN : random.nextDouble(), "ops/us", random.nextDouble() * 40));
            }
        }
        list.add(new Measurement("LpPlacementBenchmark.simplex(offers=10)", "avgt", 1 + random.nextDouble() * 300,
            0.25, "us/op", Double.NaN));
        list.add(new Measurement("LpPlacementBenchmark.greedy(offers=10)", "avgt", 0.5 + random.nextDouble(), 0.01,
            "us/op", 0));
        final Map<String, String> machine = Map.of("cores", "2", "cpu", "AMD EPYC", "java", "17", "os", "Linux");
        final BenchResults results = BenchResults.of("quick", machine, map(list));
        Collections.shuffle(list, new java.util.Random(random.nextLong()));
        final BenchResults shuffled = BenchResults.of("quick", new LinkedHashMap<>(machine), map(list));
        final Path file = dir.resolve("bench.json");
        Files.writeString(file, results.text());

        final BenchResults read = BenchResults.read(file);

        assertThat(shuffled.text()).isEqualTo(results.text());
        assertThat(read).isEqualTo(results);
        assertThat(read.text()).isEqualTo(results.text());
        assertThat(read.ratios()).hasSize(5);
        assertThat(read.ratios().get("LP placement: Simplex / greedy (offers=10)"))
            .isEqualTo(BenchResults.round(read.benchmarks().get("LpPlacementBenchmark.greedy(offers=10)").score() /
                read.benchmarks().get("LpPlacementBenchmark.simplex(offers=10)").score()), within());
    }

    private static org.assertj.core.data.Offset<Double> within()
    {
        return org.assertj.core.data.Offset.offset(1e-5);
    }

    @Test
    void shouldShowEveryBenchmarkAndRatioInTheTable()
    {
        final Map<String, Measurement> m = map(List.of(
            new Measurement("TraceReplayBenchmark.binaryReplay", "thrpt", 1.2e8, 1e6, "ops/s", 0.68),
            new Measurement("TraceReplayBenchmark.csvParse", "thrpt", 8e5, Double.NaN, "ops/s", 1222)));

        final String table = BenchResults.of("quick", Map.of(), m).table();

        assertThat(table).contains("| TraceReplayBenchmark.binaryReplay | 1.200e+08 ± 1.0e+06 | ops/s | < 1 |")
            .contains("| TraceReplayBenchmark.csvParse | 8.000e+05 | ops/s | 1222 |")
            .contains("| trace decode: binary / CSV | 150x | < 1 | 1222 |");
    }

    @Test
    void shouldNameTheFieldWhenARatioIsNotAPositiveNumber() throws IOException
    {
        final String text = BenchResults.of("quick", Map.of(), map(List.of(
            new Measurement("TraceReplayBenchmark.binaryReplay", "thrpt", 1.2e8, 1e6, "ops/s", 0.68),
            new Measurement("TraceReplayBenchmark.csvParse", "thrpt", 8e5, Double.NaN, "ops/s", 1222)))).text();
        final Path file = dir.resolve("bad.json");
        Files.writeString(file, text.replace("\"trace decode: binary / CSV\" : 150", "\"trace decode: binary / CSV\" : \"fast\""));

        assertThatThrownBy(() -> BenchResults.read(file)).isInstanceOf(BenchInputException.class)
            .hasMessage(file + ": field 'ratios.trace decode: binary / CSV': \"fast\" is not a positive number");
    }

    @Test
    void shouldRefuseAnotherFormatNamingTheField() throws IOException
    {
        final Path file = dir.resolve("baseline.json");
        Files.writeString(file, "{ \"format\" : \"windtunnel-baseline/1\", \"scenarios\" : { } }");

        assertThatThrownBy(() -> BenchResults.read(file)).isInstanceOf(BenchInputException.class)
            .hasMessageStartingWith(file + ": field 'format': \"windtunnel-baseline/1\"; not a Windtunnel bench");
    }

    @Test
    void shouldNameTheFieldWhenABenchmarkScoreIsMissing() throws IOException
    {
        final String text = BenchResults.of("quick", Map.of(), map(List.of(
            new Measurement("A.b", "thrpt", 3, 1, "ops/s", 0)))).text();
        final Path file = dir.resolve("bad.json");
        Files.writeString(file, text.replace("\"score\" : 3,", ""));

        assertThatThrownBy(() -> BenchResults.read(file)).isInstanceOf(BenchInputException.class)
            .hasMessage(file + ": field 'benchmarks.A.b.score': missing");
    }

    private static Map<String, Measurement> map(final List<Measurement> list)
    {
        final Map<String, Measurement> m = new LinkedHashMap<>();
        for (final Measurement measurement : list)
        {
            m.put(measurement.key(), measurement);
        }
        return m;
    }
}
