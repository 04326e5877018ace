package io.windtunnel.engine;

import java.util.Arrays;

/**
 * Exact, monotone priority queue of pending events, ordered by {@code (timeNs, seq)} where {@code seq} is the order
 * of {@link #push} calls, so events due at the same time leave first in, first out.
 * <p>
 * <b>Two tiers.</b> A discrete-event simulation never schedules before the current time, so keys are monotone.
 * <ul>
 *   <li><b>Calendar window</b> (Brown, "Calendar queues: a fast O(1) priority queue implementation for the
 *   simulation event set problem", CACM 31(10), 1988): 16,384 buckets of {@code 2^shift} ns, covering
 *   {@code [windowBase, windowEnd)} from the bucket of the last polled event on, as a ring. Each bucket is a linked
 *   list through the events' slot records, sorted by time with ties in push order (a push walks back from the
 *   tail, usually zero steps); an occupancy bit per bucket, one per 64 buckets and a short scan find the next
 *   non-empty bucket. Pushing and polling are O(1) and touch one slot record.</li>
 *   <li><b>Overflow</b>: events at or after {@code windowEnd} go to a {@link RadixHeap} (a multi-level radix heap of
 *   40-byte entries moved by sequential scans). When the window moves on, the overflow's events now inside it
 *   migrate, in order, to the tails of their buckets. Every overflow event is later than every window event, so the
 *   earliest event is always the window's, and migrated events (pushed before any window event of the same time
 *   could exist) keep first in, first out.</li>
 * </ul>
 * <b>Adapting.</b> Every 4,096 pushes the queue sets the bucket width to the power of two at or below the mean time
 * between polls (about one event per bucket), and checks how many pushes were due within the window's span. With a
 * large pending set spread far ahead (say 10^5 events over a second) few fit, and walking linked buckets would cost
 * a cache miss per step, so the window is switched off and the overflow serves alone, polled directly: then the
 * queue costs what the radix heap costs. A change applies only to an empty window, so the window is frozen (its end
 * stops moving, later events overflow) until it drains, and then rebuilt around the overflow's earliest event. The
 * width and mode never change the order, only the speed; they depend only on the sequence of operations, so runs
 * stay deterministic. Measured choices (window size, thresholds) are in docs/performance.md.
 * <p>
 * <b>Layout.</b> No event objects; preallocated primitive arrays indexed by slot:
 * <pre>
 *   keys      long[]  3 per slot: tie = generation (37 bits) | slot (26 bits) of its latest event (complement once
 *                     cancelled), that event's timeNs and push number
 *   records   long[]  5 per slot, for window events: timeNs, payload, payload2, type:32|target:32,
 *                     prev:32|next:32 (window operations read one record);
 *                     links hold a sentinel whenever the slot's event is not in the window
 * </pre>
 * Overflow entries carry their own payloads, so a large pending set is moved and polled sequentially; an event's
 * record is written when it enters the window.
 * <p>
 * <b>Slots are never freed by polling.</b> In a large queue the slot of a polled event is anywhere in memory, and
 * writing to it on every poll cost a third of the time at 10^6 pending events (docs/performance.md). Instead a slot
 * is free once its event was cancelled or its time is before the last polled time, and pushes take free slots in
 * ring order, checking each slot's key on the way: reads and writes next to the previous push's. The slot arrays are
 * kept at most three quarters busy (pending events, and those polled at the current time, whose slots stay busy
 * until time moves on or 4,096 of them pile up; a quarter while they are small), so the next free slot is on average
 * two probes away or fewer.
 * <p>
 * <b>Handles and cancellation.</b> {@link #push} returns the tie, which names the slot and the slot's generation (a
 * counter bumped on every use, wrapping after 2^37 uses of one slot). An event is pending while its slot still holds
 * its tie and it is due after the last polled time, or at that time and pushed after the last polled event (equal
 * times leave in push order). {@link #cancel} complements the tie: a window event is unlinked from its bucket, an
 * overflow entry is left behind and dropped lazily (the overflow compacts when dead entries outnumber live ones). A
 * stale handle (its event already polled or cancelled, or its slot reused) does not match and is ignored.
 * <p>
 * <b>Growth.</b> Slot arrays are sized at construction to hold {@code initialCapacity} events and double when a
 * quarter (up to 32,768 slots) or three quarters (beyond) are busy; the overflow's block pool is sized for
 * {@code initialCapacity} entries and doubles when full: copies, rare and logarithmic in the peak size. Nothing else
 * allocates.
 * <p>
 * <b>Threading:</b> not thread-safe; one thread owns a queue.
 */
public final class EventQueue
{
    /** Bits of a handle that hold the slot; the queue holds at most {@code 2^SLOT_BITS} pending events. */
    public static final int SLOT_BITS = 26;
    /** Most events that can be pending at once (counting, as busy, those already polled at the current time). */
    public static final int MAX_CAPACITY = 1 << SLOT_BITS;
    /** Value {@link #peekTimeNs()} returns when no event is pending. */
    public static final long NO_EVENT = Long.MAX_VALUE;

    private static final long SLOT_MASK = (1L << SLOT_BITS) - 1;
    private static final long GENERATION_MASK = (1L << (63 - SLOT_BITS)) - 1;

    /** Longs per slot key: the tie, the time and the push number of the slot's latest event. */
    private static final int KEY = 3;
    private static final int TIE = 0;
    private static final int TIME = 1;
    private static final int SEQ = 2;
    /** Longs per slot record of a window event: its time again, so that window operations read one record. */
    private static final int RECORD = 5;
    private static final int RECORD_TIME = 0;
    private static final int PAYLOAD = 1;
    private static final int PAYLOAD2 = 2;
    private static final int TYPE_TARGET = 3;
    private static final int LINKS = 4;
    private static final int NONE = -1;
    /** Links of a slot whose event is not in the window (in the overflow, or no event): prev can never be MIN. */
    private static final long NOT_IN_WINDOW = Long.MIN_VALUE;
    private static final long NEXT_MASK = 0xFFFF_FFFFL;

    private static final int WINDOW_BITS = 14;
    private static final int WINDOW = 1 << WINDOW_BITS;
    private static final int WINDOW_MASK = WINDOW - 1;
    /** Bucket width when nothing is known yet: 2^16 ns = 65.5 us, a window of 1.07 s. */
    private static final int INITIAL_SHIFT = 16;
    /** Widest bucket, 2^50 ns (13 days), so the window's span stays within a long. */
    private static final int MAX_SHIFT = 50;
    /** Slots polled at one time kept busy at most; beyond, they are released (a chain of zero-delay events). */
    private static final int POLLED_AT_LAST_MAX = 4096;
    /** Slot arrays up to this many slots are kept at most a quarter busy, larger ones three quarters. */
    private static final int SPARSE_SLOTS = 1 << 15;
    /** Pushes between two looks at the bucket width. */
    private static final int TUNE_PERIOD = 4096;

    /**
     * Per slot: the tie of its latest event (its complement once cancelled or cleared), that event's time and push
     * number. Polling leaves a slot's key alone: the slot is free again once its time is before {@code last}.
     */
    private long[] keys;
    /** Per slot, for window events: payloads and bucket links. */
    private long[] records;
    private int slotCapacity;
    /** Slots busy (pending, or polled at {@code last}) before the slot arrays double. */
    private int growAt;
    /** Where the search for a free slot resumes. */
    private int slotCursor;
    private long pushes;
    /** Slot of the last polled event (its key still holds {@code last} and its push number), or NONE. */
    private int lastPolledSlot = NONE;
    /** Events polled at time {@code last}: their slots stay busy until time moves on, or until there are too many. */
    private int polledAtLast;
    /** Their slots, so that a long run of events at one time can release them (see {@link #deliver}). */
    private final int[] polledAtLastSlots = new int[POLLED_AT_LAST_MAX];
    private int live;
    private int peakSize;
    private long last;

    private final int[] bucketHead = new int[WINDOW];
    private final int[] bucketTail = new int[WINDOW];
    /** Bit b set when bucket b is non-empty. */
    private final long[] occupied = new long[WINDOW >> 6];
    /** Bit w set when {@code occupied[w] != 0}. */
    private final long[] occupiedWords = new long[Math.max(1, WINDOW >> 12)];
    private int shift = INITIAL_SHIFT;
    /** Bucket of {@code windowBase}. */
    private int cursor;
    /** Start of the cursor bucket's range; never after {@code last}. */
    private long windowBase;
    /** Events before this go to the window, the others to the overflow. */
    private long windowEnd = 1L << (INITIAL_SHIFT + WINDOW_BITS);
    private int windowSize;
    /** True while the window drains before a change of width or mode; its end then stays put. */
    private boolean frozen;
    private int nextShift = INITIAL_SHIFT;
    /** True when the window is off: every event goes through the overflow, polled straight from it. */
    private boolean bypass;
    private boolean nextBypass;
    private int tunePushes;
    private int tunePolls;
    private long tuneStartNs;
    /** Pushes of the current period by {@code 64 - numberOfLeadingZeros(timeNs - last)}: how far ahead they were. */
    private final int[] tuneAhead = new int[65];

    private final RadixHeap overflow;
    /** At most the overflow's earliest live time (exact unless an entry was cancelled since). */
    private long overflowMin = NO_EVENT;

    private long polledTimeNs;
    private int polledType;
    private int polledTarget;
    private long polledPayload;
    private long polledPayload2;

    /**
     * Create a queue sized for {@code initialCapacity} pending events.
     *
     * @param initialCapacity pending events held without growing; at least 1.
     */
    public EventQueue(final int initialCapacity)
    {
        if (initialCapacity < 1 || initialCapacity > MAX_CAPACITY)
        {
            throw new IllegalArgumentException(
                "initialCapacity must be in [1, " + MAX_CAPACITY + "]: " + initialCapacity);
        }
        int capacity = (int)Math.min(MAX_CAPACITY, Math.max(16L, 2L * initialCapacity));
        while (growAt(capacity) < initialCapacity)
        {
            capacity *= 2;
        }
        slotCapacity = capacity;
        growAt = growAt(capacity);
        keys = new long[capacity * KEY];
        records = new long[capacity * RECORD];
        initSlots(0, capacity);
        Arrays.fill(bucketHead, NONE);
        Arrays.fill(bucketTail, NONE);
        overflow = new RadixHeap(this, initialCapacity);
    }

    /**
     * Add an event.
     *
     * @param timeNs   when the event is due; non-negative and not before the last polled event's time.
     * @param type     event type, passed back through {@link #polledType()}.
     * @param target   entity index, passed back through {@link #polledTarget()}.
     * @param payload  first argument.
     * @param payload2 second argument.
     * @return a handle for {@link #cancel(long)} and {@link #isPending(long)}; never negative.
     * @throws IllegalArgumentException if {@code timeNs} is before the last polled time.
     * @throws IllegalStateException    if {@link #MAX_CAPACITY} events are already pending.
     */
    public long push(final long timeNs, final int type, final int target, final long payload, final long payload2)
    {
        if (timeNs < last)
        {
            // last >= 0 always, so this also rejects negative times.
            throw new IllegalArgumentException(
                "timeNs " + timeNs + " is before the last polled event at " + last + "; the queue is monotone");
        }
        if (live + polledAtLast >= growAt)
        {
            growSlots();
        }
        final int slot = takeSlot();
        final long[] keys = this.keys;
        final int key = slot * KEY;
        final long previous = keys[key + TIE];
        final long generation = (previous < 0 ? ~previous : previous) >>> SLOT_BITS;
        final long tie = (((generation + 1) & GENERATION_MASK) << SLOT_BITS) | slot;
        keys[key + TIE] = tie;
        keys[key + TIME] = timeNs;
        keys[key + SEQ] = pushes++;
        if (++live > peakSize)
        {
            peakSize = live;
        }
        final long typeTarget = ((long)type << 32) | (target & NEXT_MASK);
        if (timeNs < windowEnd)
        {
            final long[] records = this.records;
            final int record = slot * RECORD;
            records[record + RECORD_TIME] = timeNs;
            records[record + PAYLOAD] = payload;
            records[record + PAYLOAD2] = payload2;
            records[record + TYPE_TARGET] = typeTarget;
            link(slot, timeNs);
        }
        else
        {
            pushOverflow(timeNs, tie, payload, payload2, typeTarget);
        }
        tuneAhead[64 - Long.numberOfLeadingZeros(timeNs - last)]++;
        if (++tunePushes == TUNE_PERIOD)
        {
            tune();
        }
        return tie;
    }

    /**
     * The next free slot from the cursor on. A slot is free when its event was cancelled, polled before
     * {@code last}, or released ({@link #releasePolledAtLast}); one polled at {@code last} stays busy, as
     * {@link #isPending} still tells it apart by its push number. Slots are handed out in ring order, so a push writes
     * next to the previous one and polling never touches a slot. Fewer than {@code growAt} slots are busy, so the
     * search ends, after two probes or fewer on average.
     */
    private int takeSlot()
    {
        final long[] keys = this.keys;
        final long last = this.last;
        final int capacity = slotCapacity;
        int slot = slotCursor;
        while (keys[slot * KEY + TIE] >= 0 && keys[slot * KEY + TIME] >= last)
        {
            slot = slot + 1 == capacity ? 0 : slot + 1;
        }
        slotCursor = slot + 1 == capacity ? 0 : slot + 1;
        return slot;
    }

    private void pushOverflow(
        final long timeNs, final long tie, final long payload, final long payload2, final long typeTarget)
    {
        // The payloads travel with the overflow's entry and reach the slot's record when it migrates.
        overflow.push(timeNs, tie, payload, payload2, typeTarget);
        if (timeNs < overflowMin)
        {
            overflowMin = timeNs;
        }
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
        final int slot = (int)(handle & SLOT_MASK);
        if (records[slot * RECORD + LINKS] != NOT_IN_WINDOW)
        {
            unlink(slot, (int)(records[slot * RECORD + RECORD_TIME] >>> shift) & WINDOW_MASK);
        }
        else
        {
            overflow.cancelled();
        }
        keys[slot * KEY + TIE] = ~handle;
        live--;
        return true;
    }

    /**
     * @param handle as returned by {@link #push}.
     * @return true if that event is still waiting to be polled.
     */
    public boolean isPending(final long handle)
    {
        final long slot = handle & SLOT_MASK;
        if (handle < 0 || slot >= slotCapacity)
        {
            return false;
        }
        final int key = (int)slot * KEY;
        if (keys[key + TIE] != handle)
        {
            return false;
        }
        final long timeNs = keys[key + TIME];
        if (timeNs != last)
        {
            return timeNs > last;
        }
        // Due now: events of one time leave in push order, so it is pending if pushed after the last one polled.
        return lastPolledSlot == NONE || keys[key + SEQ] > keys[lastPolledSlot * KEY + SEQ];
    }

    /** For the overflow: is the entry with this tie still pending? */
    boolean isLive(final long tie)
    {
        return keys[(int)(tie & SLOT_MASK) * KEY + TIE] == tie;
    }

    /**
     * @return events pushed and neither polled nor cancelled.
     */
    public int size()
    {
        return live;
    }

    /**
     * @return most events pending at once since construction.
     */
    public int peakSize()
    {
        return peakSize;
    }

    /**
     * @return true if no event is pending.
     */
    public boolean isEmpty()
    {
        return live == 0;
    }

    /**
     * @return time of the earliest pending event, or {@link #NO_EVENT}. Does not change the queue's order or
     * {@code last}.
     */
    public long peekTimeNs()
    {
        if (windowSize != 0)
        {
            return records[bucketHead[firstOccupied()] * RECORD + RECORD_TIME];
        }
        return overflow.peekTimeNs();
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
        return windowSize != 0 ? pollWindow(limitNs) : pollEmptyWindow(limitNs);
    }

    private boolean pollEmptyWindow(final long limitNs)
    {
        if ((!bypass || !nextBypass) && !rebase(limitNs))
        {
            return false;
        }
        return bypass ? pollOverflow(limitNs) : pollWindow(limitNs);
    }

    private boolean pollWindow(final long limitNs)
    {
        final int b = firstOccupied();
        final long[] records = this.records;
        final int slot = bucketHead[b];
        final int record = slot * RECORD;
        final long timeNs = records[record + RECORD_TIME];
        if (timeNs > limitNs)
        {
            return false;
        }
        // A bucket's head keeps a stale prev link; nothing reads it (unlink and link compare with bucketHead).
        final int next = (int)records[record + LINKS];
        bucketHead[b] = next;
        if (next == NONE)
        {
            bucketTail[b] = NONE;
            clearOccupied(b);
        }
        windowSize--;
        records[record + LINKS] = NOT_IN_WINDOW;
        deliver(slot, timeNs, records[record + PAYLOAD], records[record + PAYLOAD2], records[record + TYPE_TARGET]);

        if (b != cursor)
        {
            advance(b, timeNs);
        }
        return true;
    }

    private void advance(final int b, final long timeNs)
    {
        cursor = b;
        windowBase = timeNs & -(1L << shift);
        if (!frozen)
        {
            moveWindowEnd();
        }
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
     * @return entries currently held, live and cancelled but not yet dropped (a measure of memory in use).
     */
    public int entries()
    {
        return windowSize + overflow.entries();
    }

    /**
     * @return slots in the slot arrays (for tests: memory follows pending events, not events run).
     */
    int slotCapacity()
    {
        return slotCapacity;
    }

    /**
     * @return current bucket width of the calendar window, as a power of two in nanoseconds (for diagnostics).
     */
    public int bucketWidthShift()
    {
        return shift;
    }

    /**
     * @return false while the calendar window is off and every event goes through the overflow (for diagnostics).
     */
    public boolean windowOn()
    {
        return !bypass;
    }

    /**
     * Drop every pending event; handles issued so far become stale. Keeps the capacity reached and the last polled
     * time.
     */
    public void clear()
    {
        final long[] keys = this.keys;
        for (int slot = 0; slot < slotCapacity; slot++)
        {
            if (keys[slot * KEY + TIE] >= 0)
            {
                keys[slot * KEY + TIE] = ~keys[slot * KEY + TIE];
            }
        }
        lastPolledSlot = NONE;
        polledAtLast = 0;
        Arrays.fill(bucketHead, NONE);
        Arrays.fill(bucketTail, NONE);
        Arrays.fill(occupied, 0);
        for (int slot = 0; slot < slotCapacity; slot++)
        {
            records[slot * RECORD + LINKS] = NOT_IN_WINDOW;
        }
        Arrays.fill(occupiedWords, 0);
        windowSize = 0;
        overflow.clear();
        overflowMin = NO_EVENT;
        live = 0;
    }

    /** The window is off: poll the overflow's earliest event directly. */
    private boolean pollOverflow(final long limitNs)
    {
        final RadixHeap overflow = this.overflow;
        final long tie = overflow.poll(limitNs);
        if (tie == RadixHeap.NO_TIE)
        {
            return false;
        }
        deliver((int)(tie & SLOT_MASK), overflow.polledTimeNs(), overflow.polledPayload(), overflow.polledPayload2(),
            overflow.polledTypeTarget());
        return true;
    }

    /**
     * Hand out a polled event through the {@code polled...} fields. Its slot's key is left as it is (a random access
     * per poll in a large queue): the slot counts as free once time moves past it, or once 4,096 events were polled
     * at this time ({@link #releasePolledAtLast}).
     */
    private void deliver(
        final int slot, final long timeNs, final long payload, final long payload2, final long typeTarget)
    {
        tunePolls++;
        if (timeNs != last)
        {
            polledAtLast = 0;
            last = timeNs;
        }
        else if (polledAtLast == POLLED_AT_LAST_MAX)
        {
            releasePolledAtLast();
        }
        polledAtLastSlots[polledAtLast++] = slot;
        lastPolledSlot = slot;
        live--;
        polledTimeNs = timeNs;
        polledPayload = payload;
        polledPayload2 = payload2;
        polledType = (int)(typeTarget >>> 32);
        polledTarget = (int)typeTarget;
    }

    /**
     * Many events were polled without time moving on (a chain of zero-delay events, say): mark their slots free by
     * complementing their ties, so that the ring does not grow with them. isPending then tells them done by the tie;
     * the event polled next becomes the reference for the push numbers of events still due at this time.
     */
    private void releasePolledAtLast()
    {
        final long[] keys = this.keys;
        for (int i = 0; i < polledAtLast; i++)
        {
            final int key = polledAtLastSlots[i] * KEY + TIE;
            keys[key] = ~keys[key];
        }
        polledAtLast = 0;
    }

    /** Links a slot into its window bucket after every event due at or before it. */
    private void link(final int slot, final long timeNs)
    {
        final long[] records = this.records;
        final int record = slot * RECORD;
        final int b = (int)(timeNs >>> shift) & WINDOW_MASK;
        final int tail = bucketTail[b];
        windowSize++;
        if (tail == NONE)
        {
            records[record + LINKS] = -1L;
            bucketHead[b] = slot;
            bucketTail[b] = slot;
            occupied[b >>> 6] |= 1L << b;
            occupiedWords[b >>> 12] |= 1L << (b >>> 6);
            return;
        }
        final int tailLinks = tail * RECORD + LINKS;
        if (records[tail * RECORD + RECORD_TIME] <= timeNs)
        {
            records[record + LINKS] = ((long)tail << 32) | NEXT_MASK;
            records[tailLinks] = (records[tailLinks] & 0xFFFF_FFFF_0000_0000L) | slot;
            bucketTail[b] = slot;
            return;
        }
        insertBefore(slot, b, tail, timeNs);
    }

    /**
     * Walk back from {@code before} (due after {@code timeNs}) to the last event due at or before {@code timeNs} and
     * link the slot after it, or first in the bucket.
     */
    private void insertBefore(final int slot, final int b, final int tail, final long timeNs)
    {
        final long[] records = this.records;
        final int head = bucketHead[b];
        int before = tail;
        int after = NONE;
        while (before != head)
        {
            final int candidate = (int)(records[before * RECORD + LINKS] >> 32);
            if (records[candidate * RECORD + RECORD_TIME] <= timeNs)
            {
                after = candidate;
                break;
            }
            before = candidate;
        }
        records[slot * RECORD + LINKS] = ((long)after << 32) | (before & NEXT_MASK);
        final int beforeLinks = before * RECORD + LINKS;
        records[beforeLinks] = ((long)slot << 32) | (records[beforeLinks] & NEXT_MASK);
        if (after == NONE)
        {
            bucketHead[b] = slot;
        }
        else
        {
            final int afterLinks = after * RECORD + LINKS;
            records[afterLinks] = (records[afterLinks] & 0xFFFF_FFFF_0000_0000L) | slot;
        }
    }

    private void unlink(final int slot, final int b)
    {
        final long[] records = this.records;
        final long links = records[slot * RECORD + LINKS];
        final int prev = (int)(links >> 32);
        final int next = (int)links;
        final boolean head = bucketHead[b] == slot;
        if (head)
        {
            bucketHead[b] = next;
        }
        else
        {
            final int prevLinks = prev * RECORD + LINKS;
            records[prevLinks] = (records[prevLinks] & 0xFFFF_FFFF_0000_0000L) | (next & NEXT_MASK);
        }
        if (next == NONE)
        {
            bucketTail[b] = head ? NONE : prev;
        }
        else if (!head)
        {
            final int nextLinks = next * RECORD + LINKS;
            records[nextLinks] = ((long)prev << 32) | (records[nextLinks] & NEXT_MASK);
        }
        if (bucketHead[b] == NONE)
        {
            clearOccupied(b);
        }
        records[slot * RECORD + LINKS] = NOT_IN_WINDOW;
        windowSize--;
    }

    private void clearOccupied(final int b)
    {
        final int word = b >>> 6;
        final long bits = occupied[word] & ~(1L << b);
        occupied[word] = bits;
        if (bits == 0)
        {
            occupiedWords[word >>> 6] &= ~(1L << word);
        }
    }

    /** First non-empty bucket from the cursor on, around the ring; the window must not be empty. */
    private int firstOccupied()
    {
        final int cursor = this.cursor;
        final int word = cursor >>> 6;
        final long bits = occupied[word] & (-1L << cursor);
        if (bits != 0)
        {
            return (word << 6) | Long.numberOfTrailingZeros(bits);
        }
        final long[] summary = occupiedWords;
        int group = word >>> 6;
        long words = (word & 63) == 63 ? 0 : summary[group] & (-1L << (word + 1));
        // Around the ring from the cursor's word on; the cursor's own word comes last, for the buckets before it.
        for (int i = 0; i <= summary.length && words == 0; i++)
        {
            group = group + 1 == summary.length ? 0 : group + 1;
            words = summary[group];
        }
        final int found = (group << 6) | Long.numberOfTrailingZeros(words);
        return (found << 6) | Long.numberOfTrailingZeros(occupied[found]);
    }

    /** The window moved on: extend its end and take in the overflow's events before it. */
    private void moveWindowEnd()
    {
        final long span = 1L << (shift + WINDOW_BITS);
        windowEnd = windowBase > Long.MAX_VALUE - span ? Long.MAX_VALUE : windowBase + span;
        if (overflowMin < windowEnd)
        {
            migrate();
        }
    }

    private void migrate()
    {
        final RadixHeap overflow = this.overflow;
        final long limitNs = windowEnd - 1;
        final long[] records = this.records;
        long tie;
        while ((tie = overflow.poll(limitNs)) != RadixHeap.NO_TIE)
        {
            final int slot = (int)(tie & SLOT_MASK);
            final int record = slot * RECORD;
            final long timeNs = overflow.polledTimeNs();
            records[record + RECORD_TIME] = timeNs;
            records[record + PAYLOAD] = overflow.polledPayload();
            records[record + PAYLOAD2] = overflow.polledPayload2();
            records[record + TYPE_TARGET] = overflow.polledTypeTarget();
            link(slot, timeNs);
        }
        overflowMin = overflow.peekTimeNs();
    }

    /**
     * The window is empty: if the overflow's earliest event is due by {@code limitNs}, rebuild the window around it
     * (with the bucket width chosen meanwhile) and take in the overflow's events that fit.
     */
    private boolean rebase(final long limitNs)
    {
        if (overflow.size() == 0)
        {
            return false;
        }
        final long min = overflow.peekTimeNs();
        overflowMin = min;
        if (min > limitNs)
        {
            return false;
        }
        shift = nextShift;
        frozen = false;
        bypass = nextBypass;
        if (bypass)
        {
            windowEnd = Long.MIN_VALUE;
            return true;
        }
        cursor = (int)(min >>> shift) & WINDOW_MASK;
        windowBase = min & -(1L << shift);
        moveWindowEnd();
        return true;
    }

    /**
     * Every {@link #TUNE_PERIOD} pushes, choose the bucket width and whether to use the window at all. The width is
     * the power of two at or below the mean time between polls, so a bucket holds about one event and a push rarely
     * walks; the current width is kept while it is the ideal or one step narrower, so it does not flap. The window
     * then covers 16,384 buckets; if fewer than 40% of the period's pushes were due that close (most events far ahead
     * of a large pending set, where linked buckets would cost a cache miss per step), the window is switched off and
     * the overflow serves alone, until more than 60% would fit again.
     */
    private void tune()
    {
        final int polls = tunePolls;
        if (!frozen && polls >= 64)
        {
            final long gap = (last - tuneStartNs) / polls;
            final int ideal = gap <= 1 ? 0 : Math.min(MAX_SHIFT, 63 - Long.numberOfLeadingZeros(gap));
            final int target = shift == ideal || shift == ideal - 1 ? shift : ideal;
            int near = 0;
            for (int bits = 0; bits <= target + WINDOW_BITS; bits++)
            {
                near += tuneAhead[bits];
            }
            final boolean off = bypass ? near * 10 < tunePushes * 6 : near * 10 < tunePushes * 4;
            if (bypass && off)
            {
                // No window to drain.
                shift = target;
                nextShift = target;
            }
            else if (target != shift || off != bypass)
            {
                nextShift = target;
                nextBypass = off;
                frozen = true;
            }
        }
        tunePushes = 0;
        tunePolls = 0;
        tuneStartNs = last;
        Arrays.fill(tuneAhead, 0);
    }

    /**
     * Busy slots allowed before doubling. Up to {@link #SPARSE_SLOTS} slots (1.8 MB), a quarter: the search for a free
     * slot then rarely probes a busy one, which a small queue's pushes notice (a mispredicted branch each). Beyond,
     * three quarters, so memory stays within about twice what a full ring would need and a free slot is on average two
     * probes away.
     */
    private static int growAt(final int capacity)
    {
        if (capacity >= MAX_CAPACITY)
        {
            return MAX_CAPACITY;
        }
        return capacity <= SPARSE_SLOTS ? capacity >> 2 : capacity - (capacity >> 2);
    }

    /** Slots never used: free (a complemented tie of generation 0) and not in the window. */
    private void initSlots(final int from, final int to)
    {
        for (int slot = from; slot < to; slot++)
        {
            keys[slot * KEY + TIE] = ~(long)slot;
            records[slot * RECORD + LINKS] = NOT_IN_WINDOW;
        }
    }

    private void growSlots()
    {
        final int oldCapacity = slotCapacity;
        if (oldCapacity >= MAX_CAPACITY)
        {
            throw new IllegalStateException("more than " + MAX_CAPACITY + " pending events");
        }
        final int newCapacity = (int)Math.min((long)oldCapacity * 2, MAX_CAPACITY);
        keys = Arrays.copyOf(keys, newCapacity * KEY);
        records = Arrays.copyOf(records, newCapacity * RECORD);
        initSlots(oldCapacity, newCapacity);
        slotCapacity = newCapacity;
        growAt = growAt(newCapacity);
        slotCursor = oldCapacity;
    }
}
