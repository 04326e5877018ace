package io.windtunnel.simulator.sweep;

import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.TraceCache;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SweepTest
{
    static final Path TINY = Path.of("src/test/resources/golden/tiny.yaml").toAbsolutePath();

    @TempDir
    Path dir;

    /** A sweep file over the golden tiny scenario, shortened; {@code body} holds axes and the rest. */
    static Path sweepFile(final Path dir, final String body) throws IOException
    {
        final Path file = dir.resolve("sweep.yaml");
        Files.writeString(file, "scenario: " + TINY + "\nset: {duration: 6m, warmup: 1m}\n" + body);
        return file;
    }

    @Test
    void cartesianExpandsFirstAxisSlowestAndSeedsInnermost() throws Exception
    {
        final Sweep sweep = Sweep.read(sweepFile(dir, """
            axes:
              stacks.spot.autoscaler.target: [0.5, 0.7]
              load.constant.east: [60, 120, 240]
            seeds: [3, 4]
            """));
        assertThat(sweep.variants()).hasSize(12);
        assertThat(sweep.variants().get(0).labels()).containsExactly("0.5", "60");
        assertThat(sweep.variants().get(1).labels()).containsExactly("0.5", "60");
        assertThat(sweep.variants().get(1).seed()).isEqualTo(4);
        assertThat(sweep.variants().get(2).labels()).containsExactly("0.5", "120");
        assertThat(sweep.variants().get(6).labels()).containsExactly("0.7", "60");
        assertThat(sweep.axes().get(1).line()).isEqualTo(5);
    }

    @Test
    void zipTakesTheIthValuesTogether() throws Exception
    {
        final Sweep sweep = Sweep.read(sweepFile(dir, """
            mode: zip
            axes:
              stacks.spot.autoscaler.target: [0.5, 0.7]
              load.constant.east: [60, 240]
            seeds: {from: 10, count: 2}
            """));
        assertThat(sweep.variants()).extracting(Variant::labels).containsExactly(List.of("0.5", "60"),
            List.of("0.5", "60"), List.of("0.7", "240"), List.of("0.7", "240"));
        assertThat(sweep.variants()).extracting(Variant::seed).containsExactly(10L, 11L, 10L, 11L);
    }

    @Test
    void variantScenarioHasTheAxisValuesTheSetValuesAndTheSeed() throws Exception
    {
        final Sweep sweep = Sweep.read(sweepFile(dir, """
            axes:
              stacks.on-demand.autoscaler.replicas: [3, 5]
              stacks[0].placement.markets: [[spot, on-demand]]
            seeds: [9]
            replications: 1
            """));
        final Scenario scenario = sweep.scenario(sweep.variants().get(1), PolicyRegistry.standard(), new TraceCache());
        assertThat(scenario.seed()).isEqualTo(9);
        assertThat(scenario.replications()).isEqualTo(1);
        assertThat(scenario.model().durationNs).isEqualTo(360_000_000_000L);
        assertThat(scenario.stacks().get(1).parameters()).containsEntry("autoscaler.replicas", "5");
        assertThat(sweep.variants().get(0).labels()).containsExactly("3", "[spot, on-demand]");
        // Without seeds the scenario's own seed is kept.
        final Sweep noSeeds = Sweep.read(sweepFile(dir, "axes: {stacks.on-demand.autoscaler.replicas: [3]}\n"));
        assertThat(noSeeds.variants().get(0).seed()).isEqualTo(5);
    }

    @Test
    void aPathThatNamesNothingIsRefusedNamingTheSweepFileLineAndAxis() throws Exception
    {
        final Path file = sweepFile(dir, """
            axes:
              load.multiplier: [1, 2]
              stacks.spotty.autoscaler.target: [0.5]
            """);
        assertThatThrownBy(() -> Sweep.read(file)).isInstanceOf(ScenarioException.class)
            .hasMessageStartingWith(file + ":5: key 'axes.stacks.spotty.autoscaler.target': no item named 'spotty' " +
                "under 'stacks' of " + TINY + " (names there: spot, on-demand");
        final Path scalar = sweepFile(dir, "axes: {duration.hours: [1]}\n");
        assertThatThrownBy(() -> Sweep.read(scalar)).hasMessageContaining("'duration' is a single value");
        final Path index = sweepFile(dir, "axes:\n  stacks[7].autoscaler.target: [1]\n");
        assertThatThrownBy(() -> Sweep.read(index)).hasMessageContaining("no item [7] under 'stacks'");
    }

    @Test
    void aWrongValueIsReportedAtTheSweepFilesLineWithTheScenarioKey() throws Exception
    {
        final Path file = sweepFile(dir, """
            axes:
              stacks.spot.autoscaler.target: [0.5,
                 7]
            """);
        final Sweep sweep = Sweep.read(file);
        assertThatThrownBy(() -> sweep.check(PolicyRegistry.standard(), new TraceCache()))
            .isInstanceOf(ScenarioException.class)
            .hasMessageStartingWith(file + ":5: key 'stacks[0].autoscaler.target': ")
            .hasMessageContaining("sweep axis 'stacks.spot.autoscaler.target' = 7")
            .hasMessageContaining("variant 1 (stacks.spot.autoscaler.target=7, seed=5)");
    }

    @Test
    void aMisspelledNewKeyIsReportedAtTheSweepFilesLine() throws Exception
    {
        final Path file = sweepFile(dir, "axes:\n  stacks.spot.autoscaler.targt: [0.5]\n");
        final Sweep sweep = Sweep.read(file);
        assertThatThrownBy(() -> sweep.check(PolicyRegistry.standard(), new TraceCache()))
            .hasMessageStartingWith(file + ":4: key 'stacks[0].autoscaler.targt': unknown");
    }

    @Test
    void sweepFileMistakesNameTheirLineAndKey() throws Exception
    {
        assertThatThrownBy(() -> Sweep.read(sweepFile(dir, "axes: {load.multiplier: [1]}\nmdoe: zip\n")))
            .hasMessageContaining("sweep.yaml:4: key 'mdoe': unknown key");
        assertThatThrownBy(() -> Sweep.read(sweepFile(dir, "axes: {load.multiplier: []}\n")))
            .hasMessageContaining("sweep.yaml:3: key 'axes.load.multiplier': an axis needs a non-empty list");
        assertThatThrownBy(() -> Sweep.read(sweepFile(dir, "mode: zip\naxes:\n  load.multiplier: [1, 2]\n" +
            "  stacks.spot.autoscaler.target: [0.5]\n")))
            .hasMessageContaining("sweep.yaml:6: key 'axes.stacks.spot.autoscaler.target': has 1 values but " +
                "'load.multiplier' has 2");
        assertThatThrownBy(() -> Sweep.read(sweepFile(dir, "axes: {seed: [1, 2]}\n")))
            .hasMessageContaining("vary the seed with the sweep's 'seeds'");
        assertThatThrownBy(() -> Sweep.read(sweepFile(dir, "axes: {load.multiplier: [1]}\nmode: random\n")))
            .hasMessageContaining("sweep.yaml:4: key 'mode': must be 'cartesian'");
        final Path noBase = dir.resolve("nobase.yaml");
        Files.writeString(noBase, "axes: {load.multiplier: [1]}\n");
        assertThatThrownBy(() -> Sweep.read(noBase)).hasMessageContaining("key 'scenario': is required");
        final Path missing = dir.resolve("missing.yaml");
        Files.writeString(missing, "scenario: nothere.yaml\naxes: {load.multiplier: [1]}\n");
        assertThatThrownBy(() -> Sweep.read(missing)).hasMessageContaining("missing.yaml:1: key 'scenario': no " +
            "such scenario file");
    }

    @Test
    void anInlineBaseIsReadFromTheSweepFile() throws Exception
    {
        final String tiny = Files.readString(TINY).replace("file: tiny-faults.csv",
            "file: " + TINY.resolveSibling("tiny-faults.csv"));
        final StringBuilder inline = new StringBuilder("base:\n");
        tiny.lines().filter(l -> !l.startsWith("#")).forEach(l -> inline.append("  ").append(l).append('\n'));
        final Path file = dir.resolve("inline.yaml");
        Files.writeString(file, inline + "axes: {stacks.spot.autoscaler.target: [0.5, 2]}\n");
        final Sweep sweep = Sweep.read(file);
        assertThat(sweep.name()).isEqualTo("inline");
        assertThat(sweep.scenario(sweep.variants().get(0), PolicyRegistry.standard(), null).name()).isEqualTo("tiny");
        // The inline base's own lines are the sweep file's.
        assertThatThrownBy(() -> sweep.check(PolicyRegistry.standard(), null))
            .hasMessageStartingWith(file + ":" + (inline.toString().lines().count() + 1) +
                ": key 'stacks[0].autoscaler.target'");
    }
}
