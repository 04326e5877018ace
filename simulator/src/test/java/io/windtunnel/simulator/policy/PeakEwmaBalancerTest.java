package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class PeakEwmaBalancerTest extends BalancerContractTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    @Override
    Balancer newBalancer()
    {
        return new PeakEwmaBalancer(10 * SECOND, 30 * MS, 2);
    }

    @Test
    void shouldJumpToPeaksAndDecayTowardLowerRttsWhenResponsesArrive()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {0, 1};
        final PeakEwmaBalancer balancer = new PeakEwmaBalancer(10 * SECOND, 30 * MS, 5);
        assertThat(balancer.costNs(0)).isEqualTo(30 * MS);          // no history: the default RTT
        view.nowNs = 5 * SECOND;
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(0);     // both at the default, ties to the first
        view.nowNs = 6 * SECOND;
        balancer.onResponse(view, 0, ResponseListener.COMPLETED, 50 * MS);
        assertThat(balancer.costNs(0)).isEqualTo(50 * MS);          // a peak is taken at once

        view.nowNs = 16 * SECOND;                                   // dt = decay: w = 1/e
        balancer.onResponse(view, 0, ResponseListener.COMPLETED, 10 * MS);
        final double w = Math.exp(-1);
        assertThat(balancer.costNs(0)).isCloseTo(50 * MS * w + 10 * MS * (1 - w), within(1e-3));

        view.nowNs = 16 * SECOND + 100 * MS;                        // dt = 0.1 s: w = exp(-0.01)
        final double before = balancer.costNs(0);
        balancer.onResponse(view, 0, ResponseListener.TIMED_OUT, 5 * MS);
        final double w2 = Math.exp(-0.01);
        assertThat(balancer.costNs(0)).isCloseTo(before * w2 + 5 * MS * (1 - w2), within(1e-3));
    }

    @Test
    void shouldIgnoreFailedAndRejectedAttemptsWhenUpdatingCost()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {0};
        final PeakEwmaBalancer balancer = newPeakEwma();
        balancer.pickReplica(view, 0);
        balancer.onResponse(view, 0, ResponseListener.FAILED, 1);
        balancer.onResponse(view, 0, ResponseListener.REJECTED, 900 * MS);
        balancer.onResponse(view, -1, ResponseListener.REJECTED, 0);
        assertThat(balancer.costNs(0)).isEqualTo(30 * MS);
    }

    @Test
    void shouldPickTheLowestCostTimesPendingPlusOneWhenComparingAll()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {0, 1, 2};
        final PeakEwmaBalancer balancer = new PeakEwmaBalancer(10 * SECOND, 5 * MS, 3);
        balancer.onResponse(view, 0, ResponseListener.COMPLETED, 10 * MS);     // peaks above the default 5 ms
        balancer.onResponse(view, 1, ResponseListener.COMPLETED, 20 * MS);
        view.replicaInFlight[0] = 2;      // 10 x 3 = 30 ms
        view.replicaInFlight[1] = 0;      // 20 x 1 = 20 ms
        view.replicaInFlight[2] = 5;      // default 5 x 6 = 30 ms
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(1);
        view.replicaInFlight[1] = 1;      // 40 ms: 0 and 2 tie at 30, the first wins
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(0);
    }

    @Test
    void shouldKeepStateForReplicaIndexesBeyondItsFirstArraysWhenTheRunLaunchesMany()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.replicaInFlight = new int[5000];
        view.replicaOffer = new int[5000];
        view.ready = new int[] {4999, 3};
        final PeakEwmaBalancer balancer = new PeakEwmaBalancer(10 * SECOND, 30 * MS, 2);
        balancer.onResponse(view, 3, ResponseListener.COMPLETED, 40 * MS);
        balancer.onResponse(view, 4999, ResponseListener.COMPLETED, 90 * MS);
        assertThat(balancer.costNs(4999)).isEqualTo(90 * MS);
        assertThat(balancer.costNs(3)).isEqualTo(40 * MS);
        assertThat(balancer.costNs(4000)).isEqualTo(30 * MS);
        assertThat(balancer.pickReplica(view, 0)).isIn(3, 4999);
    }

    @Test
    void shouldSteerAwayFromTheSlowReplicaWhenOneIsSlower()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ready = new int[] {0, 1, 2, 3};
        final PeakEwmaBalancer balancer = new PeakEwmaBalancer(10 * SECOND, 30 * MS, 2);
        final int[] counts = new int[4];
        for (int i = 0; i < 40_000; i++)
        {
            view.nowNs += MS;
            final int replica = balancer.pickReplica(view, 0);
            counts[replica]++;
            balancer.onResponse(view, replica, ResponseListener.COMPLETED, replica == 0 ? 200 * MS : 20 * MS);
        }
        // Replica 0 is drawn (twice) alone 1/16 of the time, and otherwise always loses to a 20 ms replica.
        assertThat(counts[0] / 40_000.0).isCloseTo(1.0 / 16, within(0.01));
    }

    private static PeakEwmaBalancer newPeakEwma()
    {
        return new PeakEwmaBalancer(10 * SECOND, 30 * MS, 2);
    }
}
