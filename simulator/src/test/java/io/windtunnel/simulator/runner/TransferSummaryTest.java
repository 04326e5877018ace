package io.windtunnel.simulator.runner;

import io.windtunnel.simulator.report.ComparisonTable;
import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A scenario with bytes: its summary metrics, comparison rows and time-series columns; and one without. */
class TransferSummaryTest
{
    private static final String SCENARIO = String.join("\n",
        "name: bytes",
        "duration: 10m",
        "replications: 2",
        "providers:",
        "  p:",
        "    regions: {r: {}, s: {}}",
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
    private static final String TRANSFER = String.join("\n",
        "transfer:",
        "  request: 1 KB",
        "  response: 100 KB",
        "  data: {read: 10 KB, locations: [{region: s}]}",
        "  prices: {internet: 0.1, other-region: 0.02}",
        "");

    @TempDir
    Path dir;

    private ScenarioResult run(final String yaml) throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        final Scenario scenario = ScenarioReader.read(file);
        return new Runner().run(scenario, 1);
    }

    @Test
    void shouldReportGbAndTransferCostPerLinkClassApartFromCompute() throws Exception
    {
        final ScenarioResult result = run(SCENARIO + TRANSFER);
        for (final RunResult run : result.runs())
        {
            final Map<String, Double> m = run.metrics();
            final double arrived = m.get("requests.total_arrived");
            final double completed = m.get("requests.completed");
            // Every request sends 1 KB in and reads 10 KB from the other region; each completed one sends 100 KB out.
            final double kb = 1.0 / (1 << 20);
            assertThat(m.get("transfer.internet.billed_gb")).isCloseTo(completed * 100 * kb,
                within(100 * kb * (arrived - completed) + 1e-12));
            assertThat(m.get("transfer.internet.gb") - m.get("transfer.internet.billed_gb"))
                .isCloseTo(arrived * kb, within(1e-12));
            assertThat(m.get("transfer.internet.usd")).isCloseTo(0.1 * m.get("transfer.internet.billed_gb"),
                within(1e-12));
            assertThat(m.get("transfer.other-region.usd")).isCloseTo(0.02 * m.get("transfer.other-region.gb"),
                within(1e-12));
            assertThat(m.get("transfer.same-zone.gb")).isZero();
            assertThat(m.get("transfer.gb")).isCloseTo(m.get("transfer.internet.gb") +
                m.get("transfer.other-region.gb"), within(1e-12));
            assertThat(m.get("cost.transfer_usd")).isCloseTo(m.get("transfer.internet.usd") +
                m.get("transfer.other-region.usd"), within(1e-12));
            assertThat(m.get("cost.total_usd")).isCloseTo(m.get("cost.compute_usd") + m.get("cost.transfer_usd"),
                within(1e-12));
            assertThat(m.get("cost.compute_usd")).isPositive();
        }
        final String table = ComparisonTable.text(result.stacks());
        assertThat(table).contains("transfer cost (USD)").contains("GB moved internet").contains("compute cost");

        ResultWriter.write(result, dir.resolve("out"));
        final String header = Files.readAllLines(dir.resolve("out/timeseries.csv")).get(0);
        assertThat(header).endsWith(",transfer_gb:same-zone,transfer_gb:other-zone,transfer_gb:other-region," +
            "transfer_gb:internet,transfer_gb:edge,transfer_usd:same-zone,transfer_usd:other-zone," +
            "transfer_usd:other-region,transfer_usd:internet,transfer_usd:edge");
    }

    @Test
    void shouldAddNoBytesMetricsRowsOrColumnsWithoutATransferSection() throws Exception
    {
        final ScenarioResult result = run(SCENARIO);
        assertThat(result.runs().get(0).metrics()).doesNotContainKeys("cost.transfer_usd", "cost.compute_usd",
            "transfer.gb");
        assertThat(ComparisonTable.text(result.stacks())).doesNotContain("transfer").doesNotContain("GB moved");
        ResultWriter.write(result, dir.resolve("out"));
        assertThat(Files.readAllLines(dir.resolve("out/timeseries.csv")).get(0)).doesNotContain("transfer");
    }
}
