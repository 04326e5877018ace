package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static io.windtunnel.simulator.policy.CapacityWorlds.EAST;
import static io.windtunnel.simulator.policy.CapacityWorlds.MINUTE;
import static io.windtunnel.simulator.policy.CapacityWorlds.SECOND;
import static io.windtunnel.simulator.policy.CapacityWorlds.WEST;
import static io.windtunnel.simulator.policy.CapacityWorlds.count;
import static io.windtunnel.simulator.policy.CapacityWorlds.readyIn;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ActivePassiveFailoverTest extends FailoverContractTest
{
    @Override
    FailoverPolicy newFailover()
    {
        // The contract world: us-east-1 (region 0, where its outage is) active, us-central1 (region 2) standby.
        return new ActivePassiveFailover(new boolean[] {true, false, false}, new boolean[] {false, false, true}, true,
            10 * SECOND, 3, 5 * MINUTE, CloudModel.ON_DEMAND, 1);
    }

    private static ActivePassiveFailover eastActive(final boolean warm)
    {
        return new ActivePassiveFailover(new boolean[] {true, false}, new boolean[] {false, true}, warm, 10 * SECOND, 3,
            5 * MINUTE, CloudModel.ON_DEMAND, 1);
    }

    /** East fails at 20:05 (between two checks) until 40:00. */
    private static Simulation eastOutage(final ActivePassiveFailover failover)
    {
        return CapacityWorlds.simulation(
            CapacityWorlds.model(new CapacityWorlds.Fault(20 * MINUTE + 5 * SECOND, FaultKind.OUTAGE_START, EAST, 0),
                new CapacityWorlds.Fault(40 * MINUTE, FaultKind.OUTAGE_END, EAST, 0)),
            3, NPlusKFailoverTest.ON_DEMAND_ONLY, failover);
    }

    @Test
    void shouldKeepAWarmStandbyThatTakesNoTrafficAndTakeOverAfterTheDetectionDelay()
    {
        final ActivePassiveFailover failover = eastActive(true);
        final Simulation simulation = eastOutage(failover);
        simulation.runUntil(10 * MINUTE);
        assertThat(count(simulation, EAST, SimulationView.READY, false)).isEqualTo(3);
        assertThat(count(simulation, WEST, SimulationView.READY, true)).isEqualTo(3);
        assertThat(readyIn(simulation, WEST)).isZero();
        assertThat(simulation.readyCount()).isEqualTo(3);
        for (int r = 0; r < simulation.replicaCount(); r++)
        {
            if (simulation.replicaSpare(r))
            {
                assertThat(simulation.replicaCompleted(r)).isZero();
                assertThat(simulation.replicaCostUsd(r)).as("standby %d is billed", r).isPositive();
            }
        }

        // Checks every 10 s, 3 failures: 20:10, 20:20, 20:30; nothing serves until then.
        simulation.runUntil(20 * MINUTE + 29 * SECOND);
        assertThat(simulation.readyCount()).isZero();
        assertThat(failover.takeovers()).isZero();
        simulation.runUntil(20 * MINUTE + 31 * SECOND);
        assertThat(failover.takeovers()).isEqualTo(1);
        assertThat(readyIn(simulation, WEST)).isEqualTo(3);
        assertThat(count(simulation, WEST, SimulationView.READY, false)).isEqualTo(3);
        assertThat(simulation.activeReplicas()).isEqualTo(3);

        // Healthy from 40:00; after 5 minutes spares launch in east (60 s boot), then traffic goes back at 46:00 and
        // west is a warm standby again.
        simulation.runUntil(45 * MINUTE + 30 * SECOND);
        assertThat(failover.failBacks()).isZero();
        assertThat(count(simulation, EAST, SimulationView.PROVISIONING, true)).isEqualTo(3);
        simulation.runUntil(46 * MINUTE + SECOND);
        assertThat(failover.failBacks()).isEqualTo(1);
        assertThat(readyIn(simulation, EAST)).isEqualTo(3);
        assertThat(readyIn(simulation, WEST)).isZero();
        assertThat(count(simulation, WEST, SimulationView.READY, true)).isEqualTo(3);
        assertThat(simulation.activeReplicas()).isEqualTo(3);
        simulation.run();
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldLaunchAColdStandbyOnlyAtTakeoverAndServeOnceBooted()
    {
        final ActivePassiveFailover failover = eastActive(false);
        final Simulation simulation = eastOutage(failover);
        simulation.runUntil(10 * MINUTE);
        assertThat(simulation.replicaCount()).isEqualTo(3);
        simulation.runUntil(20 * MINUTE + 31 * SECOND);
        assertThat(failover.takeovers()).isEqualTo(1);
        assertThat(count(simulation, WEST, SimulationView.PROVISIONING, false)).isEqualTo(3);
        assertThat(simulation.readyCount()).isZero();
        simulation.runUntil(21 * MINUTE + 31 * SECOND);
        assertThat(readyIn(simulation, WEST)).isEqualTo(3);
        simulation.runUntil(46 * MINUTE + SECOND);
        assertThat(failover.failBacks()).isEqualTo(1);
        assertThat(readyIn(simulation, EAST)).isEqualTo(3);
        // Cold: west's replicas are drained, not kept.
        assertThat(count(simulation, WEST, SimulationView.READY, true) + count(simulation, WEST, SimulationView.READY,
            false)).isZero();
    }

    @Test
    void shouldPayForAWarmStandbyWhatItSavesInRejectedRequests()
    {
        final Simulation warm = eastOutage(eastActive(true));
        warm.run();
        final Simulation cold = eastOutage(eastActive(false));
        cold.run();
        assertThat(warm.measuredRejected()).isLessThan(cold.measuredRejected());
        assertThat(warm.availabilityTimeShare()).isGreaterThan(cold.availabilityTimeShare());
        assertThat(warm.totalCostUsd()).isGreaterThan(cold.totalCostUsd() * 1.5);
    }

    @Test
    void shouldRefuseARegionBothActiveAndStandby()
    {
        final ActivePassiveFailover.Provider provider = new ActivePassiveFailover.Provider();
        final PolicyContext context = new PolicyContext(List.of("aws"), List.of("east", "west"), List.of("us"));
        final Map<String, Object> values = new java.util.HashMap<>(Map.of("active", List.of("east"),
            "standby", List.of("east", "west"), "mode", "warm", "healthCheckInterval", 10 * SECOND,
            "unhealthyThreshold", 3L, "failBackAfter", 5 * MINUTE, "standbyMarket", "on-demand", "retries", 1L));
        assertThatThrownBy(() -> provider.create(new PolicyArguments(provider, values, context)))
            .hasMessageContaining("'east' is both active and standby");
        values.put("standby", List.of("west"));
        assertThat(provider.create(new PolicyArguments(provider, values, context)))
            .isInstanceOf(ActivePassiveFailover.class);
    }
}
