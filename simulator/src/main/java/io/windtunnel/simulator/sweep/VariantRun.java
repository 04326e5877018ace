package io.windtunnel.simulator.sweep;

import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.runner.RunResult;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.runner.StackSummary;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.TraceCache;
import io.windtunnel.traces.TraceFormatException;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one variant of a sweep: reads its scenario and runs its stacks and replications one after the other on one
 * engine at a time (share-nothing: nothing is shared with other variants but immutable trace tables), so the result
 * is the same on any thread of any machine. Used by {@link LocalSweep} and by the Spark executors.
 * <p>
 * <b>Threading:</b> stateless; call from any number of threads.
 */
public final class VariantRun
{
    private VariantRun()
    {
    }

    /**
     * @param sweep    the sweep.
     * @param variant  one of its variants.
     * @param registry the policies.
     * @param traces   traces shared between the variants of this JVM, or null.
     * @return the result; a variant that failed (a wrong combination of values, a policy that threw, a broken
     *     request-conservation check) gives its error instead of throwing, so it does not stop the sweep.
     * @throws InterruptedException if interrupted.
     */
    public static VariantResult run(final Sweep sweep, final Variant variant, final PolicyRegistry registry,
        final TraceCache traces) throws InterruptedException
    {
        final Scenario scenario;
        final ScenarioResult result;
        try
        {
            scenario = sweep.scenario(variant, registry, traces);
            result = new Runner().run(scenario, 1);
        }
        catch (final ScenarioException | TraceFormatException e)
        {
            return new VariantResult(variant, e.getMessage(), List.of());
        }
        catch (final IOException e)
        {
            return new VariantResult(variant, "I/O error: " + e.getMessage(), List.of());
        }
        catch (final RuntimeException | StackOverflowError e)
        {
            return new VariantResult(variant, "internal error (please report): " + e, List.of());
        }
        final List<VariantResult.StackResult> stacks = new ArrayList<>();
        for (final StackSummary summary : result.stacks())
        {
            final Map<String, Double> metrics = new LinkedHashMap<>();
            summary.metrics().forEach((metric, statistic) -> metrics.put(metric, statistic.mean()));
            if (metrics.getOrDefault("conservation.holds", 1.0) < 1.0)
            {
                return new VariantResult(variant, "internal error (please report): stack '" + summary.stack() +
                    "' broke request conservation (arrived != completed + timed out + rejected + failed + in " +
                    "flight)", List.of());
            }
            Histogram merged = null;
            for (final RunResult run : result.runs())
            {
                if (run.stack().equals(summary.stack()))
                {
                    if (merged == null)
                    {
                        merged = run.latency().copy();
                    }
                    else
                    {
                        merged.add(run.latency());
                    }
                }
            }
            stacks.add(new VariantResult.StackResult(summary.stack(), scenario.replications(), metrics,
                VariantResult.StackResult.encode(merged)));
        }
        return new VariantResult(variant, null, List.copyOf(stacks));
    }
}
