package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.DrainOnNoticeFailover;
import io.windtunnel.simulator.policy.EdgeFirstBalancer;
import io.windtunnel.simulator.policy.EdgeReservePlacement;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.simulator.policy.LatencyBudgetBalancer;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.SimulationView;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Edge sites' random outages ({@link CloudModel#regionEdgeMtbfNs}): drawn from the replication's own stream, so
 * every stack of a replication sees the same outages and another replication others; an outage fails the site's
 * replicas and nothing launches there until it is repaired.
 */
class EdgeSiteTest
{
    private static final long HOUR_NS = 3_600_000_000_000L;
    private static final long REPAIR_NS = 600_000_000_000L;
    private static final int SITE = 1;

    /** One cloud region (0) and one edge site (1, capacity 2), 24 hours of 50 requests/s. */
    static CloudModel model(final long mtbfNs)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int cloud = b.provider("cloud", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int edge = b.provider("edge", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int region = b.region(cloud, "cloud-1", 100);
        final int site = b.region(edge, "site", 2);
        b.edgeSite(site, mtbfNs, mtbfNs > 0 ? REPAIR_NS : 0);
        b.offer(region, b.instanceType(cloud, "vm", 4, 1.0, 30_000_000_000L), CloudModel.ON_DEMAND,
            PriceSeries.constant(0.1));
        b.offer(site, b.instanceType(edge, "box", 2, 1.0, 30_000_000_000L), CloudModel.ON_DEMAND,
            PriceSeries.constant(0.3));
        final int client = b.client("devices", LoadSeries.constant(50));
        b.rtt(client, region, 120_000_000L).rtt(client, site, 5_000_000L);
        b.service(CloudModel.EXPONENTIAL, 20_000_000, 1);
        b.slo(100_000_000L, 1);
        b.times(24 * HOUR_NS, 0, 60_000_000_000L, 600_000_000_000L);
        return b.build();
    }

    /** Placement that records when edge-site replicas were lost, delegating to {@link EdgeReservePlacement}. */
    private static final class Recording implements PlacementPolicy
    {
        final PlacementPolicy delegate =
            new EdgeReservePlacement(new boolean[] {true, true}, new boolean[] {true, true}, 0);
        final List<Long> siteLossesNs = new ArrayList<>();

        @Override
        public int chooseOffer(final SimulationView view)
        {
            return delegate.chooseOffer(view);
        }

        @Override
        public boolean planAllocation(final SimulationView view, final int desiredReplicas, final int[] plan)
        {
            return delegate.planAllocation(view, desiredReplicas, plan);
        }

        @Override
        public void onReplicaLost(final SimulationView view, final int replica, final int reason)
        {
            if (view.model().offerRegion[view.replicaOffer(replica)] == SITE)
            {
                siteLossesNs.add(view.nowNs());
            }
        }
    }

    private static Recording run(final CloudModel model, final Supplier<Balancer> balancer, final int replication)
    {
        final Recording placement = new Recording();
        final PolicyStack stack = new PolicyStack("edge", Map.of(), () -> new FixedAutoscaler(6), () -> placement,
            balancer, () -> new DrainOnNoticeFailover(1));
        final Simulation simulation = new Simulation(new Engine(1024), model, stack,
            new RandomStreams(5).forReplication(replication));
        simulation.run();
        assertThat(simulation.conservationHolds()).isTrue();
        // Nothing launched at the site while it was down.
        for (int r = 0; r < simulation.launches(); r++)
        {
            if (model.offerRegion[simulation.replicaOffer(r)] == SITE)
            {
                final long launchNs = simulation.replicaLaunchNs(r);
                for (final long downNs : placement.siteLossesNs)
                {
                    assertThat(launchNs > downNs && launchNs < downNs + REPAIR_NS)
                        .as("replica %d launched at %d, in the outage from %d", r, launchNs, downNs).isFalse();
                }
            }
        }
        return placement;
    }

    @Test
    void shouldGiveEveryStackOfAReplicationTheSameOutagesAndAnotherReplicationOthers()
    {
        final CloudModel model = model(2 * HOUR_NS);
        final List<Long> edgeFirst = run(model, () -> new EdgeFirstBalancer(1, 2), 0).siteLossesNs;
        final List<Long> budget = run(model, () -> new LatencyBudgetBalancer(0.8, 1, 2), 0).siteLossesNs;
        final List<Long> other = run(model, () -> new EdgeFirstBalancer(1, 2), 1).siteLossesNs;

        // 24 h at a mean of 2 h up + 10 min down: about 11 outages, each failing the site's 2 replicas.
        final List<Long> outages = edgeFirst.stream().distinct().toList();
        assertThat(outages.size()).isBetween(4, 25);
        assertThat(edgeFirst).hasSize(2 * outages.size());
        for (int i = 1; i < outages.size(); i++)
        {
            assertThat(outages.get(i) - outages.get(i - 1)).isGreaterThanOrEqualTo(REPAIR_NS);
        }
        assertThat(budget).isEqualTo(edgeFirst);
        assertThat(other).isNotEqualTo(edgeFirst);
    }

    @Test
    void shouldNeverTakeASiteDownWithoutMtbf()
    {
        assertThat(run(model(0), () -> new EdgeFirstBalancer(1, 2), 0).siteLossesNs).isEmpty();
    }
}
