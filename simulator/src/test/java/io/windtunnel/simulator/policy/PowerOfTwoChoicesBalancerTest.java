package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PowerOfTwoChoicesBalancerTest extends BalancerContractTest
{
    @Override
    Balancer newBalancer()
    {
        return new PowerOfTwoChoicesBalancer(2, 1.0, true);
    }

    @Test
    void shouldTakeTheLessLoadedOfTwoDrawsFromTheBalancerStreamWhenPicking()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {10, 11, 12, 13, 14, 15};
        final RandomStream loads = new RandomStream(5);
        final RandomStream twin = new RandomStream(1000 + 2);
        final Balancer balancer = newBalancer();
        for (int i = 0; i < 2000; i++)
        {
            for (final int replica : view.ready)
            {
                view.replicaInFlight[replica] = loads.nextInt(4);
            }
            final int a = view.ready[twin.nextInt(6)];
            final int b = view.ready[twin.nextInt(6)];
            final int expected = view.replicaInFlight[b] < view.replicaInFlight[a] ? b : a;
            assertThat(balancer.pickReplica(view, 0)).isEqualTo(expected);
        }
    }

    /** With distinct loads, the k-th least loaded of n wins when both draws are at rank k or above and one is k. */
    @Test
    void shouldPickByRankAsTwoIndependentDrawsPredictWhenLoadsAreDistinct()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final int n = 5;
        view.ready = new int[] {0, 1, 2, 3, 4};
        for (int rank = 0; rank < n; rank++)
        {
            view.replicaInFlight[rank] = rank;
        }
        final Balancer balancer = newBalancer();
        final int[] counts = new int[n];
        final int draws = 200_000;
        for (int i = 0; i < draws; i++)
        {
            counts[balancer.pickReplica(view, 0)]++;
        }
        for (int rank = 0; rank < n; rank++)
        {
            final double expected = ((n - rank) * (n - rank) - (n - rank - 1) * (n - rank - 1)) / (double)(n * n);
            assertThat(counts[rank] / (double)draws).as("rank " + rank).isCloseTo(expected, within(0.005));
        }
        assertThat(counts[n - 1] / (double)draws).isCloseTo(1.0 / 25, within(0.003));
    }

    @Test
    void shouldCompareEveryReadyReplicaWhenChoicesCoverTheReadySet()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {3, 8, 1};
        view.replicaInFlight[3] = 4;
        view.replicaInFlight[8] = 2;
        view.replicaInFlight[1] = 2;
        final Balancer balancer = new PowerOfTwoChoicesBalancer(3, 1.0, true);
        for (int i = 0; i < 10; i++)
        {
            assertThat(balancer.pickReplica(view, 0)).isEqualTo(8);
        }
    }

    @Test
    void shouldScoreWeightOverActivePlusOneToTheBiasWhenWeightsDiffer()
    {
        // Replica 0: capacity 4 (4 workers x 1.0); replica 1: capacity 1.
        final FakeView view = BalancerWorld.view(BalancerWorld.offer(0, BalancerWorld.BIG),
            BalancerWorld.offer(0, BalancerWorld.SMALL));
        final Balancer linear = new PowerOfTwoChoicesBalancer(2, 1.0, true);
        view.replicaInFlight[0] = 2;
        view.replicaInFlight[1] = 0;
        assertThat(linear.pickReplica(view, 0)).isEqualTo(0);          // 4 / 3 > 1 / 1
        view.replicaInFlight[0] = 4;
        assertThat(linear.pickReplica(view, 0)).isEqualTo(1);          // 4 / 5 < 1 / 1
        view.replicaInFlight[0] = 2;
        assertThat(new PowerOfTwoChoicesBalancer(2, 2.0, true).pickReplica(view, 0)).isEqualTo(1);   // 4 / 9 < 1
        view.replicaInFlight[0] = 9;
        assertThat(new PowerOfTwoChoicesBalancer(2, 0.0, true).pickReplica(view, 0)).isEqualTo(0);   // load ignored
        assertThat(new PowerOfTwoChoicesBalancer(2, 1.0, false).pickReplica(view, 0)).isEqualTo(1);  // fewest active
        view.replicaInFlight[0] = 1;
        view.replicaInFlight[1] = 2;
        assertThat(new PowerOfTwoChoicesBalancer(2, 1.0, false).pickReplica(view, 0)).isEqualTo(0);
    }

    @Test
    void shouldPickFewestActiveWhateverTheBiasWhenWeightsAreEqual()
    {
        final FakeView view = BalancerWorld.view(BalancerWorld.offer(0, BalancerWorld.BIG),
            BalancerWorld.offer(2, BalancerWorld.BIG));
        view.replicaInFlight[0] = 3;
        view.replicaInFlight[1] = 2;
        for (final double bias : new double[] {0.0, 0.5, 1.0, 3.0})
        {
            assertThat(new PowerOfTwoChoicesBalancer(2, bias, true).pickReplica(view, 0)).as("bias " + bias)
                .isEqualTo(1);
        }
    }
}
