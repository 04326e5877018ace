package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.Autoscaler;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ReplicaLifecycle}: boot, ready, drain, preemption (with and without notice, while provisioning), failure
 * and replacement, as the replica states a policy sees.
 */
class ReplicaLifecycleTest
{
    private static final long SECOND = 1_000_000_000L;

    /**
     * One provider with the given preemption notice, one instance type of one worker with the given boot time, one
     * spot offer; requests replayed from a log (each 100 s of work); a fault of the given kind at {@code faultNs}
     * (none if negative); control every 60 s for 10 minutes.
     */
    private static Simulation simulation(final long noticeNs, final long bootNs, final Autoscaler autoscaler,
        final long[] arrivalsNs, final int faultKind, final long faultNs)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", noticeNs, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, bootNs);
        b.offer(r, t, CloudModel.SPOT, PriceSeries.constant(1));
        final long[] work = new long[arrivalsNs.length];
        java.util.Arrays.fill(work, 100 * SECOND);
        b.client("c", new ArrivalLog(arrivalsNs, work));
        b.service(CloudModel.DETERMINISTIC, 100 * SECOND, 0);
        if (faultNs >= 0)
        {
            b.fault(faultNs, faultKind, p, r, t, 1);
        }
        b.times(600 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        return new Simulation(new Engine(64), b.build(), Fixtures.stack(autoscaler, view -> 0, 1),
            new RandomStreams(1));
    }

    @Test
    void shouldBecomeReadyOnlyAfterBootWhenLaunchedAfterTheStart()
    {
        final Simulation simulation = simulation(0, 30 * SECOND,
            view -> view.nowNs() >= 60 * SECOND ? 2 : 1, new long[0], 0, -1);

        simulation.runUntil(59 * SECOND);
        // Launched at time 0: the initial fleet is ready at once.
        assertThat(simulation.launches()).isEqualTo(1);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.READY);

        simulation.runUntil(90 * SECOND - 1);
        assertThat(simulation.launches()).isEqualTo(2);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.PROVISIONING);
        assertThat(simulation.activeReplicas()).isEqualTo(2);
        assertThat(simulation.readyCount()).isEqualTo(1);

        simulation.runUntil(90 * SECOND);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.READY);
        assertThat(simulation.readyCount()).isEqualTo(2);
    }

    @Test
    void shouldDrainAndEndOnlyWhenItsLastRequestIsDone()
    {
        // Two replicas get one 100 s request each at 100 s; at 120 s the fleet shrinks to one.
        final Simulation simulation = simulation(0, 0, view -> view.nowNs() >= 120 * SECOND ? 1 : 2,
            new long[] {100 * SECOND, 100 * SECOND + 1}, 0, -1);

        simulation.runUntil(120 * SECOND);
        assertThat(simulation.activeReplicas()).isEqualTo(1);
        assertThat(simulation.readyCount()).isEqualTo(1);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.DRAINING);
        assertThat(simulation.replicaBusy(1)).isEqualTo(1);

        simulation.runUntil(200 * SECOND);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.DRAINING);
        simulation.runUntil(200 * SECOND + 1);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.TERMINATED);
        assertThat(simulation.completed()).isEqualTo(2);
        assertThat(simulation.failed() + simulation.retries()).isZero();
    }

    @Test
    void shouldEndAtOnceAndBeReplacedWhenPreemptedWithoutNotice()
    {
        final Simulation simulation = simulation(0, 0, new FixedAutoscaler(1), new long[0],
            FaultKind.PREEMPT.code(), 10 * SECOND);

        simulation.runUntil(10 * SECOND);
        assertThat(simulation.preemptions()).isEqualTo(1);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.PREEMPTED);
        assertThat(simulation.launches()).isEqualTo(2);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.READY);
        assertThat(simulation.activeReplicas()).isEqualTo(1);
    }

    @Test
    void shouldServeWhatItHoldsUntilTheNoticeEndsWhenPreemptedWithNotice()
    {
        // A 100 s request from 5 s; the preemption at 10 s gives 120 s of notice, so the request completes at 105 s.
        final Simulation simulation = simulation(120 * SECOND, 0, new FixedAutoscaler(1), new long[] {5 * SECOND},
            FaultKind.PREEMPT.code(), 10 * SECOND);

        simulation.runUntil(10 * SECOND);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.PREEMPTING);
        assertThat(simulation.activeReplicas()).isEqualTo(1);
        assertThat(simulation.readyReplica(0)).isEqualTo(1);
        simulation.runUntil(130 * SECOND - 1);
        assertThat(simulation.completed()).isEqualTo(1);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.PREEMPTING);
        simulation.runUntil(130 * SECOND);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.PREEMPTED);
    }

    @Test
    void shouldEndAtOnceWhenPreemptedWhileProvisioning()
    {
        // Launched at 60 s with 60 s of boot; preempted at 90 s: gone at once despite the notice.
        final Simulation simulation = simulation(120 * SECOND, 60 * SECOND,
            view -> view.nowNs() >= 60 * SECOND ? 1 : 0, new long[0], FaultKind.PREEMPT.code(), 90 * SECOND);

        simulation.runUntil(90 * SECOND);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.PREEMPTED);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.PROVISIONING);
        assertThat(simulation.preemptions()).isEqualTo(1);
    }

    @Test
    void shouldFailAndBeReplacedWhenTheInstanceFails()
    {
        final Simulation simulation = simulation(120 * SECOND, 0, new FixedAutoscaler(1), new long[0],
            FaultKind.INSTANCE_FAILURE.code(), 10 * SECOND);

        simulation.run();
        assertThat(simulation.failures()).isEqualTo(1);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.FAILED);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.READY);
        assertThat(simulation.launches()).isEqualTo(2);
        assertThat(simulation.preemptions()).isZero();
    }

    @Test
    void shouldTellPlacementOfALossBeforeTheReplacementAndOfEachEndWithItsBillAndServedCount()
    {
        // Two requests of 100 s from 5 s on; preempted without notice at 150 s, after serving the first.
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(r, t, CloudModel.SPOT, PriceSeries.constant(3.6));
        b.client("c", new ArrivalLog(new long[] {5 * SECOND, 6 * SECOND}, new long[] {100 * SECOND, 100 * SECOND}));
        b.service(CloudModel.DETERMINISTIC, 100 * SECOND, 0);
        b.fault(150 * SECOND, FaultKind.PREEMPT.code(), p, r, t, 1);
        b.times(600 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        final java.util.List<String> events = new java.util.ArrayList<>();
        final io.windtunnel.simulator.policy.PlacementPolicy placement =
            new io.windtunnel.simulator.policy.PlacementPolicy()
            {
                @Override
                public int chooseOffer(final SimulationView view)
                {
                    events.add("choose at " + view.nowNs() / SECOND);
                    return 0;
                }

                @Override
                public void onReplicaLost(final SimulationView view, final int replica, final int reason)
                {
                    events.add("lost " + replica + " reason " + reason + " state " + view.replicaState(replica) +
                        " active " + view.activeReplicas() + " offer " + view.offerActiveReplicas(0));
                }

                @Override
                public void onReplicaEnded(final SimulationView view, final int replica, final int finalState)
                {
                    events.add("ended " + replica + " state " + finalState + " cost " + view.replicaCostUsd(replica) +
                        " served " + view.replicaCompleted(replica) + " launched " +
                        view.replicaLaunchNs(replica) / SECOND);
                }
            };
        final Simulation simulation = new Simulation(new Engine(64), b.build(),
            Fixtures.stack(new FixedAutoscaler(1), placement, 0), new RandomStreams(1));
        simulation.runUntil(200 * SECOND);
        // Replica 0 served the first request (5..105 s) and held the second; 3.6 USD/h is 0.001 USD/s, 150 s billed.
        assertThat(events).containsExactly(
            "choose at 0",
            "lost 0 reason " + io.windtunnel.simulator.policy.FailoverPolicy.PREEMPTION + " state " +
                SimulationView.READY + " active 0 offer 0",
            "ended 0 state " + SimulationView.PREEMPTED + " cost " + simulation.replicaCostUsd(0) +
                " served 1 launched 0",
            "choose at 150");
        assertThat(simulation.replicaCostUsd(0)).isCloseTo(0.15, org.assertj.core.api.Assertions.within(1e-12));
        // A running replica's cost is its price integrated so far.
        assertThat(simulation.replicaCostUsd(1)).isCloseTo(0.05, org.assertj.core.api.Assertions.within(1e-12));
        assertThat(simulation.replicaCount()).isEqualTo(2);
        assertThat(simulation.replicaLaunchNs(1)).isEqualTo(150 * SECOND);
    }
}
