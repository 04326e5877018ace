package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import static io.windtunnel.simulator.policy.CapacityWorlds.EAST;
import static io.windtunnel.simulator.policy.CapacityWorlds.MINUTE;
import static io.windtunnel.simulator.policy.CapacityWorlds.SECOND;
import static io.windtunnel.simulator.policy.CapacityWorlds.WEST;
import static io.windtunnel.simulator.policy.CapacityWorlds.count;
import static io.windtunnel.simulator.policy.CapacityWorlds.readyIn;
import static org.assertj.core.api.Assertions.assertThat;

class NPlusKFailoverTest extends FailoverContractTest
{
    static final boolean[] ON_DEMAND_ONLY = {true, false};

    @Override
    FailoverPolicy newFailover()
    {
        return new NPlusKFailover(2, SpreadPlacement.REGION, CloudModel.ON_DEMAND, 1);
    }

    private static CloudModel eastOutage()
    {
        return CapacityWorlds.model(new CapacityWorlds.Fault(20 * MINUTE, FaultKind.OUTAGE_START, EAST, 0),
            new CapacityWorlds.Fault(40 * MINUTE, FaultKind.OUTAGE_END, EAST, 0));
    }

    @Test
    void shouldKeepKSparesTakingTrafficInAnotherRegionOutsideTheAutoscalersCount()
    {
        final Simulation simulation = CapacityWorlds.simulation(eastOutage(), 3, ON_DEMAND_ONLY,
            new NPlusKFailover(2, SpreadPlacement.REGION, CloudModel.ON_DEMAND, 1));
        simulation.runUntil(10 * MINUTE);
        // The N are where placement puts them (east, cheaper); the k spares avoid that region and serve too.
        assertThat(count(simulation, EAST, SimulationView.READY, false)).isEqualTo(3);
        assertThat(count(simulation, WEST, SimulationView.READY, true)).isEqualTo(2);
        assertThat(simulation.activeReplicas()).isEqualTo(3);
        assertThat(readyIn(simulation, WEST)).isEqualTo(2);
        assertThat(simulation.readyCount()).isEqualTo(5);
        for (int r = 0; r < simulation.replicaCount(); r++)
        {
            if (simulation.replicaSpare(r))
            {
                assertThat(simulation.replicaCompleted(r)).as("spare %d served", r).isPositive();
            }
        }
        // The control loop drained no spare and launched no more of them.
        assertThat(simulation.launches()).isEqualTo(5);

        // East fails: the spares keep serving while the N are relaunched (in west, the only region up).
        simulation.runUntil(20 * MINUTE + SECOND);
        assertThat(simulation.readyCount()).isEqualTo(2);
        assertThat(readyIn(simulation, WEST)).isEqualTo(2);
        simulation.runUntil(21 * MINUTE + SECOND);
        assertThat(simulation.readyCount()).isEqualTo(5);
        simulation.run();
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldBuyAvailabilityWithMoneyAgainstDrainOnNoticeWhenARegionFails()
    {
        final Simulation spares = CapacityWorlds.simulation(eastOutage(), 3, ON_DEMAND_ONLY,
            new NPlusKFailover(1, SpreadPlacement.REGION, CloudModel.ON_DEMAND, 1));
        spares.run();
        final Simulation plain = CapacityWorlds.simulation(eastOutage(), 3, ON_DEMAND_ONLY,
            new DrainOnNoticeFailover(1));
        plain.run();

        // Without spares nothing is ready for the replacements' 60 s boot: requests are turned away.
        assertThat(plain.availabilityTimeShare()).isLessThan(0.99);
        assertThat(plain.measuredRejected()).isGreaterThan(500);
        assertThat(spares.availabilityTimeShare()).isEqualTo(1.0);
        assertThat(spares.measuredRejected()).isLessThan(plain.measuredRejected() / 10);
        assertThat(spares.totalCostUsd()).isGreaterThan(plain.totalCostUsd() * 1.2);
    }

    @Test
    void shouldNotReplaceALostSpareAtOnce()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final NPlusKFailover failover = new NPlusKFailover(1, SpreadPlacement.ZONE, CloudModel.ON_DEMAND, 0);
        assertThat(failover.replacements(view, 0, FailoverPolicy.FAILURE)).isEqualTo(1);
        assertThat(failover.retryLostRequest(view, 1)).isFalse();
    }
}
