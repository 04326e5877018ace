package io.windtunnel.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class SummaryEchoTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteValuesDefaultsAndOverridesInTheirOrderWhenSummaryIsWritten() throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, String.join("\n",
            "name: echo",
            "seed: 3",
            "duration: &d 2m",
            "sampleInterval: *d",
            "providers:",
            "  p:",
            "    regions: {r: {}}",
            "    instanceTypes: {t: {workers: 2, boot: 0s}}",
            "prices:",
            "  - {provider: p, region: r, instanceType: t, pricePerHour: 0.5}",
            "load:",
            "  constant: {c: 50}",
            "clients:",
            "  c: {rtt: {default: 10ms}}",
            "service: {mean: 5ms}",
            "stacks:",
            "  - name: one",
            "    autoscaler: {type: fixed, replicas: 1}",
            ""));
        final Scenario scenario = ScenarioReader.read(file).withReplications(2).withSeed(11);
        ResultWriter.write(new Runner().run(scenario, 1), dir.resolve("out"));
        final JsonNode summary = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile());

        assertThat(fields(summary.get("values"))).containsExactlyEntriesOf(scenario.echo().values());
        assertThat(fields(summary.get("defaults"))).containsExactlyEntriesOf(scenario.echo().defaults());
        assertThat(fields(summary.get("overrides"))).containsExactly(Map.entry("replications", "2"),
            Map.entry("seed", "11"));
        assertThat(fields(summary.get("values")))
            .containsEntry("seed", "3")
            .containsEntry("sampleInterval", "2m")
            .containsEntry("stacks[0].autoscaler.replicas", "1");
        assertThat(fields(summary.get("defaults")))
            .containsEntry("replications", "1")
            .containsEntry("warmup", "0s")
            .containsEntry("stacks[0].failover.retries", "1");
        assertThat(summary.get("seed").asLong()).isEqualTo(11);
        assertThat(summary.get("replications").asInt()).isEqualTo(2);
        final List<String> order = new ArrayList<>();
        summary.fieldNames().forEachRemaining(order::add);
        assertThat(order).containsSubsequence("inputs", "values", "defaults", "overrides", "seeds", "stacks");
    }

    private static Map<String, String> fields(final JsonNode object)
    {
        final Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
