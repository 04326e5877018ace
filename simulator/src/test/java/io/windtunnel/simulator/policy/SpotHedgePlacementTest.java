package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

class SpotHedgePlacementTest extends PlacementContractTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new SpotHedgePlacement(1, 1, true, new boolean[] {true, true}, new boolean[] {true, true, true});
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        // gcp only: its spot and on-demand offers in us-central1.
        return new SpotHedgePlacement(1, 1, true, new boolean[] {false, true}, new boolean[] {true, true, true});
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.typeProvider[model.offerType[offer]] == 1;
    }

    /**
     * One region of three zones, spot cheapest in {@code a}, then {@code b}, then {@code c}, and an on-demand offer;
     * from 10 to 40 minutes zone {@code a} loses every spot replica every 3 minutes (a preemption burst).
     */
    static CloudModel zoneBurstModel()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 30 * SECOND, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int region = b.region(aws, "us-east-1", 100);
        final int a = b.zone(region, "us-east-1a");
        final int zb = b.zone(region, "us-east-1b");
        final int c = b.zone(region, "us-east-1c");
        final int type = b.instanceType(aws, "m5.large", 2, 1.0, 90 * SECOND);
        b.offerInZone(a, type, CloudModel.SPOT, PriceSeries.constant(0.030));
        b.offerInZone(zb, type, CloudModel.SPOT, PriceSeries.constant(0.036));
        b.offerInZone(c, type, CloudModel.SPOT, PriceSeries.constant(0.042));
        b.offer(region, type, CloudModel.ON_DEMAND, PriceSeries.constant(0.096));
        final int client = b.client("us", LoadSeries.constant(150));
        b.rtt(client, region, 5_000_000L);
        for (long t = 10 * MINUTE; t <= 40 * MINUTE; t += 3 * MINUTE)
        {
            b.zoneFault(t, FaultKind.PREEMPT_FRACTION.code(), a, -1, 1.0);
        }
        b.service(CloudModel.EXPONENTIAL, 20_000_000, 1);
        b.requests(50, 2 * SECOND, 1);
        // Available while 3 of the 4 replicas are ready.
        b.slo(500_000_000L, 3);
        b.times(60 * MINUTE, 5 * MINUTE, MINUTE, MINUTE);
        return b.build();
    }

    /** What a run lost: replica-minutes below the target of 4 ready (from the warm-up on), and requests. */
    private record Outcome(double lostReadyReplicaMinutes, double availability, long notCompleted,
        Simulation simulation)
    {
    }

    private static Outcome run(final Supplier<PlacementPolicy> placement, final BoundedDecisionLog log)
    {
        final PolicyStack stack = new PolicyStack("burst", Map.of(), () -> new FixedAutoscaler(4), placement,
            RoundRobinBalancer::new, () -> new DrainOnNoticeFailover(1));
        final Simulation simulation = new Simulation(new Engine(1024), zoneBurstModel(), stack,
            new RandomStreams(5));
        if (log != null)
        {
            simulation.recordDecisions(log);
        }
        double lostReplicaSeconds = 0;
        for (long t = 5 * SECOND; t < 60 * MINUTE; t += 5 * SECOND)
        {
            simulation.runUntil(t);
            if (t >= 5 * MINUTE)
            {
                lostReplicaSeconds += Math.max(0, 4 - simulation.readyCount()) * 5.0;
            }
        }
        simulation.run();
        return new Outcome(lostReplicaSeconds / 60, simulation.availabilityTimeShare(),
            simulation.arrivals() - simulation.completed(), simulation);
    }

    @Test
    void shouldKeepCapacityThroughZonePreemptionBurstWhereCheapestSpotLosesIt()
    {
        final Outcome cheapest = run(() -> new CheapestPricePlacement(new boolean[] {false, true},
            new boolean[] {true}), null);
        // The location rule alone: no over-provisioning, no on-demand.
        final Outcome hedge = run(() -> new SpotHedgePlacement(0, 0, false, new boolean[] {true},
            new boolean[] {true}), null);
        // SkyServe's SpotHedge with one spare spot replica and the dynamic on-demand fallback.
        final Outcome full = run(() -> new SpotHedgePlacement(1, 0, true, new boolean[] {true},
            new boolean[] {true}), null);

        // Cheapest-first keeps every replica in zone a and goes back there after each preemption: all four are
        // preempted at each of the 11 bursts, and the fleet has no ready replica from each notice until the
        // replacements have booted, so requests are turned away.
        assertThat(cheapest.simulation().preemptions()).isGreaterThanOrEqualTo(4 * 11);
        assertThat(cheapest.lostReadyReplicaMinutes()).isGreaterThan(30);
        assertThat(cheapest.notCompleted()).isGreaterThan(10_000);
        // SpotHedge leaves zone a after its first preemption: the burst takes the replicas there once.
        assertThat(hedge.simulation().preemptions()).isLessThanOrEqualTo(4);
        assertThat(hedge.lostReadyReplicaMinutes()).isLessThan(cheapest.lostReadyReplicaMinutes() / 5);
        assertThat(hedge.availability()).isGreaterThan(cheapest.availability());
        assertThat(hedge.notCompleted()).isLessThan(cheapest.notCompleted() / 100);
        assertThat(full.simulation().preemptions()).isLessThanOrEqualTo(5);
        assertThat(full.lostReadyReplicaMinutes()).isLessThan(cheapest.lostReadyReplicaMinutes() / 5);
        assertThat(full.notCompleted()).isLessThan(cheapest.notCompleted() / 100);
        // Spread over three zones costs more than the cheapest zone alone, and the fallback more again.
        assertThat(hedge.simulation().totalCostUsd()).isGreaterThan(cheapest.simulation().totalCostUsd());
        assertThat(full.simulation().totalCostUsd()).isGreaterThan(hedge.simulation().totalCostUsd());
    }

    @Test
    void shouldSpreadSpotReplicasOverLocationsCheapestFirst()
    {
        final CloudModel model = zoneBurstModel();
        final FakeView view = new FakeView(model);
        final SpotHedgePlacement hedge = new SpotHedgePlacement(0, 0, false, new boolean[] {true},
            new boolean[] {true});
        final int[] plan = new int[model.offers()];
        assertThat(hedge.planAllocation(view, 3, plan)).isTrue();
        assertThat(plan).containsExactly(1, 1, 1, 0);
        // A fourth goes to the cheapest active location, as every one holds a replica.
        final int[] four = new int[model.offers()];
        hedge.planAllocation(view, 4, four);
        assertThat(four).containsExactly(2, 1, 1, 0);
        // From a fleet all in zone a, the missing replicas go to the zones holding none first.
        final int[] crowded = {3, 0, 0, 0};
        hedge.planAllocation(view, 5, crowded);
        assertThat(crowded).containsExactly(3, 1, 1, 0);
        // An unavailable location is skipped.
        view.unavailable[1] = true;
        final int[] skip = new int[model.offers()];
        hedge.planAllocation(view, 2, skip);
        assertThat(skip).containsExactly(1, 0, 1, 0);
    }

    @Test
    void shouldAvoidPreemptedLocationsAndResetAllWhenFewerThanTwoRemainActive()
    {
        final CloudModel model = zoneBurstModel();
        final FakeView view = new FakeView(model);
        final SpotHedgePlacement hedge = new SpotHedgePlacement(0, 0, false, new boolean[] {true},
            new boolean[] {true});
        assertThat(hedge.chooseOffer(view)).isEqualTo(0);
        final int a = hedge.locationOf(0);
        final int b = hedge.locationOf(1);
        final int c = hedge.locationOf(2);
        assertThat(hedge.locationOf(3)).as("on-demand is no location").isEqualTo(-1);

        // A failure is not a preemption: zone a stays active.
        view.replicaOffer[0] = 0;
        hedge.onReplicaLost(view, 0, FailoverPolicy.FAILURE);
        assertThat(hedge.locationActive(a)).isTrue();
        hedge.onReplicaLost(view, 0, FailoverPolicy.PREEMPTION);
        assertThat(hedge.locationActive(a)).isFalse();
        assertThat(hedge.chooseOffer(view)).as("cheapest active: b").isEqualTo(1);
        // b holding a replica, c is the cheapest active location holding none.
        view.offerActive[1] = 1;
        assertThat(hedge.chooseOffer(view)).isEqualTo(2);
        view.offerActive[2] = 1;
        assertThat(hedge.chooseOffer(view)).as("all active ones hold: cheapest active").isEqualTo(1);

        // Preempting b leaves only c active: fewer than two, so all three are active again.
        view.replicaOffer[1] = 1;
        hedge.onReplicaLost(view, 1, FailoverPolicy.PREEMPTION);
        assertThat(hedge.locationActive(a)).isTrue();
        assertThat(hedge.locationActive(b)).isTrue();
        assertThat(hedge.locationActive(c)).isTrue();
        assertThat(hedge.chooseOffer(view)).as("a holds none and is active again").isEqualTo(0);
    }

    @Test
    void shouldUseCheapestPreemptedLocationOnlyWhenNoActiveOneIsAvailable()
    {
        final CloudModel model = zoneBurstModel();
        final FakeView view = new FakeView(model);
        final SpotHedgePlacement hedge = new SpotHedgePlacement(0, 0, false, new boolean[] {true},
            new boolean[] {true});
        view.replicaOffer[0] = 0;
        hedge.onReplicaLost(view, 0, FailoverPolicy.PREEMPTION);
        view.unavailable[1] = true;
        view.unavailable[2] = true;
        assertThat(hedge.chooseOffer(view)).isEqualTo(0);
        view.unavailable[0] = true;
        assertThat(hedge.chooseOffer(view)).as("no spot location available").isEqualTo(-1);
    }

    @Test
    void shouldReplaceLostOnDemandReplicaOnDemand()
    {
        final CloudModel model = zoneBurstModel();
        final FakeView view = new FakeView(model);
        final SpotHedgePlacement hedge = new SpotHedgePlacement(0, 1, true, new boolean[] {true},
            new boolean[] {true});
        view.replicaOffer[0] = 3;
        hedge.onReplicaLost(view, 0, FailoverPolicy.FAILURE);
        assertThat(hedge.chooseOffer(view)).isEqualTo(3);
        view.replicaOffer[1] = 1;
        hedge.onReplicaLost(view, 1, FailoverPolicy.PREEMPTION);
        assertThat(hedge.chooseOffer(view)).isEqualTo(0);
    }

    @Test
    void shouldRunOnDemandFallbackOfBasePlusSpotNotReadyCappedAtTarget()
    {
        final SpotHedgePlacement dynamic = new SpotHedgePlacement(1, 1, true, new boolean[] {true},
            new boolean[] {true});
        // Target 4, one over-provisioned, one base on demand: 4 spot.
        assertThat(dynamic.spotReplicas(4)).isEqualTo(4);
        assertThat(dynamic.onDemandReplicas(4, 0)).as("1 + 4, capped at 4").isEqualTo(4);
        assertThat(dynamic.onDemandReplicas(4, 2)).isEqualTo(3);
        assertThat(dynamic.onDemandReplicas(4, 4)).isEqualTo(1);
        assertThat(dynamic.onDemandReplicas(4, 6)).as("more spot ready than wanted").isEqualTo(1);
        final SpotHedgePlacement staticBase = new SpotHedgePlacement(1, 1, false, new boolean[] {true},
            new boolean[] {true});
        assertThat(staticBase.onDemandReplicas(4, 0)).isEqualTo(1);
        final SpotHedgePlacement bigBase = new SpotHedgePlacement(1, 6, true, new boolean[] {true},
            new boolean[] {true});
        assertThat(bigBase.spotReplicas(4)).isZero();
        assertThat(bigBase.onDemandReplicas(4, 0)).as("base capped at the target").isEqualTo(4);

        // In a plan: two ready spot replicas of the four wanted -> 1 + 2 on demand.
        final CloudModel model = zoneBurstModel();
        final FakeView view = new FakeView(model);
        view.ready = new int[] {0, 1};
        view.replicaOffer[0] = 0;
        view.replicaOffer[1] = 1;
        final int[] plan = {1, 1, 0, 0};
        dynamic.planAllocation(view, 4, plan);
        // Spot: c holds none, then the cheapest active (a); on demand: 1 + (4 - 2).
        assertThat(plan).containsExactly(2, 1, 1, 3);
    }

    @Test
    void shouldDrainNewestSurplusFirst()
    {
        final CloudModel model = zoneBurstModel();
        final FakeView view = new FakeView(model);
        final SpotHedgePlacement hedge = new SpotHedgePlacement(0, 0, false, new boolean[] {true},
            new boolean[] {true});
        view.replicaCount = 3;
        view.ready = new int[] {0, 1, 2};
        view.replicaOffer[0] = 2;
        view.replicaOffer[1] = 0;
        view.replicaOffer[2] = 1;
        final int[] plan = {1, 1, 1, 0};
        hedge.planAllocation(view, 2, plan);
        assertThat(plan).as("replica 2, the newest, on offer 1").containsExactly(1, 0, 1, 0);
    }

    @Test
    void shouldRecordEachPlacementWithLocationStateAndHolding()
    {
        final BoundedDecisionLog log = new BoundedDecisionLog(10_000, 100_000, 1_000_000);
        run(() -> new SpotHedgePlacement(0, 0, false, new boolean[] {true}, new boolean[] {true}), log);
        assertThat(log.size()).isPositive();
        boolean sawPreemptedA = false;
        for (int d = 0; d < log.size(); d++)
        {
            assertThat(log.policy(d)).isEqualTo("spot-hedge");
            for (int o = 0; o < log.optionCount(d); o++)
            {
                final int offer = log.optionOffer(d, o);
                assertThat(log.score(d, o, SpotHedgePlacement.ACTIVE)).isIn(0.0, 1.0);
                assertThat(log.score(d, o, SpotHedgePlacement.HOLDING)).isIn(0.0, 1.0);
                assertThat(log.score(d, o, CheapestOffer.PRICE_PER_WORKER)).isPositive();
                if (offer == 0 && log.score(d, o, SpotHedgePlacement.ACTIVE) == 0)
                {
                    sawPreemptedA = true;
                    assertThat(log.chosen(d)).as("decision %d at %d", d, log.timeNs(d)).isNotEqualTo(0);
                }
            }
        }
        assertThat(sawPreemptedA).isTrue();
        assertThat(log.rule(0)).isEqualTo(SpotHedgePlacement.RULE_ACTIVE_FREE);
    }
}
