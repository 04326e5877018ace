package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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

    /** Answers with a plan per control decision (by minute) and records what it was given. */
    private static final class PlanByMinute implements PlacementPolicy
    {
        private final int[][] plans;
        final List<String> given = new ArrayList<>();
        int chooseCalls;

        PlanByMinute(final int[][] plans)
        {
            this.plans = plans;
        }

        @Override
        public int chooseOffer(final SimulationView view)
        {
            chooseCalls++;
            return 0;
        }

        @Override
        public boolean planAllocation(
            final SimulationView view, final int desiredReplicas, final int[] replicasPerOffer)
        {
            final int minute = (int)(view.nowNs() / (60 * SECOND));
            given.add(desiredReplicas + " " + java.util.Arrays.toString(replicasPerOffer));
            if (minute >= plans.length)
            {
                return false;
            }
            System.arraycopy(plans[minute], 0, replicasPerOffer, 0, replicasPerOffer.length);
            return true;
        }
    }

    /** Region r (quota 5): offers 0 (wide) and 1 (narrow), booting 100 s; region r2 (down from 0): offer 2. */
    private static Simulation planned(final PlacementPolicy placement)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 5);
        final int r2 = b.region(p, "r2", 5);
        final int wide = b.instanceType(p, "wide", 2, 1.0, 100 * SECOND);
        final int narrow = b.instanceType(p, "narrow", 1, 1.0, 100 * SECOND);
        b.offer(r, wide, CloudModel.ON_DEMAND, PriceSeries.constant(0.20));
        b.offer(r, narrow, CloudModel.ON_DEMAND, PriceSeries.constant(0.15));
        b.offer(r2, narrow, CloudModel.ON_DEMAND, PriceSeries.constant(0.10));
        b.client("c", new ArrivalLog(new long[0], new long[0]));
        b.service(CloudModel.DETERMINISTIC, SECOND, 0);
        b.fault(0, FaultKind.OUTAGE_START.code(), p, r2, -1, 0);
        b.times(600 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        return new Simulation(new Engine(64), b.build(), Fixtures.stack(view -> 7, placement, 0),
            new RandomStreams(1));
    }

    @Test
    void shouldDrainThenLaunchTowardPlanRefusingUnavailableAndOverQuotaOffersWhenPlacementPlans()
    {
        final PlanByMinute placement = new PlanByMinute(new int[][] {{2, 1, 1}, {1, 3, 0}, {3, 3, 0}, {0, 1, 0}});
        final Simulation simulation = planned(placement);

        // 0 s: two wide (0, 1) and a narrow (2), ready at once; offer 2's region is down: refused.
        simulation.runUntil(30 * SECOND);
        assertThat(simulation.launches()).isEqualTo(3);
        assertThat(simulation.launchesRefused()).isEqualTo(1);
        assertThat(simulation.replicaOffer(2)).isEqualTo(1);

        // 60 s: the newest wide drains (it holds nothing: ends at once), two narrow launch (3, 4; booting).
        simulation.runUntil(90 * SECOND);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.TERMINATED);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.READY);
        assertThat(simulation.replicaState(3)).isEqualTo(SimulationView.PROVISIONING);
        assertThat(simulation.replicaOffer(4)).isEqualTo(1);

        // 120 s: two more wide asked for; the region's quota of 5 takes one (5), refuses the other.
        simulation.runUntil(150 * SECOND);
        assertThat(simulation.launches()).isEqualTo(6);
        assertThat(simulation.replicaOffer(5)).isEqualTo(0);
        assertThat(simulation.launchesRefused()).isEqualTo(2);

        // 180 s: down to one narrow: the wide provisioning one (5) then the ready one (0); narrow newest first.
        simulation.runUntil(210 * SECOND);
        assertThat(simulation.activeReplicas()).isEqualTo(1);
        assertThat(simulation.replicaState(2)).isEqualTo(SimulationView.READY);
        for (final int replica : new int[] {0, 3, 4, 5})
        {
            assertThat(simulation.replicaState(replica)).as("replica %d", replica)
                .isEqualTo(SimulationView.TERMINATED);
        }

        // 240 s on: no plan (false): one offer per launch, back up to the autoscaler's 7 where chooseOffer says.
        simulation.runUntil(250 * SECOND);
        assertThat(placement.chooseCalls).isEqualTo(6);
        assertThat(simulation.activeReplicas()).isEqualTo(7);
        // Each call was given the autoscaler's count and the active replicas per offer.
        assertThat(placement.given).startsWith("7 [0, 0, 0]", "7 [2, 1, 0]", "7 [1, 3, 0]", "7 [2, 3, 0]",
            "7 [0, 1, 0]");
        simulation.run();
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldStopTheRunNamingThePolicyWhenPlanHasNegativeTarget()
    {
        final Simulation simulation = planned(new PlanByMinute(new int[][] {{1, -1, 0}}));

        assertThatThrownBy(() -> simulation.runUntil(SECOND))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("PlanByMinute planned -1 replicas for offer 1");
    }

    @Test
    void shouldRetryARefusedLaunchAtTheTimePlacementAsksWithoutAskingTheAutoscalerAgain()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 100);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("c", new ArrivalLog(new long[0], new long[0]));
        b.service(CloudModel.DETERMINISTIC, SECOND, 0);
        b.times(600 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        final List<Long> autoscalerCalls = new ArrayList<>();
        final List<Long> retryQuestions = new ArrayList<>();
        // Backs off until 75 s, then until 130 s for the second replica: asks for retries at those times.
        final PlacementPolicy backoff = new PlacementPolicy()
        {
            @Override
            public int chooseOffer(final SimulationView view)
            {
                final long nowNs = view.nowNs();
                return nowNs >= 75 * SECOND && view.activeReplicas() == 0 || nowNs >= 130 * SECOND ? 0 : -1;
            }

            @Override
            public long retryLaunchAtNs(final SimulationView view)
            {
                retryQuestions.add(view.nowNs() / SECOND);
                return view.activeReplicas() == 0 ? 75 * SECOND : 130 * SECOND;
            }
        };
        final Simulation simulation = new Simulation(new Engine(64), b.build(), Fixtures.stack(view ->
        {
            autoscalerCalls.add(view.nowNs() / SECOND);
            return 2;
        }, backoff, 0), new RandomStreams(1));
        simulation.run();

        assertThat(autoscalerCalls).containsExactly(0L, 60L, 120L, 180L, 240L, 300L, 360L, 420L, 480L, 540L);
        // Refused at 0 (retry 75), 60 (75 again: kept), 75 (one placed, the second refused: retry 130), 120.
        assertThat(retryQuestions).containsExactly(0L, 60L, 75L, 120L);
        assertThat(simulation.replicaLaunchNs(0)).isEqualTo(75 * SECOND);
        assertThat(simulation.replicaLaunchNs(1)).isEqualTo(130 * SECOND);
        assertThat(simulation.launches()).isEqualTo(2);
        assertThat(simulation.launchesRefused()).isEqualTo(4);
    }

    @Test
    void shouldShowArrivalRatesPerClientAndGiveEachSlotItsOwnSeededStream()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 100);
        final int t = b.instanceType(p, "t", 4, 1.0, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("a", ArrivalLog.periodic(new long[] {0}, new long[] {SECOND / 100}, SECOND, 300 * SECOND));
        b.client("b", ArrivalLog.periodic(new long[] {0, SECOND / 3, 2 * SECOND / 3},
            new long[] {SECOND / 100, SECOND / 100, SECOND / 100}, SECOND, 300 * SECOND));
        b.service(CloudModel.DETERMINISTIC, SECOND / 100, 0);
        b.times(300 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        final CloudModel model = b.build();
        final List<double[]> seen = new ArrayList<>();
        final Simulation simulation = new Simulation(new Engine(64), model, Fixtures.stack(view ->
        {
            seen.add(new double[] {view.observedClientArrivalRatePerSec(0), view.observedClientArrivalRatePerSec(1),
                view.observedArrivalRatePerSec()});
            return 1;
        }, view -> 0, 0), new RandomStreams(7));
        simulation.run();
        assertThat(seen.get(0)).containsExactly(0, 0, 0);
        for (int i = 1; i < seen.size(); i++)
        {
            assertThat(seen.get(i)[0]).isCloseTo(1.0, within(1e-9));
            assertThat(seen.get(i)[1]).isCloseTo(3.0, within(1e-9));
            assertThat(seen.get(i)[2]).isCloseTo(4.0, within(1e-9));
        }

        final io.windtunnel.engine.random.RandomStream placementStream =
            simulation.random(io.windtunnel.simulator.policy.PolicySlot.PLACEMENT);
        assertThat(simulation.random(io.windtunnel.simulator.policy.PolicySlot.PLACEMENT)).isSameAs(placementStream);
        final long first = placementStream.nextLong();
        final Simulation again = new Simulation(new Engine(64), model, Fixtures.fixed(1, 1), new RandomStreams(7));
        assertThat(again.random(io.windtunnel.simulator.policy.PolicySlot.PLACEMENT).nextLong()).isEqualTo(first);
        assertThat(again.random(io.windtunnel.simulator.policy.PolicySlot.BALANCER).nextLong()).isNotEqualTo(first);
        final Simulation otherSeed = new Simulation(new Engine(64), model, Fixtures.fixed(1, 1), new RandomStreams(8));
        assertThat(otherSeed.random(io.windtunnel.simulator.policy.PolicySlot.PLACEMENT).nextLong())
            .isNotEqualTo(first);
    }
}
