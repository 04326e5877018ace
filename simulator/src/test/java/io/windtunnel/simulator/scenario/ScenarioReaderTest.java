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
        // The shipped price trace has regional prices only (empty zone column): no zones, offers as before zones.
        assertThat(model.zoneNames).isEmpty();
        assertThat(model.offerZone).containsOnly(CloudModel.NO_ZONE);
        assertThat(model.faultZone).containsOnly(CloudModel.NO_ZONE);
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

    @Test
    void shouldGiveEveryDeclaredZoneTheRegionPriceUnlessTheZoneHasItsOwn() throws Exception
    {
        final Path file = write(MINIMAL
            .replace("regions: {r: {}}", "regions: {r: {zones: [r-a, r-b]}}")
            .replace("  - {provider: p, region: r, instanceType: t, pricePerHour: 0.5}",
                "  - {provider: p, region: r, instanceType: t, pricePerHour: 0.5}\n" +
                "  - {provider: p, region: r, zone: r-b, instanceType: t, pricePerHour: 0.4}"));
        final CloudModel model = ScenarioReader.read(file).model();

        assertThat(model.zoneNames).containsExactly("r-a", "r-b");
        assertThat(model.offers()).isEqualTo(2);
        assertThat(model.describeOffer(0)).isEqualTo("p/r/r-a/t/on-demand");
        assertThat(model.describeOffer(1)).isEqualTo("p/r/r-b/t/on-demand");
        assertThat(model.offerPrice[0].pricePerHourUsdAt(0)).isEqualTo(0.5);
        assertThat(model.offerPrice[1].pricePerHourUsdAt(0)).isEqualTo(0.4);
    }

    @Test
    void shouldNameFileLineAndKeyWhenPriceNamesUnknownZone() throws Exception
    {
        final Path file = write(MINIMAL
            .replace("regions: {r: {}}", "regions: {r: {zones: [r-a]}}")
            .replace("{provider: p, region: r, instanceType", "{provider: p, region: r, zone: r-c, instanceType"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:8: key 'prices[0].zone': unknown zone 'r-c' of region 'r' " +
                "(declared: r-a)");
    }

    @Test
    void shouldNameZoneWhenRegionDeclaresNoZones() throws Exception
    {
        final Path file = write(MINIMAL
            .replace("{provider: p, region: r, instanceType", "{provider: p, region: r, zone: r-a, instanceType"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'prices[0].zone': unknown zone 'r-a' of region 'r' " +
                "(the region declares no 'zones')");
    }

    @Test
    void shouldNameLineWhenZoneIsDeclaredTwice() throws Exception
    {
        final Path file = write(MINIMAL.replace("regions: {r: {}}", "regions: {r: {zones: [r-a, r-a]}}"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:5: key 'providers.p.regions.r.zones[1]': zone 'r-a' is declared twice");
    }

    private Path write(final String yaml) throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
