package io.windtunnel.cli.check;

import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.runner.StackSummary;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Holds a scenario's results to its baseline entry under per-metric tolerances.
 * <p>
 * A metric regresses when it moves in its worse direction by more than its tolerance allows, and improves when it
 * moves the other way by more. Both sides are compared at the baseline file's precision (12 significant digits),
 * so {@code exact} means "the same number in the file". A value missing on one side (a latency without completed
 * requests) against a value on the other is a regression: something stopped or started working.
 * <p>
 * <b>Threading:</b> immutable.
 */
public final class Gate
{
    private final Tolerance defaultTolerance;
    private final Map<GatedMetric, Tolerance> tolerances;

    /**
     * @param defaultTolerance the tolerance of metrics not named in {@code tolerances}.
     * @param tolerances       per-metric tolerances.
     */
    public Gate(final Tolerance defaultTolerance, final Map<GatedMetric, Tolerance> tolerances)
    {
        this.defaultTolerance = defaultTolerance;
        this.tolerances = new EnumMap<>(GatedMetric.class);
        this.tolerances.putAll(tolerances);
    }

    /**
     * @param metric a metric.
     * @return its tolerance.
     */
    public Tolerance toleranceOf(final GatedMetric metric)
    {
        return tolerances.getOrDefault(metric, defaultTolerance);
    }

    /**
     * @param result   the scenario's results.
     * @param baseline its baseline entry.
     * @return one finding per stack and metric, in the run's stack order then metric order, then the baseline's
     *         stacks the run does not have.
     * @throws IllegalArgumentException when a {@code ci} tolerance meets a side with one replication.
     */
    public List<Finding> evaluate(final ScenarioResult result, final Baseline.Entry baseline)
    {
        final String scenario = result.scenario().name();
        final List<Finding> findings = new ArrayList<>();
        final Map<String, StackSummary> run = new LinkedHashMap<>();
        for (final StackSummary stack : result.stacks())
        {
            run.put(stack.stack(), stack);
        }
        for (final StackSummary stack : run.values())
        {
            final Map<String, Baseline.Value> expected = baseline.stacks().get(stack.stack());
            if (expected == null)
            {
                findings.add(new Finding(scenario, stack.stack(), null, Finding.Status.NEW_STACK, Double.NaN,
                    Double.NaN, 0, null));
                continue;
            }
            for (final GatedMetric metric : GatedMetric.values())
            {
                findings.add(evaluate(scenario, stack, metric, expected.get(metric.key())));
            }
        }
        for (final String stack : baseline.stacks().keySet())
        {
            if (!run.containsKey(stack))
            {
                findings.add(new Finding(scenario, stack, null, Finding.Status.MISSING_STACK, Double.NaN, Double.NaN,
                    0, null));
            }
        }
        return findings;
    }

    private Finding evaluate(final String scenario, final StackSummary stack, final GatedMetric metric,
        final Baseline.Value expected)
    {
        final Tolerance tolerance = toleranceOf(metric);
        final StackSummary.Statistic statistic = stack.metrics().get(metric.key());
        final double now = statistic == null ? Double.NaN : Baseline.round(statistic.mean());
        final double nowCi = statistic == null ? Double.NaN : Baseline.round(statistic.halfWidth95());
        if (expected == null)
        {
            return new Finding(scenario, stack.stack(), metric, Finding.Status.NOT_IN_BASELINE, Double.NaN, now, 0,
                tolerance);
        }
        final double base = expected.mean();
        if (tolerance.kind() == Tolerance.Kind.CI && (Double.isNaN(expected.ci95()) || Double.isNaN(nowCi)))
        {
            throw new IllegalArgumentException(String.format(Locale.ROOT, "%s, stack '%s', %s: tolerance 'ci' " +
                "needs a confidence interval on both sides, and the %s has one replication; use a relative or " +
                "absolute tolerance, or more replications", scenario, stack.stack(), metric.key(),
                Double.isNaN(expected.ci95()) ? "baseline" : "run"));
        }
        final double allowed = tolerance.allowed(base, expected.ci95(), nowCi);
        final Finding.Status status;
        if (Double.isNaN(base) || Double.isNaN(now))
        {
            status = Double.isNaN(base) && Double.isNaN(now) ? Finding.Status.HELD : Finding.Status.REGRESSED;
        }
        else
        {
            final double worsening = metric.worsening(base, now);
            status = worsening > allowed ? Finding.Status.REGRESSED :
                -worsening > allowed ? Finding.Status.IMPROVED : Finding.Status.HELD;
        }
        return new Finding(scenario, stack.stack(), metric, status, base, now, allowed, tolerance);
    }
}
