package io.windtunnel.bench.simulator;

import com.sun.management.ThreadMXBean;
import io.windtunnel.simulator.Simulation;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * The request path's speed against the bare M/M/c, in thread CPU time, without JMH: alternates runs of
 * {@link SimulatorBenchmark}'s model and {@link BareMmcBenchmark}'s queue in one JVM (same arrival rate, same
 * simulated duration) and prints each pair's requests per CPU second and their ratio, then the medians. CPU time is
 * what a busy second core disturbs least (a wall-clock JMH score on a machine shared by several builds moves by 2x);
 * the JMH pair in {@code windtunnel bench} is the gate, this is for measuring a change.
 * <pre>
 * java -Xms1g -Xmx1g -cp bench/target/benchmarks.jar io.windtunnel.bench.simulator.RequestPathRatio 600 7
 * </pre>
 * <b>Threading:</b> single-threaded; allocates only at setup.
 */
public final class RequestPathRatio
{
    private static final long SECOND = 1_000_000_000L;

    private RequestPathRatio()
    {
    }

    /**
     * @param args simulated seconds per run (default 600), rounds (default 7), arrival rate (default 2000).
     */
    public static void main(final String[] args)
    {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
        final int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        final double rate = args.length > 2 ? Double.parseDouble(args[2]) : 2000;
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final double[] simulator = new double[rounds];
        final double[] bare = new double[rounds];
        final double[] ratio = new double[rounds];
        for (int round = -1; round < rounds; round++)
        {
            final Simulation s = SimulatorBenchmark.newSimulation(rate, (seconds + 60) * SECOND);
            long cpuNs = threads.getCurrentThreadCpuTime();
            s.run();
            final double simPerSec = s.arrivals() / ((threads.getCurrentThreadCpuTime() - cpuNs) / 1e9);
            final BareMmcBenchmark.Mmc mmc = new BareMmcBenchmark.Mmc(rate, 42);
            cpuNs = threads.getCurrentThreadCpuTime();
            mmc.runUntil((seconds + 60) * SECOND);
            final double barePerSec = mmc.arrivals / ((threads.getCurrentThreadCpuTime() - cpuNs) / 1e9);
            System.out.printf(Locale.ROOT, "%s: simulator %,d requests %.3f M/s, bare %,d requests %.3f M/s, " +
                "ratio %.3f%n", round < 0 ? "warm-up" : "round " + round, s.arrivals(), simPerSec / 1e6,
                mmc.arrivals, barePerSec / 1e6, simPerSec / barePerSec);
            if (round >= 0)
            {
                simulator[round] = simPerSec;
                bare[round] = barePerSec;
                ratio[round] = simPerSec / barePerSec;
            }
        }
        System.out.printf(Locale.ROOT, "median: simulator %.3f M requests/CPU-s, bare %.3f M, ratio %.3f " +
            "(range %.3f-%.3f)%n", median(simulator) / 1e6, median(bare) / 1e6, median(ratio),
            Arrays.stream(ratio).min().orElse(0), Arrays.stream(ratio).max().orElse(0));
    }

    private static double median(final double[] values)
    {
        final double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
