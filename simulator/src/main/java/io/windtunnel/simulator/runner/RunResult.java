package io.windtunnel.simulator.runner;

import io.windtunnel.simulator.policy.BoundedDecisionLog;
import org.HdrHistogram.Histogram;

import java.util.Map;

/**
 * The outcome of one run (one stack, one replication), extracted from its simulation so the simulation can be
 * dropped.
 * <p>
 * <b>Threading:</b> immutable once built (the series array and the decision log are not copied on access: do not
 * write into them).
 *
 * @param stack         the stack's name.
 * @param replication   replication number, from 0.
 * @param metrics       metric name to value, in a fixed order (see docs/simulator.md).
 * @param costUsd       cost by {@code provider/region/market}, sorted.
 * @param zoneCostUsd   cost of the offers placed in zones by {@code provider/region/zone/market}, sorted; empty for
 *                      a model without zones.
 * @param latency       latency of measured completed requests.
 * @param hlog          the run's part of {@code latency.hlog} (its interval histograms), closed; in memory or in a
 *                      spool file.
 * @param series        time-series rows, columns {@link io.windtunnel.simulator.Simulation#COLUMNS} then the cost
 *                      groups; the last row is a partial one when the duration is not a multiple of the sample
 *                      interval.
 * @param events        events the engine processed.
 * @param decisions     the placement decisions the run recorded (all of them, or the first few: see
 *                      {@link BoundedDecisionLog#made()}), or null if the scenario explains none.
 */
public record RunResult(
    String stack,
    int replication,
    Map<String, Double> metrics,
    Map<String, Double> costUsd,
    Map<String, Double> zoneCostUsd,
    Histogram latency,
    HlogSpool hlog,
    double[][] series,
    long events,
    BoundedDecisionLog decisions)
{
}
