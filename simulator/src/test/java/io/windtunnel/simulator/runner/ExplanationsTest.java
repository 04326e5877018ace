package io.windtunnel.simulator.runner;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.policy.BoundedDecisionLog;
import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.scenario.ExplainMode;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;
import io.windtunnel.traces.TraceTimes;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The runner and result writer together: {@code decisions.jsonl} holds every placement decision with
 * {@code explain: all}, the first {@link ExplainMode#SAMPLE_DECISIONS_PER_RUN} of each run by default, none when
 * off, and is the same for any thread count.
 */
class ExplanationsTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The golden tiny world, its on-demand stack at 150 fixed replicas: 150 launches per run, more than a sample. */
    private Scenario manyLaunches() throws Exception
    {
        final Path golden = Path.of("src/test/resources/golden");
        Files.copy(golden.resolve("tiny-faults.csv"), dir.resolve("tiny-faults.csv"));
        final String yaml = Files.readString(golden.resolve("tiny.yaml"))
            .replace("autoscaler: {type: fixed, replicas: 4}", "autoscaler: {type: fixed, replicas: 150}");
        return ScenarioReader.read(Files.writeString(dir.resolve("many.yaml"), yaml));
    }

    private static List<JsonNode> lines(final Path file) throws Exception
    {
        final List<JsonNode> lines = new ArrayList<>();
        for (final String line : Files.readAllLines(file))
        {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    private static Map<String, List<JsonNode>> byRun(final List<JsonNode> lines)
    {
        final Map<String, List<JsonNode>> runs = new LinkedHashMap<>();
        for (final JsonNode line : lines)
        {
            runs.computeIfAbsent(line.get("stack").asText() + "/" + line.get("replication").asInt(),
                k -> new ArrayList<>()).add(line);
        }
        return runs;
    }

    private static JsonNode stackSummary(final JsonNode summary, final String stack)
    {
        for (final JsonNode node : summary.get("stacks"))
        {
            if (node.get("name").asText().equals(stack))
            {
                return node;
            }
        }
        throw new AssertionError("no stack " + stack);
    }

    @Test
    void shouldExplainEveryDecisionInRunOrderWhenExplainIsAll() throws Exception
    {
        final Scenario scenario = RunnerTest.small(dir).withExplain(ExplainMode.ALL);
        final ScenarioResult result = new Runner().run(scenario, 2);
        ResultWriter.write(result, dir.resolve("out"));
        final List<JsonNode> lines = lines(dir.resolve("out/decisions.jsonl"));
        final JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());

        assertThat(summary.at("/explanations/mode").asText()).isEqualTo("all");
        assertThat(summary.at("/overrides/explain").asText()).isEqualTo("all");
        final Map<String, List<JsonNode>> runs = byRun(lines);
        // Every run in (stack, replication) order, each with every decision it made: one per launch asked for.
        assertThat(new ArrayList<>(runs.keySet())).isEqualTo(result.runs().stream()
            .map(r -> r.stack() + "/" + r.replication()).toList());
        for (final RunResult run : result.runs())
        {
            final List<JsonNode> mine = runs.get(run.stack() + "/" + run.replication());
            final long launches = run.metrics().get("replicas.launched").longValue() +
                run.metrics().get("replicas.launches_refused").longValue();
            assertThat(mine).as(run.stack() + "/" + run.replication()).hasSize((int)launches);
            assertThat(run.decisions().made()).isEqualTo(launches);
            assertThat(run.decisions().dropped()).isZero();
            for (int i = 0; i < mine.size(); i++)
            {
                assertThat(mine.get(i).get("sequence").asInt()).isEqualTo(i);
            }
        }
        for (final String stack : List.of("spot-cheapest", "on-demand-cheapest", "aws-fixed-on-demand"))
        {
            final JsonNode counts = stackSummary(summary, stack).get("decisions");
            final long written = lines.stream().filter(l -> l.get("stack").asText().equals(stack)).count();
            assertThat(counts.get("made").asLong()).isEqualTo(written).isPositive();
            assertThat(counts.get("recorded").asLong()).isEqualTo(written);
            assertThat(counts.get("dropped").asLong()).isZero();
        }
        final Set<String> markets = new HashSet<>();
        for (final JsonNode line : lines)
        {
            assertThat(line.get("policy").asText()).isEqualTo("cheapest-price");
            assertThat(line.get("time").asText()).isEqualTo(TraceTimes.formatIso(scenario.startEpochNs() +
                Math.round(line.get("timeSeconds").asDouble() * 1e9)));
            final int chosen = line.get("chosenIndex").asInt();
            boolean considered = chosen < 0;
            for (final JsonNode option : line.get("options"))
            {
                assertThat(option.get("offer").asText()).isEqualTo(
                    scenario.model().describeOffer(option.get("offerIndex").asInt()));
                assertThat(option.get("scores").has("pricePerWorkerHourUsd")).isTrue();
                considered |= option.get("offerIndex").asInt() == chosen;
            }
            assertThat(considered).as("the choice is one of the options").isTrue();
            if (chosen >= 0)
            {
                assertThat(line.get("chosen").asText()).isEqualTo(scenario.model().describeOffer(chosen));
                markets.add(scenario.model().marketName(chosen));
            }
        }
        assertThat(markets).containsExactlyInAnyOrder("spot", "on-demand");
    }

    @Test
    void shouldWriteTheSameDecisionsWhenThreadCountsDiffer() throws Exception
    {
        final Scenario scenario = RunnerTest.small(dir).withExplain(ExplainMode.ALL).withReplications(4);
        ResultWriter.write(new Runner().run(scenario, 1), dir.resolve("serial"));
        ResultWriter.write(new Runner().run(scenario, 3), dir.resolve("parallel"));

        final byte[] serial = Files.readAllBytes(dir.resolve("serial/decisions.jsonl"));
        assertThat(serial.length).isGreaterThan(10_000);
        assertThat(Files.readAllBytes(dir.resolve("parallel/decisions.jsonl"))).isEqualTo(serial);
        assertThat(Files.readAllBytes(dir.resolve("parallel/summary.json")))
            .isEqualTo(Files.readAllBytes(dir.resolve("serial/summary.json")));
        // Sorted by (stack in scenario order, replication, sequence).
        final List<String> stacks = scenario.stacks().stream().map(s -> s.name()).toList();
        long previous = -1;
        for (final JsonNode line : lines(dir.resolve("parallel/decisions.jsonl")))
        {
            final long key = stacks.indexOf(line.get("stack").asText()) * 1_000_000_000L +
                line.get("replication").asInt() * 1_000_000L + line.get("sequence").asInt();
            assertThat(key).isGreaterThan(previous);
            previous = key;
        }
    }

    @Test
    void shouldKeepTheFirstDecisionsOfEachRunAndCountAllWhenSampling() throws Exception
    {
        final Scenario sampled = manyLaunches();
        assertThat(sampled.explain()).isEqualTo(ExplainMode.SAMPLE);
        final ScenarioResult sample = new Runner().run(sampled, 2);
        ResultWriter.write(sample, dir.resolve("sample"));
        ResultWriter.write(new Runner().run(sampled.withExplain(ExplainMode.ALL), 2), dir.resolve("all"));

        final int cap = ExplainMode.SAMPLE_DECISIONS_PER_RUN;
        final JsonNode summary = JSON.readTree(dir.resolve("sample/summary.json").toFile());
        assertThat(summary.at("/explanations/mode").asText()).isEqualTo("sample");
        assertThat(summary.at("/explanations/decisionsPerRun").asInt()).isEqualTo(cap);
        assertThat(summary.at("/defaults/explain").asText()).isEqualTo("sample");
        // 150 launches at the start, and replacements after the world's instance failure.
        final long launches = sample.runs().stream().filter(r -> r.stack().equals("on-demand"))
            .mapToLong(r -> r.metrics().get("replicas.launched").longValue() +
                r.metrics().get("replicas.launches_refused").longValue()).sum();
        assertThat(launches).isGreaterThanOrEqualTo(2 * 150);
        final JsonNode onDemand = stackSummary(summary, "on-demand").get("decisions");
        assertThat(onDemand.get("made").asLong()).isEqualTo(launches);
        assertThat(onDemand.get("recorded").asLong()).isEqualTo(2 * cap);
        assertThat(onDemand.get("dropped").asLong()).isEqualTo(launches - 2 * cap);
        final JsonNode spot = stackSummary(summary, "spot").get("decisions");
        assertThat(spot.get("made").asLong()).isEqualTo(spot.get("recorded").asLong()).isLessThan(2 * cap);
        for (final RunResult run : sample.runs())
        {
            assertThat(run.decisions().size()).isEqualTo((int)Math.min(cap, run.decisions().made()));
        }

        // The sample is each run's first decisions, exactly as a full run writes them.
        final Map<String, List<JsonNode>> sampleRuns = byRun(lines(dir.resolve("sample/decisions.jsonl")));
        final Map<String, List<JsonNode>> allRuns = byRun(lines(dir.resolve("all/decisions.jsonl")));
        assertThat(sampleRuns.keySet()).isEqualTo(allRuns.keySet());
        for (final Map.Entry<String, List<JsonNode>> run : sampleRuns.entrySet())
        {
            final List<JsonNode> all = allRuns.get(run.getKey());
            assertThat(run.getValue()).isEqualTo(all.subList(0, Math.min(cap, all.size())));
        }
        assertThat(allRuns.get("on-demand/0").size() + allRuns.get("on-demand/1").size()).isEqualTo(launches);
    }

    @Test
    void shouldWriteNoDecisionsWhenExplainIsOff() throws Exception
    {
        final Scenario scenario = manyLaunches().withExplain(ExplainMode.OFF);
        final ScenarioResult result = new Runner().run(scenario, 2);
        ResultWriter.write(result, dir.resolve("out"));

        assertThat(dir.resolve("out/decisions.jsonl")).doesNotExist();
        final JsonNode summary = JSON.readTree(dir.resolve("out/summary.json").toFile());
        assertThat(summary.at("/explanations/mode").asText()).isEqualTo("off");
        assertThat(summary.at("/explanations").has("file")).isFalse();
        assertThat(stackSummary(summary, "spot").has("decisions")).isFalse();
        assertThat(result.runs()).allSatisfy(run -> assertThat(run.decisions()).isNull());
    }

    /** Each run gets a log of its own (one shared by runs on several threads would mix them); off gives none. */
    @Test
    void shouldGiveEachRunItsOwnLogWhenModesRecord()
    {
        final BoundedDecisionLog first = ExplainMode.SAMPLE.newLog();
        assertThat(first).isNotSameAs(ExplainMode.SAMPLE.newLog());
        assertThat(ExplainMode.ALL.newLog()).isNotNull();
        assertThat(ExplainMode.OFF.newLog()).isNull();
    }
}
