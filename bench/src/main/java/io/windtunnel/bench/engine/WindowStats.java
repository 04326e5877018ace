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
            final EventQueue queue = new EventQueue(n);
            for (int i = 0; i < n; i++)
            {
                queue.push(random.exponentialNs(1e10), 0, i, 0, 0);
            }
            final int operations = 20_000_000;
            hold(queue, random, operations);
            final long startNs = System.nanoTime();
            hold(queue, random, operations);
            final long endNs = System.nanoTime();
            System.out.printf(Locale.ROOT, "pending %,d: %.1f ns/op, bucket width 2^%d ns, window %s%n", n,
                (endNs - startNs) / (double)operations, queue.bucketWidthShift(), queue.windowOn() ? "on" : "off");
        }
    }

    private static void hold(final EventQueue queue, final RandomStream random, final int operations)
    {
        for (int i = 0; i < operations; i++)
        {
            queue.pollUntil(Long.MAX_VALUE);
            queue.push(queue.polledTimeNs() + random.exponentialNs(1e9), 0, queue.polledTarget(), 0, 0);
        }
    }
}
