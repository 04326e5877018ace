package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.ConservationTestModels;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The contract kits' shared run: the faulty two-provider world of {@code ConservationTest} (spot preemptions with
 * and without notice, instance failures, a region outage, a spot pool that disappears, evictions over a capacity
 * drop, timeouts, queue limits), one policy under test in its slot and the defaults in the others, and a check that
 * every request ends exactly once.
 */
final class ContractRuns
{
    private ContractRuns()
    {
    }

    /**
     * Wraps a failover policy, delegating everything, and checks through its events that each request ends once.
     */
    static final class EndsOnce implements FailoverPolicy
    {
        private final FailoverPolicy delegate;
        final BitSet ended = new BitSet();
        final List<String> problems = new ArrayList<>();
        long ends;

        EndsOnce(final FailoverPolicy delegate)
        {
            this.delegate = delegate;
        }

        @Override
        public int replacements(final SimulationView view, final int replica, final int reason)
        {
            final int replacements = delegate.replacements(view, replica, reason);
            if (replacements < 0)
            {
                problems.add("replacements " + replacements + " for replica " + replica);
            }
            return replacements;
        }

        @Override
        public boolean retryLostRequest(final SimulationView view, final int attempts)
        {
            return delegate.retryLostRequest(view, attempts);
        }

        @Override
        public void onSent(final SimulationView view, final long requestId, final int attempt, final int replica)
        {
            delegate.onSent(view, requestId, attempt, replica);
        }

        @Override
        public void onCompleted(final SimulationView view, final long requestId, final int attempt, final int replica,
            final long latencyNs)
        {
            delegate.onCompleted(view, requestId, attempt, replica, latencyNs);
        }

        @Override
        public void onLost(final SimulationView view, final long requestId, final int attempt, final int replica,
            final int outcome)
        {
            delegate.onLost(view, requestId, attempt, replica, outcome);
        }

        @Override
        public void onEnded(final SimulationView view, final long requestId, final int attempts, final int outcome)
        {
            ends++;
            if (ended.get((int)requestId))
            {
                problems.add("request " + requestId + " ended twice");
            }
            ended.set((int)requestId);
            delegate.onEnded(view, requestId, attempts, outcome);
        }

        @Override
        public boolean drainOnNotice(final SimulationView view, final int replica)
        {
            return delegate.drainOnNotice(view, replica);
        }

        @Override
        public void onStart(final SimulationView view, final FleetControl fleet)
        {
            delegate.onStart(view, fleet);
        }

        @Override
        public void onControl(final SimulationView view, final FleetControl fleet)
        {
            delegate.onControl(view, fleet);
        }

        @Override
        public void onWake(final SimulationView view, final FleetControl fleet)
        {
            delegate.onWake(view, fleet);
        }

        @Override
        public long retryDelayNs(final SimulationView view, final long requestId, final int attempts,
            final int outcome)
        {
            return delegate.retryDelayNs(view, requestId, attempts, outcome);
        }

        @Override
        public long hedgeDelayNs(final SimulationView view, final long requestId, final int hedgesSent)
        {
            return delegate.hedgeDelayNs(view, requestId, hedgesSent);
        }
    }

    /** @return the contract kits' world. */
    static CloudModel model()
    {
        return ConservationTestModels.small();
    }

    /**
     * Run the world with the given policies (null: the slot's default) and check conservation: every request that
     * arrived ended exactly once or is still in flight, with preemptions, failures and retries along the way.
     *
     * @return the finished run.
     */
    static Simulation runAndCheckConservation(final Autoscaler autoscaler, final PlacementPolicy placement,
        final Balancer balancer, final FailoverPolicy failover)
    {
        final CloudModel model = model();
        final EndsOnce ends = new EndsOnce(failover != null ? failover : new DrainOnNoticeFailover(1));
        final PolicyStack stack = new PolicyStack("contract", Map.of(),
            () -> autoscaler != null ? autoscaler : new TargetUtilizationAutoscaler(0.6, 2, 60, 6),
            () -> placement != null ? placement
                : new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true, true}),
            () -> balancer != null ? balancer : new RoundRobinBalancer(),
            () -> ends);
        final Simulation simulation = new Simulation(new Engine(1024), model, stack, new RandomStreams(11));
        simulation.run();

        assertThat(ends.problems).isEmpty();
        assertThat(simulation.conservationHolds()).isTrue();
        assertThat(ends.ends).isEqualTo(simulation.arrivals() - simulation.inFlight());
        assertThat(ends.ended.cardinality()).isEqualTo((int)ends.ends);
        // The world's instance failures and outage hit every fleet; preemptions only one that runs spot.
        assertThat(simulation.failures()).isPositive();
        return simulation;
    }
}
