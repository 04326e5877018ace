package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.TraceFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScenarioReaderTest
{
    static final String MINIMAL = String.join("\n",
        "name: tiny",
        "duration: 10m",
        "providers:",
        "  p:",
        "    regions: {r: {}}",
        "    instanceTypes: {t: {workers: 2, boot: 0s}}",
        "prices:",
        "  - {provider: p, region: r, instanceType: t, pricePerHour: 0.5}",
        "load:",
        "  constant: {c: 100}",
        "clients:",
        "  c: {rtt: {default: 10ms}}",
        "service: {mean: 5ms}",
        "stacks:",
        "  - name: one",
        "    autoscaler: {type: fixed, replicas: 2}",
        "");

    @TempDir
    Path dir;

    @Test
    void shouldCompileBundledQuickstartWhenRead() throws Exception
    {
        final Scenario scenario = ScenarioReader.read(Path.of("../scenarios/quickstart.yaml"));
        final CloudModel model = scenario.model();

        assertThat(scenario.stacks()).hasSizeGreaterThanOrEqualTo(3);
        assertThat(model.providerNames).containsExactly("aws", "azure", "gcp");
        assertThat(model.clientNames).containsExactly("us-east", "eu-west", "ap-south");
        assertThat(model.offers()).isEqualTo(24);
        assertThat(model.faultTimeNs).isNotEmpty();
        assertThat(model.durationNs).isEqualTo(2 * 86_400_000_000_000L);
        assertThat(scenario.inputs()).hasSize(5);
        assertThat(model.clientLoad[0].expectedArrivals(0, model.durationNs)).isGreaterThan(1e6);
    }

    @Test
    void shouldCompileMm1WhenRead() throws Exception
    {
        final Scenario scenario = ScenarioReader.read(Path.of("../scenarios/mm1.yaml"));
        assertThat(scenario.model().typeWorkers).containsExactly(1);
        assertThat(scenario.replications()).isEqualTo(5);
    }

    @Test
    void shouldNameFileLineAndKeyWhenKeyIsUnknown() throws Exception
    {
        final Path file = write(MINIMAL.replace("service: {mean: 5ms}", "service: {meen: 5ms}"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:13: key 'service.mean': is required");
    }

    @Test
    void shouldNameKeyWhenTypoInStack() throws Exception
    {
        final Path file = write(MINIMAL.replace("{type: fixed, replicas: 2}", "{type: fixed, replica: 2}"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:16: key 'stacks[0].autoscaler.replica': unknown key");
    }

    @Test
    void shouldNameLineWhenValueIsOutOfRange() throws Exception
    {
        final Path file = write(MINIMAL.replace("workers: 2", "workers: 0"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:6: key 'providers.p.instanceTypes.t.workers': 0 is out of range");
    }

    @Test
    void shouldNameLineWhenDurationIsUnreadable() throws Exception
    {
        final Path file = write(MINIMAL.replace("duration: 10m", "duration: ten minutes"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:2: key 'duration': cannot read 'ten minutes' as a duration");
    }

    @Test
    void shouldReportLineWhenYamlIsMalformed() throws Exception
    {
        final Path file = write(MINIMAL.replace("prices:", "prices: [unclosed"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:")
            .hasMessageContaining("not valid YAML");
    }

    @Test
    void shouldNameMissingRttWhenNoDefault() throws Exception
    {
        final Path file = write(MINIMAL.replace("{default: 10ms}", "{elsewhere: 10ms}"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'clients.c.rtt': no round-trip time to cloud region 'r'");
    }

    @Test
    void shouldReportTraceProblemWhenLoadTraceIsBroken() throws Exception
    {
        Files.writeString(dir.resolve("load.csv"), "# step: 1m\ntime,region,requests\n2024-01-01T00:00:00Z,c,abc\n");
        final Path file = write(MINIMAL.replace("  constant: {c: 100}", "  file: load.csv\n  format: rate-csv"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("load.csv:3");
    }

    @Test
    void shouldNameFileWhenTraceIsMissing() throws Exception
    {
        final Path file = write(MINIMAL.replace("  constant: {c: 100}", "  file: nowhere.csv"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'load.file': no such file");
    }

    private Path write(final String yaml) throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
