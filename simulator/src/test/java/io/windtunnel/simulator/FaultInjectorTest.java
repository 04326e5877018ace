package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FaultInjector}: a {@code capacity} fault below the running spot replicas evicts the excess, newest first,
 * through the preemption path (notice, then gone; the requests they still hold at the end of the notice go to the
 * failover policy); outages fail what they cover and close their offers until they end; fractions of spot replicas
 * are preempted oldest first; lasting faults from before the run hold at its start.
 */
class FaultInjectorTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    private static final long NOTICE_NS = 2 * MINUTE;
    private static final long FAULT_NS = 10 * MINUTE;

    /**
     * Six spot replicas (spot is cheaper) with two workers each; work of 5 minutes, longer than the notice, so that
     * evicted replicas still hold requests when it ends. No network delay, so nothing is on the way to a replica.
     */
    private static Simulation simulation(final int kind, final double value)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", NOTICE_NS, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int region = b.region(aws, "us-east-1", 100);
        final int type = b.instanceType(aws, "m5.large", 2, 1.0, 30 * SECOND);
        b.offer(region, type, CloudModel.SPOT, PriceSeries.constant(0.03));
        b.offer(region, type, CloudModel.ON_DEMAND, PriceSeries.constant(0.096));
        b.client("c", LoadSeries.constant(0.03));
        b.service(CloudModel.DETERMINISTIC, 5 * MINUTE, 0);
        b.fault(FAULT_NS, kind, aws, region, type, value);
        b.times(60 * MINUTE, 0, MINUTE, 5 * MINUTE);
        return new Simulation(new Engine(1024), b.build(), Fixtures.fixed(6, 1), new RandomStreams(11));
    }

    @Test
    void shouldPreemptNewestExcessReplicasAfterNoticeWhenCapacityDropsBelowRunning()
    {
        final Simulation simulation = simulation(FaultKind.CAPACITY.code(), 2);

        simulation.runUntil(FAULT_NS - 1);
        assertThat(simulation.launches()).isEqualTo(6);
        for (int r = 0; r < 6; r++)
        {
            assertThat(simulation.replicaOffer(r)).isEqualTo(0);
            assertThat(simulation.replicaState(r)).isEqualTo(SimulationView.READY);
        }
        assertThat(simulation.preemptions()).isZero();

        // Capacity 6 -> 2: the four newest get the notice, keep serving what they hold, take nothing new.
        simulation.runUntil(FAULT_NS);
        assertThat(simulation.preemptions()).isEqualTo(4);
        assertThat(simulation.series().get((int)(FAULT_NS / (5 * MINUTE)), 6)).as("preemptions column").isEqualTo(4);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.READY);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.READY);
        for (int r = 2; r < 6; r++)
        {
            assertThat(simulation.replicaState(r)).as("replica " + r).isEqualTo(SimulationView.PREEMPTING);
        }
        // Failover replaced them at once, on-demand: the spot offer stays full while the notices run.
        assertThat(simulation.launches()).isEqualTo(10);
        for (int r = 6; r < 10; r++)
        {
            assertThat(simulation.replicaOffer(r)).isEqualTo(1);
        }
        assertThat(simulation.offerAvailable(0)).isFalse();

        simulation.runUntil(FAULT_NS + NOTICE_NS - 1);
        int held = 0;
        for (int r = 2; r < 6; r++)
        {
            assertThat(simulation.replicaState(r)).isEqualTo(SimulationView.PREEMPTING);
            held += simulation.replicaBusy(r) + simulation.replicaQueueLength(r);
        }
        assertThat(held).as("requests still on the evicted replicas").isPositive();
        final long lostBefore = simulation.retries() + simulation.failed();

        simulation.runUntil(FAULT_NS + NOTICE_NS);
        for (int r = 2; r < 6; r++)
        {
            assertThat(simulation.replicaState(r)).isEqualTo(SimulationView.PREEMPTED);
        }
        // Every request they held went to failover: retried (first loss) or failed.
        assertThat(simulation.retries() + simulation.failed() - lostBefore).isEqualTo(held);
        assertThat(simulation.preemptions()).isEqualTo(4);
        assertThat(simulation.conservationHolds()).isTrue();

        simulation.run();
        // Capacity 2 holds to the end: the control loop keeps 6 active with 2 spot and 4 on-demand.
        assertThat(simulation.preemptions()).isEqualTo(4);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.READY);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.READY);
        assertThat(simulation.launches()).isEqualTo(10);
        assertThat(simulation.conservationHolds()).isTrue();
        assertThat(simulation.arrivals()).isEqualTo(simulation.completed() + simulation.timedOut() +
            simulation.rejected() + simulation.failed() + simulation.inFlight());
    }

    @Test
    void shouldEvictNoneWhenCapacityStaysAtOrAboveRunning()
    {
        final Simulation simulation = simulation(FaultKind.CAPACITY.code(), 6);
        simulation.run();

        assertThat(simulation.preemptions()).isZero();
        assertThat(simulation.launches()).isEqualTo(6);
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldStopLaunchesButEvictNoneWhenSpotBecomesUnavailable()
    {
        final Simulation simulation = simulation(FaultKind.UNAVAILABLE.code(), 0);
        simulation.runUntil(FAULT_NS);

        assertThat(simulation.preemptions()).isZero();
        assertThat(simulation.offerAvailable(0)).isFalse();
        simulation.run();
        assertThat(simulation.preemptions()).isZero();
        assertThat(simulation.conservationHolds()).isTrue();
    }

    /** Like {@link #simulation} with faults at the given times (kind, value) on the spot and on-demand offers' key. */
    private static Simulation withFaults(final long[] timesNs, final int[] kinds, final double[] values)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", NOTICE_NS, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int region = b.region(aws, "us-east-1", 100);
        final int type = b.instanceType(aws, "m5.large", 2, 1.0, 0);
        b.offer(region, type, CloudModel.SPOT, PriceSeries.constant(0.03));
        b.offer(region, type, CloudModel.ON_DEMAND, PriceSeries.constant(0.096));
        b.client("c", LoadSeries.constant(0.03));
        b.service(CloudModel.DETERMINISTIC, 5 * MINUTE, 0);
        for (int i = 0; i < timesNs.length; i++)
        {
            b.fault(timesNs[i], kinds[i], aws, region, -1, values[i]);
        }
        b.times(60 * MINUTE, 0, MINUTE, 5 * MINUTE);
        return new Simulation(new Engine(1024), b.build(), Fixtures.fixed(4, 1), new RandomStreams(11));
    }

    @Test
    void shouldFailEverythingInTheRegionAndRefuseItsOffersUntilTheOutageEnds()
    {
        final Simulation simulation = withFaults(new long[] {FAULT_NS, 2 * FAULT_NS},
            new int[] {FaultKind.OUTAGE_START.code(), FaultKind.OUTAGE_END.code()}, new double[] {0, 0});

        simulation.runUntil(FAULT_NS);
        assertThat(simulation.failures()).isEqualTo(4);
        for (int r = 0; r < 4; r++)
        {
            assertThat(simulation.replicaState(r)).isEqualTo(SimulationView.FAILED);
        }
        assertThat(simulation.offerAvailable(0)).isFalse();
        assertThat(simulation.offerAvailable(1)).isFalse();
        assertThat(simulation.launchesRefused()).isPositive();
        assertThat(simulation.activeReplicas()).isZero();

        simulation.runUntil(2 * FAULT_NS - 1);
        assertThat(simulation.launches()).isEqualTo(4);
        // Ends at 20 minutes, ahead of that minute's control event, which relaunches the fleet.
        simulation.runUntil(2 * FAULT_NS);
        assertThat(simulation.offerAvailable(0)).isTrue();
        assertThat(simulation.activeReplicas()).isEqualTo(4);
        assertThat(simulation.launches()).isEqualTo(8);
        simulation.run();
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldPreemptTheOldestShareOfMatchingSpotReplicasWhenAFractionIsPreempted()
    {
        final Simulation simulation = withFaults(new long[] {FAULT_NS},
            new int[] {FaultKind.PREEMPT_FRACTION.code()}, new double[] {0.5});

        simulation.runUntil(FAULT_NS);
        assertThat(simulation.preemptions()).isEqualTo(2);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.PREEMPTING);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.PREEMPTING);
        assertThat(simulation.replicaState(2)).isEqualTo(SimulationView.READY);
        assertThat(simulation.replicaState(3)).isEqualTo(SimulationView.READY);
    }

    @Test
    void shouldHoldLastingFaultsFromBeforeTheRunAtItsStartButIgnoreEarlierPreemptions()
    {
        assertThat(Simulation.setsState(FaultKind.UNAVAILABLE.code())).isTrue();
        assertThat(Simulation.setsState(FaultKind.OUTAGE_START.code())).isTrue();
        assertThat(Simulation.setsState(FaultKind.PREEMPT.code())).isFalse();
        assertThat(Simulation.setsState(FaultKind.INSTANCE_FAILURE.code())).isFalse();

        // Spot unavailable since before the start: the first fleet is on-demand; the earlier preemption hits nothing.
        final Simulation simulation = withFaults(new long[] {-2 * MINUTE, -MINUTE},
            new int[] {FaultKind.UNAVAILABLE.code(), FaultKind.PREEMPT.code()}, new double[] {0, 4});
        simulation.runUntil(MINUTE);
        assertThat(simulation.offerAvailable(0)).isFalse();
        assertThat(simulation.launches()).isEqualTo(4);
        for (int r = 0; r < 4; r++)
        {
            assertThat(simulation.replicaOffer(r)).isEqualTo(1);
        }
        assertThat(simulation.preemptions()).isZero();
    }
}
