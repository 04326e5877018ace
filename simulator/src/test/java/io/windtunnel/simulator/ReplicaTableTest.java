package io.windtunnel.simulator;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.SimulationView;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link ReplicaTable}: the fleet's counts and the ready list stay consistent as replicas come and go. */
class ReplicaTableTest
{
    private static CloudModel model()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(p, "east", 100);
        final int west = b.region(p, "west", 100);
        final int small = b.instanceType(p, "small", 2, 1.0, 0);
        final int large = b.instanceType(p, "large", 8, 2.0, 0);
        b.offer(east, small, CloudModel.SPOT, PriceSeries.constant(0.03));
        b.offer(west, large, CloudModel.ON_DEMAND, PriceSeries.constant(0.4));
        b.client("c", LoadSeries.constant(1));
        b.service(CloudModel.EXPONENTIAL, 1e6, 1);
        b.times(60_000_000_000L, 0, 60_000_000_000L, 60_000_000_000L);
        return b.build();
    }

    @Test
    void shouldCountReplicasPerOfferRegionAndMarketFromLaunchToRelease()
    {
        final ReplicaTable table = new ReplicaTable(model(), 1);
        for (int i = 0; i < 5; i++)
        {
            assertThat(table.add(i % 2, i * 1000L)).isEqualTo(i);
        }
        assertThat(table.count).isEqualTo(5);
        assertThat(table.activeReplicas).isEqualTo(5);
        assertThat(table.activeWorkers).isEqualTo(3 * 2 + 2 * 8);
        assertThat(table.spotReplicas).isEqualTo(3);
        assertThat(table.offerRunning).containsExactly(3, 2);
        assertThat(table.regionActive).containsExactly(3, 2);
        // Cached from the offer for the request path.
        assertThat(table.state[3]).isEqualTo((byte)SimulationView.PROVISIONING);
        assertThat(table.workers[3]).isEqualTo(8);
        assertThat(table.speed[3]).isEqualTo(2.0);
        assertThat(table.region[3]).isEqualTo(1);
        assertThat(table.launchNs[3]).isEqualTo(3000L);
        assertThat(table.queueHead[3]).isEqualTo(Simulation.NONE);

        table.deactivate(0);
        table.release(0);
        assertThat(table.activeReplicas).isEqualTo(4);
        assertThat(table.activeWorkers).isEqualTo(2 * 2 + 2 * 8);
        assertThat(table.spotReplicas).isEqualTo(2);
        assertThat(table.offerRunning).containsExactly(2, 2);
        assertThat(table.regionActive).containsExactly(2, 2);
    }

    @Test
    void shouldKeepTheReadyListAndPositionsConsistentWhenReplicasLeaveInAnyOrder()
    {
        final ReplicaTable table = new ReplicaTable(model(), 2);
        for (int i = 0; i < 6; i++)
        {
            table.add(0, 0);
            table.joinReady(i);
        }
        table.leaveReady(1);
        table.leaveReady(1);
        table.leaveReady(5);
        table.leaveReady(0);
        assertThat(table.readyCount).isEqualTo(3);
        final int[] ready = java.util.Arrays.copyOf(table.readyList, table.readyCount);
        assertThat(ready).containsExactlyInAnyOrder(2, 3, 4);
        for (int pos = 0; pos < table.readyCount; pos++)
        {
            assertThat(table.readyPos[table.readyList[pos]]).isEqualTo(pos);
        }
        assertThat(table.readyPos[1]).isEqualTo(Simulation.NONE);
        assertThat(table.readyPos[5]).isEqualTo(Simulation.NONE);
    }
}
