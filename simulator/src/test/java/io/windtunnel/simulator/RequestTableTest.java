package io.windtunnel.simulator;

import io.windtunnel.engine.random.RandomStream;
import org.junit.jupiter.api.Test;

import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link RequestTable}: slots taken and given back, generations, and growth that keeps what the slots hold. */
class RequestTableTest
{
    @Test
    void shouldHandOutDistinctSlotsAndMoveTheGenerationOnWhenOneIsReleased()
    {
        final RequestTable table = new RequestTable(4);
        final int a = table.allocate();
        final int b = table.allocate();
        assertThat(a).isNotEqualTo(b);
        assertThat(table.inUse()).isEqualTo(2);

        table.where[a] = RequestTable.IN_SERVICE;
        final int gen = table.gen[a];
        table.release(a);
        assertThat(table.gen[a]).as("events of the released request are stale").isEqualTo(gen + 1);
        assertThat(table.where[a]).isEqualTo(RequestTable.NOWHERE);
        assertThat(table.inUse()).isEqualTo(1);
        // The slot given back last is taken first: the table's hot slots stay in cache.
        assertThat(table.allocate()).isEqualTo(a);
    }

    @Test
    void shouldKeepEverySlotsFieldsWhenTheTableGrows()
    {
        // Seeded random takes and releases past several doublings; each request's fields identify it.
        final RandomStream random = new RandomStream(7);
        final RequestTable table = new RequestTable(2);
        final ArrayDeque<Integer> live = new ArrayDeque<>();
        final Set<Integer> taken = new HashSet<>();
        long next = 1;
        for (int step = 0; step < 20_000; step++)
        {
            if (live.isEmpty() || random.nextDouble() < 0.6)
            {
                final int request = table.allocate();
                assertThat(taken.add(request)).as("slot %d handed out twice", request).isTrue();
                table.arrivalNs[request] = next;
                table.workNs[request] = -next;
                table.client[request] = (int)(next % 5);
                next++;
                live.addLast(request);
            }
            else
            {
                final int request = random.nextDouble() < 0.5 ? live.pollFirst() : live.pollLast();
                taken.remove(request);
                table.release(request);
            }
        }
        assertThat(table.inUse()).isEqualTo(live.size());
        assertThat(table.capacity()).isGreaterThanOrEqualTo(live.size()).isEqualTo(Integer.highestOneBit(table.capacity()));
        for (final int request : live)
        {
            final long id = table.arrivalNs[request];
            assertThat(table.workNs[request]).isEqualTo(-id);
            assertThat(table.client[request]).isEqualTo((int)(id % 5));
        }
    }
}
