package io.windtunnel.simulator.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A scenario's echo lists exactly the scalars an independent YAML reader (SnakeYAML's composer) finds in the file,
 * with the same text, and no default for a key the file gives.
 */
class ValueEchoTest
{
    @TempDir
    Path dir;

    @Test
    void shouldEchoExactlyTheScalarsOfEachBundledScenario() throws Exception
    {
        final String traces = Path.of("../traces/generated").toAbsolutePath().normalize().toString();
        final Path quickstart = dir.resolve("quickstart.yaml");
        Files.writeString(quickstart,
            Files.readString(Path.of("../scenarios/quickstart.yaml")).replace("../traces/generated", traces));
        for (final Path file : new Path[] {quickstart, Path.of("../scenarios/mm1.yaml"),
            Path.of("src/test/resources/golden/tiny.yaml")})
        {
            assertEchoMatches(file);
        }
    }

    @Test
    void shouldEchoAliasedAndMergedValuesAsAnIndependentReaderResolvesThem() throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, String.join("\n",
            "name: aliases",
            "duration: &d 10m",
            "sampleInterval: *d",
            "providers:",
            "  p:",
            "    regions: {r: {zones: &zones [r-a, r-b]}, s: {zones: *zones}}",
            "    instanceTypes:",
            "      t: &type {workers: 2, boot: 0s}",
            "      u: &u {<<: *type, speed: 2}",
            "      v: {<<: *u, boot: 5s}",
            "prices:",
            "  - &price {provider: p, region: r, instanceType: t, pricePerHour: 0.5}",
            "  - {<<: *price, region: s}",
            "  - {<<: [{instanceType: u}, *price], market: spot}",
            "load:",
            "  constant: {c: &rate 100, d: *rate}",
            "clients:",
            "  c: &client {rtt: {default: 10ms, r: 5ms}}",
            "  d: *client",
            "service: {mean: 5ms}",
            "stacks:",
            "  - &stack",
            "    name: one",
            "    autoscaler: &auto {type: target-utilization, target: 0.5, max: 9}",
            "    placement: {markets: [spot]}",
            "  - <<: *stack",
            "    name: two",
            "    autoscaler: {<<: *auto, target: 0.75}",
            ""));
        final Scenario scenario = assertEchoMatches(file);

        assertThat(scenario.echo().values())
            .containsEntry("sampleInterval", "10m")
            .containsEntry("providers.p.regions.s.zones[1]", "r-b")
            .containsEntry("providers.p.instanceTypes.u.workers", "2")
            .containsEntry("providers.p.instanceTypes.v.workers", "2")
            .containsEntry("providers.p.instanceTypes.v.speed", "2")
            .containsEntry("providers.p.instanceTypes.v.boot", "5s")
            .containsEntry("prices[2].instanceType", "u")
            .containsEntry("prices[2].region", "r")
            .containsEntry("clients.d.rtt.r", "5ms")
            .containsEntry("stacks[1].placement.markets[0]", "spot")
            .containsEntry("stacks[1].autoscaler.target", "0.75")
            .containsEntry("stacks[1].autoscaler.max", "9");
        assertThat(scenario.stacks().get(1).parameters()).containsEntry("autoscaler.target", "0.75");
    }

    private static Scenario assertEchoMatches(final Path file) throws Exception
    {
        final Scenario scenario = ScenarioReader.read(file);
        final ValueEcho echo = scenario.echo();

        assertThat(echo.values()).as(file.toString()).containsExactlyInAnyOrderEntriesOf(
            IndependentYaml.scalars(Files.readString(file)));
        assertThat(echo.defaults().keySet()).as(file.toString()).doesNotContainAnyElementsOf(echo.values().keySet());
        return scenario;
    }
}
