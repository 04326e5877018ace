package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.runner.RunResult;
import io.windtunnel.simulator.runner.Runner;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An outage (or a spot capacity change) that began before the run's window is still in effect when the window
 * starts: the run must not begin as if the region were up. Preemptions and failures before the window hit nothing.
 */
class FaultsBeforeWindowTest
{
    @TempDir
    Path dir;

    /** One region, one on-demand offer, 2 fixed replicas, 10 minutes from 2024-01-01T00:00Z. */
    private Path scenario(final String faultsCsv, final String beyond) throws Exception
    {
        Files.writeString(dir.resolve("faults.csv"), faultsCsv);
        return Files.writeString(dir.resolve("s.yaml"), ScenarioReaderTest.MINIMAL
            .replace("name: tiny", "name: tiny\nstart: 2024-01-01T00:00:00Z\ncontrolInterval: 10s") +
            "faults:\n  - {file: faults.csv" + (beyond == null ? "" : ", beyond: " + beyond) + "}\n");
    }

    private static RunResult run(final Path file) throws Exception
    {
        return new Runner().run(ScenarioReader.read(file), 1).runs().get(0);
    }

    @Test
    void shouldStartDownWhenAnOutageBeganBeforeTheWindowAndEndsInIt() throws Exception
    {
        final RunResult run = run(scenario(String.join("\n",
            "# span: 2023-12-31T23:00:00Z/2024-01-01T00:10:00Z",
            "time,provider,region,zone,instance_type,kind,count",
            "2023-12-31T23:30:00Z,p,r,,,outage_start,0",
            "2024-01-01T00:05:00Z,p,r,,,outage_end,0", ""), null));

        // Down for the first 5 minutes: no launch succeeds, so every request then is rejected; afterwards 2 launch.
        assertThat(run.metrics().get("replicas.launches_refused")).isGreaterThan(0.0);
        assertThat(run.metrics().get("replicas.launched")).isEqualTo(2.0);
        assertThat(run.metrics().get("availability.time_share")).isLessThan(0.55).isGreaterThan(0.45);
        assertThat(run.metrics().get("requests.rejected")).isGreaterThan(20_000.0);
    }

    @Test
    void shouldIgnoreAnOutageThatEndedBeforeTheWindow() throws Exception
    {
        final RunResult run = run(scenario(String.join("\n",
            "# span: 2023-12-31T23:00:00Z/2024-01-01T00:10:00Z",
            "time,provider,region,zone,instance_type,kind,count",
            "2023-12-31T23:30:00Z,p,r,,,outage_start,0",
            "2023-12-31T23:50:00Z,p,r,,,outage_end,0",
            "2023-12-31T23:55:00Z,p,r,,,failure,1", ""), null));

        assertThat(run.metrics().get("replicas.launches_refused")).isZero();
        assertThat(run.metrics().get("replicas.failed")).isZero();
        assertThat(run.metrics().get("availability.time_share")).isEqualTo(1.0);
    }

    @Test
    void shouldCarryAnOutageOpenAtTheEndOfTheRepeatedPeriodIntoTheWindow() throws Exception
    {
        // A 20-minute period whose outage opens at minute 15 and closes at minute 5 of the next period. The window
        // starts at 2024-01-01T00:00Z, minute 0 of a period: the outage opened in the period before is still open.
        final RunResult run = run(scenario(String.join("\n",
            "# span: 2023-12-31T22:00:00Z/2023-12-31T22:20:00Z",
            "time,provider,region,zone,instance_type,kind,count",
            "2023-12-31T22:05:00Z,p,r,,,outage_end,0",
            "2023-12-31T22:15:00Z,p,r,,,outage_start,0", ""), "repeat"));

        assertThat(run.metrics().get("replicas.launches_refused")).isGreaterThan(0.0);
        assertThat(run.metrics().get("availability.time_share")).isLessThan(0.55).isGreaterThan(0.45);
    }
}
