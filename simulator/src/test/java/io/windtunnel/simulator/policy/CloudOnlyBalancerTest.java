package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import static io.windtunnel.simulator.policy.EdgeWorld.FAR;
import static io.windtunnel.simulator.policy.EdgeWorld.NEAR;
import static io.windtunnel.simulator.policy.EdgeWorld.SITE_A;
import static io.windtunnel.simulator.policy.EdgeWorld.SITE_B;
import static org.assertj.core.api.Assertions.assertThat;

class CloudOnlyBalancerTest extends BalancerContractTest
{
    @Override
    Balancer newBalancer()
    {
        return new CloudOnlyBalancer(2.0);
    }

    @Test
    void shouldNeverPickAnEdgeReplicaWhenTheCloudIsBusyAndTheSiteIsIdle()
    {
        // Replicas: 0 site A, 1 near cloud, 2 far cloud, 3 site B.
        final FakeView view = EdgeWorld.view(SITE_A, NEAR, FAR, SITE_B);
        final Balancer balancer = newBalancer();
        for (int client = 0; client < 3; client++)
        {
            assertThat(balancer.pickReplica(view, client)).as("client %d", client).isEqualTo(1);
        }
        view.replicaInFlight[1] = 4;      // near region full (2 workers x 2): the far cloud region
        assertThat(balancer.pickReplica(view, 1)).isEqualTo(2);
        view.replicaInFlight[2] = 9;      // no cloud headroom anywhere: the least loaded cloud replica
        assertThat(balancer.pickReplica(view, 1)).isEqualTo(1);
    }

    @Test
    void shouldRejectWhenOnlyEdgeReplicasAreReady()
    {
        final FakeView view = EdgeWorld.view(SITE_A, SITE_B);
        assertThat(newBalancer().pickReplica(view, 0)).isEqualTo(-1);
    }
}
