package io.windtunnel.cli.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class JmhResultsTest
{
    @TempDir
    Path dir;

    @Test
    void shouldKeyBenchmarksByShortNameAndSortedParamsWhenReadingJmhJson() throws IOException
    {
        final Path file = write(new SyntheticJmh()
            .add("io.windtunnel.bench.engine.HoldBenchmark.engine", "thrpt", Map.of("pending", "1000"), 25.5,
                "ops/us", 0.001)
            .add("io.windtunnel.bench.simulator.PlacementDecisionBenchmark.chooseOffer", "avgt",
                Map.of("placement", "spread maxPerGroup=20"), 1.36, "us/op", 0.0)
            .add("x.NoParams.run", "thrpt", Map.of(), 3.0, "ops/s", 24.0)
            .text());

        final Map<String, Measurement> read = JmhResults.read(file);

        assertThat(read).containsOnlyKeys("HoldBenchmark.engine(pending=1000)",
            "PlacementDecisionBenchmark.chooseOffer(placement=spread maxPerGroup=20)", "NoParams.run");
        final Measurement hold = read.get("HoldBenchmark.engine(pending=1000)");
        assertThat(hold.score()).isEqualTo(25.5);
        assertThat(hold.error()).isEqualTo(0.5);
        assertThat(hold.unit()).isEqualTo("ops/us");
        assertThat(hold.speed()).isEqualTo(25.5);
        final Measurement placement = read.get("PlacementDecisionBenchmark.chooseOffer(placement=spread maxPerGroup=20)");
        assertThat(placement.speed()).isCloseTo(1 / 1.36, within(1e-12));
        assertThat(read.get("NoParams.run").bytesPerOp()).isEqualTo(24.0);
    }

    @Test
    void shouldReadTheRequestsCounterAsScoreAndBytesPerRequestWhenPresent() throws IOException
    {
        // 500 invocations/s of 2,000 requests each: 1e6 requests/s; 400 B per invocation is 0.2 B per request.
        final Path file = write(new SyntheticJmh()
            .add("io.windtunnel.bench.simulator.SimulatorBenchmark.simulateOneSecond", "thrpt",
                Map.of("ratePerSec", "2000"), 500, "ops/s", 400, 1e6)
            .text());

        final Measurement m = JmhResults.read(file).get("SimulatorBenchmark.simulateOneSecond(ratePerSec=2000)");

        assertThat(m.score()).isEqualTo(1e6);
        assertThat(m.unit()).isEqualTo("requests/s");
        assertThat(m.bytesPerOp()).isCloseTo(0.2, within(1e-12));
        assertThat(m.error()).isNaN();
    }

    @Test
    void shouldNameFileAndFieldWhenAScoreIsMissing() throws IOException
    {
        final Path file = write(new SyntheticJmh()
            .add("a.B.c", "thrpt", Map.of(), 1.0, "ops/s", 0).text().replace("\"score\" : 1.0,", ""));

        assertThatThrownBy(() -> JmhResults.read(file)).isInstanceOf(BenchInputException.class)
            .hasMessage(file + ": field '[0].primaryMetric.score': missing");
    }

    @Test
    void shouldNameTheLineWhenTheFileIsNotJson() throws IOException
    {
        final Path file = write("[\n  { \"benchmark\" : \"a.B.c\",\n  oops\n]\n");

        assertThatThrownBy(() -> JmhResults.read(file)).isInstanceOf(BenchInputException.class)
            .hasMessageStartingWith(file + ":3: not valid JSON");
    }

    @Test
    void shouldRefuseAJsonObjectWhenAJmhArrayIsExpected() throws IOException
    {
        final Path file = write("{ \"format\" : \"windtunnel-bench/1\" }");

        assertThatThrownBy(() -> JmhResults.read(file)).isInstanceOf(BenchInputException.class)
            .hasMessageContaining(file + ": not a JMH JSON result file");
    }

    @Test
    void shouldRefuseANonPositiveScore() throws IOException
    {
        final Path file = write(new SyntheticJmh().add("a.B.c", "thrpt", Map.of(), 0.0, "ops/s", 0).text());

        assertThatThrownBy(() -> JmhResults.read(file)).isInstanceOf(BenchInputException.class)
            .hasMessage(file + ": field '[0].primaryMetric.score': 0.0 is not a positive finite score");
    }

    private Path write(final String text) throws IOException
    {
        final Path file = dir.resolve("jmh.json");
        Files.writeString(file, text);
        return file;
    }
}
