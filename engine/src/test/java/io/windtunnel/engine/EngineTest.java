package io.windtunnel.engine;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EngineTest
{
    private final Engine engine = new Engine(8);
    private final List<String> log = new ArrayList<>();
    private final int record = engine.register(
        (nowNs, target, payload, payload2) -> log.add(nowNs + ":" + target + ":" + payload + ":" + payload2));

    @Test
    void shouldDispatchInTimeOrderWithArgumentsAndAdvanceClock()
    {
        engine.schedule(30, record, 3, 33, -3);
        engine.schedule(10, record, 1, 11, -1);
        engine.schedule(20, record, 2, 22, -2);
        assertThat(engine.run()).isEqualTo(3);
        assertThat(log).containsExactly("10:1:11:-1", "20:2:22:-2", "30:3:33:-3");
        assertThat(engine.nowNs()).isEqualTo(30);
        assertThat(engine.eventsProcessed()).isEqualTo(3);
        assertThat(engine.eventsScheduled()).isEqualTo(3);
        assertThat(engine.peakPending()).isEqualTo(3);
    }

    @Test
    void shouldSendEveryEventToTheDispatcherWithItsTypeUntilItIsRemoved()
    {
        final int other = engine.register((nowNs, target, payload, payload2) -> log.add("handler" + target));
        engine.dispatcher((type, nowNs, target, payload, payload2) ->
            log.add("dispatched " + type + "@" + nowNs + ":" + target + ":" + payload + ":" + payload2));
        engine.schedule(5, other, 7, 70, -7);
        engine.schedule(6, record, 8, 80, -8);
        engine.run();
        engine.dispatcher(null);
        engine.schedule(9, other, 9, 0, 0);
        engine.run();
        assertThat(log).containsExactly(
            "dispatched " + other + "@5:7:70:-7", "dispatched " + record + "@6:8:80:-8", "handler9");
        assertThat(engine.eventsProcessed()).isEqualTo(3);
        assertThat(engine.eventsScheduled()).isEqualTo(3);
    }

    @Test
    void shouldCountScheduledEventsAsProcessedCancelledOrPending()
    {
        final long cancelled = engine.schedule(10, record, 1, 0, 0);
        engine.schedule(20, record, 2, 0, 0);
        engine.schedule(30, record, 3, 0, 0);
        engine.cancel(cancelled);
        engine.runUntil(25);
        assertThat(engine.eventsScheduled()).isEqualTo(3);
        assertThat(engine.eventsCancelled()).isEqualTo(1);
        assertThat(engine.eventsProcessed()).isEqualTo(1);
        assertThat(engine.pending()).isEqualTo(1);
        assertThat(engine.peakPending()).isEqualTo(3);
    }

    @Test
    void shouldRunEventsScheduledForNowAfterThoseAlreadyDue()
    {
        final int[] chained = new int[1];
        chained[0] = engine.register((nowNs, target, payload, payload2) -> {
            log.add("chained" + target);
            if (target < 2)
            {
                engine.schedule(nowNs, chained[0], target + 1, 0, 0);
            }
        });
        engine.schedule(5, chained[0], 0, 0, 0);
        engine.schedule(5, record, 9, 0, 0);
        engine.run();
        assertThat(log).containsExactly("chained0", "5:9:0:0", "chained1", "chained2");
    }

    @Test
    void shouldStopAtTimeLimitAndAdvanceClockToIt()
    {
        engine.schedule(10, record, 1, 0, 0);
        engine.schedule(20, record, 2, 0, 0);
        engine.schedule(21, record, 3, 0, 0);
        assertThat(engine.runUntil(20)).isEqualTo(2);
        assertThat(engine.nowNs()).isEqualTo(20);
        assertThat(engine.runUntil(100)).isEqualTo(1);
        assertThat(engine.nowNs()).isEqualTo(100);
        assertThat(engine.nextEventTimeNs()).isEqualTo(EventQueue.NO_EVENT);
    }

    @Test
    void shouldStopAfterEventCount()
    {
        for (int i = 0; i < 10; i++)
        {
            engine.schedule(i, record, i, 0, 0);
        }
        assertThat(engine.runEvents(4)).isEqualTo(4);
        assertThat(engine.nowNs()).isEqualTo(3);
        assertThat(engine.pending()).isEqualTo(6);
        assertThat(engine.nextEventTimeNs()).isEqualTo(4);
    }

    @Test
    void shouldStopWhenHandlerAsks()
    {
        final int stopper = engine.register((nowNs, target, payload, payload2) -> engine.stop());
        engine.schedule(1, record, 1, 0, 0);
        engine.schedule(2, stopper, 0, 0, 0);
        engine.schedule(3, record, 3, 0, 0);
        assertThat(engine.runUntil(1_000)).isEqualTo(2);
        assertThat(engine.nowNs()).as("a stopped run does not jump to the end").isEqualTo(2);
        assertThat(engine.run()).isEqualTo(1);
    }

    @Test
    void shouldNotRunCancelledEventsAndCountCancellations()
    {
        final long handle = engine.schedule(10, record, 1, 0, 0);
        engine.schedule(20, record, 2, 0, 0);
        assertThat(engine.isPending(handle)).isTrue();
        assertThat(engine.cancel(handle)).isTrue();
        assertThat(engine.cancel(handle)).isFalse();
        engine.run();
        assertThat(log).containsExactly("20:2:0:0");
        assertThat(engine.eventsCancelled()).isEqualTo(1);
        assertThat(engine.pending()).isZero();
    }

    @Test
    void shouldAcceptSchedulingAtNowAfterDrainingCancelledLaterEvents()
    {
        engine.schedule(10, record, 1, 0, 0);
        final long later = engine.schedule(1_000, record, 2, 0, 0);
        engine.runEvents(1);
        engine.cancel(later);
        assertThat(engine.run()).isZero();
        assertThat(engine.nowNs()).isEqualTo(10);
        engine.schedule(11, record, 3, 0, 0);
        engine.run();
        assertThat(log).containsExactly("10:1:0:0", "11:3:0:0");
    }

    @Test
    void shouldRejectSchedulingInThePast()
    {
        engine.schedule(100, record, 0, 0, 0);
        engine.run();
        assertThatThrownBy(() -> engine.schedule(99, record, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("past");
        assertThatThrownBy(() -> engine.scheduleAfter(-1, record, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> engine.schedule(Long.MAX_VALUE, record, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("reserved");
        engine.schedule(Long.MAX_VALUE - 1, record, 7, 0, 0);
        assertThat(engine.run()).isEqualTo(1);
        assertThat(log).last().isEqualTo((Long.MAX_VALUE - 1) + ":7:0:0");
        assertThatThrownBy(() -> engine.schedule(200, 99, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("unregistered");
    }

    @Test
    void shouldNeverMoveTimeBackwards()
    {
        final long[] last = {-1};
        final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        final int[] type = new int[1];
        type[0] = engine.register((nowNs, target, payload, payload2) -> {
            assertThat(nowNs).isGreaterThanOrEqualTo(last[0]).isEqualTo(engine.nowNs());
            last[0] = nowNs;
            if (target > 0)
            {
                engine.scheduleAfter(random.nextInt(3), type[0], target - 1, 0, 0);
                engine.scheduleAfter(random.nextInt(3), type[0], target - 1, 0, 0);
            }
        });
        engine.schedule(0, type[0], 12, 0, 0);
        assertThat(engine.run()).isEqualTo((1 << 13) - 1);
    }
}
