package io.windtunnel.simulator.runner;

import io.windtunnel.simulator.LatencyInterval;
import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one run (one stack, one replication), extracted from its simulation so the simulation can be
 * dropped.
 * <p>
 * <b>Threading:</b> immutable once built.
 *
 * @param stack         the stack's name.
 * @param replication   replication number, from 0.
 * @param metrics       metric name to value, in a fixed order (see docs/simulator.md).
 * @param costUsd       cost by {@code provider/region/market}, sorted.
 * @param zoneCostUsd   cost of the offers placed in zones by {@code provider/region/zone/market}, sorted; empty for
 *                      a model without zones.
 * @param latency       latency of measured completed requests.
 * @param intervals     interval latency histograms, compressed, stamped in simulated ms.
 * @param series        time-series rows, columns {@link io.windtunnel.simulator.Simulation#COLUMNS}.
 * @param events        events the engine processed.
 */
public record RunResult(
    String stack,
    int replication,
    Map<String, Double> metrics,
    Map<String, Double> costUsd,
    Map<String, Double> zoneCostUsd,
    Histogram latency,
    List<LatencyInterval> intervals,
    double[][] series,
    long events)
{
}
