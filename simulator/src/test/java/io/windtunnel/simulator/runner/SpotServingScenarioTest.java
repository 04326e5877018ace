package io.windtunnel.simulator.runner;

import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scenarios/spot-serving.yaml} reads and runs, so that it cannot rot as policies and traces change: every
 * stack of the file, one replication, on the first 14 hours of its window (into the spot shortage) (its own text with only the duration
 * and the trace folder changed).
 */
class SpotServingScenarioTest
{
    private static final Pattern DURATION = Pattern.compile("(?m)^duration: .*$");

    @TempDir
    Path dir;

    @Test
    void shouldRunEveryStackOfTheBundledSpotServingScenarioAndCompareItsCostWithTheBaseline() throws Exception
    {
        final String yaml = Files.readString(Path.of("../scenarios/spot-serving.yaml"));
        final Matcher duration = DURATION.matcher(yaml);
        assertThat(duration.find()).as("the scenario's duration line").isTrue();
        final String traces = Path.of("../traces/generated").toAbsolutePath().normalize().toString();
        final String events = Path.of("../scenarios/events").toAbsolutePath().normalize().toString();
        final Path file = dir.resolve("spot-serving.yaml");
        // 14 hours: through the first hour of the spot shortage that starts at 13:00.
        Files.writeString(file, duration.replaceFirst("duration: 14h").replace("../traces/generated", traces)
            .replace("file: events/", "file: " + events + "/"));
        final Scenario scenario = ScenarioReader.read(file).withReplications(1);

        final ScenarioResult result = new Runner().run(scenario, 2);

        assertThat(result.stacks()).hasSize(scenario.stacks().size()).hasSizeGreaterThanOrEqualTo(2);
        StackSummary baseline = null;
        for (final StackSummary stack : result.stacks())
        {
            assertThat(stack.metrics().get("conservation.holds").mean()).as(stack.stack()).isEqualTo(1.0);
            assertThat(stack.metrics().get("requests.completed").mean()).as(stack.stack()).isGreaterThan(100_000);
            if (stack.stack().equals(scenario.baselineStack()))
            {
                baseline = stack;
            }
        }
        assertThat(baseline).as("the baseline stack's result").isNotNull();
        // The on-demand baseline is never preempted; the spot stack is, and costs less.
        assertThat(baseline.metrics().get("replicas.preempted").mean()).isZero();
        final StackSummary spot = result.stacks().stream().filter(s -> s.stack().equals("spot-cheapest"))
            .findFirst().orElseThrow();
        assertThat(spot.metrics().get("replicas.preempted").mean()).isPositive();
        assertThat(spot.metrics().get("cost.total_usd").mean())
            .isLessThan(baseline.metrics().get("cost.total_usd").mean());

        // The shortage evicts the cheapest spot fleet at once and it loses requests while its replacements boot;
        // SpotHedge, spread over zones with a spare, loses none (docs/policies.md, "The spot-serving comparison").
        final StackSummary hedge = result.stacks().stream().filter(s -> s.stack().equals("spot-hedge"))
            .findFirst().orElseThrow();
        assertThat(spot.metrics().get("requests.rejected").mean()).isGreaterThan(100);
        assertThat(hedge.metrics().get("requests.rejected").mean()).isZero();

        final String comparison = ResultWriter.comparisonMarkdown(result);
        assertThat(comparison).contains("| cost saving vs on-demand (%) | baseline |", "| latency p90 (ms) |",
            "| failed-request rate (share) |", "| availability (time) |");
    }
}
