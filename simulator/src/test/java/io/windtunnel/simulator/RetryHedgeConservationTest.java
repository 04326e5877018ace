package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.CheapestPricePlacement;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.HedgeFailover;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.ReplaceOnFailureFailover;
import io.windtunnel.simulator.policy.ResponseListener;
import io.windtunnel.simulator.policy.RetryBackoffFailover;
import io.windtunnel.simulator.policy.RoundRobinBalancer;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.simulator.policy.TargetUtilizationAutoscaler;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conservation with retries after a backoff and hedged requests on, in the random faulty worlds of
 * {@link InFlightTest} (preemptions with and without notice, failures, an outage, timeouts, queue limits), seeded random
 * policies per case: every request ends exactly once, every attempt and copy ends exactly once (a request has one
 * winner, its losers end cancelled), in-flight counts match a recount of the request table at every event, no two
 * copies of a request are on one replica, and the hedge and retry counters agree with the failover events.
 */
class RetryHedgeConservationTest
{
    /**
     * Delegates the decisions and checks every event: each (request, attempt) sent once and ended once, nothing
     * after a request's end, one completion per completed request, a request's end with none of its attempts open.
     */
    static final class CheckingFailover implements FailoverPolicy
    {
        private final FailoverPolicy delegate;
        final Map<Long, Set<Integer>> open = new HashMap<>();
        final Set<Long> ended = new HashSet<>();
        final Set<Long> completedRequests = new HashSet<>();
        final List<String> problems = new ArrayList<>();
        long sent;
        long completed;
        long lost;
        long cancelled;
        long ends;

        CheckingFailover(final FailoverPolicy delegate)
        {
            this.delegate = delegate;
        }

        @Override
        public int replacements(final SimulationView view, final int replica, final int reason)
        {
            return delegate.replacements(view, replica, reason);
        }

        @Override
        public boolean retryLostRequest(final SimulationView view, final int attempts)
        {
            return delegate.retryLostRequest(view, attempts);
        }

        @Override
        public long retryDelayNs(final SimulationView view, final long requestId, final int attempts,
            final int outcome)
        {
            if (!open.getOrDefault(requestId, Set.of()).isEmpty())
            {
                problems.add("request " + requestId + " asked for a retry with copies out");
            }
            return delegate.retryDelayNs(view, requestId, attempts, outcome);
        }

        @Override
        public long hedgeDelayNs(final SimulationView view, final long requestId, final int hedgesSent)
        {
            return delegate.hedgeDelayNs(view, requestId, hedgesSent);
        }

        @Override
        public void onSent(final SimulationView view, final long requestId, final int attempt, final int replica)
        {
            sent++;
            if (ended.contains(requestId))
            {
                problems.add("request " + requestId + " sent attempt " + attempt + " after its end");
            }
            if (!open.computeIfAbsent(requestId, id -> new HashSet<>()).add(attempt))
            {
                problems.add("request " + requestId + " attempt " + attempt + " sent twice");
            }
            delegate.onSent(view, requestId, attempt, replica);
        }

        @Override
        public void onCompleted(final SimulationView view, final long requestId, final int attempt, final int replica,
            final long latencyNs)
        {
            completed++;
            close(requestId, attempt);
            if (!completedRequests.add(requestId))
            {
                problems.add("request " + requestId + " completed twice");
            }
            delegate.onCompleted(view, requestId, attempt, replica, latencyNs);
        }

        @Override
        public void onLost(final SimulationView view, final long requestId, final int attempt, final int replica,
            final int outcome)
        {
            lost++;
            if (outcome == ResponseListener.CANCELLED)
            {
                cancelled++;
            }
            close(requestId, attempt);
            delegate.onLost(view, requestId, attempt, replica, outcome);
        }

        @Override
        public void onEnded(final SimulationView view, final long requestId, final int attempts, final int outcome)
        {
            ends++;
            if (!ended.add(requestId))
            {
                problems.add("request " + requestId + " ended twice");
            }
            if (!open.getOrDefault(requestId, Set.of()).isEmpty())
            {
                problems.add("request " + requestId + " ended with attempts " + open.get(requestId) + " open");
            }
            if ((outcome == ResponseListener.COMPLETED) != completedRequests.contains(requestId))
            {
                problems.add("request " + requestId + " ended " + outcome + " after completions: " +
                    completedRequests.contains(requestId));
            }
            open.remove(requestId);
            delegate.onEnded(view, requestId, attempts, outcome);
        }

        private void close(final long requestId, final int attempt)
        {
            if (!open.getOrDefault(requestId, Set.of()).remove(attempt))
            {
                problems.add("request " + requestId + " attempt " + attempt + " ended but was not open");
            }
        }
    }

    /** @return a hedging or backoff policy with parameters drawn from {@code random}. */
    private static FailoverPolicy randomPolicy(final RandomStream random)
    {
        if (random.bernoulli(0.5))
        {
            return new HedgeFailover(random.bernoulli(0.5) ? "fixed" : "percentile",
                (5 + random.nextInt(100)) * 1_000_000L, 50 + random.nextInt(49), 10 + random.nextInt(500),
                1 + random.nextInt(3), random.nextInt(3));
        }
        final boolean[] on = {random.bernoulli(0.7), random.bernoulli(0.7), random.bernoulli(0.7)};
        return new RetryBackoffFailover((1 + random.nextInt(200)) * 1_000_000L, 1 + random.nextDouble() * 2,
            (200 + random.nextInt(2_000)) * 1_000_000L, 1 + random.nextInt(4),
            new String[] {"full", "equal", "none"}[random.nextInt(3)], on);
    }

    @RepeatedTest(12)
    void shouldEndEveryRequestAndEveryCopyOnceWhenRetriesBackOffAndRequestsAreHedged(final RepetitionInfo info)
    {
        final long seed = 5_000 + info.getCurrentRepetition();
        final RandomStream random = new RandomStream(seed);
        final CloudModel model = InFlightTest.randomModel(seed);
        final FailoverPolicy policy = randomPolicy(random);
        final CheckingFailover failover = new CheckingFailover(policy);
        final Balancer balancer = random.bernoulli(0.5) ? new RoundRobinBalancer()
            : new InFlightTest.LeastInFlightBalancer();
        final PolicyStack stack = new PolicyStack("copies", Map.of(),
            () -> new TargetUtilizationAutoscaler(0.5, 2, 10, 4),
            () -> new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true, true}),
            () -> balancer, () -> failover);
        final Engine engine = new Engine(1024);
        final Simulation simulation = new Simulation(engine, model, stack, new RandomStreams(seed));
        final RequestTable table = simulation.requestTable();

        long events = 0;
        while (engine.runEvents(1) == 1 && engine.nowNs() < model.durationNs)
        {
            events++;
            if (events % 61 == 0)
            {
                final int[] inHand = new int[(int)simulation.launches()];
                final Map<Integer, Set<Integer>> replicasOfRequest = new HashMap<>();
                for (int slot = 0; slot < table.capacity(); slot++)
                {
                    if (table.where[slot] == RequestTable.NOWHERE)
                    {
                        continue;
                    }
                    inHand[table.replica[slot]]++;
                    final int home = policy instanceof HedgeFailover ? table.home[slot] : slot;
                    assertThat(replicasOfRequest.computeIfAbsent(home, h -> new HashSet<>()).add(table.replica[slot]))
                        .as("two copies of request slot %d on replica %d", home, table.replica[slot]).isTrue();
                }
                for (int r = 0; r < inHand.length; r++)
                {
                    assertThat(simulation.replicaInFlight(r)).as("replica %d after event %d", r, events)
                        .isEqualTo(inHand[r]);
                }
            }
        }
        simulation.finish();

        assertThat(failover.problems).as(policy.getClass().getSimpleName()).isEmpty();
        assertThat(simulation.conservationHolds()).isTrue();
        assertThat(failover.ends).isEqualTo(simulation.arrivals() - simulation.inFlight());
        assertThat(failover.completed).isEqualTo(simulation.completed());
        assertThat(failover.cancelled).isEqualTo(simulation.copiesCancelled());
        long openAttempts = 0;
        for (final Set<Integer> attempts : failover.open.values())
        {
            openAttempts += attempts.size();
        }
        long inFlight = 0;
        for (int r = 0; r < simulation.launches(); r++)
        {
            inFlight += simulation.replicaInFlight(r);
        }
        assertThat(failover.sent - failover.completed - failover.lost).isEqualTo(openAttempts).isEqualTo(inFlight);
        assertThat(simulation.hedgeWins()).isLessThanOrEqualTo(simulation.duplicatedRequests());
        assertThat(simulation.duplicatedRequests()).isLessThanOrEqualTo(simulation.hedgesSent());
        assertThat(simulation.copiesCancelled()).isLessThanOrEqualTo(simulation.hedgesSent());
        assertThat(simulation.delayedRetries()).isLessThanOrEqualTo(simulation.retries());
        if (policy instanceof HedgeFailover)
        {
            assertThat(simulation.hedgesSent()).isPositive();
            assertThat(simulation.hedgeWins()).isPositive();
            assertThat(simulation.copiesCancelled()).isPositive();
        }
        else
        {
            assertThat(simulation.hedgesSent()).isZero();
        }
    }

    @Test
    void shouldGiveTheSameRunThroughTheGeneralPathWhenTheHooksKeepTheirDefaults()
    {
        final CloudModel model = ConservationTest.faultyModel(3);
        final PolicyStack inline = ConservationTest.spotStack();
        // The checking wrapper overrides retryDelayNs and hedgeDelayNs, delegating to replace-on-failure's defaults.
        final PolicyStack general = new PolicyStack("general", Map.of(), inline.autoscaler(), inline.placement(),
            inline.balancer(), () -> new CheckingFailover(new ReplaceOnFailureFailover(1)));
        final Simulation a = Fixtures.run(model, inline, 3);
        final Simulation b = Fixtures.run(model, general, 3);

        assertThat(a.retries()).isPositive();
        assertThat(a.failed() + a.timedOut() + a.rejected()).isPositive();
        assertThat(new long[] {b.arrivals(), b.completed(), b.timedOut(), b.rejected(), b.failed(), b.retries(),
            b.inFlight(), b.sloViolations()})
            .containsExactly(a.arrivals(), a.completed(), a.timedOut(), a.rejected(), a.failed(), a.retries(),
                a.inFlight(), a.sloViolations());
        assertThat(b.latency().total()).isEqualTo(a.latency().total());
        assertThat(b.totalCostUsd()).isEqualTo(a.totalCostUsd());
        assertThat(b.hedgesSent() + b.delayedRetries()).isZero();
    }
}
