package io.windtunnel.simulator.scenario;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ArrivalLogScenarioTest
{
    @TempDir
    Path dir;

    private Path scenario(final String load) throws Exception
    {
        Files.writeString(dir.resolve("requests.csv"), String.join("\n",
            "# span: 1969-12-31T23:59:59Z/1970-01-01T00:10:00Z",
            "time,region,service_ms",
            "1969-12-31T23:59:59Z,c,5",
            "1970-01-01T00:00:01Z,c,5",
            "1970-01-01T00:00:02Z,c,",
            "1970-01-01T00:00:03.5Z,c,20",
            ""));
        final String yaml = ScenarioReaderTest.MINIMAL.replace("  constant: {c: 100}", load);
        return Files.writeString(dir.resolve("scenario.yaml"), yaml);
    }

    @Test
    void shouldReplayEveryLoggedRequestWithItsWorkWhenLoadIsAnArrivalLog() throws Exception
    {
        final Scenario s = ScenarioReader.read(scenario("  file: requests.csv\n  format: arrivals-csv"));
        final Simulation simulation = new Simulation(new Engine(64), s.model(), s.stacks().get(0),
            new RandomStreams(1));
        simulation.run();

        // Without 'start', time 0 is the log's first row, so all four requests are replayed.
        assertThat(simulation.arrivals()).isEqualTo(4);
        assertThat(simulation.completed()).isEqualTo(4);
        // rtt 10 ms + logged work: 15 ms and 30 ms; the unlogged one draws from the service model (mean 5 ms).
        assertThat(simulation.latency().total().getMinValue() / 1e6).isBetween(10.0, 40.0);
        assertThat(simulation.latency().total().getMaxValue() / 1e6).isBetween(29.9, 30.1);
    }

    @Test
    void shouldSkipLoggedRequestsBeforeStartWhenStartIsGiven() throws Exception
    {
        final Path file = scenario("  file: requests.csv");
        Files.writeString(file, "start: 1970-01-01T00:00:00Z\n" + Files.readString(file));
        final Scenario s = ScenarioReader.read(file);
        final Simulation simulation = new Simulation(new Engine(64), s.model(), s.stacks().get(0),
            new RandomStreams(1));
        simulation.run();
        assertThat(simulation.arrivals()).isEqualTo(3);
    }

    @Test
    void shouldRejectMultiplierWhenLoadIsAnArrivalLog() throws Exception
    {
        final Path file = scenario("  file: requests.csv\n  multiplier: 2");
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'load.multiplier': does not apply to a per-request arrival log");
    }
}
