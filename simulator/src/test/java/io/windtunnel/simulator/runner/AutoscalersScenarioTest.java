package io.windtunnel.simulator.runner;

import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code scenarios/autoscalers.yaml} reads and runs, so that it cannot rot as policies and traces change: every stack,
 * one replication, on the first 8 hours of Monday (the night trough and the start of the morning ramp), with only
 * the duration, the warm-up and the trace folder changed.
 */
class AutoscalersScenarioTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRunEveryAutoscalerOfTheBundledScenarioAndScaleToZeroOnlyWhereScheduled() throws Exception
    {
        final String yaml = Files.readString(Path.of("../scenarios/autoscalers.yaml"));
        assertThat(yaml).contains("\nduration: 3d\n", "\nwarmup: 1d\n");
        final String traces = Path.of("../traces/generated").toAbsolutePath().normalize().toString();
        final Path file = dir.resolve("autoscalers.yaml");
        Files.writeString(file, yaml.replace("\nduration: 3d\n", "\nduration: 8h\n")
            .replace("\nwarmup: 1d\n", "\nwarmup: 10m\n").replace("../traces/generated", traces));
        final Scenario scenario = ScenarioReader.read(file).withReplications(1);

        final ScenarioResult result = new Runner().run(scenario, 2);

        final Map<String, StackSummary> stacks = new HashMap<>();
        for (final StackSummary stack : result.stacks())
        {
            stacks.put(stack.stack(), stack);
            assertThat(stack.metrics().get("conservation.holds").mean()).as(stack.stack()).isEqualTo(1.0);
            assertThat(stack.metrics().get("requests.completed").mean()).as(stack.stack()).isGreaterThan(50_000);
        }
        assertThat(stacks.keySet()).containsExactlyInAnyOrder("target-utilization", "request-rate",
            "latency-target", "scheduled", "scheduled-zero-night", "predictive", "predictive-prefix");
        // No replica from 01:00 to 05:00: the night's requests are turned away there, and nowhere else.
        assertThat(stacks.get("scheduled-zero-night").metrics().get("requests.rejected").mean())
            .isGreaterThan(10_000);
        for (final String name : new String[] {"target-utilization", "scheduled", "predictive", "predictive-prefix"})
        {
            assertThat(stacks.get(name).metrics().get("requests.rejected").mean()).as(name).isZero();
        }
        // Scaling to zero for four hours costs less than keeping the night's one or two replicas.
        assertThat(stacks.get("scheduled-zero-night").metrics().get("cost.total_usd").mean())
            .isLessThan(stacks.get("scheduled").metrics().get("cost.total_usd").mean());
    }
}
