package io.windtunnel.bench.engine;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.EventHandler;
import io.windtunnel.engine.random.RandomStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.PriorityQueue;
import java.util.concurrent.TimeUnit;

/**
 * The classic hold model (Jones 1986, "An empirical comparison of priority-queue and event-set implementations",
 * CACM 29(4)): with {@code pending} events in the queue, each operation removes the earliest event and schedules a
 * new one at its time plus an Exp(1 s) increment, so the queue size stays constant. Compared: the Windtunnel engine
 * (queue, handler dispatch and all), a plain primitive binary heap, and {@link PriorityQueue} with one object per
 * event. All three use the same random stream. Run it through {@link HoldReport} for the table of ratios.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(value = 2, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class HoldBenchmark
{
    /** Hold operations per benchmark invocation. */
    public static final int BATCH = 1_000;
    private static final double MEAN_INCREMENT_NS = 1e9;

    @Param({"1000", "100000", "1000000"})
    public int pending;

    private RandomStream random;
    private Engine engine;
    private PrimitiveBinaryHeap heap;
    private PriorityQueue<Event> priorityQueue;
    private QuaternaryHeapQueue quaternaryHeap;
    private long pqSeq;

    /** One object per event, as a conventional simulator would allocate. */
    static final class Event implements Comparable<Event>
    {
        final long timeNs;
        final long seq;
        final int target;

        Event(final long timeNs, final long seq, final int target)
        {
            this.timeNs = timeNs;
            this.seq = seq;
            this.target = target;
        }

        @Override
        public int compareTo(final Event other)
        {
            final int byTime = Long.compare(timeNs, other.timeNs);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    @Setup(Level.Trial)
    public void setUp()
    {
        random = new RandomStream(42);
        engine = new Engine(pending);
        final int[] type = new int[1];
        final EventHandler hold = (nowNs, target, payload, payload2) ->
            engine.schedule(nowNs + random.exponentialNs(MEAN_INCREMENT_NS), type[0], target, 0, 0);
        type[0] = engine.register(hold);
        heap = new PrimitiveBinaryHeap(pending);
        quaternaryHeap = new QuaternaryHeapQueue(pending);
        priorityQueue = new PriorityQueue<>(pending);
        for (int i = 0; i < pending; i++)
        {
            final long timeNs = random.exponentialNs(MEAN_INCREMENT_NS * 10);
            engine.schedule(timeNs, type[0], i, 0, 0);
            heap.push(timeNs, i);
            quaternaryHeap.push(timeNs, 0, i, 0, 0);
            priorityQueue.add(new Event(timeNs, pqSeq++, i));
        }
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long engine()
    {
        engine.runEvents(BATCH);
        return engine.nowNs();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long quaternaryHeap()
    {
        final QuaternaryHeapQueue queue = quaternaryHeap;
        for (int i = 0; i < BATCH; i++)
        {
            queue.pollUntil(Long.MAX_VALUE);
            queue.push(queue.polledTimeNs() + random.exponentialNs(MEAN_INCREMENT_NS), 0, queue.polledTarget(), 0, 0);
        }
        return queue.polledTimeNs();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long binaryHeap()
    {
        final PrimitiveBinaryHeap heap = this.heap;
        for (int i = 0; i < BATCH; i++)
        {
            heap.poll();
            heap.push(heap.polledTimeNs() + random.exponentialNs(MEAN_INCREMENT_NS), heap.polledPayload());
        }
        return heap.polledTimeNs();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public long priorityQueue()
    {
        final PriorityQueue<Event> queue = priorityQueue;
        long timeNs = 0;
        for (int i = 0; i < BATCH; i++)
        {
            final Event event = queue.poll();
            timeNs = event.timeNs;
            queue.add(new Event(timeNs + random.exponentialNs(MEAN_INCREMENT_NS), pqSeq++, event.target));
        }
        return timeNs;
    }
}
