package io.windtunnel.bench.simulator;

import io.windtunnel.bench.engine.PrimitiveBinaryHeap;
import io.windtunnel.engine.random.RandomStream;
import org.HdrHistogram.Histogram;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The in-run baseline for {@link SimulatorBenchmark}: the barest M/M/c queue one can write for the JVM, with no
 * engine, no model and no policies. Events are {@code (time, payload)} entries of a {@link PrimitiveBinaryHeap}
 * (payload {@code -1} an arrival, otherwise the request's slot), the waiting line is a ring of arrival times, and
 * each completed request's sojourn time is recorded into an HdrHistogram with a fixed range (no auto-resize), as the
 * simulator records latency. It does the least work a simulator of the same arrival rate must do per request (two
 * events, two exponential draws, one histogram record), so {@code SimulatorBenchmark / BareMmcBenchmark} in one run
 * says how much the full request path costs above that floor.
 * <p>
 * Same shape as the simulator benchmark: 2,000 requests/s, mean service 20 ms, {@code c} servers at utilization 0.6
 * (67 servers), one invocation one simulated second, the {@code requests} counter the throughput to read. Allocates
 * nothing per request (the heap and ring are sized at setup and grow only past the run's peak).
 * <pre>
 * java -jar bench/target/benchmarks.jar 'SimulatorBenchmark|BareMmcBenchmark' -prof gc
 * java -cp bench/target/benchmarks.jar io.windtunnel.bench.simulator.BareMmcBenchmark 600   # quick, no JMH
 * </pre>
 * <b>Threading:</b> not thread-safe (one JMH thread per state).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class BareMmcBenchmark
{
    private static final long SECOND = 1_000_000_000L;
    private static final double MEAN_SERVICE_NS = 20e6;
    private static final double UTILIZATION = 0.6;
    private static final int ARRIVAL = -1;

    /** Total arrival rate, requests per simulated second (as {@link SimulatorBenchmark}'s). */
    @Param({"2000"})
    public double ratePerSec;

    private Mmc queue;
    private long timeNs;

    /** Builds the queue and runs a simulated minute, as the simulator benchmark fills its fleet. */
    @Setup(Level.Trial)
    public void setUp()
    {
        queue = new Mmc(ratePerSec, 42);
        timeNs = 60 * SECOND;
        queue.runUntil(timeNs);
    }

    /**
     * Advance one simulated second.
     *
     * @param counters where the requests are counted (the simulator benchmark's counter, so both report
     *                 {@code requests}).
     */
    @Benchmark
    public void simulateOneSecond(final SimulatorBenchmark.Counters counters)
    {
        final long before = queue.arrivals;
        timeNs += SECOND;
        queue.runUntil(timeNs);
        counters.requests += queue.arrivals - before;
    }

    /**
     * The queue itself. Package-private so a test or a quick run can drive it.
     */
    static final class Mmc
    {
        private final PrimitiveBinaryHeap events;
        private final RandomStream random;
        private final Histogram sojournNs = new Histogram(1_000L, 3_600_000_000_000L, 2);
        private final double meanInterArrivalNs;
        private long[] waitingArrivalNs = new long[1024];
        private long[] slotArrivalNs;
        private int[] freeSlots;
        private int freeCount;
        private int head;
        private int waiting;
        long arrivals;
        long completed;
        long clamped;

        Mmc(final double ratePerSec, final long seed)
        {
            final int servers = (int)Math.ceil(ratePerSec * MEAN_SERVICE_NS / 1e9 / UTILIZATION);
            events = new PrimitiveBinaryHeap(servers + 16);
            random = new RandomStream(seed);
            meanInterArrivalNs = 1e9 / ratePerSec;
            slotArrivalNs = new long[servers];
            freeSlots = new int[servers];
            for (int i = 0; i < servers; i++)
            {
                freeSlots[freeCount++] = servers - 1 - i;
            }
            events.push(random.exponentialNs(meanInterArrivalNs), ARRIVAL);
        }

        void runUntil(final long endNs)
        {
            final PrimitiveBinaryHeap events = this.events;
            while (events.size() > 0 && events.peekTimeNs() < endNs)
            {
                events.poll();
                final long nowNs = events.polledTimeNs();
                final int payload = events.polledPayload();
                if (payload == ARRIVAL)
                {
                    arrivals++;
                    events.push(nowNs + random.exponentialNs(meanInterArrivalNs), ARRIVAL);
                    if (freeCount > 0)
                    {
                        start(nowNs, nowNs);
                    }
                    else
                    {
                        enqueue(nowNs);
                    }
                }
                else
                {
                    record(nowNs - slotArrivalNs[payload]);
                    completed++;
                    freeSlots[freeCount++] = payload;
                    if (waiting > 0)
                    {
                        final long arrivalNs = waitingArrivalNs[head];
                        head = (head + 1) & (waitingArrivalNs.length - 1);
                        waiting--;
                        start(nowNs, arrivalNs);
                    }
                }
            }
        }

        private void start(final long nowNs, final long arrivalNs)
        {
            final int slot = freeSlots[--freeCount];
            slotArrivalNs[slot] = arrivalNs;
            events.push(nowNs + random.exponentialNs(MEAN_SERVICE_NS), slot);
        }

        private void enqueue(final long arrivalNs)
        {
            if (waiting == waitingArrivalNs.length)
            {
                final long[] grown = new long[waiting * 2];
                for (int i = 0; i < waiting; i++)
                {
                    grown[i] = waitingArrivalNs[(head + i) & (waiting - 1)];
                }
                waitingArrivalNs = grown;
                head = 0;
            }
            waitingArrivalNs[(head + waiting) & (waitingArrivalNs.length - 1)] = arrivalNs;
            waiting++;
        }

        private void record(final long sojournNs)
        {
            if (sojournNs < 1_000L || sojournNs > 3_600_000_000_000L)
            {
                clamped++;
                this.sojournNs.recordValue(Math.max(1_000L, Math.min(sojournNs, 3_600_000_000_000L)));
                return;
            }
            this.sojournNs.recordValue(sojournNs);
        }

        double meanSojournMs()
        {
            return sojournNs.getMean() / 1e6;
        }
    }

    /**
     * Quick measurement without JMH: simulate the given simulated seconds and print requests/s.
     *
     * @param args simulated seconds (default 600) and arrival rate (default 2000).
     */
    public static void main(final String[] args)
    {
        final long seconds = args.length > 0 ? Long.parseLong(args[0]) : 600;
        final double rate = args.length > 1 ? Double.parseDouble(args[1]) : 2000;
        for (int round = 0; round < 2; round++)
        {
            final Mmc mmc = new Mmc(rate, 42);
            final long startNs = System.nanoTime();
            mmc.runUntil((seconds + 60) * SECOND);
            final double wall = (System.nanoTime() - startNs) / 1e9;
            System.out.printf(Locale.ROOT, "%s: %,d requests in %.2f s: %.2f M requests/s, mean sojourn %.2f ms%n",
                round == 0 ? "warm-up" : "measured", mmc.arrivals, wall, mmc.arrivals / wall / 1e6,
                mmc.meanSojournMs());
        }
    }
}
