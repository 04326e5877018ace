package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CapacityWeightedBalancerTest extends BalancerContractTest
{
    @Override
    Balancer newBalancer()
    {
        return new CapacityWeightedBalancer();
    }

    @Test
    void shouldSpreadTurnsInNginxSmoothOrderWhenWeightsAreFourOneOne()
    {
        // Capacities 4, 1 and 1 (BIG and two SMALL).
        final FakeView view = BalancerWorld.view(BalancerWorld.offer(0, BalancerWorld.BIG),
            BalancerWorld.offer(1, BalancerWorld.SMALL), BalancerWorld.offer(2, BalancerWorld.SMALL));
        final Balancer balancer = newBalancer();
        final int[] picks = new int[12];
        for (int i = 0; i < picks.length; i++)
        {
            picks[i] = balancer.pickReplica(view, 0);
        }
        // Scores (a, b, c) after adding weights 4, 1, 1 (total 6), the chosen one then minus 6:
        // (4,1,1) a -> (-2,1,1) (2,2,2) a -> (-4,2,2) (0,3,3) b -> (0,-3,3) (4,-2,4) a -> (-2,-2,4) (2,-1,5) c ->
        // (2,-1,-1) (6,0,0) a -> (0,0,0): a a b a c a, then again.
        assertThat(picks).containsExactly(0, 0, 1, 0, 2, 0, 0, 0, 1, 0, 2, 0);
    }

    @Test
    void shouldGiveSharesProportionalToWorkersTimesSpeedWhenCapacitiesDiffer()
    {
        // Capacities 4, 3 and 1.
        final FakeView view = BalancerWorld.view(BalancerWorld.offer(0, BalancerWorld.BIG),
            BalancerWorld.offer(1, BalancerWorld.FAST), BalancerWorld.offer(2, BalancerWorld.SMALL));
        view.replicaInFlight[0] = 100;
        final Balancer balancer = newBalancer();
        final int[] counts = new int[3];
        for (int i = 0; i < 8000; i++)
        {
            counts[balancer.pickReplica(view, 0)]++;
        }
        assertThat(counts).containsExactly(4000, 3000, 1000);
    }

    @Test
    void shouldFollowTheReadySetWhenReplicasLeaveAndJoin()
    {
        final FakeView view = BalancerWorld.view(BalancerWorld.offer(0, BalancerWorld.FAST),
            BalancerWorld.offer(0, BalancerWorld.FAST), BalancerWorld.offer(0, BalancerWorld.SMALL));
        final Balancer balancer = newBalancer();
        for (int i = 0; i < 5; i++)
        {
            balancer.pickReplica(view, 0);
        }
        view.ready = new int[] {2, 1};
        final int[] counts = new int[3];
        for (int i = 0; i < 400; i++)
        {
            counts[balancer.pickReplica(view, 0)]++;
        }
        assertThat(counts[0]).isZero();
        assertThat(counts[1]).isBetween(299, 301);
        assertThat(counts[2]).isBetween(99, 101);
    }
}
