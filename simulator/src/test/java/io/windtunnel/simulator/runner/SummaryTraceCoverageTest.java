package io.windtunnel.simulator.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code summary.json} records, per trace the scenario read, its span, the {@code beyond} setting and what applied.
 */
class SummaryTraceCoverageTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRecordSpanBeyondAndWhatAppliedPerTraceWhenRunIsWritten() throws Exception
    {
        Files.writeString(dir.resolve("load.csv"), String.join("\n",
            "# step: 10m",
            "time,region,requests",
            "2024-01-01T00:00:00Z,c,600",
            "2024-01-01T00:10:00Z,c,1200",
            ""));
        Files.writeString(dir.resolve("faults.csv"), String.join("\n",
            "# span: 2023-12-31T00:00:00Z/2024-01-02T00:00:00Z",
            "time,provider,region,zone,instance_type,kind,count",
            "2024-01-01T00:05:00Z,p,r,,,failure,1",
            ""));
        final Path scenario = Files.writeString(dir.resolve("s.yaml"), String.join("\n",
            "name: summary-span",
            "start: 2024-01-01T00:00:00Z",
            "duration: 1h",
            "sampleInterval: 10m",
            "providers:",
            "  p:",
            "    regions: {r: {}}",
            "    instanceTypes: {t: {workers: 4, boot: 0s}}",
            "prices:",
            "  - {provider: p, region: r, instanceType: t, pricePerHour: 1}",
            "faults:",
            "  - file: faults.csv",
            "load:",
            "  file: load.csv",
            "  beyond: repeat",
            "clients:",
            "  c: {rtt: {default: 1ms}}",
            "service: {mean: 1ms}",
            "stacks:",
            "  - name: one",
            "    autoscaler: {type: fixed, replicas: 2}",
            ""));
        ResultWriter.write(new Runner().run(ScenarioReader.read(scenario), 1), dir.resolve("out"));

        final JsonNode traces = new ObjectMapper().readTree(dir.resolve("out/summary.json").toFile()).get("traces");
        assertThat(traces).hasSize(2);
        final JsonNode load = traces.get(0);
        assertThat(load.get("file").asText()).isEqualTo("load.csv");
        assertThat(load.get("kind").asText()).isEqualTo("load-rate");
        assertThat(load.get("span").get("start").asText()).isEqualTo("2024-01-01T00:00:00Z");
        assertThat(load.get("span").get("end").asText()).isEqualTo("2024-01-01T00:20:00Z");
        assertThat(load.get("span").get("declared").asBoolean()).isFalse();
        assertThat(load.get("beyond").asText()).isEqualTo("repeat");
        assertThat(load.get("applied").asText()).isEqualTo("repeat");
        assertThat(load.get("outsideBeforeSeconds").asDouble()).isZero();
        assertThat(load.get("outsideAfterSeconds").asDouble()).isEqualTo(2400.0);
        assertThat(load.get("keys").get(0).get("key").asText()).isEqualTo("c");

        final JsonNode faults = traces.get(1);
        assertThat(faults.get("kind").asText()).isEqualTo("faults");
        assertThat(faults.get("span").get("declared").asBoolean()).isTrue();
        assertThat(faults.get("beyond").asText()).isEqualTo("error");
        assertThat(faults.get("applied").asText()).isEqualTo("none");
        assertThat(faults.has("keys")).isFalse();
    }
}
