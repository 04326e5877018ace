package io.windtunnel.simulator.runner;

import java.util.List;
import java.util.Map;

/**
 * One stack's metrics over its replications: mean, 95% confidence half-width and the per-replication values.
 *
 * @param stack      the stack's name.
 * @param parameters its policy parameters.
 * @param metrics    metric name to its statistics, in the runs' metric order.
 */
public record StackSummary(String stack, Map<String, String> parameters, Map<String, Statistic> metrics)
{
    /**
     * Mean and Student-t 95% confidence interval of one metric over replications.
     *
     * @param mean          sample mean.
     * @param halfWidth95   half-width of the 95% interval; NaN with one replication.
     * @param values        per-replication values, in replication order.
     */
    public record Statistic(double mean, double halfWidth95, List<Double> values)
    {
    }
}
