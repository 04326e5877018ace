package io.windtunnel.simulator.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.report.ComparisonTable;
import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.scenario.ExplainMode;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** A scenario with a storage section: its summary metrics, comparison rows, time-series columns and explanations. */
class StorageSummaryTest
{
    private static final String SCENARIO = String.join("\n",
        "name: storage",
        "duration: 20m",
        "replications: 2",
        "explain: all",
        "providers:",
        "  p:",
        "    regions: {r: {}, s: {}}",
        "    instanceTypes: {t: {workers: 2, boot: 0s}}",
        "prices:",
        "  - {provider: p, region: r, instanceType: t, pricePerHour: 0.5}",
        "load:",
        "  constant: {c: 50}",
        "clients:",
        "  c: {rtt: {default: 10ms}}",
        "service: {mean: 5ms}",
        "transfer:",
        "  data: {read: 10 KB}",
        "  prices: {other-region: 0.02}",
        "storage:",
        "  locations:",
        "    - {name: cheap, region: s, usdPerGbMonth: 0.01, readPer1k: 0.0004}",
        "    - {name: near, region: r, usdPerGbMonth: 0.03, readPer1k: 0.0004, writePer1k: 0.005}",
        "  data: {size: 50 GB, growth: growth.csv}",
        "stacks:",
        "  - name: cheapest",
        "    autoscaler: {type: fixed, replicas: 2}",
        "  - name: co-located",
        "    autoscaler: {type: fixed, replicas: 2}",
        "    storage: {type: co-located}",
        "");

    @TempDir
    Path dir;

    @Test
    void shouldReportStorageCostBesideComputeAndTransferAndPerLocationFigures() throws Exception
    {
        Files.writeString(dir.resolve("growth.csv"), "time,size\n10m,60 GB\n");
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, SCENARIO);
        final Scenario scenario = ScenarioReader.read(file);
        assertThat(scenario.explain()).isEqualTo(ExplainMode.ALL);
        final ScenarioResult result = new Runner().run(scenario, 1);
        for (final RunResult run : result.runs())
        {
            final Map<String, Double> m = run.metrics();
            final List<String> keys = new ArrayList<>(m.keySet());
            // The storage cost right after the compute and transfer costs; the total is their sum.
            assertThat(keys.indexOf("cost.storage_usd")).isEqualTo(keys.indexOf("cost.transfer_usd") + 1);
            assertThat(m.get("cost.total_usd")).isCloseTo(m.get("cost.compute_usd") + m.get("cost.transfer_usd") +
                m.get("cost.storage_usd"), within(1e-12));
            double locations = 0;
            for (final String name : new String[] {"cheap", "near"})
            {
                final String prefix = "storage.location." + name + ".";
                locations += m.get(prefix + "gb_month_usd") + m.get(prefix + "request_usd");
            }
            assertThat(m.get("cost.storage_usd")).isCloseTo(locations, within(1e-12));
            if (run.stack().equals("cheapest"))
            {
                // 50 GB for 10 minutes, then 60 GB for 10, at 0.01 USD per GB-month; one read per request.
                assertThat(m.get("storage.location.cheap.gb_month_usd"))
                    .isCloseTo(0.01 * (50 + 60) * (10 / 60.0) / 730, within(1e-15));
                assertThat(m.get("storage.location.cheap.hours_held")).isCloseTo(20 / 60.0, within(1e-12));
                assertThat(m.get("storage.location.near.hours_held")).isZero();
                assertThat(m.get("storage.copies")).isZero();
                assertThat(m.get("storage.location.cheap.reads"))
                    .isEqualTo(m.get("requests.total_arrived") - m.get("requests.in_flight_at_end"),
                        within(m.get("requests.in_flight_at_end") + 1));
            }
            else
            {
                // Compute runs in r: the data set is copied there at time 0, the cheap location dropped once it is.
                assertThat(m.get("storage.copies")).isEqualTo(1.0);
                assertThat(m.get("storage.gb_copied")).isEqualTo(50.0);
                assertThat(m.get("transfer.other-region.gb")).isGreaterThanOrEqualTo(50.0);
                assertThat(m.get("storage.location.near.writes")).isEqualTo(160.0);
                // ... which takes 50 GB at the other-region default of 1 Gbps.
                assertThat(m.get("storage.location.cheap.hours_held"))
                    .isCloseTo(50.0 * (1L << 30) * 8 / 1e9 / 3600, within(1e-9));
            }
        }
        final String table = ComparisonTable.text(result.stacks());
        assertThat(table).contains("storage cost (USD)").contains("storage copies");

        ResultWriter.write(result, dir.resolve("out"));
        final String header = Files.readAllLines(dir.resolve("out/timeseries.csv")).get(0);
        assertThat(header).endsWith(",transfer_usd:edge,storage_usd,storage_gb_held");
        final ObjectMapper json = new ObjectMapper();
        boolean storageDecision = false;
        for (final String line : Files.readAllLines(dir.resolve("out/decisions.jsonl")))
        {
            final JsonNode d = json.readTree(line);
            if (d.get("policy").asText().equals("storage:co-located"))
            {
                storageDecision = true;
                assertThat(d.get("options").get(0).get("location").asText()).isEqualTo("cheap");
                assertThat(d.get("options").get(1).get("scores").has("usd_per_gb_month")).isTrue();
            }
        }
        assertThat(storageDecision).isTrue();
    }

    @Test
    void shouldNameAStorageLpPairCandidateByItsTwoLocationsInDecisionsJsonl() throws Exception
    {
        Files.writeString(dir.resolve("growth.csv"), "time,size\n10m,60 GB\n");
        final Path file = dir.resolve("scenario.yaml");
        final int stacks = SCENARIO.indexOf("stacks:");
        Files.writeString(file, SCENARIO.substring(0, stacks).replace("replications: 2", "replications: 1") +
            String.join("\n",
                "stacks:",
                "  - name: pairs",
                "    autoscaler: {type: fixed, replicas: 2}",
                "    storage: {type: storage-lp, maxLocations: 2}",
                ""));
        final ScenarioResult result = new Runner().run(ScenarioReader.read(file), 1);
        ResultWriter.write(result, dir.resolve("out"));
        final ObjectMapper json = new ObjectMapper();
        int decisions = 0;
        for (final String line : Files.readAllLines(dir.resolve("out/decisions.jsonl")))
        {
            final JsonNode d = json.readTree(line);
            if (!d.get("policy").asText().equals("storage:storage-lp"))
            {
                continue;
            }
            decisions++;
            // Candidates: the two singles by location, then the pair (0, 1) as option index 2.
            final JsonNode options = d.get("options");
            assertThat(options).hasSize(3);
            assertThat(options.get(0).get("location").asText()).isEqualTo("cheap");
            assertThat(options.get(1).get("location").asText()).isEqualTo("near");
            assertThat(options.get(2).get("locationIndex").asInt()).isEqualTo(2);
            assertThat(options.get(2).get("location").asText()).isEqualTo("cheap+near");
            final int chosen = d.get("chosenIndex").asInt();
            assertThat(d.get("chosen").asText()).isEqualTo(options.get(chosen).get("location").asText());
        }
        assertThat(decisions).isGreaterThan(1);
    }
}
