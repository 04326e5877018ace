package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import static io.windtunnel.simulator.policy.EdgeWorld.FAR;
import static io.windtunnel.simulator.policy.EdgeWorld.NEAR;
import static io.windtunnel.simulator.policy.EdgeWorld.SITE_A;
import static io.windtunnel.simulator.policy.EdgeWorld.SITE_B;
import static org.assertj.core.api.Assertions.assertThat;

class EdgeFirstBalancerTest extends BalancerContractTest
{
    @Override
    Balancer newBalancer()
    {
        return new EdgeFirstBalancer(1.0, 2.0);
    }

    @Test
    void shouldUseTheNearSiteWhileItHasRoomThenSpillToTheNearestCloudRegion()
    {
        // Replicas: 0, 1 site A (2 workers each), 2 near cloud, 3 far cloud, 4 site B.
        final FakeView view = EdgeWorld.view(SITE_A, SITE_A, NEAR, FAR, SITE_B);
        final Balancer balancer = newBalancer();
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(0);
        view.replicaInFlight[0] = 1;      // the less loaded edge replica
        assertThat(balancer.pickReplica(view, 1)).isEqualTo(1);
        view.replicaInFlight[1] = 1;
        assertThat(balancer.pickReplica(view, 1)).isIn(0, 1);
        view.replicaInFlight[0] = 2;      // every edge worker taken: the site is full
        view.replicaInFlight[1] = 2;
        assertThat(balancer.pickReplica(view, 1)).isEqualTo(2);
        view.replicaInFlight[2] = 4;      // near cloud region without headroom: the far one, never site B
        assertThat(balancer.pickReplica(view, 1)).isEqualTo(3);
        view.replicaInFlight[1] = 1;      // room again at the site
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(1);
    }

    @Test
    void shouldRouteAClientWithoutANearSiteToTheCloud()
    {
        // Client 2: site A is 100 ms away, the near cloud region 40 ms.
        final FakeView view = EdgeWorld.view(SITE_A, NEAR);
        assertThat(newBalancer().pickReplica(view, 2)).isEqualTo(1);
    }

    @Test
    void shouldSpillWhenTheSiteIsDownAndQueueAtTheSiteOnlyWithoutCloudReplicas()
    {
        final FakeView down = EdgeWorld.view(NEAR, FAR);        // site A has no ready replica (an outage)
        assertThat(newBalancer().pickReplica(down, 0)).isEqualTo(0);

        final FakeView edgeOnly = EdgeWorld.view(SITE_A, SITE_A);
        edgeOnly.replicaInFlight[0] = 5;
        edgeOnly.replicaInFlight[1] = 3;  // full, but the least loaded of all
        assertThat(newBalancer().pickReplica(edgeOnly, 0)).isEqualTo(1);
    }

    @Test
    void shouldQueueAtTheSiteUpToEdgeHeadroomWhenItIsLarger()
    {
        final FakeView view = EdgeWorld.view(SITE_A, NEAR);
        view.replicaInFlight[0] = 3;      // 2 workers: full at headroom 1, room at headroom 2
        assertThat(newBalancer().pickReplica(view, 0)).isEqualTo(1);
        assertThat(new EdgeFirstBalancer(2.0, 2.0).pickReplica(view, 0)).isEqualTo(0);
    }
}
