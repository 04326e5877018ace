package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.CheapestPricePlacement;
import io.windtunnel.simulator.policy.DrainOnNoticeFailover;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.simulator.policy.FleetControl;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.RoundRobinBalancer;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

class FleetActionsTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final int EAST = 0;
    private static final int WEST = 1;
    private static final int EAST_ON_DEMAND = 0;
    private static final int WEST_ON_DEMAND = 1;

    /** Two regions of one provider, on-demand only (east cheaper), 60 s boot, east down from 20 to 30 minutes. */
    private static CloudModel model()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 2 * MINUTE, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(aws, "east", 40);
        final int west = b.region(aws, "west", 40);
        final int m5 = b.instanceType(aws, "m5.large", 2, 1.0, MINUTE);
        b.offer(east, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.10));
        b.offer(west, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.12));
        final int us = b.client("us", LoadSeries.constant(20));
        b.rtt(us, east, 10_000_000L).rtt(us, west, 10_000_000L);
        b.fault(20 * MINUTE, FaultKind.OUTAGE_START.code(), aws, east, -1, 0);
        b.fault(30 * MINUTE, FaultKind.OUTAGE_END.code(), aws, east, -1, 0);
        b.service(CloudModel.LOGNORMAL, 50_000_000, 1.0);
        b.requests(100, 2 * SECOND, 1);
        b.slo(300_000_000L, 1);
        b.times(60 * MINUTE, 5 * MINUTE, MINUTE, MINUTE);
        return b.build();
    }

    /** Drain-on-notice, plus a script run at start, at each control decision and at each wake-up. */
    private static final class Scripted implements FailoverPolicy
    {
        private final FailoverPolicy base = new DrainOnNoticeFailover(1);
        private final BiConsumer<SimulationView, FleetControl> onStart;
        private final BiConsumer<SimulationView, FleetControl> onControl;
        private final BiConsumer<SimulationView, FleetControl> onWake;
        final List<Long> wokenNs = new ArrayList<>();

        Scripted(final BiConsumer<SimulationView, FleetControl> onStart,
            final BiConsumer<SimulationView, FleetControl> onControl,
            final BiConsumer<SimulationView, FleetControl> onWake)
        {
            this.onStart = onStart;
            this.onControl = onControl;
            this.onWake = onWake;
        }

        @Override
        public int replacements(final SimulationView view, final int replica, final int reason)
        {
            return view.replicaSpare(replica) ? 0 : base.replacements(view, replica, reason);
        }

        @Override
        public boolean retryLostRequest(final SimulationView view, final int attempts)
        {
            return base.retryLostRequest(view, attempts);
        }

        @Override
        public void onStart(final SimulationView view, final FleetControl fleet)
        {
            onStart.accept(view, fleet);
        }

        @Override
        public void onControl(final SimulationView view, final FleetControl fleet)
        {
            onControl.accept(view, fleet);
        }

        @Override
        public void onWake(final SimulationView view, final FleetControl fleet)
        {
            wokenNs.add(view.nowNs());
            onWake.accept(view, fleet);
        }
    }

    private static Simulation run(final int replicas, final Scripted failover)
    {
        final PolicyStack stack = new PolicyStack("fleet", Map.of(), () -> new FixedAutoscaler(replicas),
            () -> new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true}), RoundRobinBalancer::new,
            () -> failover);
        return new Simulation(new Engine(1024), model(), stack, new RandomStreams(3));
    }

    private static final BiConsumer<SimulationView, FleetControl> NOTHING = (view, fleet) -> {
    };

    @Test
    void shouldPlaceTheAutoscalersReplicasOnlyInPlaceableRegions()
    {
        final Simulation simulation = run(3, new Scripted((view, fleet) -> fleet.setRegionPlaceable(EAST, false),
            NOTHING, NOTHING));
        simulation.runUntil(MINUTE);
        assertThat(simulation.offerAvailable(EAST_ON_DEMAND)).isFalse();
        assertThat(simulation.offerActiveReplicas(WEST_ON_DEMAND)).isEqualTo(3);
        assertThat(simulation.offerActiveReplicas(EAST_ON_DEMAND)).isZero();
    }

    @Test
    void shouldKeepSparesOutOfTheActiveCountAndTheScaleDown()
    {
        final int[] spare = {-1};
        final Simulation simulation = run(2, new Scripted(NOTHING, (view, fleet) -> {
            if (spare[0] < 0)
            {
                spare[0] = fleet.launchSpare(WEST_ON_DEMAND);
            }
        }, NOTHING));
        simulation.runUntil(10 * MINUTE);
        assertThat(spare[0]).isEqualTo(2);
        assertThat(simulation.replicaSpare(2)).isTrue();
        assertThat(simulation.replicaState(2)).isEqualTo(SimulationView.READY);
        assertThat(simulation.activeReplicas()).isEqualTo(2);
        assertThat(simulation.readyCount()).isEqualTo(3);
        assertThat(simulation.replicaCompleted(2)).isPositive();
        // The outage fails east's two; only they are replaced (in west), the spare serves on meanwhile.
        simulation.runUntil(20 * MINUTE + SECOND);
        assertThat(simulation.readyCount()).isEqualTo(1);
        assertThat(simulation.launches()).isEqualTo(5);
        simulation.run();
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldTakeARegionOffTheReadyListWithoutCountingItsWorkersAsServing()
    {
        final Simulation simulation = run(2, new Scripted((view, fleet) -> {
            fleet.setRegionTraffic(WEST, false);
            fleet.launchSpare(WEST_ON_DEMAND);
        }, NOTHING, NOTHING));
        simulation.runUntil(10 * MINUTE);
        // The standby is ready and billed, but off the ready list and idle: utilization counts east's workers only.
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.READY);
        assertThat(simulation.replicaOffer(0)).isEqualTo(WEST_ON_DEMAND);
        assertThat(simulation.readyCount()).isEqualTo(2);
        assertThat(simulation.replicaCompleted(0)).isZero();
        assertThat(simulation.replicaCostUsd(0)).isPositive();
        final Simulation plain = run(2, new Scripted(NOTHING, NOTHING, NOTHING));
        plain.runUntil(10 * MINUTE);
        simulation.finish();
        plain.finish();
        assertThat(simulation.utilization()).isCloseTo(plain.utilization(), org.assertj.core.data.Offset.offset(0.02));
    }

    @Test
    void shouldAdoptReleaseRetireAndScaleNowAsAsked()
    {
        final List<Integer> activeAfterAdopt = new ArrayList<>();
        final Simulation simulation = run(2, new Scripted((view, fleet) -> {
            fleet.launchSpare(WEST_ON_DEMAND);
            fleet.wakeAt(3 * MINUTE);
        }, NOTHING, (view, fleet) -> {
            if (view.nowNs() == 3 * MINUTE)
            {
                fleet.adopt(0);
                activeAfterAdopt.add(view.activeReplicas());
                fleet.wakeAt(6 * MINUTE);
            }
            else
            {
                fleet.release(1);
                fleet.retire(2);
                fleet.scaleNow();
            }
        }));
        simulation.runUntil(3 * MINUTE + SECOND);
        // The spare (replica 0, in west) became one of the autoscaler's: three active, so the control decision right
        // after drained the priciest per worker, which is that very replica.
        assertThat(activeAfterAdopt).containsExactly(3);
        assertThat(simulation.replicaSpare(0)).isFalse();
        assertThat(simulation.replicaState(0)).isIn(SimulationView.DRAINING, SimulationView.TERMINATED);
        assertThat(simulation.activeReplicas()).isEqualTo(2);
        simulation.runUntil(6 * MINUTE + SECOND);
        // Replica 1 became a spare and replica 2 was drained: none of the autoscaler's left, so scaling at once
        // launched two, and the spare serves on.
        assertThat(simulation.replicaSpare(1)).isTrue();
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.READY);
        assertThat(simulation.replicaState(2)).isIn(SimulationView.DRAINING, SimulationView.TERMINATED);
        assertThat(simulation.activeReplicas()).isEqualTo(2);
        assertThat(simulation.launches()).isEqualTo(5);
    }

    @Test
    void shouldWakeOnlyAtTheEarliestTimeAskedFor()
    {
        final Scripted failover = new Scripted((view, fleet) -> {
            fleet.wakeAt(5 * MINUTE);
            fleet.wakeAt(3 * MINUTE);
            fleet.wakeAt(4 * MINUTE);
            fleet.wakeAt(0);
            fleet.wakeAt(2 * 60 * MINUTE);
        }, NOTHING, NOTHING);
        run(1, failover).run();
        assertThat(failover.wokenNs).containsExactly(3 * MINUTE);
    }

    @Test
    void shouldReportRegionsDownAndOffersLaunchableDespiteThePlacementMask()
    {
        final List<Boolean> seen = new ArrayList<>();
        final Simulation simulation = run(1, new Scripted((view, fleet) -> {
            fleet.setRegionPlaceable(WEST, false);
            fleet.wakeAt(25 * MINUTE);
        }, NOTHING, (view, fleet) -> {
            seen.add(fleet.regionUp(EAST));
            seen.add(fleet.regionUp(WEST));
            seen.add(fleet.offerLaunchable(WEST_ON_DEMAND));
            seen.add(view.offerAvailable(WEST_ON_DEMAND));
            seen.add(fleet.regionPlaceable(WEST));
            seen.add(fleet.regionTakesTraffic(WEST));
        }));
        simulation.runUntil(26 * MINUTE);
        assertThat(seen).containsExactly(false, true, true, false, false, true);
    }
}
