package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import static io.windtunnel.simulator.policy.EdgeWorld.NEAR;
import static io.windtunnel.simulator.policy.EdgeWorld.SITE_A;
import static org.assertj.core.api.Assertions.assertThat;

class LatencyBudgetBalancerTest extends BalancerContractTest
{
    @Override
    Balancer newBalancer()
    {
        return new LatencyBudgetBalancer(0.8, 1.0, 2.0);
    }

    @Test
    void shouldKeepTheEdgeForClientsTheCloudCannotServeInTime()
    {
        // Replicas: 0 site A, 1 near cloud. SLO 100 ms, budget 80 ms, work 10 ms.
        final FakeView view = EdgeWorld.view(SITE_A, NEAR);
        final Balancer balancer = newBalancer();
        // Client 0: 30 ms RTT + 10 ms = 40 ms fits: the cloud, though the edge site is idle and nearer.
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(1);
        // Client 1: 150 ms RTT cannot fit: the edge.
        assertThat(balancer.pickReplica(view, 1)).isEqualTo(0);
        // The site full: the cloud after all, a late answer rather than none.
        view.replicaInFlight[0] = 2;
        assertThat(balancer.pickReplica(view, 1)).isEqualTo(1);
    }

    @Test
    void shouldMoveANearClientToTheEdgeWhenTheCloudQueueEatsTheBudget()
    {
        final FakeView view = EdgeWorld.view(SITE_A, NEAR);
        final Balancer balancer = newBalancer();
        // 2 workers, 3 in flight: 2 ahead of a new request, 2 / 2 x 10 ms of waiting: 30 + 10 + 10 = 50 ms fits.
        view.replicaInFlight[1] = 3;
        assertThat(EdgeRouting.expectedLatencyNs(view, 0, 1)).isEqualTo(50.0 * EdgeWorld.MS);
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(1);
        // 11 in flight: 10 ahead, 50 ms of waiting: 90 ms > 80 ms: the edge.
        view.replicaInFlight[1] = 11;
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(0);
        // A larger share of the SLO keeps it in the cloud.
        assertThat(new LatencyBudgetBalancer(1.0, 1.0, 2.0).pickReplica(view, 0)).isEqualTo(1);
    }

    @Test
    void shouldUseTheNearSiteWhenNoCloudReplicaIsReady()
    {
        final FakeView view = EdgeWorld.view(SITE_A);
        assertThat(newBalancer().pickReplica(view, 0)).isEqualTo(0);
    }
}
