package io.windtunnel.engine;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.LongStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EventQueueTest
{
    /** The slot bits of a handle. */
    private static final long SLOT_MASK = (1L << EventQueue.SLOT_BITS) - 1;

    /** The reference model: an object per event in java.util.PriorityQueue, ordered by (time, seq). */
    private record Ref(long timeNs, long seq, int id) implements Comparable<Ref>
    {
        @Override
        public int compareTo(final Ref other)
        {
            final int byTime = Long.compare(timeNs, other.timeNs);
            return byTime != 0 ? byTime : Long.compare(seq, other.seq);
        }
    }

    /** Poll everything left, checking each time, peek and target against the reference, then that nothing is left. */
    private static void drainInReferenceOrder(final EventQueue queue, final PriorityQueue<Ref> reference)
    {
        while (!reference.isEmpty())
        {
            final Ref expected = reference.poll();
            assertThat(queue.peekTimeNs()).isEqualTo(expected.timeNs());
            assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
            assertThat(queue.polledTimeNs()).isEqualTo(expected.timeNs());
            assertThat(queue.polledTarget()).isEqualTo(expected.id());
        }
        assertThat(queue.pollUntil(Long.MAX_VALUE)).isFalse();
        assertThat(queue.peekTimeNs()).isEqualTo(EventQueue.NO_EVENT);
    }

    static LongStream seeds()
    {
        return new SplittableRandom(20261127L).longs(300);
    }

    @ParameterizedTest
    @MethodSource("seeds")
    void shouldPollInReferenceOrderUnderRandomScheduleCancelAndPoll(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        // Small capacities and time ranges force growth, ties, compaction and slot reuse.
        final EventQueue queue = new EventQueue(1 + random.nextInt(32));
        final PriorityQueue<Ref> reference = new PriorityQueue<>();
        final Map<Integer, Long> handles = new HashMap<>();
        final Map<Integer, Ref> refs = new HashMap<>();
        final List<Long> staleHandles = new ArrayList<>();
        final int timeRange = 1 + random.nextInt(random.nextBoolean() ? 8 : 100_000);
        final int operations = 200 + random.nextInt(3000);
        final double cancelShare = random.nextDouble() * 0.6;
        long seq = 0;
        long nowNs = 0;
        int nextId = 0;

        for (int op = 0; op < operations; op++)
        {
            final double dice = random.nextDouble();
            if (dice < 0.5)
            {
                final long timeNs = nowNs + random.nextInt(timeRange);
                final int id = nextId++;
                final long handle = queue.push(timeNs, id % 7, id, id * 31L, -id);
                assertThat(handle).isNotNegative();
                final Ref ref = new Ref(timeNs, seq++, id);
                reference.add(ref);
                handles.put(id, handle);
                refs.put(id, ref);
            }
            else if (dice < 0.5 + cancelShare * 0.5 && !handles.isEmpty())
            {
                final Integer id = handles.keySet().stream().skip(random.nextInt(handles.size())).findFirst().orElseThrow();
                final long handle = handles.remove(id);
                assertThat(queue.cancel(handle)).isTrue();
                assertThat(queue.isPending(handle)).isFalse();
                reference.remove(refs.remove(id));
                staleHandles.add(handle);
            }
            else if (!staleHandles.isEmpty() && random.nextInt(10) == 0)
            {
                final long stale = staleHandles.get(random.nextInt(staleHandles.size()));
                assertThat(queue.isPending(stale)).isFalse();
                assertThat(queue.cancel(stale)).isFalse();
                for (final long pending : handles.values())
                {
                    assertThat(queue.isPending(pending)).isTrue();
                }
            }
            else
            {
                final Ref expected = reference.poll();
                final boolean polled = queue.pollUntil(Long.MAX_VALUE);
                assertThat(polled).isEqualTo(expected != null);
                if (expected != null)
                {
                    assertThat(queue.polledTimeNs()).isEqualTo(expected.timeNs());
                    assertThat(queue.polledTarget()).isEqualTo(expected.id());
                    assertThat(queue.polledType()).isEqualTo(expected.id() % 7);
                    assertThat(queue.polledPayload()).isEqualTo(expected.id() * 31L);
                    assertThat(queue.polledPayload2()).isEqualTo(-expected.id());
                    assertThat(queue.polledTimeNs()).isGreaterThanOrEqualTo(nowNs);
                    nowNs = queue.polledTimeNs();
                    staleHandles.add(handles.remove(expected.id()));
                    refs.remove(expected.id());
                }
            }
            assertThat(queue.size()).isEqualTo(reference.size());
        }
        drainInReferenceOrder(queue, reference);
        assertThat(queue.isEmpty()).isTrue();
    }

    static LongStream holdSeeds()
    {
        return new SplittableRandom(77).longs(12);
    }

    /**
     * A long hold-model run with increments over many magnitudes (ties, nanoseconds to minutes) and cancellations,
     * against the reference: exercises every level of the queue and every path that moves entries between them.
     */
    @ParameterizedTest
    @MethodSource("holdSeeds")
    void shouldMatchReferenceInLongHoldRunsWithIncrementsOfEveryScale(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final EventQueue queue = new EventQueue(64);
        final PriorityQueue<Ref> reference = new PriorityQueue<>();
        final Map<Integer, Long> handles = new HashMap<>();
        final Map<Integer, Ref> refs = new HashMap<>();
        final List<Integer> ids = new ArrayList<>();
        final long[] scales = {0, 1, 7, 1_000, 65_000, 1_000_000, 300_000_000, 60_000_000_000L};
        long seq = 0;
        long nowNs = 0;
        int nextId = 0;
        final int initial = 1 + random.nextInt(3000);
        for (int op = 0; op < 60_000; op++)
        {
            if (op < initial || random.nextInt(100) < 48)
            {
                final long scale = scales[random.nextInt(scales.length)];
                final long timeNs = nowNs + (scale == 0 ? 0 : (long)(-Math.log(1 - random.nextDouble()) * scale));
                final int id = nextId++;
                handles.put(id, queue.push(timeNs, 0, id, 0, 0));
                final Ref ref = new Ref(timeNs, seq++, id);
                refs.put(id, ref);
                reference.add(ref);
                ids.add(id);
            }
            else if (random.nextInt(100) < 10 && !ids.isEmpty())
            {
                final int id = ids.remove(random.nextInt(ids.size()));
                final Long handle = handles.remove(id);
                if (handle != null)
                {
                    assertThat(queue.cancel(handle)).isTrue();
                    reference.remove(refs.remove(id));
                }
            }
            else
            {
                final Ref expected = reference.poll();
                assertThat(queue.pollUntil(Long.MAX_VALUE)).isEqualTo(expected != null);
                if (expected != null)
                {
                    assertThat(queue.polledTimeNs()).as("op %d", op).isEqualTo(expected.timeNs());
                    assertThat(queue.polledTarget()).as("op %d", op).isEqualTo(expected.id());
                    nowNs = expected.timeNs();
                    handles.remove(expected.id());
                    refs.remove(expected.id());
                }
            }
            assertThat(queue.size()).isEqualTo(reference.size());
        }
        drainInReferenceOrder(queue, reference);
    }

    static LongStream regimeSeeds()
    {
        return new SplittableRandom(4242).longs(6);
    }

    /**
     * Phases with very different pending counts and spreads make the queue change its bucket width several times
     * and switch the calendar window off (many events far ahead) and on again; times are quantized so that equal
     * times often meet across the window and the overflow. Order, payloads and poll limits are checked against the
     * reference throughout, with cancellations in both tiers.
     */
    @ParameterizedTest
    @MethodSource("regimeSeeds")
    void shouldMatchReferenceAcrossWidthChangesAndWindowSwitches(final long seed)
    {
        final SplittableRandom random = new SplittableRandom(seed);
        final EventQueue queue = new EventQueue(16);
        final PriorityQueue<Ref> reference = new PriorityQueue<>();
        final Map<Integer, Long> handles = new HashMap<>();
        final Map<Integer, Ref> refs = new HashMap<>();
        final List<Integer> ids = new ArrayList<>();
        // {target pending, mean increment ns, quantum ns}
        final long[][] phases = {
            {200, 2_000_000, 1_000}, {20_000, 1_000_000_000, 1}, {500, 50_000, 1_000},
            {30_000, 60_000_000_000L, 1_000_000}, {50, 300, 1}, {3_000, 10_000_000, 10_000_000}};
        final Set<Integer> shifts = new HashSet<>();
        boolean sawOff = false;
        boolean sawOnAfterOff = false;
        long seq = 0;
        long nowNs = 0;
        int nextId = 0;
        for (final long[] phase : phases)
        {
            for (int op = 0; op < 60_000; op++)
            {
                final boolean grow = reference.size() < phase[0];
                final int dice = random.nextInt(100);
                if (grow ? dice < 75 : dice < 45)
                {
                    final long ahead = (long)(-Math.log(1 - random.nextDouble()) * phase[1]);
                    final long timeNs = nowNs + ahead / phase[2] * phase[2];
                    final int id = nextId++;
                    handles.put(id, queue.push(timeNs, id & 3, id, id, ~id));
                    final Ref ref = new Ref(timeNs, seq++, id);
                    refs.put(id, ref);
                    reference.add(ref);
                    ids.add(id);
                }
                else if (dice < 52 && !ids.isEmpty())
                {
                    final int id = ids.remove(random.nextInt(ids.size()));
                    final Long handle = handles.remove(id);
                    if (handle != null)
                    {
                        assertThat(queue.cancel(handle)).isTrue();
                        assertThat(queue.cancel(handle)).isFalse();
                        reference.remove(refs.remove(id));
                    }
                }
                else
                {
                    final Ref expected = reference.peek();
                    final long limitNs = expected == null || random.nextInt(8) != 0 ? Long.MAX_VALUE :
                        expected.timeNs() - random.nextInt(2);
                    final boolean due = expected != null && expected.timeNs() <= limitNs;
                    assertThat(queue.pollUntil(limitNs)).as("op %d", op).isEqualTo(due);
                    if (due)
                    {
                        reference.poll();
                        assertThat(queue.polledTimeNs()).as("op %d", op).isEqualTo(expected.timeNs());
                        assertThat(queue.polledTarget()).as("op %d", op).isEqualTo(expected.id());
                        assertThat(queue.polledType()).isEqualTo(expected.id() & 3);
                        assertThat(queue.polledPayload()).isEqualTo(expected.id());
                        assertThat(queue.polledPayload2()).isEqualTo(~expected.id());
                        nowNs = expected.timeNs();
                        handles.remove(expected.id());
                        refs.remove(expected.id());
                    }
                }
                shifts.add(queue.bucketWidthShift());
                sawOnAfterOff |= sawOff && queue.windowOn();
                sawOff |= !queue.windowOn();
            }
            assertThat(queue.size()).isEqualTo(reference.size());
            assertThat(queue.peekTimeNs()).isEqualTo(reference.isEmpty() ? EventQueue.NO_EVENT : reference.peek().timeNs());
        }
        drainInReferenceOrder(queue, reference);
        assertThat(shifts).as("bucket widths used").hasSizeGreaterThanOrEqualTo(4);
        assertThat(sawOff).as("window switched off").isTrue();
        assertThat(sawOnAfterOff).as("window switched on again").isTrue();
    }

    @Test
    void shouldKeepFirstInFirstOutWhenEqualTimesMeetAcrossWindowAndOverflow()
    {
        final EventQueue queue = new EventQueue(16);
        // Far beyond the initial window: these go to the overflow.
        final long farNs = 3_600_000_000_000L;
        queue.push(farNs, 0, 1, 0, 0);
        queue.push(farNs, 0, 2, 0, 0);
        // An event just before them: polling it rebuilds the window around it and pulls them in.
        queue.push(farNs - 5, 0, 0, 0, 0);
        assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
        assertThat(queue.polledTarget()).isZero();
        // Now equal times go to the window, after the two migrated ones.
        queue.push(farNs, 0, 3, 0, 0);
        queue.push(farNs, 0, 4, 0, 0);
        final long[] order = new long[4];
        for (int i = 0; i < 4; i++)
        {
            assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
            order[i] = queue.polledTarget();
        }
        assertThat(order).containsExactly(1, 2, 3, 4);
    }

    @Test
    void shouldRunEqualTimesFirstInFirstOut()
    {
        final EventQueue queue = new EventQueue(4);
        for (int i = 0; i < 1000; i++)
        {
            queue.push(42, 0, i, 0, 0);
        }
        for (int i = 0; i < 1000; i++)
        {
            assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
            assertThat(queue.polledTarget()).isEqualTo(i);
        }
    }

    @Test
    void shouldIgnoreStaleHandleWhenSlotIsReused()
    {
        final EventQueue queue = new EventQueue(1);
        final long first = queue.push(10, 0, 1, 0, 0);
        assertThat(queue.cancel(first)).isTrue();
        // Slots are handed out in ring order: push and cancel until the ring comes round to the first slot.
        long second = queue.push(20, 0, 2, 0, 0);
        for (int i = 0; i < 100 && (second & SLOT_MASK) != (first & SLOT_MASK); i++)
        {
            assertThat(queue.cancel(second)).isTrue();
            second = queue.push(20, 0, 2, 0, 0);
        }
        assertThat(second & SLOT_MASK).as("slot reused").isEqualTo(first & SLOT_MASK);
        assertThat(second).isNotEqualTo(first);

        assertThat(queue.cancel(first)).isFalse();
        assertThat(queue.isPending(first)).isFalse();
        assertThat(queue.isPending(second)).isTrue();
        assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
        assertThat(queue.polledTarget()).isEqualTo(2);
        assertThat(queue.cancel(second)).as("already polled").isFalse();
    }

    @Test
    void shouldKeepPolledHandlesStaleWhenTheirSlotsAreReused()
    {
        final EventQueue queue = new EventQueue(2);
        final List<Long> polled = new ArrayList<>();
        final Set<Long> slots = new HashSet<>();
        long nowNs = 0;
        for (int round = 0; round < 200; round++)
        {
            final long handle = queue.push(nowNs + 5, 0, round, 0, 0);
            assertThat(queue.isPending(handle)).isTrue();
            slots.add(handle & SLOT_MASK);
            assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
            nowNs = queue.polledTimeNs();
            polled.add(handle);
            for (final long stale : polled)
            {
                assertThat(queue.isPending(stale)).isFalse();
                assertThat(queue.cancel(stale)).isFalse();
            }
        }
        assertThat(slots.size()).as("slots were reused").isLessThan(200);
        assertThat(queue.size()).isZero();
    }

    /** 10,000 and 20,000 cross the point where the slots of events polled at one time are released (4,096). */
    @ParameterizedTest
    @ValueSource(ints = {100, 10_000, 20_000})
    void shouldTellPendingFromPolledAmongEventsDueAtTheSameTime(final int count)
    {
        final EventQueue queue = new EventQueue(4);
        final long[] handles = new long[count];
        for (int i = 0; i < handles.length; i++)
        {
            handles[i] = queue.push(7, 0, i, 0, 0);
        }
        final int polled = count * 2 / 5;
        for (int i = 0; i < polled; i++)
        {
            assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
            assertThat(queue.polledTarget()).isEqualTo(i);
        }
        // Time stands at 7: the first ones are done, the others still pending, and pushes at 7 queue behind them.
        final long late = queue.push(7, 0, count, 0, 0);
        for (int i = 0; i < handles.length; i++)
        {
            assertThat(queue.isPending(handles[i])).as("event %d", i).isEqualTo(i >= polled);
        }
        assertThat(queue.isPending(late)).isTrue();
        final int cancelled = polled + 10;
        assertThat(queue.cancel(handles[10])).isFalse();
        assertThat(queue.cancel(handles[cancelled])).isTrue();
        assertThat(queue.cancel(handles[cancelled])).isFalse();
        for (int i = polled; i < handles.length; i++)
        {
            if (i != cancelled)
            {
                assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
                assertThat(queue.polledTarget()).isEqualTo(i);
                assertThat(queue.isPending(handles[i])).isFalse();
                assertThat(queue.isPending(late)).isTrue();
            }
        }
        assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
        assertThat(queue.polledTarget()).isEqualTo(count);
        assertThat(queue.isPending(late)).isFalse();
        for (final long handle : handles)
        {
            assertThat(queue.isPending(handle)).isFalse();
        }
        assertThat(queue.isEmpty()).isTrue();
    }

    @Test
    void shouldNotGrowWithALongChainOfEventsAtOneTime()
    {
        final EventQueue queue = new EventQueue(16);
        queue.push(3, 0, 0, 0, 0);
        long previous = -1;
        for (int i = 1; i <= 1_000_000; i++)
        {
            assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
            assertThat(queue.polledTimeNs()).isEqualTo(3);
            assertThat(queue.polledTarget()).isEqualTo(i - 1);
            if (previous >= 0 && (i & 1023) == 0)
            {
                assertThat(queue.isPending(previous)).isFalse();
            }
            previous = queue.push(3, 0, i, 0, 0);
        }
        assertThat(queue.isPending(previous)).isTrue();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.slotCapacity()).as("slots after a million zero-delay events").isLessThanOrEqualTo(32_768);
    }

    @Test
    void shouldRejectGarbageHandles()
    {
        final EventQueue queue = new EventQueue(4);
        queue.push(1, 0, 0, 0, 0);
        assertThat(queue.cancel(-1L)).isFalse();
        assertThat(queue.cancel(Long.MAX_VALUE)).isFalse();
        assertThat(queue.cancel(12345L)).isFalse();
        assertThat(queue.size()).isEqualTo(1);
    }

    @Test
    void shouldRespectPollLimit()
    {
        final EventQueue queue = new EventQueue(4);
        queue.push(100, 0, 1, 0, 0);
        assertThat(queue.pollUntil(99)).isFalse();
        assertThat(queue.size()).isEqualTo(1);
        assertThat(queue.pollUntil(100)).isTrue();
    }

    @Test
    void shouldGrowBeyondInitialCapacityAndKeepOrder()
    {
        final EventQueue queue = new EventQueue(1);
        final SplittableRandom random = new SplittableRandom(7);
        final PriorityQueue<Ref> reference = new PriorityQueue<>();
        for (int i = 0; i < 100_000; i++)
        {
            final long timeNs = random.nextLong(1_000_000);
            queue.push(timeNs, 0, i, 0, 0);
            reference.add(new Ref(timeNs, i, i));
        }
        drainInReferenceOrder(queue, reference);
    }

    @Test
    void shouldCompactWhenMostEventsAreCancelled()
    {
        final EventQueue queue = new EventQueue(16);
        final long[] handles = new long[10_000];
        for (int i = 0; i < handles.length; i++)
        {
            handles[i] = queue.push(1_000_000 - i, 0, i, 0, 0);
        }
        // Cancel and re-push in a steady state: without compaction the heap would fill with dead entries and grow
        // by 5000 entries a round; with it, dead entries never outnumber live ones.
        for (int round = 0; round < 20; round++)
        {
            for (int i = 0; i < handles.length; i += 2)
            {
                assertThat(queue.cancel(handles[i])).isTrue();
                handles[i] = queue.push(2_000_000 + round * 10_000 + i, 0, i, 0, 0);
            }
        }
        assertThat(queue.entries()).isLessThanOrEqualTo(2 * handles.length + 64);
        assertThat(queue.size()).isEqualTo(handles.length);
        long last = -1;
        int count = 0;
        while (queue.pollUntil(Long.MAX_VALUE))
        {
            assertThat(queue.polledTimeNs()).isGreaterThanOrEqualTo(last);
            last = queue.polledTimeNs();
            count++;
        }
        assertThat(count).isEqualTo(handles.length);
    }

    @Test
    void shouldGiveFreshHandlesWhenOneSlotIsReusedManyTimes()
    {
        final EventQueue queue = new EventQueue(1);
        final Set<Long> seen = new HashSet<>();
        long previous = -1;
        for (int i = 0; i < 10_000; i++)
        {
            final long handle = queue.push(i, 0, i, 0, 0);
            assertThat(seen.add(handle)).as("handle %d is new", handle).isTrue();
            assertThat(queue.isPending(previous)).isFalse();
            if (i % 2 == 0)
            {
                assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
            }
            else
            {
                assertThat(queue.cancel(handle)).isTrue();
            }
            assertThat(queue.cancel(handle)).isFalse();
            previous = handle;
        }
    }

    @Test
    void shouldDropEverythingOnClear()
    {
        final EventQueue queue = new EventQueue(4);
        final long handle = queue.push(5, 0, 0, 0, 0);
        queue.push(6, 0, 0, 0, 0);
        queue.clear();
        assertThat(queue.isEmpty()).isTrue();
        assertThat(queue.isPending(handle)).isFalse();
        assertThat(queue.pollUntil(Long.MAX_VALUE)).isFalse();
        queue.push(7, 0, 9, 0, 0);
        assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
        assertThat(queue.polledTarget()).isEqualTo(9);
    }

    @Test
    void shouldRejectTimesBeforeTheLastPolledOne()
    {
        final EventQueue queue = new EventQueue(4);
        queue.push(10, 0, 0, 0, 0);
        assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
        assertThatThrownBy(() -> queue.push(9, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventQueue(4).push(-1, 0, 0, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        queue.push(10, 0, 1, 0, 0);
        assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
        assertThat(queue.polledTarget()).isEqualTo(1);
    }

    @Test
    void shouldKeepOrderAcrossTheWholeTimeRange()
    {
        final EventQueue queue = new EventQueue(4);
        final long[] times = {Long.MAX_VALUE - 1, 0, 1L << 62, 3, 1L << 40, (1L << 40) + 1, 1L << 62};
        for (int i = 0; i < times.length; i++)
        {
            queue.push(times[i], 0, i, 0, 0);
        }
        final int[] expected = {1, 3, 4, 5, 2, 6, 0};
        for (final int id : expected)
        {
            assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
            assertThat(queue.polledTarget()).isEqualTo(id);
        }
    }

    @Test
    void shouldPeekWithoutRemovingEvenPastCancelledEntries()
    {
        final EventQueue queue = new EventQueue(4);
        final long early = queue.push(100, 0, 0, 0, 0);
        queue.push(200, 0, 1, 0, 0);
        queue.push(300, 0, 2, 0, 0);
        assertThat(queue.peekTimeNs()).isEqualTo(100);
        queue.cancel(early);
        assertThat(queue.peekTimeNs()).isEqualTo(200);
        assertThat(queue.pollUntil(150)).isFalse();
        assertThat(queue.peekTimeNs()).isEqualTo(200);
        queue.push(150, 0, 3, 0, 0);
        assertThat(queue.pollUntil(Long.MAX_VALUE)).isTrue();
        assertThat(queue.polledTarget()).isEqualTo(3);
    }

    @Test
    void shouldRejectInvalidCapacity()
    {
        assertThatThrownBy(() -> new EventQueue(0)).isInstanceOf(IllegalArgumentException.class);
    }
}
