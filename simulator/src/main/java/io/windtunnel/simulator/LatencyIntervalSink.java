package io.windtunnel.simulator;

import org.HdrHistogram.Histogram;

/**
 * Receives a {@link Simulation}'s latency intervals as they close, so that a run can write them out (for
 * {@code latency.hlog}) while it runs instead of keeping them: a long run with short sample intervals closes
 * millions of them.
 * <p>
 * Per interval the simulation passes the group of all measured requests first, then each client region's, then
 * each provider's ({@link Simulation#intervalGroups}), all stamped with the same simulated start and end
 * (milliseconds since the scenario start, HdrHistogram's timestamp unit).
 * <p>
 * <b>Threading:</b> called on the simulation's thread. <b>Allocation:</b> the simulation allocates nothing to call
 * it; an implementation on the sample path should not either ({@code AllocationTest} runs one).
 */
@FunctionalInterface
public interface LatencyIntervalSink
{
    /**
     * One closed interval of one group.
     *
     * @param group    index into {@link Simulation#intervalGroups}: 0 for all measured requests, {@code 1 + c} for
     *                 client region {@code c}, {@code 1 + clients + p} for provider {@code p}.
     * @param interval the interval's histogram, stamped; owned by the simulation and valid only during the call.
     */
    void onInterval(int group, Histogram interval);
}
