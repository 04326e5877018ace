package io.windtunnel.engine.demo;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.EventHandler;
import io.windtunnel.engine.metrics.CompensatedSum;
import io.windtunnel.engine.metrics.LatencyRecorder;
import io.windtunnel.engine.metrics.TimeSeriesSampler;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;

import java.util.Arrays;

/**
 * An M/M/c queue with optional reneging, written the way every Windtunnel model is written: entities are
 * {@code int} indexes into primitive tables, handlers are registered once, randomness comes from named streams,
 * and nothing is allocated per request. It is the engine's end-to-end demo ({@code windtunnel demo}) and the
 * workload of its allocation test, and {@link ErlangC} gives the answers to check it against.
 * <p>
 * Requests arrive as a Poisson process and are served by {@code servers} identical servers with exponential
 * service times, first come first served. If {@code patienceNs > 0}, a request that has waited that long without
 * starting service leaves the queue (is abandoned): its timeout event is scheduled when it starts waiting and
 * cancelled when its service starts, the pattern request timeouts follow in the simulator.
 * <p>
 * Statistics cover requests that arrive after the warm-up: sojourn time (exact sum for the mean, HdrHistogram for
 * percentiles), and the time-average number in the system for Little's law. A periodic sample event closes a
 * latency interval and records queue length and busy servers in a {@link TimeSeriesSampler}.
 * <p>
 * <b>Threading:</b> not thread-safe; owns its engine. <b>Allocation:</b> none per event once the request table
 * has reached the peak queue length (it starts at 1024 and doubles).
 */
public final class MmcQueueModel
{
    /** Time-series column: requests waiting, sampled at the end of each interval. */
    public static final int COLUMN_WAITING = 0;
    /** Time-series column: busy servers, sampled at the end of each interval. */
    public static final int COLUMN_BUSY = 1;
    /** Time-series column: requests completed in the interval. */
    public static final int COLUMN_COMPLETED = 2;

    private static final byte WAITING = 1;
    private static final byte ABANDONED = 2;
    private static final int NONE = -1;

    private final Engine engine;
    private final int servers;
    private final double meanInterArrivalNs;
    private final double meanServiceNs;
    private final long patienceNs;
    private final long warmupNs;
    private final long sampleIntervalNs;
    private final RandomStream arrivals;
    private final RandomStream service;

    private final int arrivalType;
    private final int departureType;
    private final int timeoutType;
    private final int sampleType;

    private final LatencyRecorder sojourn;
    private final TimeSeriesSampler series;
    private final CompensatedSum sojournSumNs = new CompensatedSum();

    // Waiting requests: a table with a free list, and a FIFO ring of their indexes.
    private long[] waitArrivalNs;
    private long[] waitTimeoutHandle;
    private byte[] waitState;
    private int[] freeRequests;
    private int freeCount;
    private int[] ring;
    private int ringHead;
    private int ringSize;

    private int busy;
    private int waiting;
    private long lastChangeNs;
    private double areaInSystemNs;

    private long arrivalsCount;
    private long completedCount;
    private long abandonedCount;
    private long measuredArrivals;
    private long measuredCompleted;
    private long measuredWaited;

    /**
     * Build the model and schedule the first arrival and sample.
     *
     * @param engine              engine to run on; the model registers four event types.
     * @param streams             random streams; the model uses {@code "arrivals"} and {@code "service"}.
     * @param servers             c, at least 1.
     * @param arrivalRatePerSec   lambda.
     * @param serviceRatePerSec   mu, per server.
     * @param patienceNs          longest wait before a request leaves the queue; 0 for no reneging.
     * @param warmupNs            statistics ignore requests arriving earlier.
     * @param durationNs          planned run length, to size the time series.
     * @param sampleIntervalNs    length of a latency interval and of a time-series row.
     */
    public MmcQueueModel(
        final Engine engine,
        final RandomStreams streams,
        final int servers,
        final double arrivalRatePerSec,
        final double serviceRatePerSec,
        final long patienceNs,
        final long warmupNs,
        final long durationNs,
        final long sampleIntervalNs)
    {
        if (servers < 1 || !(arrivalRatePerSec > 0) || !(serviceRatePerSec > 0) || patienceNs < 0 ||
            warmupNs < 0 || sampleIntervalNs <= 0)
        {
            throw new IllegalArgumentException("invalid M/M/c parameters");
        }
        this.engine = engine;
        this.servers = servers;
        this.meanInterArrivalNs = 1e9 / arrivalRatePerSec;
        this.meanServiceNs = 1e9 / serviceRatePerSec;
        this.patienceNs = patienceNs;
        this.warmupNs = warmupNs;
        this.sampleIntervalNs = sampleIntervalNs;
        this.arrivals = streams.stream("arrivals");
        this.service = streams.stream("service");

        sojourn = new LatencyRecorder(1_000L, 3_600_000_000_000L, 3);
        series = new TimeSeriesSampler(sampleIntervalNs, 3, (int)Math.max(1, durationNs / sampleIntervalNs + 1));

        final int capacity = 1024;
        waitArrivalNs = new long[capacity];
        waitTimeoutHandle = new long[capacity];
        waitState = new byte[capacity];
        freeRequests = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            freeRequests[i] = capacity - 1 - i;
        }
        freeCount = capacity;
        ring = new int[capacity];

        final EventHandler onArrival = (nowNs, target, payload, payload2) -> onArrival(nowNs);
        final EventHandler onDeparture = (nowNs, target, payload, payload2) -> onDeparture(nowNs, payload);
        final EventHandler onTimeout = (nowNs, target, payload, payload2) -> onTimeout(nowNs, target);
        final EventHandler onSample = (nowNs, target, payload, payload2) -> onSample(nowNs);
        arrivalType = engine.register(onArrival);
        departureType = engine.register(onDeparture);
        timeoutType = engine.register(onTimeout);
        sampleType = engine.register(onSample);

        engine.schedule(engine.nowNs() + arrivals.exponentialNs(meanInterArrivalNs), arrivalType, 0, 0, 0);
        engine.schedule(engine.nowNs() + sampleIntervalNs, sampleType, 0, 0, 0);
    }

    private void onArrival(final long nowNs)
    {
        engine.scheduleAfter(arrivals.exponentialNs(meanInterArrivalNs), arrivalType, 0, 0, 0);
        arrivalsCount++;
        if (nowNs >= warmupNs)
        {
            measuredArrivals++;
        }
        accumulateArea(nowNs);
        if (busy < servers)
        {
            busy++;
            startService(nowNs);
            return;
        }
        if (nowNs >= warmupNs)
        {
            measuredWaited++;
        }
        final int request = allocateRequest();
        waitArrivalNs[request] = nowNs;
        waitState[request] = WAITING;
        waitTimeoutHandle[request] = patienceNs > 0 ?
            engine.scheduleAfter(patienceNs, timeoutType, request, 0, 0) : NONE;
        enqueue(request);
        waiting++;
    }

    private void onDeparture(final long nowNs, final long arrivalNs)
    {
        accumulateArea(nowNs);
        completedCount++;
        if (arrivalNs >= warmupNs)
        {
            final long sojournNs = nowNs - arrivalNs;
            sojourn.record(sojournNs);
            sojournSumNs.add(sojournNs);
            measuredCompleted++;
        }
        series.add(nowNs, COLUMN_COMPLETED, 1.0);

        while (ringSize > 0)
        {
            final int request = dequeue();
            if (waitState[request] == WAITING)
            {
                engine.cancel(waitTimeoutHandle[request]);
                waiting--;
                final long waitedSinceNs = waitArrivalNs[request];
                freeRequest(request);
                startService(waitedSinceNs);
                return;
            }
            freeRequest(request);
        }
        busy--;
    }

    private void onTimeout(final long nowNs, final int request)
    {
        accumulateArea(nowNs);
        waitState[request] = ABANDONED;
        waiting--;
        abandonedCount++;
    }

    private void onSample(final long nowNs)
    {
        sojourn.closeInterval(nowNs);
        final long rowTimeNs = nowNs - 1;
        series.set(rowTimeNs, COLUMN_WAITING, waiting);
        series.set(rowTimeNs, COLUMN_BUSY, busy);
        engine.scheduleAfter(sampleIntervalNs, sampleType, 0, 0, 0);
    }

    private void startService(final long arrivalNs)
    {
        engine.scheduleAfter(service.exponentialNs(meanServiceNs), departureType, 0, arrivalNs, 0);
    }

    private void accumulateArea(final long nowNs)
    {
        if (nowNs > warmupNs)
        {
            final long fromNs = Math.max(lastChangeNs, warmupNs);
            areaInSystemNs += (double)(busy + waiting) * (nowNs - fromNs);
        }
        lastChangeNs = nowNs;
    }

    private int allocateRequest()
    {
        if (freeCount == 0)
        {
            growRequests();
        }
        return freeRequests[--freeCount];
    }

    private void freeRequest(final int request)
    {
        waitState[request] = 0;
        freeRequests[freeCount++] = request;
    }

    private void enqueue(final int request)
    {
        ring[(ringHead + ringSize) & (ring.length - 1)] = request;
        ringSize++;
    }

    private int dequeue()
    {
        final int request = ring[ringHead];
        ringHead = (ringHead + 1) & (ring.length - 1);
        ringSize--;
        return request;
    }

    /** Doubles the request table and the ring; the ring is unrolled so its order is kept. */
    private void growRequests()
    {
        final int old = waitArrivalNs.length;
        final int capacity = old * 2;
        waitArrivalNs = Arrays.copyOf(waitArrivalNs, capacity);
        waitTimeoutHandle = Arrays.copyOf(waitTimeoutHandle, capacity);
        waitState = Arrays.copyOf(waitState, capacity);
        freeRequests = Arrays.copyOf(freeRequests, capacity);
        for (int i = capacity - 1; i >= old; i--)
        {
            freeRequests[freeCount++] = i;
        }
        final int[] newRing = new int[capacity];
        for (int i = 0; i < ringSize; i++)
        {
            newRing[i] = ring[(ringHead + i) & (ring.length - 1)];
        }
        ring = newRing;
        ringHead = 0;
    }

    /**
     * Close the statistics at the engine's current time: accounts the time-in-system area up to now and closes
     * the open latency interval. Call once after the last {@code runUntil}.
     */
    public void finish()
    {
        final long nowNs = engine.nowNs();
        accumulateArea(nowNs);
        sojourn.closeInterval(nowNs);
    }

    /**
     * @return requests that arrived, including the warm-up.
     */
    public long arrivals()
    {
        return arrivalsCount;
    }

    /**
     * @return requests served to completion, including the warm-up.
     */
    public long completed()
    {
        return completedCount;
    }

    /**
     * @return requests that left the queue after waiting {@code patienceNs}.
     */
    public long abandoned()
    {
        return abandonedCount;
    }

    /**
     * @return requests waiting now.
     */
    public int waiting()
    {
        return waiting;
    }

    /**
     * @return servers busy now.
     */
    public int busy()
    {
        return busy;
    }

    /**
     * @return requests arriving after the warm-up.
     */
    public long measuredArrivals()
    {
        return measuredArrivals;
    }

    /**
     * @return requests arriving after the warm-up and completed.
     */
    public long measuredCompleted()
    {
        return measuredCompleted;
    }

    /**
     * @return share of requests arriving after the warm-up that found every server busy and had to wait.
     */
    public double waitedShare()
    {
        return measuredWaited / (double)measuredArrivals;
    }

    /**
     * @return exact mean sojourn time of measured requests, nanoseconds.
     */
    public double meanSojournNs()
    {
        return sojournSumNs.get() / measuredCompleted;
    }

    /**
     * @return sojourn times of measured requests, up to the last closed interval.
     */
    public LatencyRecorder sojourn()
    {
        return sojourn;
    }

    /**
     * @param endNs end of the measurement window; {@link #finish()} must have been called at that time.
     * @return time-average number of requests in the system between the warm-up and {@code endNs}.
     */
    public double meanInSystem(final long endNs)
    {
        return areaInSystemNs / (endNs - warmupNs);
    }

    /**
     * @return waiting requests, busy servers and completions per interval.
     */
    public TimeSeriesSampler series()
    {
        return series;
    }
}
