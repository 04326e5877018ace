package io.windtunnel.bench.engine;

import java.util.Arrays;

/**
 * The engine's first event queue, kept as a measured alternative: a 4-ary min-heap of 16-byte (time, tie) entries
 * with cache-line-aligned sibling groups, payloads in a slot table, lazy cancellation. Slower than the radix queue
 * the engine now uses at every size measured (see docs/performance.md); the original design notes follow.
 * <p>
 * Exact priority queue of pending events, ordered by {@code (timeNs, seq)} where {@code seq} is assigned at
 * {@link #push}, so events due at the same time leave in the order they were pushed.
 * <p>
 * <b>Layout.</b> Two preallocated primitive tables and no event objects:
 * <pre>
 *   heap  long[]  4-ary min-heap of 16-byte entries, children of a node share one 64-byte cache line
 *     +------------------+----------------------------------+
 *     | timeNs (64 bits) | seq (64 - SLOT_BITS) | slot (SLOT_BITS) |   = "tie" word
 *     +------------------+----------------------------------+
 *   slots long[]  one 32-byte record per pending event, reached from the heap entry's slot
 *     +-------------+-----------+------------+--------------------+
 *     | tie (or -1) |  payload  |  payload2  | type:32 | target:32 |
 *     +-------------+-----------+------------+--------------------+
 *   generations int[]  per slot, bumped each time the slot is freed (for handles)
 *   free        int[]  stack of free slots
 * </pre>
 * The heap compares {@code timeNs} first and the tie word second. Because the sequence number sits above
 * the slot bits, tie words of live entries are unique and increase with push order, so order is exact and
 * does not depend on the heap's shape.
 * <p>
 * <b>Handles and cancellation.</b> {@link #push} returns {@code generation << 32 | slot}. {@link #cancel}
 * frees the slot at once (it can be reused by the next push) and leaves the heap entry behind; an entry whose
 * tie word no longer matches its slot's record is dead and is skipped when it reaches the top. A stale handle
 * (its event already ran or was cancelled) has an old generation and is ignored. When dead entries outnumber
 * live ones the heap is compacted in place and rebuilt in O(n), so memory stays bounded by twice the live
 * events even when most events are cancelled (timeouts).
 * <p>
 * <b>Why this layout.</b> Measured on 2 cores (see {@code docs/performance.md}): keeping key and tie in one
 * interleaved array halves cache misses against parallel {@code long[]}/{@code int[]} arrays, and a 4-ary heap
 * whose sibling groups are cache-line aligned does half the levels of a binary heap with one miss per level.
 * The payload lives outside the heap so that sift operations move 16 bytes, not 48.
 * <p>
 * <b>Growth.</b> Capacity is set at construction. If more events are pending than that, the heap or the slot
 * table doubles (a copy, rare and logarithmic in the peak); nothing else allocates. When the 64-bit tie word
 * runs out of sequence numbers (after {@code 2^(63 - SLOT_BITS)} pushes) pending events are renumbered in
 * order, which allocates one temporary array; handles stay valid.
 * <p>
 * <b>Threading:</b> not thread-safe; one thread owns a queue.
 */
public final class QuaternaryHeapQueue
{
    /** Bits of the tie word that hold the slot; the queue holds at most {@code 2^SLOT_BITS} pending events. */
    public static final int SLOT_BITS = 26;
    /** Most events that can be pending at once. */
    public static final int MAX_CAPACITY = 1 << SLOT_BITS;
    /** Value {@link #peekTimeNs()} returns when no event is pending. */
    public static final long NO_EVENT = Long.MAX_VALUE;

    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    private static final long FREE = -1L;
    private static final int SLOT_STRIDE = 4;
    /** Logical heap index i lives at heap[2 * i + HEAP_BASE]: aligns each sibling group to a cache line. */
    private static final int HEAP_BASE = 4;
    private static final int MIN_CAPACITY = 16;

    private final long maxSeq;

    private long[] heap;
    private int heapSize;
    private int heapCapacity;

    private long[] slots;
    private int[] generations;
    private int[] freeSlots;
    private int freeCount;
    private int slotCapacity;

    private long nextSeq;
    private int live;
    private int dead;

    private long polledTimeNs;
    private int polledType;
    private int polledTarget;
    private long polledPayload;
    private long polledPayload2;

    /**
     * Create a queue sized for {@code initialCapacity} pending events.
     *
     * @param initialCapacity pending events held before the first doubling; at least 1.
     */
    public QuaternaryHeapQueue(final int initialCapacity)
    {
        this(initialCapacity, (1L << (63 - SLOT_BITS)) - 1);
    }

    QuaternaryHeapQueue(final int initialCapacity, final long maxSeq)
    {
        if (initialCapacity < 1 || initialCapacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException(
                "initialCapacity must be in [1, " + MAX_CAPACITY + "]: " + initialCapacity);
        }
        this.maxSeq = maxSeq;
        final int capacity = Math.max(MIN_CAPACITY, initialCapacity);
        heapCapacity = capacity;
        heap = new long[2 * capacity + HEAP_BASE];
        slotCapacity = capacity;
        slots = new long[SLOT_STRIDE * capacity];
        generations = new int[capacity];
        freeSlots = new int[capacity];
        for (int i = 0; i < capacity; i++)
        {
            slots[i * SLOT_STRIDE] = FREE;
            freeSlots[i] = capacity - 1 - i;
        }
        freeCount = capacity;
    }

    /**
     * Add an event.
     *
     * @param timeNs   when the event is due.
     * @param type     event type, passed back through {@link #polledType()}.
     * @param target   entity index, passed back through {@link #polledTarget()}.
     * @param payload  first argument.
     * @param payload2 second argument.
     * @return a handle for {@link #cancel(long)} and {@link #isPending(long)}; never negative.
     * @throws IllegalStateException if {@link #MAX_CAPACITY} events are already pending.
     */
    public long push(final long timeNs, final int type, final int target, final long payload, final long payload2)
    {
        if (freeCount == 0)
        {
            growSlots();
        }
        if (heapSize == heapCapacity)
        {
            growHeap();
        }
        if (nextSeq > maxSeq)
        {
            renumber();
        }

        final int slot = freeSlots[--freeCount];
        final long tie = (nextSeq++ << SLOT_BITS) | slot;
        final long[] slots = this.slots;
        final int base = slot * SLOT_STRIDE;
        slots[base] = tie;
        slots[base + 1] = payload;
        slots[base + 2] = payload2;
        slots[base + 3] = ((long)type << 32) | (target & 0xFFFF_FFFFL);
        live++;

        siftUp(heapSize++, timeNs, tie);
        return ((long)generations[slot] << 32) | slot;
    }

    /**
     * Cancel a pending event. A handle whose event has already been polled or cancelled is ignored, even if its
     * slot now holds another event.
     *
     * @param handle as returned by {@link #push}.
     * @return true if the event was pending and is now cancelled.
     */
    public boolean cancel(final long handle)
    {
        if (!isPending(handle))
        {
            return false;
        }
        freeSlot((int)handle);
        live--;
        dead++;
        if (dead > live && heapSize > 64)
        {
            compact();
        }
        return true;
    }

    /**
     * @param handle as returned by {@link #push}.
     * @return true if that event is still waiting to be polled.
     */
    public boolean isPending(final long handle)
    {
        final int slot = (int)handle;
        return handle >= 0 && slot >= 0 && slot < slotCapacity &&
            generations[slot] == (int)(handle >>> 32) && slots[slot * SLOT_STRIDE] != FREE;
    }

    /**
     * @return events pushed and neither polled nor cancelled.
     */
    public int size()
    {
        return live;
    }

    /**
     * @return true if no event is pending.
     */
    public boolean isEmpty()
    {
        return live == 0;
    }

    /**
     * @return time of the earliest pending event, or {@link #NO_EVENT}.
     */
    public long peekTimeNs()
    {
        dropDeadTop();
        return heapSize == 0 ? NO_EVENT : heap[HEAP_BASE];
    }

    /**
     * Remove the earliest pending event if it is due at or before {@code limitNs}; its fields are then readable
     * through the {@code polled...} accessors until the next poll.
     *
     * @param limitNs latest time to accept.
     * @return true if an event was removed.
     */
    public boolean pollUntil(final long limitNs)
    {
        final long[] heap = this.heap;
        final long[] slots = this.slots;
        while (heapSize > 0)
        {
            final long timeNs = heap[HEAP_BASE];
            if (timeNs > limitNs)
            {
                return false;
            }
            final long tie = heap[HEAP_BASE + 1];
            removeTop();
            final int slot = (int)(tie & SLOT_MASK);
            final int base = slot * SLOT_STRIDE;
            if (slots[base] != tie)
            {
                dead--;
                continue;
            }
            polledTimeNs = timeNs;
            polledPayload = slots[base + 1];
            polledPayload2 = slots[base + 2];
            final long typeAndTarget = slots[base + 3];
            polledType = (int)(typeAndTarget >>> 32);
            polledTarget = (int)typeAndTarget;
            freeSlot(slot);
            live--;
            return true;
        }
        return false;
    }

    /**
     * @return time of the last polled event.
     */
    public long polledTimeNs()
    {
        return polledTimeNs;
    }

    /**
     * @return type of the last polled event.
     */
    public int polledType()
    {
        return polledType;
    }

    /**
     * @return target of the last polled event.
     */
    public int polledTarget()
    {
        return polledTarget;
    }

    /**
     * @return first payload of the last polled event.
     */
    public long polledPayload()
    {
        return polledPayload;
    }

    /**
     * @return second payload of the last polled event.
     */
    public long polledPayload2()
    {
        return polledPayload2;
    }

    /**
     * @return entries the heap can hold before it doubles.
     */
    public int heapCapacity()
    {
        return heapCapacity;
    }

    /**
     * Drop every pending event; handles issued so far become stale. Keeps the capacity reached.
     */
    public void clear()
    {
        for (int i = 0; i < heapSize; i++)
        {
            final int slot = (int)(heap[2 * i + HEAP_BASE + 1] & SLOT_MASK);
            if (slots[slot * SLOT_STRIDE] != FREE)
            {
                freeSlot(slot);
            }
        }
        heapSize = 0;
        live = 0;
        dead = 0;
    }

    private void freeSlot(final int slot)
    {
        slots[slot * SLOT_STRIDE] = FREE;
        generations[slot]++;
        freeSlots[freeCount++] = slot;
    }

    private void dropDeadTop()
    {
        while (heapSize > 0)
        {
            final long tie = heap[HEAP_BASE + 1];
            if (slots[(int)(tie & SLOT_MASK) * SLOT_STRIDE] == tie)
            {
                return;
            }
            removeTop();
            dead--;
        }
    }

    private void siftUp(final int start, final long timeNs, final long tie)
    {
        final long[] heap = this.heap;
        int i = start;
        while (i > 0)
        {
            final int parent = (i - 1) >> 2;
            final int p = 2 * parent + HEAP_BASE;
            final long parentTime = heap[p];
            if (parentTime < timeNs || (parentTime == timeNs && heap[p + 1] < tie))
            {
                break;
            }
            final int c = 2 * i + HEAP_BASE;
            heap[c] = parentTime;
            heap[c + 1] = heap[p + 1];
            i = parent;
        }
        final int c = 2 * i + HEAP_BASE;
        heap[c] = timeNs;
        heap[c + 1] = tie;
    }

    private void removeTop()
    {
        final int size = --heapSize;
        if (size == 0)
        {
            return;
        }
        final long[] heap = this.heap;
        final int last = 2 * size + HEAP_BASE;
        siftDown(0, size, heap[last], heap[last + 1]);
    }

    private void siftDown(final int start, final int size, final long timeNs, final long tie)
    {
        final long[] heap = this.heap;
        int i = start;
        while (true)
        {
            final int firstChild = 4 * i + 1;
            if (firstChild >= size)
            {
                break;
            }
            int best = firstChild;
            int b = 2 * firstChild + HEAP_BASE;
            long bestTime = heap[b];
            long bestTie = heap[b + 1];
            final int end = Math.min(firstChild + 4, size);
            for (int child = firstChild + 1; child < end; child++)
            {
                final int c = 2 * child + HEAP_BASE;
                final long childTime = heap[c];
                if (childTime < bestTime || (childTime == bestTime && heap[c + 1] < bestTie))
                {
                    best = child;
                    bestTime = childTime;
                    bestTie = heap[c + 1];
                }
            }
            if (timeNs < bestTime || (timeNs == bestTime && tie < bestTie))
            {
                break;
            }
            final int h = 2 * i + HEAP_BASE;
            heap[h] = bestTime;
            heap[h + 1] = bestTie;
            i = best;
        }
        final int h = 2 * i + HEAP_BASE;
        heap[h] = timeNs;
        heap[h + 1] = tie;
    }

    /** Remove dead entries and rebuild the heap bottom-up (Floyd), O(n). */
    private void compact()
    {
        final long[] heap = this.heap;
        final long[] slots = this.slots;
        int kept = 0;
        for (int i = 0; i < heapSize; i++)
        {
            final int from = 2 * i + HEAP_BASE;
            final long tie = heap[from + 1];
            if (slots[(int)(tie & SLOT_MASK) * SLOT_STRIDE] == tie)
            {
                final int to = 2 * kept + HEAP_BASE;
                heap[to] = heap[from];
                heap[to + 1] = tie;
                kept++;
            }
        }
        heapSize = kept;
        dead = 0;
        for (int i = (kept - 2) >> 2; i >= 0; i--)
        {
            final int h = 2 * i + HEAP_BASE;
            siftDown(i, kept, heap[h], heap[h + 1]);
        }
    }

    /**
     * Give pending events new sequence numbers 0..n-1 in their current order. A sorted array is a valid heap,
     * so the result is written back in order.
     */
    private void renumber()
    {
        dropDeadTop();
        final long[] sorted = new long[heap.length];
        int n = 0;
        while (heapSize > 0)
        {
            final long timeNs = heap[HEAP_BASE];
            final long tie = heap[HEAP_BASE + 1];
            removeTop();
            final int slot = (int)(tie & SLOT_MASK);
            if (slots[slot * SLOT_STRIDE] != tie)
            {
                continue;
            }
            final long newTie = ((long)n << SLOT_BITS) | slot;
            slots[slot * SLOT_STRIDE] = newTie;
            final int to = 2 * n + HEAP_BASE;
            sorted[to] = timeNs;
            sorted[to + 1] = newTie;
            n++;
        }
        heap = sorted;
        heapSize = n;
        dead = 0;
        nextSeq = n;
        if (nextSeq > maxSeq)
        {
            throw new IllegalStateException("more pending events than sequence numbers: " + n);
        }
    }

    private void growHeap()
    {
        final int newCapacity = grownCapacity(heapCapacity);
        heap = Arrays.copyOf(heap, 2 * newCapacity + HEAP_BASE);
        heapCapacity = newCapacity;
    }

    private void growSlots()
    {
        final int oldCapacity = slotCapacity;
        final int newCapacity = grownCapacity(oldCapacity);
        slots = Arrays.copyOf(slots, SLOT_STRIDE * newCapacity);
        generations = Arrays.copyOf(generations, newCapacity);
        freeSlots = Arrays.copyOf(freeSlots, newCapacity);
        for (int slot = newCapacity - 1; slot >= oldCapacity; slot--)
        {
            slots[slot * SLOT_STRIDE] = FREE;
            freeSlots[freeCount++] = slot;
        }
        slotCapacity = newCapacity;
    }

    private static int grownCapacity(final int capacity)
    {
        if (capacity >= MAX_CAPACITY)
        {
            throw new IllegalStateException("more than " + MAX_CAPACITY + " pending events");
        }
        return (int)Math.min((long)capacity * 2, MAX_CAPACITY);
    }
}
