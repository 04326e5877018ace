package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import static io.windtunnel.simulator.policy.BalancerWorld.BIG;
import static io.windtunnel.simulator.policy.BalancerWorld.FAST;
import static io.windtunnel.simulator.policy.BalancerWorld.SMALL;
import static io.windtunnel.simulator.policy.BalancerWorld.offer;
import static org.assertj.core.api.Assertions.assertThat;

class LocalityFirstBalancerTest extends BalancerContractTest
{
    private static final int NEAR = 0;
    private static final int MID = 1;
    private static final int FAR = 2;

    @Override
    Balancer newBalancer()
    {
        return new LocalityFirstBalancer(2.0);
    }

    @Test
    void shouldSendEachClientToItsNearestRegionWhileItHasHeadroom()
    {
        // Replicas 0, 1 near client 0; 2 in between; 3 near client 1.
        final FakeView view = BalancerWorld.view(offer(NEAR, FAST), offer(NEAR, FAST), offer(MID, BIG),
            offer(FAR, FAST));
        final Balancer balancer = newBalancer();
        for (int i = 0; i < 50; i++)
        {
            assertThat(balancer.pickReplica(view, 0)).isIn(0, 1);
            assertThat(balancer.pickReplica(view, 1)).isEqualTo(3);
        }
    }

    @Test
    void shouldSpillToTheNextNearestRegionWhenTheNearestHasNoHeadroom()
    {
        final FakeView view = BalancerWorld.view(offer(NEAR, FAST), offer(NEAR, SMALL), offer(MID, BIG),
            offer(FAR, FAST));
        final Balancer balancer = newBalancer();
        view.replicaInFlight[0] = 3;      // 2 workers x 2: headroom while below 4; (3 + 1) / 3 = 1.33
        view.replicaInFlight[1] = 1;      // 1 worker x 2: headroom while below 2; (1 + 1) / 1 = 2
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(0);
        view.replicaInFlight[0] = 4;      // full: the other near replica, though more loaded per capacity
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(1);
        view.replicaInFlight[1] = 2;      // the near region is full: the mid one, not the far one
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(2);
        view.replicaInFlight[2] = 8;      // 4 workers x 2: full
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(3);
    }

    @Test
    void shouldPickTheLeastLoadedPerCapacityInTheRegionWhenSeveralHaveHeadroom()
    {
        final FakeView view = BalancerWorld.view(offer(NEAR, BIG), offer(NEAR, SMALL), offer(FAR, SMALL));
        final Balancer balancer = newBalancer();
        view.replicaInFlight[0] = 3;      // (3 + 1) / 4 = 1
        view.replicaInFlight[1] = 0;      // (0 + 1) / 1 = 1: a tie, taken in turns
        final int first = balancer.pickReplica(view, 0);
        final int second = balancer.pickReplica(view, 0);
        assertThat(new int[] {first, second}).containsExactlyInAnyOrder(0, 1);
        view.replicaInFlight[0] = 2;      // 0.75 < 1
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(0);
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(0);
    }

    @Test
    void shouldPickTheLeastLoadedOfAllWhenNoReplicaHasHeadroom()
    {
        final FakeView view = BalancerWorld.view(offer(NEAR, FAST), offer(MID, BIG), offer(FAR, FAST));
        final Balancer balancer = newBalancer();
        view.replicaInFlight[0] = 8;      // 9 / 3 = 3
        view.replicaInFlight[1] = 9;      // 10 / 4 = 2.5
        view.replicaInFlight[2] = 5;      // 6 / 3 = 2
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(2);
        view.replicaInFlight[2] = 6;      // 7 / 3 = 2.33
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(2);
        view.replicaInFlight[2] = 8;      // 3 / 3: 3 ties with replica 0; 1 is least loaded at 2.5
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(1);
        view.replicaInFlight[1] = 11;     // 3: all tie, the nearest wins
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(0);
        assertThat(balancer.pickReplica(view, 1)).isEqualTo(2);
    }
}
