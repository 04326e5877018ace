package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RandomBalancerTest extends BalancerContractTest
{
    @Override
    Balancer newBalancer()
    {
        return new RandomBalancer();
    }

    @Test
    void shouldDrawFromTheBalancerSlotStreamWhenPicking()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {7, 3, 11, 5, 2};
        final Balancer balancer = newBalancer();
        final RandomStream twin = new RandomStream(1000 + 2);
        for (int i = 0; i < 1000; i++)
        {
            assertThat(balancer.pickReplica(view, 0)).isEqualTo(view.ready[twin.nextInt(5)]);
        }
    }

    @Test
    void shouldSplitUniformlyWhenLoadsDiffer()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {0, 1, 2, 3};
        view.replicaInFlight[0] = 50;
        final Balancer balancer = newBalancer();
        final int[] counts = new int[4];
        final int n = 200_000;
        for (int i = 0; i < n; i++)
        {
            counts[balancer.pickReplica(view, 0)]++;
        }
        for (final int count : counts)
        {
            // 4.5 standard deviations of a binomial(200000, 1/4) share.
            assertThat(count / (double)n).isCloseTo(0.25, within(0.0044));
        }
    }
}
