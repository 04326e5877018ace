package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import static io.windtunnel.simulator.policy.CapacityWorlds.EAST;
import static io.windtunnel.simulator.policy.CapacityWorlds.MINUTE;
import static io.windtunnel.simulator.policy.CapacityWorlds.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class DrainOnNoticeFailoverTest extends FailoverContractTest
{
    static final boolean[] SPOT_ONLY = {false, true};

    @Override
    FailoverPolicy newFailover()
    {
        return new DrainOnNoticeFailover(1);
    }

    @Test
    void shouldStopSendingToTheReplicaAndLaunchItsReplacementAtTheNotice()
    {
        final Simulation simulation = CapacityWorlds.simulation(
            CapacityWorlds.model(new CapacityWorlds.Fault(20 * MINUTE, FaultKind.PREEMPT, EAST, 1)), 2, SPOT_ONLY,
            new DrainOnNoticeFailover(1));
        simulation.runUntil(20 * MINUTE - SECOND);
        assertThat(simulation.launches()).isEqualTo(2);
        assertThat(simulation.readyCount()).isEqualTo(2);

        // The first replica launched gets the notice: off the ready list, its replacement booting.
        simulation.runUntil(20 * MINUTE + SECOND);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.PREEMPTING);
        assertThat(simulation.readyCount()).isEqualTo(1);
        assertThat(simulation.readyReplica(0)).isEqualTo(1);
        assertThat(simulation.launches()).isEqualTo(3);
        assertThat(simulation.activeReplicas()).isEqualTo(2);
        final long servedAtNotice = simulation.replicaCompleted(0);

        // The replacement (60 s boot) serves before the notice (2 minutes) ends; the old replica took nothing new.
        simulation.runUntil(21 * MINUTE + SECOND);
        assertThat(simulation.readyCount()).isEqualTo(2);
        simulation.runUntil(22 * MINUTE + SECOND);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.PREEMPTED);
        assertThat(simulation.replicaCompleted(0)).isEqualTo(servedAtNotice);
        assertThat(simulation.launches()).isEqualTo(3);
    }

    @Test
    void shouldDrainOnNoticeWhenAsked()
    {
        assertThat(new DrainOnNoticeFailover(0).drainOnNotice(new FakeView(ContractRuns.model()), 0)).isTrue();
    }
}
