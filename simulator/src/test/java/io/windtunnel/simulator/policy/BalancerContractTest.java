package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.ConservationTestModels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** What every balancer must do; subclass per implementation. */
abstract class BalancerContractTest
{
    abstract Balancer newBalancer();

    @Test
    void shouldRejectWhenNoReplicaIsReady()
    {
        final FakeView view = new FakeView(ConservationTestModels.small());
        assertThat(newBalancer().pickReplica(view, 0)).isEqualTo(-1);
    }

    @Test
    void shouldPickOnlyReadyReplicasWhenReadySetChanges()
    {
        final FakeView view = new FakeView(ConservationTestModels.small());
        final Balancer balancer = newBalancer();
        final RandomStream random = new RandomStream(17);
        for (int round = 0; round < 500; round++)
        {
            final int n = 1 + random.nextInt(8);
            view.ready = new int[n];
            for (int i = 0; i < n; i++)
            {
                view.ready[i] = random.nextInt(64);
            }
            final int picked = balancer.pickReplica(view, random.nextInt(2));
            assertThat(view.ready).contains(picked);
        }
    }
}

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
        final FakeView view = new FakeView(ConservationTestModels.small());
        view.ready = new int[] {4, 9, 2};
        final Balancer balancer = newBalancer();
        final int[] picks = new int[6];
        for (int i = 0; i < picks.length; i++)
        {
            picks[i] = balancer.pickReplica(view, 0);
        }
        assertThat(picks).containsExactly(4, 9, 2, 4, 9, 2);
    }
}
