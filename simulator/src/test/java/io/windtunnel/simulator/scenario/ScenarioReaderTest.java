package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.TraceFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void shouldCompileBundledSpotServingWithZonesOnTwoProvidersAndItsBaselineWhenRead() throws Exception
    {
        final Scenario scenario = ScenarioReader.read(Path.of("../scenarios/spot-serving.yaml"));
        final CloudModel model = scenario.model();

        assertThat(model.providerNames).containsExactly("aws", "gcp");
        assertThat(model.regionNames).hasSizeGreaterThanOrEqualTo(3);
        // Every region has zones, and every zone an on-demand and a spot offer of its own (the traces' zone rows).
        for (int region = 0; region < model.regionNames.length; region++)
        {
            final int r = region;
            assertThat(java.util.stream.IntStream.range(0, model.zoneNames.length).filter(z -> model.zoneRegion[z] == r))
                .as(model.regionNames[region]).hasSizeGreaterThanOrEqualTo(2);
        }
        assertThat(model.offers()).isEqualTo(2 * model.zoneNames.length);
        assertThat(model.offerZone).doesNotContain(CloudModel.NO_ZONE);
        assertThat(java.util.Arrays.stream(model.offerMarket).distinct().count()).isEqualTo(2);
        assertThat(model.faultTimeNs).isNotEmpty();
        assertThat(model.faultZone).doesNotContain(CloudModel.NO_ZONE);
        assertThat(scenario.replications()).isGreaterThanOrEqualTo(5);
        assertThat(scenario.stacks()).extracting(io.windtunnel.simulator.policy.PolicyStack::name)
            .contains(scenario.baselineStack());
        assertThat(scenario.baselineStack()).isEqualTo("on-demand");
    }

    @Test
    void shouldReadTheComparisonBaselineAndLeaveItUnsetWithoutTheKey() throws Exception
    {
        final String two = MINIMAL + "  - name: two\n    autoscaler: {type: fixed, replicas: 3}\n";
        assertThat(ScenarioReader.read(write(two)).baselineStack()).isNull();
        assertThat(ScenarioReader.read(write(two)).echo().defaults()).doesNotContainKey("compare.baseline");

        final Scenario scenario = ScenarioReader.read(write(two + "compare: {baseline: two}\n"));
        assertThat(scenario.baselineStack()).isEqualTo("two");
        assertThat(scenario.withSeed(3).withReplications(2).baselineStack()).isEqualTo("two");
        assertThat(scenario.echo().values()).containsEntry("compare.baseline", "two");

        assertThatThrownBy(() -> ScenarioReader.read(write(two + "compare: {baseline: three}\n")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:19: key 'compare.baseline': no stack is named 'three'; the " +
                "baseline must be one of the stacks: one, two");
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

    @Test
    void shouldReadAliasesAndMergeKeysAsTheirAnchoredValues() throws Exception
    {
        final Path file = write(MINIMAL
            .replace("  c: {rtt: {default: 10ms}}", "  c: {rtt: {default: &rtt 25ms}}\nnetwork: {jitter: *rtt}")
            .replace("    autoscaler: {type: fixed, replicas: 2}", String.join("\n",
                "    autoscaler: &auto {type: target-utilization, target: 0.5, min: 1, max: 8}",
                "  - name: two",
                "    autoscaler: {<<: *auto, target: 0.8}")));
        final Scenario scenario = ScenarioReader.read(file);

        assertThat(scenario.model().jitterNs).isEqualTo(25_000_000L);
        assertThat(scenario.stacks()).hasSize(2);
        assertThat(scenario.stacks().get(1).parameters())
            .containsEntry("autoscaler.type", "target-utilization")
            .containsEntry("autoscaler.target", "0.8")
            .containsEntry("autoscaler.max", "8");
        assertThat(scenario.echo().values())
            .containsEntry("network.jitter", "25ms")
            .containsEntry("stacks[1].autoscaler.type", "target-utilization")
            .containsEntry("stacks[1].autoscaler.target", "0.8")
            .containsEntry("stacks[1].autoscaler.max", "8");
        assertThat(scenario.echo().defaults()).containsEntry("stacks[1].autoscaler.initial", "1");
    }

    @Test
    void shouldNameLineOfTextAndOfAliasWhenAliasedValueIsOutOfRange() throws Exception
    {
        final Path file = write(MINIMAL
            .replace("pricePerHour: 0.5", "pricePerHour: &price 1.5")
            .replace("    autoscaler: {type: fixed, replicas: 2}", String.join("\n",
                "    autoscaler: &auto {type: target-utilization, target: 0.5}",
                "  - name: two",
                "    autoscaler: {<<: *auto, target: *price}")));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessage(file + ":8: key 'stacks[1].autoscaler.target': 1.5 is out of range [0.01, 1] " +
                "(through alias *price at line 18)");
    }

    @Test
    void shouldNameBothLinesWhenStacksAreRepeated() throws Exception
    {
        final Path file = write(MINIMAL + "stacks:\n  - name: other\n    autoscaler: {type: fixed, replicas: 1}\n");
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessage(file + ":17: key 'stacks': duplicate key (first at line 14)");
    }

    @Test
    void shouldRefuseNamesThatAreNotPlainFolderNames() throws Exception
    {
        for (final String name : new String[] {"../../x", ".hidden", "a/b", "a b", "caf\u00e9", "x".repeat(101), "''"})
        {
            final Path file = write(MINIMAL.replace("name: tiny", "name: " + name));
            assertThatThrownBy(() -> ScenarioReader.read(file)).as(name)
                .isInstanceOf(ScenarioException.class)
                .hasMessageContaining("scenario.yaml:1: key 'name': ")
                .hasMessageContaining("cannot be a result folder name: use 1 to 100 letters (A-Z, a-z), digits, " +
                    "'-', '_' and '.', not starting with '.'");
        }
        assertThat(ScenarioReader.read(write(MINIMAL.replace("name: tiny", "name: run-2_b.3"))).name())
            .isEqualTo("run-2_b.3");
        assertThat(ScenarioReader.read(write(MINIMAL.replace("name: tiny\n", ""))).name()).isEqualTo("scenario");
    }

    @Test
    void shouldSayTooLongWhenDurationIsBeyondTheLimit() throws Exception
    {
        assertThatThrownBy(() -> ScenarioReader.read(write(MINIMAL.replace("duration: 10m", "duration: 100000d"))))
            .hasMessageContaining("scenario.yaml:2: key 'duration': '100000d' is too long (max 10000d)");
        assertThatThrownBy(() -> ScenarioReader.read(write(MINIMAL.replace("duration: 10m", "duration: 1e30d"))))
            .hasMessageContaining("key 'duration': '1e30d' is too long (max 10000d)");
        assertThatThrownBy(() -> ScenarioReader.read(write(MINIMAL.replace("duration: 10m", "duration: 0s"))))
            .hasMessageContaining("scenario.yaml:2: key 'duration': must be positive");
        assertThatThrownBy(() -> ScenarioReader.read(write(MINIMAL.replace("duration: 10m", "duration: -5m"))))
            .hasMessageContaining("scenario.yaml:2: key 'duration': must be positive");
        assertThatThrownBy(() -> ScenarioReader.read(write(MINIMAL.replace("duration: 10m", "duration: 10m\nwarmup: -1s"))))
            .hasMessageContaining("scenario.yaml:3: key 'warmup': must not be negative");
        assertThatThrownBy(() -> ScenarioReader.read(write(MINIMAL.replace("duration: 10m", "duration: 10m\nsampleInterval: 0"))))
            .hasMessageContaining("scenario.yaml:3: key 'sampleInterval': must be positive");
        assertThatThrownBy(() -> ScenarioReader.read(write(MINIMAL.replace("boot: 0s", "boot: 20000d"))))
            .hasMessageContaining("key 'providers.p.instanceTypes.t.boot': '20000d' is too long (max 10000d)");
        assertThat(ScenarioReader.read(write(MINIMAL.replace("duration: 10m", "duration: 10000d\nsampleInterval: 1d")))
            .model().durationNs).isEqualTo(YamlNode.MAX_DURATION_NS);
    }

    @Test
    void shouldNamePathWhenAFolderIsGivenInsteadOfTheScenario() throws Exception
    {
        assertThatThrownBy(() -> ScenarioReader.read(dir))
            .isInstanceOf(ScenarioException.class)
            .hasMessage(dir + ": is a folder, not a scenario file; name the .yaml file");
    }

    @Test
    void shouldRefuseTooLargeFileBeforeParsingIt() throws Exception
    {
        final Path file = dir.resolve("huge.yaml");
        Files.writeString(file, "name: " + "x".repeat(5 << 20) + "\n");
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessage(file + ": the file is 5242887 bytes, more than a scenario may have (max 1048576 bytes = 1 MiB; " +
                "traces belong in their own files)");
    }

    @Test
    void shouldStopReadingWhenADeviceNeverEnds() throws Exception
    {
        final Path zero = Path.of("/dev/zero");
        assumeTrue(Files.exists(zero));
        assertThatThrownBy(() -> ScenarioReader.read(zero))
            .isInstanceOf(ScenarioException.class)
            .hasMessage("/dev/zero: reading it gave more than 1048576 bytes, more than a scenario may have " +
                "(max 1048576 bytes = 1 MiB)");
    }

    @Test
    void shouldNameLineOfFirstBadByteWhenScenarioIsNotUtf8() throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.write(file, MINIMAL.replace("name: tiny", "name: tiny\n# caf\u00e9").getBytes(StandardCharsets.ISO_8859_1));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessage(file + ":2: not valid UTF-8 (byte 0xE9 at column 6); save the scenario as UTF-8");
        Files.write(file, ("\uFEFF" + MINIMAL).getBytes(StandardCharsets.UTF_8));
        assertThat(ScenarioReader.read(file).name()).isEqualTo("tiny");
    }

    @Test
    void shouldEchoEveryValueOfTheFileAndEveryDefaultApplied() throws Exception
    {
        final Scenario scenario = ScenarioReader.read(write(MINIMAL));
        final ValueEcho echo = scenario.echo();

        assertThat(echo.values()).containsExactly(
            Map.entry("name", "tiny"),
            Map.entry("duration", "10m"),
            Map.entry("providers.p.instanceTypes.t.workers", "2"),
            Map.entry("providers.p.instanceTypes.t.boot", "0s"),
            Map.entry("prices[0].provider", "p"),
            Map.entry("prices[0].region", "r"),
            Map.entry("prices[0].instanceType", "t"),
            Map.entry("prices[0].pricePerHour", "0.5"),
            Map.entry("load.constant.c", "100"),
            Map.entry("clients.c.rtt.default", "10ms"),
            Map.entry("service.mean", "5ms"),
            Map.entry("stacks[0].name", "one"),
            Map.entry("stacks[0].autoscaler.type", "fixed"),
            Map.entry("stacks[0].autoscaler.replicas", "2"));
        assertThat(echo.defaults()).contains(
            Map.entry("seed", "1"),
            Map.entry("replications", "1"),
            Map.entry("warmup", "0s"),
            Map.entry("controlInterval", "1m"),
            Map.entry("sampleInterval", "1m"),
            Map.entry("providers.p.preemptionNotice", "2m"),
            Map.entry("providers.p.billing.granularity", "1s"),
            Map.entry("providers.p.billing.minimum", "1m"),
            Map.entry("providers.p.instanceTypes.t.speed", "1"),
            Map.entry("start", "1970-01-01T00:00:00Z"),
            Map.entry("network.jitter", "0s"),
            Map.entry("prices[0].market", "on-demand"),
            Map.entry("service.distribution", "exponential"),
            Map.entry("slo.latency", "1s"),
            Map.entry("stacks[0].placement.markets", "[on-demand, spot]"),
            Map.entry("stacks[0].placement.providers", "[p]"),
            Map.entry("stacks[0].failover.retries", "1"));
        assertThat(echo.defaults().keySet()).doesNotContainAnyElementsOf(echo.values().keySet());
        assertThat(echo.overrides()).isEmpty();

        final ValueEcho overridden = scenario.withSeed(9).withReplications(3).echo();
        assertThat(overridden.overrides()).containsExactly(Map.entry("seed", "9"), Map.entry("replications", "3"));
        assertThat(overridden.used("seed")).isEqualTo("9");
        assertThat(overridden.used("name")).isEqualTo("tiny");
        assertThat(overridden.used("warmup")).isEqualTo("0s");
        assertThat(overridden.values()).isEqualTo(echo.values());
    }

    private Path write(final String yaml) throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        return file;
    }
}
