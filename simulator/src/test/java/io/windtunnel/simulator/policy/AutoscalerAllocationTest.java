package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.ZoneId;
import java.util.List;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The autoscalers of Policies II allocate nothing once warm: on the per-request path ({@code onResponse}, a million
 * attempts) and at their decisions (one per simulated minute, about seven months of simulated time: the scheduled one's
 * windows open and close every day, the predictive one fits its daily season and forecasts; the scheduled one's zone
 * has no daylight-saving change in 1970, the only time it allocates). They are driven directly on
 * a {@link FakeView} rather than through a simulation, so that their types do not reach the simulator's call sites
 * that {@code AllocationTest} measures in the same JVM.
 */
@Tag("allocation")
class AutoscalerAllocationTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    @Test
    void shouldAllocateNothingAfterWarmUpWhenHoldingALatencyTarget()
    {
        measure(() -> new LatencyTargetAutoscaler(300 * 1_000_000L, 95, 3, 0.5, 2, 1, 60, 4, 0, 5 * MINUTE));
    }

    @Test
    void shouldAllocateNothingAfterWarmUpWhenFollowingASchedule()
    {
        measure(() -> new ScheduledAutoscaler(List.of(
            new ScheduledAutoscaler.Window(ScheduledAutoscaler.parseDays("mon-fri"), 8 * 3600, 20 * 3600, 6, 50),
            new ScheduledAutoscaler.Window(0x7f, 22 * 3600, 6 * 3600, 0, 0)), 0.6, 0, 60, 0, 0, 0,
            ZoneId.of("Europe/Paris")));
    }

    @Test
    void shouldAllocateNothingAfterWarmUpWhenForecasting()
    {
        measure(() -> new PredictiveAutoscaler(0.6, PredictiveAutoscaler.OBSERVED, 0, 0, 86_400 * SECOND, 0.3, 0.01,
            0.3, 1, 60, 4, 0, 0));
    }

    /**
     * Warms up one autoscaler, then counts the bytes of a million attempts and a decision every 100 of them (10,000
     * decisions, a week of one-minute intervals). Without escape analysis the scheduled autoscaler's decision was seen
     * to allocate 792 bytes once, between its 10,000th and 20,000th call (a JIT warm-up effect, not per decision:
     * nothing after), hence the long warm-up.
     */
    private static void measure(final Supplier<Autoscaler> make)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        threads.setThreadAllocatedMemoryEnabled(true);
        final FakeView view = view();
        final Autoscaler autoscaler = make.get();
        view.nowNs = 0;
        autoscaler.desiredReplicas(view);
        final int[] sum = new int[1];
        // Warm-up with a decision every 10 attempts (300,000 decisions), so that C2 has compiled the decision too.
        drive(autoscaler, view, 3_000_000, 10, sum);
        final long before = threads.getThreadAllocatedBytes(threadId);
        drive(autoscaler, view, 1_000_000, 100, sum);
        final long after = threads.getThreadAllocatedBytes(threadId);
        assertThat(sum[0]).isPositive();
        System.out.println("autoscaler allocation test (" + autoscaler.getClass().getSimpleName() + "): " +
            (after - before) + " bytes for 1,000,000 attempts and 10,000 decisions");
        if (after != before)
        {
            // A one-off JIT deoptimization re-materializes scalar-replaced objects once (see AllocationTest); an
            // allocation per attempt or per decision repeats, so the next million attempts must be clean.
            final long beforeAgain = threads.getThreadAllocatedBytes(threadId);
            drive(autoscaler, view, 1_000_000, 100, sum);
            final long bytesAgain = threads.getThreadAllocatedBytes(threadId) - beforeAgain;
            System.out.println("autoscaler allocation test, the next million attempts: " + bytesAgain + " bytes");
            assertThat(bytesAgain).as("bytes allocated after a window that allocated " + (after - before)).isZero();
        }
    }

    private static void drive(final Autoscaler autoscaler, final FakeView view, final int attempts,
        final int attemptsPerDecision, final int[] sum)
    {
        for (int i = 1; i <= attempts; i++)
        {
            // Latencies of 50 ms to 1.6 s, a few timeouts and rejections, the load following a daily cycle.
            final int outcome = i % 97 == 0 ? ResponseListener.REJECTED :
                i % 89 == 0 ? ResponseListener.TIMED_OUT : ResponseListener.COMPLETED;
            autoscaler.onResponse(view, outcome == ResponseListener.REJECTED ? -1 : i & 7, outcome,
                (50 + (i * 7919L) % 1_550) * 1_000_000L);
            if (i % attemptsPerDecision == 0)
            {
                view.nowNs += MINUTE;
                view.ratePerSec = 20 + 15 * Math.sin(2 * Math.PI * view.nowNs / (86_400.0 * SECOND));
                final int desired = autoscaler.desiredReplicas(view);
                sum[0] += desired;
                view.active = Math.max(1, desired);
                view.activeWorkers = 2 * view.active;
            }
        }
    }

    private static FakeView view()
    {
        final FakeView view =
            AutoscalerViews.oneType(90 * SECOND, MINUTE, 365L * 86_400 * SECOND, LoadSeries.constant(1));
        view.ready = new int[4];
        view.active = 4;
        view.activeWorkers = 8;
        return view;
    }
}
