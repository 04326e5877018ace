package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LeastOutstandingBalancerTest extends BalancerContractTest
{
    @Override
    Balancer newBalancer()
    {
        return new LeastOutstandingBalancer();
    }

    @Test
    void shouldPickTheReplicaWithFewestInFlightWhenLoadsDiffer()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final RandomStream random = new RandomStream(3);
        final Balancer balancer = newBalancer();
        for (int round = 0; round < 2000; round++)
        {
            final int n = 1 + random.nextInt(12);
            view.ready = new int[n];
            int fewest = Integer.MAX_VALUE;
            for (int i = 0; i < n; i++)
            {
                view.ready[i] = i * 3;
                view.replicaInFlight[i * 3] = random.nextInt(6);
                fewest = Math.min(fewest, view.replicaInFlight[i * 3]);
            }
            assertThat(view.replicaInFlight[balancer.pickReplica(view, 0)]).isEqualTo(fewest);
        }
    }

    @Test
    void shouldBreakTiesRoundRobinWhenCountsAreEqual()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {4, 9, 2, 6};
        final Balancer balancer = newBalancer();
        final int[] idle = new int[8];
        for (int i = 0; i < idle.length; i++)
        {
            idle[i] = balancer.pickReplica(view, 0);
        }
        assertThat(idle).containsExactly(4, 9, 2, 6, 4, 9, 2, 6);

        // 9 and 6 tie at 1 (SkyServe's min() would always take 9): they take turns.
        view.replicaInFlight[4] = 3;
        view.replicaInFlight[9] = 1;
        view.replicaInFlight[2] = 2;
        view.replicaInFlight[6] = 1;
        final int[] tied = new int[6];
        for (int i = 0; i < tied.length; i++)
        {
            tied[i] = balancer.pickReplica(view, 0);
        }
        assertThat(tied).containsExactly(9, 6, 9, 6, 9, 6);
    }
}
