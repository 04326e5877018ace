package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

class RoundRobinBalancerTest extends BalancerContractTest
{
    @Override
    Balancer newBalancer()
    {
        return new RoundRobinBalancer();
    }

    @Test
    void shouldCycleThroughReadyReplicasWhenSetIsStable()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {4, 9, 2};
        final Balancer balancer = newBalancer();
        final int[] picks = new int[6];
        for (int i = 0; i < picks.length; i++)
        {
            picks[i] = balancer.pickReplica(view, 0);
        }
        assertThat(picks).containsExactly(4, 9, 2, 4, 9, 2);
    }

    @Test
    void shouldVisitEveryReplicaOncePerCycleInOneShuffledOrderWhenReshuffling()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11};
        final Balancer balancer = new RoundRobinBalancer(true);
        final int[] first = picks(balancer, view, 12);
        final int[] second = picks(balancer, view, 12);

        assertThat(first).containsExactlyInAnyOrder(view.ready);
        assertThat(second).containsExactly(first);
        // SkyServe shuffles: the seeded stream's Fisher-Yates order, not the list's.
        assertThat(first).isEqualTo(shuffled(view.ready, new RandomStream(1000 + 2)));
        assertThat(first).isNotEqualTo(view.ready);
    }

    @Test
    void shouldReshuffleAndStartOverWhenReadySetChanges()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {0, 1, 2, 3, 4, 5, 6, 7};
        final Balancer balancer = new RoundRobinBalancer(true);
        final RandomStream twin = new RandomStream(1000 + 2);
        final int[] before = shuffled(view.ready, twin);
        assertThat(picks(balancer, view, 3)).containsExactly(Arrays.copyOf(before, 3));

        view.ready = new int[] {0, 1, 2, 3, 4, 5, 6, 7, 20};
        final int[] after = shuffled(view.ready, twin);
        assertThat(picks(balancer, view, 9)).containsExactly(after);
    }

    @Test
    void shouldSeeChangesThroughTheVersionWhenTheViewTracksIt()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {0, 1, 2, 3, 4, 5, 6, 7};
        view.readySetVersion = 1;
        final Balancer balancer = new RoundRobinBalancer(true);
        final RandomStream twin = new RandomStream(1000 + 2);
        assertThat(picks(balancer, view, 8)).containsExactly(shuffled(view.ready, twin));

        // Same version: the copy is trusted (no list comparison), so the cycle goes on in the old order.
        final int[] old = picks(balancer, view, 8);
        view.ready = new int[] {7, 6, 5, 4, 3, 2, 1, 0};
        assertThat(picks(balancer, view, 8)).containsExactly(old);

        view.readySetVersion = 2;
        assertThat(picks(balancer, view, 8)).containsExactly(shuffled(view.ready, twin));
    }

    private static int[] picks(final Balancer balancer, final FakeView view, final int n)
    {
        final int[] picks = new int[n];
        for (int i = 0; i < n; i++)
        {
            picks[i] = balancer.pickReplica(view, 0);
        }
        return picks;
    }

    /** Python's random.shuffle, as SkyServe calls it: Fisher-Yates from the last entry down. */
    private static int[] shuffled(final int[] values, final RandomStream random)
    {
        final int[] copy = values.clone();
        for (int i = copy.length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int swap = copy[i];
            copy[i] = copy[j];
            copy[j] = swap;
        }
        return copy;
    }
}
