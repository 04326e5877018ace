package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.PolicyStack;

import java.util.List;
import java.util.Map;

/**
 * A compiled scenario: the model, the policy stacks to compare and how to run them.
 * <p>
 * <b>Threading:</b> immutable; shared by all runs.
 *
 * @param name         scenario name.
 * @param file         the scenario file as named by the user.
 * @param seed         base seed; replication r uses {@code new RandomStreams(seed).forReplication(r)}.
 * @param replications replications per stack.
 * @param startEpochNs epoch ns of simulated time 0.
 * @param model        the world.
 * @param stacks       policy stacks, in file order.
 * @param inputs       input files (scenario first) to their SHA-256, in reading order.
 * @param echo         the values the scenario was read with (file, defaults, command-line overrides).
 * @param traceCoverage how each trace file covers the run's window and what applied outside it, in reading order.
 * @param explain      which placement decisions the result folder explains ({@code decisions.jsonl}).
 * @param baselineStack the stack the comparison measures the others' cost saving against ({@code compare.baseline}),
 *                      one of {@code stacks}; null for none.
 */
public record Scenario(
    String name,
    String file,
    long seed,
    int replications,
    long startEpochNs,
    CloudModel model,
    List<PolicyStack> stacks,
    Map<String, String> inputs,
    ValueEcho echo,
    List<TraceCoverage> traceCoverage,
    ExplainMode explain,
    String baselineStack)
{
    /** Most replications per stack, for the scenario key and the command-line option alike. */
    public static final int MAX_REPLICATIONS = 10_000;

    /**
     * @param newSeed seed to use instead.
     * @return a copy with that seed, echoed as an override of {@code seed}.
     */
    public Scenario withSeed(final long newSeed)
    {
        return new Scenario(name, file, newSeed, replications, startEpochNs, model, stacks, inputs,
            echo.withOverride("seed", Long.toString(newSeed)), traceCoverage, explain,
            baselineStack);
    }

    /**
     * @param newReplications replications to run instead.
     * @return a copy with that number, echoed as an override of {@code replications}.
     */
    public Scenario withReplications(final int newReplications)
    {
        return new Scenario(name, file, seed, newReplications, startEpochNs, model, stacks, inputs,
            echo.withOverride("replications", Integer.toString(newReplications)), traceCoverage, explain,
            baselineStack);
    }

    /**
     * @param newExplain explanations to write instead ({@code windtunnel run --explain}).
     * @return a copy with that mode, echoed as an override of {@code explain}.
     */
    public Scenario withExplain(final ExplainMode newExplain)
    {
        return new Scenario(name, file, seed, replications, startEpochNs, model, stacks, inputs,
            echo.withOverride("explain", newExplain.label()), traceCoverage, newExplain,
            baselineStack);
    }
}
