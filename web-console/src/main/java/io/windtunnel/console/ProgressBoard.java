package io.windtunnel.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.scenario.Scenario;
import org.HdrHistogram.Histogram;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * A run's live progress as published snapshots: each simulation's thread, between slices
 * ({@link Runner#onSlice}), reads its own run (simulated time, events processed, p99 of the latency intervals
 * closed so far, cost accrued into the time-series rows so far) and publishes one immutable {@link Slice} per
 * (stack, replication) into an {@link AtomicReferenceArray}; the console's event loop only reads the array. Nothing
 * is shared with a running engine, and no thread waits for another.
 * <p>
 * <b>Threading:</b> {@link #onSlice} on the runs' threads, one writer per slot; {@link #snapshot} on any thread.
 * <b>Allocation:</b> a slice record and a percentile read per slice of each run (200 per run), never per request.
 */
final class ProgressBoard implements Runner.SliceListener
{
    private static final int COST_COLUMN = Arrays.asList(Simulation.COLUMNS).indexOf("cost_usd");

    private final String[] stacks;
    private final int replications;
    private final long durationNs;
    private final AtomicReferenceArray<Slice> slices;

    /**
     * One run's state after a slice.
     *
     * @param doneNs  simulated time reached.
     * @param events  events processed so far.
     * @param p99Ms   p99 of the latency measured in closed intervals so far, NaN before any.
     * @param costUsd cost accrued so far (the rows of {@code cost_usd}).
     */
    record Slice(long doneNs, long events, double p99Ms, double costUsd)
    {
    }

    /**
     * @param scenario the scenario being run.
     */
    ProgressBoard(final Scenario scenario)
    {
        stacks = scenario.stacks().stream().map(s -> s.name()).toArray(String[]::new);
        replications = scenario.replications();
        durationNs = scenario.model().durationNs;
        slices = new AtomicReferenceArray<>(stacks.length * replications);
    }

    @Override
    public void onSlice(final int stack, final int replication, final Simulation simulation, final long doneNs)
    {
        final Histogram latency = simulation.latency().total();
        final double p99Ms = latency.getTotalCount() == 0 ? Double.NaN : latency.getValueAtPercentile(99) / 1e6;
        double costUsd = 0;
        final int rows = simulation.series().rows();
        for (int r = 0; r < rows; r++)
        {
            final double v = simulation.series().get(r, COST_COLUMN);
            if (v == v)
            {
                costUsd += v;
            }
        }
        slices.set(stack * replications + replication,
            new Slice(doneNs, simulation.engine().eventsProcessed(), p99Ms, costUsd));
    }

    /**
     * @param wallSeconds seconds since the run started simulating (for events/s), or 0 before.
     * @return {@code {"simulatedSeconds", "totalSimulatedSeconds", "fraction", "events", "eventsPerSecond",
     *         "stacks": [{"name", "simulatedSeconds", "p99Ms", "costUsd"}]}}: per stack, simulated time summed over
     *         its replications, p99 and cost the mean over the replications that have started.
     */
    JsonObject snapshot(final double wallSeconds)
    {
        long doneNs = 0;
        long events = 0;
        final JsonArray perStack = new JsonArray();
        for (int s = 0; s < stacks.length; s++)
        {
            long stackNs = 0;
            double p99 = 0;
            int p99Count = 0;
            double cost = 0;
            int started = 0;
            for (int r = 0; r < replications; r++)
            {
                final Slice slice = slices.get(s * replications + r);
                if (slice == null)
                {
                    continue;
                }
                started++;
                stackNs += slice.doneNs();
                events += slice.events();
                cost += slice.costUsd();
                if (slice.p99Ms() == slice.p99Ms())
                {
                    p99 += slice.p99Ms();
                    p99Count++;
                }
            }
            doneNs += stackNs;
            perStack.add(new JsonObject().put("name", stacks[s]).put("simulatedSeconds", stackNs / 1e9)
                .put("p99Ms", p99Count == 0 ? null : p99 / p99Count)
                .put("costUsd", started == 0 ? null : cost / started));
        }
        final long totalNs = durationNs * stacks.length * replications;
        return new JsonObject().put("simulatedSeconds", doneNs / 1e9).put("totalSimulatedSeconds", totalNs / 1e9)
            .put("fraction", totalNs == 0 ? 0.0 : Math.min(1.0, doneNs / (double)totalNs)).put("events", events)
            .put("eventsPerSecond", wallSeconds > 0 ? events / wallSeconds : 0.0).put("stacks", perStack);
    }
}
