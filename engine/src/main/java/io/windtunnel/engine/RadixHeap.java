package io.windtunnel.engine;

import java.util.Arrays;

/**
 * The overflow tier of {@link EventQueue}: a multi-level radix heap for events beyond the queue's calendar window.
 * Monotone: every pushed time is at least the time of the last entry polled.
 * <p>
 * Times are split into 8-bit digits. An entry equal to {@code last} goes to bucket 0; any other goes to level
 * {@code L}, the digit in which it first differs from {@code last} (from the top), bucket {@code d}, its own digit
 * there (Ahuja, Mehlhorn, Orlin and Tarjan, "Faster algorithms for the shortest path problem", JACM 37(2), 1990;
 * Cherkassky, Goldberg and Silverstein, "Buckets, heaps, lists, and monotone priority queues", SIAM J. Comput.
 * 28(4), 1999). Each level's 256 buckets have their occupancy in four {@code long}s, and a mask of non-empty levels
 * leads to them, so the earliest non-empty bucket is a few {@code numberOfTrailingZeros} away. To poll, bucket 0 is
 * served first in first out; when it is empty the earliest bucket's entries move to lower levels. An entry moves at
 * most once per level (8 levels), in practice twice, and every move is a sequential scan. 8-bit digits measured
 * faster than 6, 7, 9, 10 or 11 in the hold model at 10^6 pending events (fewer moves than 6 or 7; the tails of
 * 256 buckets per level still stay in cache while a bucket is spread, which wider digits lose).
 * <p>
 * <b>Small buckets skip the lower levels.</b> A bucket of one entry is polled straight from its block. A bucket of at
 * most 128 entries is sorted into bucket 0 (a stable counting sort by the next digit down, then an insertion pass),
 * which then holds every entry before the end of that bucket's digit range ({@code frontLimit}), in order; pushes
 * before that limit are inserted in place. If a sorted bucket 0 grows beyond 256 entries, the entries after
 * {@code last} go back to the levels. (Sorting buckets of up to 128 instead of 8 saved about a fifth of the time at
 * 10^6 pending events in the hold model, where the buckets one level above singletons hold about 65 entries, and
 * was no slower with many pushes landing inside bucket 0's range; docs/performance.md.)
 * <p>
 * <b>Exact FIFO ties without sequence numbers.</b> Entries with equal times always land in the same bucket, whatever
 * {@code last} was when each was pushed, and buckets keep entries in push order, also when they are redistributed,
 * sorted into bucket 0 (stable sorts) or compacted. So equal times leave in push order.
 * <p>
 * <b>Layout.</b> Buckets are chains of 32-entry blocks from a shared pool (a free list), so memory follows the number
 * of entries. An entry is 40 bytes: time, tie, payload, payload2, type and target; payloads travel with the entry
 * so that moving and polling stay sequential. Cancelled entries are dropped lazily (their tie no longer matches the
 * owner's slot) and compacted away when they outnumber live ones.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one {@link EventQueue}.
 */
final class RadixHeap
{
    /** Returned by {@link #poll} when no entry is due. */
    static final long NO_TIE = -1;
    private static final long NO_EVENT = EventQueue.NO_EVENT;
    private static final int DIGIT_BITS = 8;
    /** Occupancy words per level. */
    private static final int WORDS = 1 << (DIGIT_BITS - 6);
    private static final int DIGIT_MASK = (1 << DIGIT_BITS) - 1;
    /** Times are non-negative (bits 0..62), so 8 levels of 8-bit digits cover them. */
    private static final int LEVELS = 62 / DIGIT_BITS + 1;
    /** Bucket 0 holds the entries before {@code frontLimit}; bucket 1 + 256 L + d holds level L, digit d. */
    private static final int BUCKETS = 1 + (LEVELS << DIGIT_BITS);
    private static final byte[] LEVEL_OF_BIT = new byte[64];
    private static final int BLOCK_SHIFT = 5;
    private static final int BLOCK_ENTRIES = 1 << BLOCK_SHIFT;
    /** Longs per entry: time, tie, payload, payload2, type and target. */
    private static final int ENTRY = 5;
    private static final int BLOCK_LONGS = BLOCK_ENTRIES * ENTRY;
    private static final int NO_BLOCK = -1;
    private static final int REFILL_NONE = 0;
    private static final int REFILL_FRONT = 1;
    private static final int REFILL_POLLED = 2;
    /** Buckets of at most this many entries are sorted into bucket 0 instead of being moved level by level. */
    private static final int SMALL_BUCKET = 128;
    /** A sorted bucket 0 spills back to the levels beyond this many entries, so inserting into it stays cheap. */
    private static final int SORTED_FRONT_MAX = 256;

    static
    {
        for (int bit = 0; bit < 64; bit++)
        {
            LEVEL_OF_BIT[bit] = (byte)(bit / DIGIT_BITS);
        }
    }

    private long[] pool;
    private int[] nextBlock;
    private int[] freeBlocks;
    private int freeBlockCount;
    private int blockCapacity;
    private final int[] headBlock = new int[BUCKETS];
    private final int[] tailBlock = new int[BUCKETS];
    /** Earliest time appended to each bucket (b >= 1): its minimum while nothing is cancelled, so no scan. */
    private final long[] bucketMin = new long[BUCKETS];
    /** Entries in each bucket, live and dead (for bucket 0: not yet polled). */
    private final int[] bucketSizes = new int[BUCKETS];
    /** Bit L set when level L has a non-empty bucket (bucket 0 is tracked by its size). */
    private long levelMask;
    /** Bit {@code b - 1} set when bucket b (b >= 1) is non-empty: {@link #WORDS} words per level. */
    private final long[] bucketMask = new long[LEVELS * WORDS];
    /**
     * Bucket 0, the entries before {@code frontLimit}, in polling order: a ring of entries (a power of two of them),
     * polled at {@code frontHead} and filled up to {@code frontHead + frontSize}. It is the hottest bucket, so it
     * skips the block pool's bookkeeping.
     */
    private long[] front = new long[ENTRY * 64];
    private int frontHead;
    private int frontSize;
    /**
     * Bucket 0 holds exactly the entries earlier than this, sorted by time (ties in push order); every other bucket's
     * entries are at or after it. Either {@code last + 1} (bucket 0 holds the entries equal to {@code last}) or, after
     * a small bucket was sorted into bucket 0, the end of that bucket's digit range ({@code sortedFront} true).
     */
    private long frontLimit = 1;
    private boolean sortedFront;
    private long last;
    /** Scratch for {@link #sortIntoFront}: times and offsets as gathered, counting bins, then counting-sorted. */
    private final long[] sortTimes = new long[SMALL_BUCKET];
    private final int[] sortOffsets = new int[SMALL_BUCKET];
    private final int[] sortCounts = new int[DIGIT_MASK + 2];
    private final long[] sortTimes2 = new long[SMALL_BUCKET];
    private final int[] sortOffsets2 = new int[SMALL_BUCKET];

    private final EventQueue owner;
    private int live;
    private int dead;

    private long polledTimeNs;
    private long polledTie;
    private long polledPayload;
    private long polledPayload2;
    private long polledTypeTarget;

    /**
     * @param owner           the queue whose slot records tell live entries from cancelled ones.
     * @param initialCapacity entries held before the block pool first doubles.
     */
    RadixHeap(final EventQueue owner, final int initialCapacity)
    {
        this.owner = owner;
        final int capacity = Math.max(16, initialCapacity);
        blockCapacity = 64 + (capacity >> BLOCK_SHIFT) + 1;
        pool = new long[BLOCK_LONGS * blockCapacity];
        nextBlock = new int[blockCapacity];
        freeBlocks = new int[blockCapacity];
        for (int i = 0; i < blockCapacity; i++)
        {
            freeBlocks[i] = blockCapacity - 1 - i;
        }
        freeBlockCount = blockCapacity;
        Arrays.fill(headBlock, NO_BLOCK);
        Arrays.fill(tailBlock, NO_BLOCK);
    }

    /**
     * Add an entry.
     *
     * @param timeNs     at least the time of the last polled entry.
     * @param tie        the event's handle.
     * @param payload    first argument.
     * @param payload2   second argument.
     * @param typeTarget type in the high 32 bits, target in the low 32.
     */
    void push(final long timeNs, final long tie, final long payload, final long payload2, final long typeTarget)
    {
        live++;
        if (timeNs < frontLimit)
        {
            if (sortedFront && frontSize >= SORTED_FRONT_MAX)
            {
                spillFront();
            }
            if (timeNs < frontLimit)
            {
                insertFront(timeNs, tie, payload, payload2, typeTarget);
                return;
            }
        }
        append(bucketOf(timeNs), timeNs, tie, payload, payload2, typeTarget);
    }

    /**
     * The owner cancelled a live entry held here; it is dropped lazily.
     */
    void cancelled()
    {
        live--;
        dead++;
        if (dead > live && dead > 64)
        {
            compact();
        }
    }

    /**
     * @return live entries.
     */
    int size()
    {
        return live;
    }

    /**
     * @return time of the earliest live entry, or {@link EventQueue#NO_EVENT}.
     */
    long peekTimeNs()
    {
        if (dropDeadFront())
        {
            return front[frontHead * ENTRY];
        }
        long levels = levelMask;
        while (levels != 0)
        {
            final int level = Long.numberOfTrailingZeros(levels);
            for (int word = level * WORDS; word < (level + 1) * WORDS; word++)
            {
                long digits = bucketMask[word];
                while (digits != 0)
                {
                    final int b = 1 + (word << 6) + Long.numberOfTrailingZeros(digits);
                    final long min = dead == 0 ? bucketMin[b] : minLiveTime(b);
                    if (min != NO_EVENT)
                    {
                        return min;
                    }
                    digits &= digits - 1;
                }
            }
            levels &= levels - 1;
        }
        return NO_EVENT;
    }

    /**
     * Remove the earliest live entry if it is due at or before {@code limitNs}; its fields are then readable through
     * the {@code polled...} accessors.
     *
     * @param limitNs latest time to accept.
     * @return its tie, or {@link #NO_TIE}.
     */
    long poll(final long limitNs)
    {
        while (true)
        {
            if (frontSize == 0)
            {
                final int refilled = refill(limitNs);
                if (refilled == REFILL_POLLED)
                {
                    return polledTie;
                }
                if (refilled == REFILL_NONE)
                {
                    return NO_TIE;
                }
            }
            final long[] front = this.front;
            final int at = frontHead * ENTRY;
            final long timeNs = front[at];
            if (timeNs > limitNs)
            {
                return NO_TIE;
            }
            final long tie = front[at + 1];
            frontHead = (frontHead + 1) & (front.length / ENTRY - 1);
            frontSize--;
            if (dead != 0 && !owner.isLive(tie))
            {
                dead--;
                continue;
            }
            last = timeNs;
            polledTimeNs = timeNs;
            polledPayload = front[at + 2];
            polledPayload2 = front[at + 3];
            polledTypeTarget = front[at + 4];
            live--;
            return tie;
        }
    }

    long polledTimeNs()
    {
        return polledTimeNs;
    }

    long polledPayload()
    {
        return polledPayload;
    }

    long polledPayload2()
    {
        return polledPayload2;
    }

    long polledTypeTarget()
    {
        return polledTypeTarget;
    }

    /**
     * @return entries held, live and cancelled but not yet dropped.
     */
    int entries()
    {
        int entries = frontSize;
        for (int b = 1; b < BUCKETS; b++)
        {
            entries += bucketSizes[b];
        }
        return entries;
    }

    /**
     * Drop every entry (the owner frees their slots); keeps the capacity and the last polled time.
     */
    void clear()
    {
        frontHead = 0;
        frontSize = 0;
        for (int b = 1; b < BUCKETS; b++)
        {
            if (bucketSizes[b] != 0)
            {
                releaseBucket(b);
            }
        }
        frontLimit = last + 1;
        sortedFront = false;
        live = 0;
        dead = 0;
    }

    private int bucketOf(final long timeNs)
    {
        if (timeNs == last)
        {
            return 0;
        }
        final int level = LEVEL_OF_BIT[63 - Long.numberOfLeadingZeros(timeNs ^ last)];
        return 1 + (level << DIGIT_BITS) + (int)((timeNs >>> (level * DIGIT_BITS)) & DIGIT_MASK);
    }

    private void append(
        final int b, final long timeNs, final long tie, final long payload, final long payload2, final long typeTarget)
    {
        if (b == 0)
        {
            appendFront(timeNs, tie, payload, payload2, typeTarget);
            return;
        }
        // Blocks fill in order, so the tail block holds size mod 32 entries (0: full, or no block yet).
        final int size = bucketSizes[b];
        final int count = size & (BLOCK_ENTRIES - 1);
        int tail;
        if (count == 0)
        {
            tail = takeBlock();
            if (size == 0)
            {
                headBlock[b] = tail;
            }
            else
            {
                nextBlock[tailBlock[b]] = tail;
            }
            tailBlock[b] = tail;
        }
        else
        {
            tail = tailBlock[b];
        }
        final long[] pool = this.pool;
        final int at = tail * BLOCK_LONGS + count * ENTRY;
        pool[at] = timeNs;
        pool[at + 1] = tie;
        pool[at + 2] = payload;
        pool[at + 3] = payload2;
        pool[at + 4] = typeTarget;
        bucketSizes[b] = size + 1;
        if (size == 0 || timeNs < bucketMin[b])
        {
            bucketMin[b] = timeNs;
        }
        if (size == 0)
        {
            final int level = (b - 1) >> DIGIT_BITS;
            bucketMask[(b - 1) >> 6] |= 1L << (b - 1);
            levelMask |= 1L << level;
        }
    }

    private void appendFront(
        final long timeNs, final long tie, final long payload, final long payload2, final long typeTarget)
    {
        if (frontSize == front.length / ENTRY)
        {
            growFront();
        }
        final long[] front = this.front;
        final int at = ((frontHead + frontSize) & (front.length / ENTRY - 1)) * ENTRY;
        front[at] = timeNs;
        front[at + 1] = tie;
        front[at + 2] = payload;
        front[at + 3] = payload2;
        front[at + 4] = typeTarget;
        frontSize++;
    }

    /** Inserts into bucket 0 after every entry due at or before {@code timeNs}: sorted, ties in push order. */
    private void insertFront(
        final long timeNs, final long tie, final long payload, final long payload2, final long typeTarget)
    {
        if (frontSize == front.length / ENTRY)
        {
            growFront();
        }
        final long[] front = this.front;
        final int mask = front.length / ENTRY - 1;
        int position = frontSize;
        while (position > 0)
        {
            final int before = ((frontHead + position - 1) & mask) * ENTRY;
            if (front[before] <= timeNs)
            {
                break;
            }
            System.arraycopy(front, before, front, ((frontHead + position) & mask) * ENTRY, ENTRY);
            position--;
        }
        final int at = ((frontHead + position) & mask) * ENTRY;
        front[at] = timeNs;
        front[at + 1] = tie;
        front[at + 2] = payload;
        front[at + 3] = payload2;
        front[at + 4] = typeTarget;
        frontSize++;
    }

    /**
     * A sorted bucket 0 grew large: keep its entries equal to {@code last} and move the others, in order, to the
     * levels, where they land in the buckets they would have had if pushed now.
     */
    private void spillFront()
    {
        final long[] front = this.front;
        final int mask = front.length / ENTRY - 1;
        int kept = 0;
        while (kept < frontSize && front[((frontHead + kept) & mask) * ENTRY] == last)
        {
            kept++;
        }
        for (int i = kept; i < frontSize; i++)
        {
            final int at = ((frontHead + i) & mask) * ENTRY;
            final long timeNs = front[at];
            append(bucketOf(timeNs), timeNs, front[at + 1], front[at + 2], front[at + 3], front[at + 4]);
        }
        frontSize = kept;
        frontLimit = last + 1;
        sortedFront = false;
    }

    /** Doubles the front ring, unrolling it so polling order is kept. */
    private void growFront()
    {
        final int capacity = front.length / ENTRY;
        final long[] grown = new long[front.length * 2];
        for (int i = 0; i < frontSize; i++)
        {
            System.arraycopy(front, ((frontHead + i) & (capacity - 1)) * ENTRY, grown, i * ENTRY, ENTRY);
        }
        front = grown;
        frontHead = 0;
    }

    private int takeBlock()
    {
        if (freeBlockCount == 0)
        {
            growBlocks();
        }
        final int block = freeBlocks[--freeBlockCount];
        nextBlock[block] = NO_BLOCK;
        return block;
    }

    /** Return all of bucket b's (b >= 1) blocks to the pool and mark it empty. */
    private void releaseBucket(final int b)
    {
        releaseChain(headBlock[b]);
        detach(b);
    }

    /** Return a chain of blocks, from {@code block} to its end, to the pool. */
    private void releaseChain(final int firstBlock)
    {
        int block = firstBlock;
        while (block != NO_BLOCK)
        {
            final int next = nextBlock[block];
            freeBlocks[freeBlockCount++] = block;
            block = next;
        }
    }

    /** Mark bucket b (b >= 1) empty without touching its blocks. */
    private void detach(final int b)
    {
        headBlock[b] = NO_BLOCK;
        tailBlock[b] = NO_BLOCK;
        bucketSizes[b] = 0;
        final int word = (b - 1) >> 6;
        final long digits = bucketMask[word] & ~(1L << (b - 1));
        bucketMask[word] = digits;
        if (digits == 0)
        {
            final int level = (b - 1) >> DIGIT_BITS;
            for (int w = level * WORDS; w < (level + 1) * WORDS; w++)
            {
                if (bucketMask[w] != 0)
                {
                    return;
                }
            }
            levelMask &= ~(1L << level);
        }
    }

    /** Drops dead entries at the front of bucket 0; returns true if a live one is left there. */
    private boolean dropDeadFront()
    {
        while (frontSize > 0)
        {
            final long tie = front[frontHead * ENTRY + 1];
            if (owner.isLive(tie))
            {
                return true;
            }
            frontHead = (frontHead + 1) & (front.length / ENTRY - 1);
            frontSize--;
            dead--;
        }
        return false;
    }

    /**
     * Bucket 0 is empty: take the earliest non-empty bucket and, if its earliest live entry is due by
     * {@code limitNs}, make that entry's time the new {@code last} and move the bucket's entries to lower levels (a
     * single entry is polled directly, up to {@link #SMALL_BUCKET} are sorted into bucket 0).
     * <p>
     * Only candidates for the running minimum are checked for liveness (a record-breaking sequence: O(log n)
     * expected slot reads per scan, none while nothing is cancelled), so {@code last} only ever becomes the time of
     * a live event. Dead entries earlier than the new {@code last} are dropped while moving; later ones travel on
     * until they are polled and skipped, or compacted.
     *
     * @return {@link #REFILL_FRONT} if bucket 0 now holds entries, {@link #REFILL_POLLED} if the earliest bucket held
     * a single entry and it was polled directly (the {@code polled...} fields are set), {@link #REFILL_NONE} if no
     * entry is due by {@code limitNs}.
     */
    private int refill(final long limitNs)
    {
        while (levelMask != 0)
        {
            final int level = Long.numberOfTrailingZeros(levelMask);
            int word = level * WORDS;
            while (bucketMask[word] == 0)
            {
                word++;
            }
            final int b = 1 + (word << 6) + Long.numberOfTrailingZeros(bucketMask[word]);
            if (bucketSizes[b] == 1)
            {
                // The common case once entries are spread out: a bucket of one is its own minimum and moves
                // straight to bucket 0, without a scan.
                final int at = headBlock[b] * BLOCK_LONGS;
                final long[] pool = this.pool;
                final long timeNs = pool[at];
                final long tie = pool[at + 1];
                if (dead != 0 && !owner.isLive(tie))
                {
                    dead--;
                    releaseBucket(b);
                    continue;
                }
                if (timeNs > limitNs)
                {
                    return REFILL_NONE;
                }
                // Bucket 0 is empty, so this entry is the next one polled: deliver it at once instead of copying it
                // through bucket 0.
                last = timeNs;
                frontLimit = timeNs + 1;
                sortedFront = false;
                polledTimeNs = timeNs;
                polledTie = tie;
                polledPayload = pool[at + 2];
                polledPayload2 = pool[at + 3];
                polledTypeTarget = pool[at + 4];
                releaseBucket(b);
                live--;
                return REFILL_POLLED;
            }
            final long min = dead == 0 ? bucketMin[b] : minLiveTime(b);
            if (min == NO_EVENT)
            {
                dead -= bucketSizes[b];
                releaseBucket(b);
                continue;
            }
            if (min > limitNs)
            {
                return REFILL_NONE;
            }
            last = min;
            int block = headBlock[b];
            int remaining = bucketSizes[b];
            detach(b);
            if (remaining <= SMALL_BUCKET)
            {
                // Few entries: sort them into bucket 0 at once; bucket 0 then covers the rest of b's digit range.
                final long span = 1L << (((b - 1) >> DIGIT_BITS) * DIGIT_BITS);
                final long from = min & -span;
                frontLimit = from > Long.MAX_VALUE - span ? Long.MAX_VALUE : from + span;
                sortedFront = true;
                sortIntoFront(b, block, remaining, min);
                return REFILL_FRONT;
            }
            frontLimit = min + 1;
            sortedFront = false;
            while (block != NO_BLOCK)
            {
                // Read through the field each block: a move may grow the pool.
                final int count = Math.min(remaining, BLOCK_ENTRIES);
                final int start = block * BLOCK_LONGS;
                for (int i = 0; i < count; i++)
                {
                    final long[] pool = this.pool;
                    final int at = start + i * ENTRY;
                    final long timeNs = pool[at];
                    if (timeNs < min)
                    {
                        dead--;
                        continue;
                    }
                    append(bucketOf(timeNs), timeNs, pool[at + 1], pool[at + 2], pool[at + 3], pool[at + 4]);
                }
                remaining -= count;
                final int next = nextBlock[block];
                freeBlocks[freeBlockCount++] = block;
                block = next;
            }
            return REFILL_FRONT;
        }
        return REFILL_NONE;
    }

    /**
     * Bucket 0 is empty: copy small bucket b's entries into it in time order, ties in push order, each copied once,
     * and return its blocks to the pool. Entries before {@code min} are dead and dropped. The times and offsets are
     * sorted first: by the top bits of the next digit down (a counting sort, stable, with about as many bins as
     * entries), then by a pass of insertion sort over the nearly sorted result, so a bucket of a hundred entries costs
     * a few steps each instead of a trip through the level below.
     */
    private void sortIntoFront(final int b, final int firstBlock, final int count, final long min)
    {
        final long[] pool = this.pool;
        final long[] times = sortTimes;
        final int[] offsets = sortOffsets;
        int live = 0;
        int remaining = count;
        int block = firstBlock;
        while (block != NO_BLOCK)
        {
            final int inBlock = Math.min(remaining, BLOCK_ENTRIES);
            for (int i = 0; i < inBlock; i++)
            {
                final int at = block * BLOCK_LONGS + i * ENTRY;
                final long timeNs = pool[at];
                if (timeNs < min)
                {
                    dead--;
                    continue;
                }
                times[live] = timeNs;
                offsets[live] = at;
                live++;
            }
            remaining -= inBlock;
            block = nextBlock[block];
        }
        final int level = (b - 1) >> DIGIT_BITS;
        final long[] sortedTimes;
        final int[] sortedOffsets;
        if (live > 8 && level > 0)
        {
            // Entries of one bucket share every digit from its level up, so the next digit down spreads them; its
            // top ceil(log2(live)) bits make about one bin per entry.
            final int bits = Math.min(DIGIT_BITS, 32 - Integer.numberOfLeadingZeros(live - 1));
            final int shift = level * DIGIT_BITS - bits;
            final int mask = (1 << bits) - 1;
            final int[] starts = sortCounts;
            Arrays.fill(starts, 0, mask + 2, 0);
            for (int i = 0; i < live; i++)
            {
                starts[(int)((times[i] >>> shift) & mask) + 1]++;
            }
            for (int d = 1; d <= mask; d++)
            {
                starts[d] += starts[d - 1];
            }
            sortedTimes = sortTimes2;
            sortedOffsets = sortOffsets2;
            for (int i = 0; i < live; i++)
            {
                final int position = starts[(int)((times[i] >>> shift) & mask)]++;
                sortedTimes[position] = times[i];
                sortedOffsets[position] = offsets[i];
            }
        }
        else
        {
            sortedTimes = times;
            sortedOffsets = offsets;
        }
        for (int i = 1; i < live; i++)
        {
            final long timeNs = sortedTimes[i];
            if (sortedTimes[i - 1] <= timeNs)
            {
                continue;
            }
            final int offset = sortedOffsets[i];
            int position = i;
            while (position > 0 && sortedTimes[position - 1] > timeNs)
            {
                sortedTimes[position] = sortedTimes[position - 1];
                sortedOffsets[position] = sortedOffsets[position - 1];
                position--;
            }
            sortedTimes[position] = timeNs;
            sortedOffsets[position] = offset;
        }
        for (int i = 0; i < live; i++)
        {
            final int at = sortedOffsets[i];
            appendFront(sortedTimes[i], pool[at + 1], pool[at + 2], pool[at + 3], pool[at + 4]);
        }
        releaseChain(firstBlock);
    }

    /**
     * Earliest time of a live entry in bucket b (b >= 1), or NO_EVENT. Liveness is checked only for entries earlier
     * than the running minimum, and not at all while nothing is cancelled.
     */
    private long minLiveTime(final int b)
    {
        final long[] pool = this.pool;
        final boolean check = dead != 0;
        long min = NO_EVENT;
        int block = headBlock[b];
        int remaining = bucketSizes[b];
        while (block != NO_BLOCK)
        {
            final int count = Math.min(remaining, BLOCK_ENTRIES);
            final int start = block * BLOCK_LONGS;
            for (int i = 0; i < count; i++)
            {
                final int at = start + i * ENTRY;
                final long timeNs = pool[at];
                if (timeNs < min && (!check || owner.isLive(pool[at + 1])))
                {
                    min = timeNs;
                }
            }
            remaining -= count;
            block = nextBlock[block];
        }
        return min;
    }

    /** Remove dead entries from every bucket, keeping order, by rewriting each chain in place. */
    private void compact()
    {
        final int mask = front.length / ENTRY - 1;
        int keptFront = 0;
        for (int i = 0; i < frontSize; i++)
        {
            final int from = ((frontHead + i) & mask) * ENTRY;
            final long tie = front[from + 1];
            if (owner.isLive(tie))
            {
                System.arraycopy(front, from, front, ((frontHead + keptFront) & mask) * ENTRY, ENTRY);
                keptFront++;
            }
        }
        frontSize = keptFront;
        final long[] pool = this.pool;
        for (int b = 1; b < BUCKETS; b++)
        {
            if (bucketSizes[b] == 0)
            {
                continue;
            }
            int readBlock = headBlock[b];
            int readPosition = 0;
            int writeBlock = readBlock;
            int writePosition = 0;
            int kept = 0;
            long min = NO_EVENT;
            for (int i = 0; i < bucketSizes[b]; i++)
            {
                final int from = readBlock * BLOCK_LONGS + readPosition * ENTRY;
                final long tie = pool[from + 1];
                if (owner.isLive(tie))
                {
                    min = Math.min(min, pool[from]);
                    if (writePosition == BLOCK_ENTRIES)
                    {
                        writeBlock = nextBlock[writeBlock];
                        writePosition = 0;
                    }
                    System.arraycopy(pool, from, pool, writeBlock * BLOCK_LONGS + writePosition * ENTRY, ENTRY);
                    writePosition++;
                    kept++;
                }
                if (++readPosition == BLOCK_ENTRIES)
                {
                    readBlock = nextBlock[readBlock];
                    readPosition = 0;
                }
            }
            if (kept == 0)
            {
                releaseBucket(b);
                continue;
            }
            releaseChain(nextBlock[writeBlock]);
            nextBlock[writeBlock] = NO_BLOCK;
            tailBlock[b] = writeBlock;
            bucketSizes[b] = kept;
            bucketMin[b] = min;
        }
        dead = 0;
    }

    private void growBlocks()
    {
        final int oldCapacity = blockCapacity;
        final int newCapacity = oldCapacity * 2;
        pool = Arrays.copyOf(pool, BLOCK_LONGS * newCapacity);
        nextBlock = Arrays.copyOf(nextBlock, newCapacity);
        freeBlocks = Arrays.copyOf(freeBlocks, newCapacity);
        for (int block = newCapacity - 1; block >= oldCapacity; block--)
        {
            freeBlocks[freeBlockCount++] = block;
        }
        blockCapacity = newCapacity;
    }
}
