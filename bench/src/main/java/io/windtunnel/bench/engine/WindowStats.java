package io.windtunnel.bench.engine;

import io.windtunnel.engine.EventQueue;
import io.windtunnel.engine.random.RandomStream;

import java.util.Locale;

/**
 * Quick look at the event queue alone in the hold model, without JMH: for several pending sizes, 2e7 hold operations
 * (poll, push at its time plus Exp(1 s)) after 2e7 of warm-up, printing wall ns per operation (Exp draw included),
 * the bucket width the calendar window settled on and whether the window is on. For comparing builds quickly; the
 * numbers to quote come from {@link HoldReport}.
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.windtunnel.bench.engine.WindowStats
 * </pre>
 */
public final class WindowStats
{
    private WindowStats()
    {
    }

    /**
     * @param args pending sizes (default 300, 1000, 100000, 1000000).
     */
    public static void main(final String[] args)
    {
        final int[] sizes = args.length == 0 ? new int[] {300, 1000, 100_000, 1_000_000} :
            java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (final int n : sizes)
        {
            final RandomStream random = new RandomStream(1);
            final EventQueue queue = filledQueue(n, random);
            final int operations = 20_000_000;
            hold(queue, random, 0, 0, operations);
            final long startNs = System.nanoTime();
            hold(queue, random, 0, 0, operations);
            final long endNs = System.nanoTime();
            System.out.printf(Locale.ROOT, "pending %,d: %.1f ns/op, bucket width 2^%d ns, window %s%n", n,
                (endNs - startNs) / (double)operations, queue.bucketWidthShift(), queue.windowOn() ? "on" : "off");
        }
    }

    /** A queue with {@code pending} events spread over Exp(10 s), as the hold model starts. */
    static EventQueue filledQueue(final int pending, final RandomStream random)
    {
        final EventQueue queue = new EventQueue(pending);
        for (int i = 0; i < pending; i++)
        {
            queue.push(random.exponentialNs(1e10), 0, i, 0, 0);
        }
        return queue;
    }

    /**
     * Hold operations: poll the earliest event and push one at its time plus Exp(1 s), or, for a share
     * {@code nearShare} of the pushes, plus Exp(nearNs) (no extra draw when the share is 0).
     */
    static void hold(
        final EventQueue queue,
        final RandomStream random,
        final double nearNs,
        final double nearShare,
        final int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            queue.pollUntil(Long.MAX_VALUE);
            final double mean = nearShare > 0 && random.nextDouble() < nearShare ? nearNs : 1e9;
            queue.push(queue.polledTimeNs() + random.exponentialNs(mean), 0, queue.polledTarget(), 0, 0);
        }
    }
}
