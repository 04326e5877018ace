package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import static io.windtunnel.simulator.policy.CapacityWorlds.EAST;
import static io.windtunnel.simulator.policy.CapacityWorlds.MINUTE;
import static io.windtunnel.simulator.policy.CapacityWorlds.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class ReplaceOnFailureFailoverTest extends FailoverContractTest
{
    @Override
    FailoverPolicy newFailover()
    {
        return new ReplaceOnFailureFailover(1);
    }

    @Test
    void shouldReplaceEachLostReplicaAndRetryWhileRetriesAreLeft()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final FailoverPolicy failover = new ReplaceOnFailureFailover(2);
        assertThat(failover.replacements(view, 3, FailoverPolicy.PREEMPTION)).isEqualTo(1);
        assertThat(failover.replacements(view, 3, FailoverPolicy.FAILURE)).isEqualTo(1);
        assertThat(failover.drainOnNotice(view, 3)).isFalse();
        // attempts so far: the first try plus the retries made.
        assertThat(failover.retryLostRequest(view, 1)).isTrue();
        assertThat(failover.retryLostRequest(view, 2)).isTrue();
        assertThat(failover.retryLostRequest(view, 3)).isFalse();
    }

    @Test
    void shouldKeepAReplicaUnderNoticeServingAndReplaceItOnlyWhenItIsGone()
    {
        final Simulation simulation = CapacityWorlds.simulation(
            CapacityWorlds.model(new CapacityWorlds.Fault(20 * MINUTE, FaultKind.PREEMPT, EAST, 1)), 2,
            DrainOnNoticeFailoverTest.SPOT_ONLY, new ReplaceOnFailureFailover(1));
        simulation.runUntil(20 * MINUTE + SECOND);
        // Under notice, but the stack does not act on it: still READY, on the ready list and counted by the
        // autoscaler; nothing launched yet.
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.READY);
        assertThat(simulation.readyCount()).isEqualTo(2);
        assertThat(simulation.activeReplicas()).isEqualTo(2);
        assertThat(simulation.launches()).isEqualTo(2);
        final long servedAtNotice = simulation.replicaCompleted(0);

        // It takes new requests through its 2-minute notice (the control loop does not drain or replace it).
        simulation.runUntil(22 * MINUTE - SECOND);
        assertThat(simulation.replicaCompleted(0) - servedAtNotice).isGreaterThan(500);
        assertThat(simulation.launches()).isEqualTo(2);

        // Gone at the notice's end, replaced then; one replica serves until the replacement has booted.
        simulation.runUntil(22 * MINUTE + SECOND);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.PREEMPTED);
        assertThat(simulation.launches()).isEqualTo(3);
        assertThat(simulation.readyCount()).isEqualTo(1);
        simulation.runUntil(23 * MINUTE + SECOND);
        assertThat(simulation.readyCount()).isEqualTo(2);
        simulation.run();
        assertThat(simulation.conservationHolds()).isTrue();
    }
}
