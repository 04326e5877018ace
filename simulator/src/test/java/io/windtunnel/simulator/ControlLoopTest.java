package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.SimulationView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@link ControlLoop}: the autoscaler's decision every control interval, what it observes, and the order in which
 * replicas are scaled down.
 */
class ControlLoopTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldScaleDownProvisioningFirstThenThePriciestPerWorkerNewestFirst()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 100);
        // 0.10 USD/h per worker on two workers, and 0.15 on one.
        final int wide = b.instanceType(p, "wide", 2, 1.0, 100 * SECOND);
        final int narrow = b.instanceType(p, "narrow", 1, 1.0, 100 * SECOND);
        b.offer(r, wide, CloudModel.ON_DEMAND, PriceSeries.constant(0.20));
        b.offer(r, narrow, CloudModel.ON_DEMAND, PriceSeries.constant(0.15));
        b.client("c", new ArrivalLog(new long[0], new long[0]));
        b.service(CloudModel.DETERMINISTIC, SECOND, 0);
        b.times(600 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        final int[] desired = {4, 5, 4, 1};
        final Simulation simulation = new Simulation(new Engine(64), b.build(), Fixtures.stack(
            view -> desired[(int)Math.min(3, view.nowNs() / (60 * SECOND))],
            view -> view.activeReplicas() % 2, 0), new RandomStreams(1));

        // Time 0: wide, narrow, wide, narrow, all ready at once; 60 s: a fifth (wide) replica boots until 160 s.
        simulation.runUntil(60 * SECOND);
        assertThat(simulation.launches()).isEqualTo(5);
        assertThat(simulation.replicaState(4)).isEqualTo(SimulationView.PROVISIONING);

        // 120 s: down to 4 takes the provisioning replica, not a ready one.
        simulation.runUntil(120 * SECOND);
        assertThat(simulation.replicaState(4)).isEqualTo(SimulationView.TERMINATED);
        for (int replica = 0; replica < 4; replica++)
        {
            assertThat(simulation.replicaState(replica)).isEqualTo(SimulationView.READY);
        }

        // 180 s: down to 1 takes the narrow ones (dearer per worker), newest first, then the newest wide one.
        simulation.runUntil(180 * SECOND);
        assertThat(simulation.activeReplicas()).isEqualTo(1);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.READY);
        for (int replica = 1; replica < 5; replica++)
        {
            assertThat(simulation.replicaState(replica)).as("replica " + replica).isEqualTo(SimulationView.TERMINATED);
        }
        simulation.run();
        assertThat(simulation.launches()).isEqualTo(5);
    }

    @Test
    void shouldShowTheAutoscalerTheArrivalRateAndUtilizationOfTheLastInterval()
    {
        // Ten requests a second, 50 ms of work each, on one worker: 10/s and a utilization of one half.
        final long[] offsets = new long[10];
        final long[] work = new long[10];
        for (int i = 0; i < 10; i++)
        {
            offsets[i] = i * SECOND / 10;
            work[i] = SECOND / 20;
        }
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 100);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("c", ArrivalLog.periodic(offsets, work, SECOND, 300 * SECOND));
        b.service(CloudModel.DETERMINISTIC, SECOND, 0);
        b.times(300 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        final List<double[]> seen = new ArrayList<>();
        final Simulation simulation = new Simulation(new Engine(64), b.build(), Fixtures.stack(view ->
        {
            seen.add(new double[] {view.observedArrivalRatePerSec(), view.observedUtilization()});
            return 1;
        }, view -> 0, 0), new RandomStreams(1));
        simulation.run();

        // Decisions at 0, 60, ..., 240 s; at 0 nothing has been observed yet.
        assertThat(seen).hasSize(5);
        assertThat(seen.get(0)).containsExactly(0, 0);
        for (int i = 1; i < seen.size(); i++)
        {
            assertThat(seen.get(i)[0]).isCloseTo(10.0, within(1e-9));
            assertThat(seen.get(i)[1]).isCloseTo(0.5, within(1e-9));
        }
    }
}
