package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

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
}
