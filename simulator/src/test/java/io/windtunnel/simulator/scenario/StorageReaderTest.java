package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.PolicySlot;
import io.windtunnel.simulator.storage.StorageModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code storage} section, its growth file and the storage slot of stacks: what is read, what is refused where. */
class StorageReaderTest
{
    private static final long GB = ByteUnits.BYTES_PER_GB;
    private static final long MINUTE = 60_000_000_000L;

    @TempDir
    Path dir;

    private Scenario read(final String sections) throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, TransferReaderTest.BASE + sections);
        return ScenarioReader.read(file);
    }

    private static String storage(final String data)
    {
        return String.join("\n",
            "transfer:",
            "  data: {read: 1 MB}",
            "storage:",
            "  locations:",
            "    - {name: near, region: r, usdPerGbMonth: 0.023, readPer1k: 0.0004, writePer1k: 0.005}",
            "    - {name: far, region: s, zone: s-b, class: infrequent, usdPerGbMonth: 0.0125}",
            "  data: " + data,
            "");
    }

    @Test
    void shouldReadLocationsSizeStepsAndObjectSizeWithItsDefaultEchoed() throws Exception
    {
        Files.writeString(dir.resolve("growth.csv"), "# grows\ntime,size\n\n30m,12 GB\n1h, 1.5 TB\n");
        final Scenario scenario = read(storage("{size: 10 GB, growth: growth.csv}"));
        final StorageModel s = scenario.model().storage;

        assertThat(s.locationName).containsExactly("near", "far");
        assertThat(s.locationRegion).containsExactly(0, 1);
        assertThat(s.locationZone[0]).isEqualTo(CloudModel.NO_ZONE);
        assertThat(scenario.model().zoneNames[s.locationZone[1]]).isEqualTo("s-b");
        assertThat(s.locationClass).containsExactly("standard", "infrequent");
        assertThat(s.gbMonthUsd).containsExactly(0.023, 0.0125);
        assertThat(s.readPer1kUsd).containsExactly(0.0004, 0);
        assertThat(s.writePer1kUsd).containsExactly(0.005, 0);
        assertThat(s.sizeFromNs).containsExactly(0, 30 * MINUTE, 60 * MINUTE);
        assertThat(s.sizeBytes).containsExactly(10 * GB, 12 * GB, 1536 * GB);
        assertThat(s.objectBytes).isEqualTo(64L << 20);
        assertThat(scenario.echo().defaults()).containsEntry("storage.data.objectSize", "64 MB");
        // Every stack has the storage slot, with its default type echoed.
        assertThat(scenario.stacks().get(0).parameters()).containsEntry("storage.type", "cheapest-storage");
        assertThat(scenario.model().transfer.dataRegion).isEmpty();
    }

    @Test
    void shouldLeaveAScenarioWithoutAStorageSectionWithoutTheSlot() throws Exception
    {
        final Scenario scenario = read("");
        assertThat(scenario.model().storage).isNull();
        assertThat(scenario.stacks().get(0).parameters()).doesNotContainKey("storage.type");
        assertThat(scenario.echo().defaults().keySet()).noneMatch(key -> key.contains(PolicySlot.STORAGE.key()));
    }

    @Test
    void shouldReadTheStackStoragePolicyItsParametersAndAGivenObjectSize() throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, TransferReaderTest.BASE.replace("autoscaler: {type: fixed, replicas: 2}",
            "autoscaler: {type: fixed, replicas: 2}\n    storage: {type: k-replicated, k: 3}") +
            storage("{size: 10 GB, objectSize: 8 MB}"));
        final Scenario k = ScenarioReader.read(file);
        assertThat(k.model().storage.objectBytes).isEqualTo(8L << 20);
        assertThat(k.stacks().get(0).parameters()).containsEntry("storage.type", "k-replicated")
            .containsEntry("storage.k", "3").containsEntry("storage.distinctProviders", "false");
    }

    @Test
    void shouldRefuseAGrowthFileWithoutItsHeaderOrWithABadRowNamingFileLineAndColumn() throws Exception
    {
        Files.writeString(dir.resolve("growth.csv"), "when,bytes\n30m,12 GB\n");
        assertThatThrownBy(() -> read(storage("{size: 10 GB, growth: growth.csv}")))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("growth.csv:1: the header must be 'time,size'");
        Files.writeString(dir.resolve("growth.csv"), "time,size\n0s,12 GB\n");
        assertThatThrownBy(() -> read(storage("{size: 10 GB, growth: growth.csv}")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("growth.csv:2: key 'time': must be after 0s (the size at 0 is the scenario's " +
                "'storage.data.size')");
        Files.writeString(dir.resolve("growth.csv"), "time,size\nsoon,12 GB\n");
        assertThatThrownBy(() -> read(storage("{size: 10 GB, growth: growth.csv}")))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("growth.csv:2: key 'time': ");
        Files.writeString(dir.resolve("growth.csv"), "time,size\n30m,12 GB,x\n");
        assertThatThrownBy(() -> read(storage("{size: 10 GB, growth: growth.csv}")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("growth.csv:2: row has 3 values but the header has 2 columns");
        assertThatThrownBy(() -> read(storage("{size: 10 GB, growth: missing.csv}")))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("key 'storage.data.growth': no such file");
    }

    @Test
    void shouldRefuseAZeroObjectSizeAndAnEmptyLocationList() throws Exception
    {
        assertThatThrownBy(() -> read(storage("{size: 10 GB, objectSize: 0 B}")))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("key 'storage.data.objectSize': must be above 0 B");
        assertThatThrownBy(() -> read(String.join("\n", "transfer:", "  data: {read: 1 MB}", "storage:",
            "  locations: []", "  data: {size: 1 GB}", "")))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("key 'storage.locations': needs at least one");
    }
}
