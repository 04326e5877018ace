package io.windtunnel.bench.engine;

import java.util.Arrays;

/**
 * Baseline for the engine's event queue: the textbook binary min-heap over parallel primitive arrays (time, sequence
 * number, payload), ordered by {@code (timeNs, seq)}. No cancellation, no payload table: the plainest exact
 * primitive queue, against which the engine must be at least as fast.
 */
public final class PrimitiveBinaryHeap
{
    private long[] times;
    private long[] seqs;
    private int[] payloads;
    private int size;
    private long nextSeq;
    private long polledTimeNs;
    private int polledPayload;

    /**
     * @param capacity initial capacity.
     */
    public PrimitiveBinaryHeap(final int capacity)
    {
        times = new long[capacity];
        seqs = new long[capacity];
        payloads = new int[capacity];
    }

    /**
     * @param timeNs  due time.
     * @param payload carried value.
     */
    public void push(final long timeNs, final int payload)
    {
        if (size == times.length)
        {
            times = Arrays.copyOf(times, size * 2);
            seqs = Arrays.copyOf(seqs, size * 2);
            payloads = Arrays.copyOf(payloads, size * 2);
        }
        final long seq = nextSeq++;
        int i = size++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (times[parent] < timeNs || (times[parent] == timeNs && seqs[parent] < seq))
            {
                break;
            }
            times[i] = times[parent];
            seqs[i] = seqs[parent];
            payloads[i] = payloads[parent];
            i = parent;
        }
        times[i] = timeNs;
        seqs[i] = seq;
        payloads[i] = payload;
    }

    /**
     * Remove the minimum; read it with {@link #polledTimeNs()} and {@link #polledPayload()}.
     *
     * @return false if empty.
     */
    public boolean poll()
    {
        if (size == 0)
        {
            return false;
        }
        polledTimeNs = times[0];
        polledPayload = payloads[0];
        final int n = --size;
        final long timeNs = times[n];
        final long seq = seqs[n];
        final int payload = payloads[n];
        int i = 0;
        while (true)
        {
            int child = 2 * i + 1;
            if (child >= n)
            {
                break;
            }
            final int right = child + 1;
            if (right < n && (times[right] < times[child] || (times[right] == times[child] && seqs[right] < seqs[child])))
            {
                child = right;
            }
            if (timeNs < times[child] || (timeNs == times[child] && seq < seqs[child]))
            {
                break;
            }
            times[i] = times[child];
            seqs[i] = seqs[child];
            payloads[i] = payloads[child];
            i = child;
        }
        times[i] = timeNs;
        seqs[i] = seq;
        payloads[i] = payload;
        return true;
    }

    /**
     * @return time of the earliest entry; undefined when empty.
     */
    public long peekTimeNs()
    {
        return times[0];
    }

    /**
     * @return time of the last polled entry.
     */
    public long polledTimeNs()
    {
        return polledTimeNs;
    }

    /**
     * @return payload of the last polled entry.
     */
    public int polledPayload()
    {
        return polledPayload;
    }

    /**
     * @return entries held.
     */
    public int size()
    {
        return size;
    }
}
