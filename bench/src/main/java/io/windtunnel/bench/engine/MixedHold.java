package io.windtunnel.bench.engine;

import io.windtunnel.engine.EventQueue;
import io.windtunnel.engine.random.RandomStream;

import java.util.Locale;

/**
 * The hold model with two kinds of pushes, for the event queue alone: a share {@code p} of the pushes is due soon
 * (now + Exp(near)), the rest far ahead (now + Exp(1 s)), with {@code pending} events in the queue. Near pushes land
 * inside the radix heap's sorted bucket 0 or the calendar window, which the plain hold model rarely exercises.
 * Prints wall ns per operation (poll, push and the draws) over 1e7 operations after 1e7 of warm-up, and whether the
 * window is on. For comparing builds; one JVM per line of output.
 * <pre>
 *   java -cp bench/target/benchmarks.jar io.windtunnel.bench.engine.MixedHold 100000 2000 0.35
 * </pre>
 */
public final class MixedHold
{
    private MixedHold()
    {
    }

    /**
     * @param args pending events, mean of the near increment in ns, share of near pushes.
     */
    public static void main(final String[] args)
    {
        if (args.length != 3)
        {
            System.err.println("usage: MixedHold PENDING NEAR_MEAN_NS NEAR_SHARE");
            System.exit(2);
        }
        final int pending = Integer.parseInt(args[0]);
        final double nearNs = Double.parseDouble(args[1]);
        final double share = Double.parseDouble(args[2]);
        final RandomStream random = new RandomStream(3);
        final EventQueue queue = WindowStats.filledQueue(pending, random);
        final int operations = 10_000_000;
        WindowStats.hold(queue, random, nearNs, share, operations);
        final long startNs = System.nanoTime();
        WindowStats.hold(queue, random, nearNs, share, operations);
        final long endNs = System.nanoTime();
        System.out.printf(Locale.ROOT, "pending %,d, near %.0f ns x %.2f: %.1f ns/op, window %s%n", pending, nearNs,
            share, (endNs - startNs) / (double)operations, queue.windowOn() ? "on" : "off");
    }
}
