package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.traces.FaultKind;

import java.util.Map;

/**
 * A small world for the capacity failovers' behaviour tests: one provider (AWS-like, 2-minute notice, per-second
 * billing) with two regions, {@code east} (region 0, cheaper) and {@code west} (region 1), one instance type (2 workers,
 * 60 s boot), spot and on-demand in each, one client at 20 requests/s with 10 ms to both regions, an hour long.
 */
final class CapacityWorlds
{
    static final long SECOND = 1_000_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final int EAST = 0;
    static final int WEST = 1;
    /** Offers, in declaration order. */
    static final int EAST_SPOT = 0;
    static final int EAST_ON_DEMAND = 1;
    static final int WEST_SPOT = 2;
    static final int WEST_ON_DEMAND = 3;

    private CapacityWorlds()
    {
    }

    /** A fault to add: at {@code timeNs}, of {@code kind}, in {@code region}, with {@code value}. */
    record Fault(long timeNs, FaultKind kind, int region, double value)
    {
    }

    /**
     * @param faults the faults, on the provider's spot or all replicas as the kind says.
     * @return the world.
     */
    static CloudModel model(final Fault... faults)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 2 * MINUTE, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(aws, "east", 40);
        final int west = b.region(aws, "west", 40);
        final int m5 = b.instanceType(aws, "m5.large", 2, 1.0, MINUTE);
        b.offer(east, m5, CloudModel.SPOT, PriceSeries.constant(0.03));
        b.offer(east, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.10));
        b.offer(west, m5, CloudModel.SPOT, PriceSeries.constant(0.04));
        b.offer(west, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.12));
        final int us = b.client("us", LoadSeries.constant(20));
        b.rtt(us, east, 10_000_000L).rtt(us, west, 10_000_000L);
        for (final Fault f : faults)
        {
            b.fault(f.timeNs(), f.kind().code(), aws, f.region(), -1, f.value());
        }
        b.service(CloudModel.LOGNORMAL, 50_000_000, 1.0);
        b.requests(100, 2 * SECOND, 1);
        b.slo(300_000_000L, 1);
        b.times(60 * MINUTE, 5 * MINUTE, MINUTE, MINUTE);
        return b.build();
    }

    /**
     * @param model    a world.
     * @param replicas the fixed autoscaler's count.
     * @param markets  placement's markets: {on-demand, spot}.
     * @param failover the failover under test.
     * @return a run, not started.
     */
    static Simulation simulation(final CloudModel model, final int replicas, final boolean[] markets,
        final FailoverPolicy failover)
    {
        final PolicyStack stack = new PolicyStack("capacity", Map.of(), () -> new FixedAutoscaler(replicas),
            () -> new CheapestPricePlacement(markets, new boolean[] {true}), RoundRobinBalancer::new,
            () -> failover);
        return new Simulation(new Engine(1024), model, stack, new RandomStreams(3));
    }

    /**
     * @param simulation a run.
     * @param region     a region.
     * @return its replicas in a state, counting spares or not.
     */
    static int count(final Simulation simulation, final int region, final int state, final boolean spare)
    {
        int n = 0;
        for (int r = 0; r < simulation.replicaCount(); r++)
        {
            if (simulation.model().offerRegion[simulation.replicaOffer(r)] == region &&
                simulation.replicaState(r) == state && simulation.replicaSpare(r) == spare)
            {
                n++;
            }
        }
        return n;
    }

    /**
     * @param simulation a run.
     * @param region     a region.
     * @return its replicas on the ready list.
     */
    static int readyIn(final Simulation simulation, final int region)
    {
        int n = 0;
        for (int i = 0; i < simulation.readyCount(); i++)
        {
            if (simulation.model().offerRegion[simulation.replicaOffer(simulation.readyReplica(i))] == region)
            {
                n++;
            }
        }
        return n;
    }
}
