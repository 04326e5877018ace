package io.windtunnel.simulator.runner;

import io.windtunnel.simulator.scenario.Scenario;

import java.util.List;

/**
 * Everything a scenario run produced: every run in (stack, replication) order and one summary per stack.
 *
 * @param scenario the scenario.
 * @param runs     runs, stack-major, in the scenario's stack order.
 * @param stacks   per-stack summaries, same order.
 */
public record ScenarioResult(Scenario scenario, List<RunResult> runs, List<StackSummary> stacks)
{
}
