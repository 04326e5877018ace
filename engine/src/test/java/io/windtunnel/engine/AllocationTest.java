package io.windtunnel.engine;

import io.windtunnel.engine.demo.MmcQueueModel;
import io.windtunnel.engine.random.RandomStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves that the steady-state event path allocates nothing: scheduling, cancellation (reneging timeouts),
 * dispatch, random sampling, histogram recording, interval swaps and time-series writes. Runs in its own surefire
 * executions (tag "allocation"), once with and once without escape analysis, so that correctness never rests on
 * the JIT removing an allocation.
 */
@Tag("allocation")
class AllocationTest
{
    private static final long SECOND_NS = 1_000_000_000L;

    @Test
    void shouldAllocateNothingPerEventAfterWarmUp()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
        threads.setThreadAllocatedMemoryEnabled(true);

        final long durationNs = 400 * SECOND_NS;
        final Engine engine = new Engine(1 << 16);
        // rho = 0.95 with patience 5 ms: long queues, many timeouts scheduled, most cancelled, some firing.
        final MmcQueueModel model = new MmcQueueModel(
            engine, new RandomStreams(99), 8, 7_600, 1_000, 5_000_000, 0, durationNs, SECOND_NS);

        // Warm-up: long enough for C2 to compile the loop and for every table to reach its peak size.
        long warmUpEndNs = 0;
        for (int round = 0; round < 20; round++)
        {
            warmUpEndNs += 5 * SECOND_NS;
            engine.runUntil(warmUpEndNs);
        }

        final long eventsBefore = engine.eventsProcessed();
        final long cancelledBefore = engine.eventsCancelled();
        final long abandonedBefore = model.abandoned();
        final long before = threads.getThreadAllocatedBytes(threadId);
        engine.runUntil(warmUpEndNs + 100 * SECOND_NS);
        final long after = threads.getThreadAllocatedBytes(threadId);

        final long events = engine.eventsProcessed() - eventsBefore;
        assertThat(events).as("events measured").isGreaterThanOrEqualTo(1_000_000);
        assertThat(engine.eventsCancelled() - cancelledBefore).as("cancellations measured").isPositive();
        assertThat(model.abandoned() - abandonedBefore).as("timeouts fired").isPositive();
        assertThat(after - before).as("bytes allocated for " + events + " events").isZero();
    }
}
