package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code edge} key of a region: edge sites, their capacity and random outages, and what the reader refuses. */
class EdgeScenarioTest
{
    private static final String BASE = ScenarioReaderTest.MINIMAL.replace("    regions: {r: {}}",
        "    regions:\n      r: {}\n      site: EDGE");

    @TempDir
    Path dir;

    private Path write(final String edge) throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, BASE.replace("EDGE", edge));
        return file;
    }

    @Test
    void shouldMarkEdgeSitesWithTheirOutageTimesAndLeaveCloudRegionsAlone() throws Exception
    {
        final Scenario scenario = ScenarioReader.read(write("{quota: 3, edge: {mtbf: 2d, repair: 45m}}"));
        final CloudModel model = scenario.model();
        assertThat(model.regionEdge).containsExactly(false, true);
        assertThat(model.regionEdgeMtbfNs).containsExactly(0L, 2 * 86_400_000_000_000L);
        assertThat(model.regionEdgeRepairNs).containsExactly(0L, 45 * 60_000_000_000L);
        assertThat(model.regionQuota[1]).isEqualTo(3);
        assertThat(scenario.echo().values()).containsEntry("providers.p.regions.site.edge.mtbf", "2d");

        final CloudModel quiet = ScenarioReader.read(write("{quota: 3, edge: {}}")).model();
        assertThat(quiet.regionEdge).containsExactly(false, true);
        assertThat(quiet.regionEdgeMtbfNs).containsExactly(0L, 0L);
        assertThat(ScenarioReader.read(write("{quota: 3, edge: {}}")).echo().defaults())
            .containsEntry("providers.p.regions.site.edge.mtbf", "0s");

        final CloudModel cloud = ScenarioReader.read(write("{quota: 3}")).model();
        assertThat(cloud.regionEdge).containsExactly(false, false);
        assertThat(cloud.hasEdgeSites()).isFalse();
    }

    @Test
    void shouldNameFileLineAndKeyWhenAnEdgeSiteIsMisdeclared() throws Exception
    {
        assertRefused("{edge: {}}", "scenario.yaml:7: key 'providers.p.regions.site.quota': an edge site needs a " +
            "positive 'quota': its hard capacity in replicas");
        assertRefused("{quota: 0, edge: {}}", "key 'providers.p.regions.site.quota': an edge site needs a positive");
        assertRefused("{quota: 2, edge: yes}", "scenario.yaml:7: key 'providers.p.regions.site.edge': must be a " +
            "mapping: {} for an edge site without random outages, or {mtbf: 3d, repair: 30m}");
        assertRefused("{quota: 2, edge: {repair: 30m}}", "key 'providers.p.regions.site.edge.repair': 'repair' " +
            "needs 'mtbf' (the mean time between the site's outages) beside it");
        assertRefused("{quota: 2, edge: {mtbf: 3d}}", "key 'providers.p.regions.site.edge.repair': an edge site " +
            "with 'mtbf' needs 'repair': how long each outage lasts");
        assertRefused("{quota: 2, edge: {mtbf: 3d, repair: 0s}}", "key 'providers.p.regions.site.edge.repair': " +
            "must be positive");
        assertRefused("{quota: 2, edge: {mtbf: 3d, repair: 5m, mttr: 5m}}",
            "key 'providers.p.regions.site.edge.mttr': unknown key");
        assertRefused("{quota: 2, edge: {mtbf: soon, repair: 5m}}", "key 'providers.p.regions.site.edge.mtbf'");
    }

    private void assertRefused(final String edge, final String message) throws Exception
    {
        final Path file = write(edge);
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining(message);
    }
}
