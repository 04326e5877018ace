package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.CheapestPricePlacement;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.ReplaceOnFailureFailover;
import io.windtunnel.simulator.policy.ResponseListener;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.simulator.policy.TargetUtilizationAutoscaler;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The simulator's per-replica in-flight counts ({@link SimulationView#replicaInFlight}) and the feedback callbacks:
 * the count is exact and never negative at every event, also when a replica ends with requests in hand (SkyPilot's
 * least-load balancer leaked its counts on errors and sent traffic to replicas with negative load), with retries and
 * timeouts; the failover policy sees each request's events in order, with the right ids.
 */
class InFlightTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final long MINUTE = 60 * SECOND;

    /**
     * Picks the replica with the fewest attempts in hand (the simulator's count), and checks on every call that no
     * ready replica's count is negative.
     */
    static final class LeastInFlightBalancer implements Balancer
    {
        long responses;
        long rejectedByItself;
        long negativeSeen;

        @Override
        public int pickReplica(final SimulationView view, final int client)
        {
            int best = -1;
            int bestLoad = Integer.MAX_VALUE;
            for (int i = 0; i < view.readyCount(); i++)
            {
                final int r = view.readyReplica(i);
                final int load = view.replicaInFlight(r);
                if (load < 0)
                {
                    negativeSeen++;
                }
                if (load < bestLoad)
                {
                    bestLoad = load;
                    best = r;
                }
            }
            return best;
        }

        @Override
        public void onResponse(final SimulationView view, final int replica, final int outcome, final long latencyNs)
        {
            responses++;
            if (replica < 0)
            {
                rejectedByItself++;
            }
        }
    }

    /**
     * Replaces and retries as {@link ReplaceOnFailureFailover} and keeps its own count per replica from the events
     * (sent +1, completed or lost -1), checking every event's order per request and the simulator's count of the
     * replica involved.
     */
    static final class CheckingFailover implements FailoverPolicy
    {
        /** Decides replacements and retries as the default does. */
        private final FailoverPolicy replaceOnFailure;
        final Map<Long, Integer> lastAttempt = new HashMap<>();
        final Map<Long, Boolean> attemptOpen = new HashMap<>();
        final Map<Long, Integer> endedOutcome = new HashMap<>();
        final List<String> problems = new ArrayList<>();
        /** Every event as text, when {@link #logging}. */
        final List<String> log = new ArrayList<>();
        boolean logging;
        int[] eventCount = new int[64];
        long sent;
        long lost;
        long completed;
        long ended;
        long nextNewId;

        CheckingFailover(final int maxRetries)
        {
            this.replaceOnFailure = new ReplaceOnFailureFailover(maxRetries);
        }

        @Override
        public int replacements(final SimulationView view, final int replica, final int reason)
        {
            return replaceOnFailure.replacements(view, replica, reason);
        }

        @Override
        public boolean retryLostRequest(final SimulationView view, final int attempts)
        {
            return replaceOnFailure.retryLostRequest(view, attempts);
        }

        @Override
        public void onSent(final SimulationView view, final long requestId, final int attempt, final int replica)
        {
            sent++;
            log("sent " + requestId + "#" + attempt + " r" + replica);
            firstSight(requestId);
            final int previous = lastAttempt.getOrDefault(requestId, 0);
            if (attempt != previous + 1 || attemptOpen.getOrDefault(requestId, false))
            {
                problems.add("request " + requestId + " sent attempt " + attempt + " after " + previous);
            }
            if (endedOutcome.containsKey(requestId))
            {
                problems.add("request " + requestId + " sent after it ended");
            }
            lastAttempt.put(requestId, attempt);
            attemptOpen.put(requestId, true);
            count(replica, +1);
            check(view, replica);
        }

        @Override
        public void onCompleted(final SimulationView view, final long requestId, final int attempt, final int replica,
            final long latencyNs)
        {
            completed++;
            log("completed " + requestId + "#" + attempt + " r" + replica + " " + latencyNs / MS + " ms");
            closeAttempt(requestId, attempt);
            if (latencyNs <= 0)
            {
                problems.add("request " + requestId + " completed in " + latencyNs + " ns");
            }
            count(replica, -1);
            check(view, replica);
        }

        @Override
        public void onLost(final SimulationView view, final long requestId, final int attempt, final int replica,
            final int outcome)
        {
            lost++;
            log("lost " + requestId + "#" + attempt + " r" + replica + " outcome " + outcome);
            closeAttempt(requestId, attempt);
            count(replica, -1);
            check(view, replica);
        }

        @Override
        public void onEnded(final SimulationView view, final long requestId, final int attempts, final int outcome)
        {
            ended++;
            log("ended " + requestId + " after " + attempts + " outcome " + outcome);
            firstSight(requestId);
            if (endedOutcome.put(requestId, outcome) != null)
            {
                problems.add("request " + requestId + " ended twice");
            }
            if (attemptOpen.getOrDefault(requestId, false))
            {
                problems.add("request " + requestId + " ended with attempt " + attempts + " still open");
            }
            final int sentAttempts = lastAttempt.getOrDefault(requestId, 0);
            if (attempts != sentAttempts && !(outcome == ResponseListener.REJECTED && attempts == sentAttempts + 1))
            {
                problems.add("request " + requestId + " ended after " + attempts + " attempts, " + sentAttempts +
                    " sent");
            }
        }

        private void log(final String event)
        {
            if (logging)
            {
                log.add(event);
            }
        }

        /** Ids are arrival ordinals: each new id is the next one. */
        private void firstSight(final long requestId)
        {
            if (requestId >= nextNewId)
            {
                if (requestId != nextNewId)
                {
                    problems.add("request " + requestId + " seen before request " + nextNewId);
                }
                nextNewId = requestId + 1;
            }
        }

        private void closeAttempt(final long requestId, final int attempt)
        {
            if (!attemptOpen.getOrDefault(requestId, false) || lastAttempt.get(requestId) != attempt)
            {
                problems.add("request " + requestId + " attempt " + attempt + " ended without being sent");
            }
            attemptOpen.put(requestId, false);
        }

        private void count(final int replica, final int delta)
        {
            if (replica >= eventCount.length)
            {
                eventCount = Arrays.copyOf(eventCount, Math.max(replica + 1, eventCount.length * 2));
            }
            eventCount[replica] += delta;
        }

        private void check(final SimulationView view, final int replica)
        {
            if (view.replicaInFlight(replica) != eventCount[replica])
            {
                problems.add("replica " + replica + ": simulator counts " + view.replicaInFlight(replica) +
                    ", events say " + eventCount[replica]);
            }
        }
    }

    /** A random faulty world: two providers, notices, preemptions, failures, an outage, timeouts and retries. */
    static CloudModel randomModel(final long seed)
    {
        final RandomStream random = new RandomStream(seed);
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", (1 + random.nextInt(3)) * 20 * SECOND, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int gcp = b.provider("gcp", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(aws, "east", 12);
        final int central = b.region(gcp, "central", 12);
        final int m5 = b.instanceType(aws, "m5", 1 + random.nextInt(3), 1.0, 10 * SECOND);
        final int n2 = b.instanceType(gcp, "n2", 2, 1.2, 5 * SECOND);
        b.offer(east, m5, CloudModel.SPOT, PriceSeries.constant(0.03));
        b.offer(east, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.09));
        b.offer(central, n2, CloudModel.SPOT, PriceSeries.constant(0.035));
        b.offer(central, n2, CloudModel.ON_DEMAND, PriceSeries.constant(0.1));
        final int c = b.client("c", LoadSeries.constant(40 + random.nextInt(80)));
        b.rtt(c, east, 10 * MS).rtt(c, central, 40 * MS);
        b.jitterNs(2 * MS);
        final long durationNs = 12 * MINUTE;
        for (int i = 0; i < 40; i++)
        {
            final long t = (long)(random.nextDouble() * durationNs);
            switch (random.nextInt(3))
            {
                case 0:
                    b.fault(t, FaultKind.PREEMPT.code(), random.nextInt(2), -1, -1, 1 + random.nextInt(2));
                    break;
                case 1:
                    b.fault(t, FaultKind.INSTANCE_FAILURE.code(), random.nextInt(2), -1, -1, 1);
                    break;
                default:
                    b.fault(t, FaultKind.PREEMPT_FRACTION.code(), aws, east, m5, 0.5);
                    break;
            }
        }
        final long outageNs = (long)(random.nextDouble() * durationNs / 2);
        b.fault(outageNs, FaultKind.OUTAGE_START.code(), aws, east, -1, 0);
        b.fault(outageNs + 2 * MINUTE, FaultKind.OUTAGE_END.code(), aws, east, -1, 0);
        b.service(CloudModel.LOGNORMAL, 15 * MS, 1.5);
        b.requests(3 + random.nextInt(20), (60 + random.nextInt(200)) * MS, random.nextInt(3));
        b.times(durationNs, MINUTE, MINUTE, MINUTE);
        return b.build();
    }

    /** Attempts in hand per replica, recounted from the request table: on their way, queued or in service. */
    private static int[] recount(final Simulation simulation)
    {
        final RequestTable requests = simulation.requestTable();
        final int[] counts = new int[(int)simulation.launches()];
        for (int request = 0; request < requests.where.length; request++)
        {
            if (requests.where[request] != RequestTable.NOWHERE)
            {
                counts[requests.replica[request]]++;
            }
        }
        return counts;
    }

    @RepeatedTest(6)
    void shouldKeepEveryReplicasInFlightExactAndNonNegativeAtEveryEventWhenReplicasDieWithRequestsInHand(
        final RepetitionInfo info)
    {
        final long seed = 7_000 + info.getCurrentRepetition();
        final CloudModel model = randomModel(seed);
        final LeastInFlightBalancer balancer = new LeastInFlightBalancer();
        final CheckingFailover failover = new CheckingFailover(new RandomStream(seed).nextInt(3));
        final PolicyStack stack = new PolicyStack("least-in-flight", Map.of(),
            () -> new TargetUtilizationAutoscaler(0.5, 2, 10, 4),
            () -> new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true, true}),
            () -> balancer, () -> failover);
        final Engine engine = new Engine(1024);
        final Simulation simulation = new Simulation(engine, model, stack, new RandomStreams(seed));

        long events = 0;
        long recounts = 0;
        while (engine.runEvents(1) == 1 && engine.nowNs() < model.durationNs)
        {
            events++;
            final int replicas = (int)simulation.launches();
            for (int r = 0; r < replicas; r++)
            {
                final int inFlight = simulation.replicaInFlight(r);
                if (inFlight < 0)
                {
                    throw new AssertionError("replica " + r + " has " + inFlight + " in flight after event " + events);
                }
            }
            if (events % 61 == 0)
            {
                recounts++;
                final int[] expected = recount(simulation);
                for (int r = 0; r < replicas; r++)
                {
                    assertThat(simulation.replicaInFlight(r)).as("replica %d after event %d", r, events)
                        .isEqualTo(expected[r]);
                }
            }
        }
        simulation.finish();

        assertThat(failover.problems).as("event order").isEmpty();
        assertThat(balancer.negativeSeen).isZero();
        assertThat(recounts).isGreaterThan(1_000);
        assertThat(simulation.preemptions() + simulation.failures()).isPositive();
        assertThat(simulation.retries()).isPositive();
        assertThat(simulation.timedOut() + simulation.failed()).isPositive();
        // Every request ended once or is in flight; every attempt ended once or is in hand.
        assertThat(failover.ended).isEqualTo(simulation.arrivals() - simulation.inFlight());
        assertThat(failover.endedOutcome).hasSize((int)failover.ended);
        assertThat(failover.nextNewId).isLessThanOrEqualTo(simulation.arrivals());
        final int[] expected = recount(simulation);
        long inHand = 0;
        for (int r = 0; r < expected.length; r++)
        {
            assertThat(simulation.replicaInFlight(r)).isEqualTo(expected[r]).isEqualTo(failover.eventCount[r]);
            inHand += expected[r];
        }
        assertThat(failover.sent - failover.completed - failover.lost).isEqualTo(inHand);
        assertThat(failover.completed).isEqualTo(simulation.completed());
        assertThat(balancer.responses - balancer.rejectedByItself).isEqualTo(failover.completed + failover.lost);
        assertThat(balancer.rejectedByItself).isLessThanOrEqualTo(simulation.rejected());
        assertThat(simulation.conservationHolds()).isTrue();
    }

    /**
     * Replicas of one worker and no boot time in one region, no network delay, the requests replayed from a log
     * (queue limit 10, no timeout), and one instance failure.
     */
    private static CloudModel oneWorkerReplicas(final long[] timesNs, final long[] workNs, final long failureNs)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("c", new ArrivalLog(timesNs, workNs));
        b.service(CloudModel.DETERMINISTIC, workNs[0], 0);
        b.requests(10, 0, 0);
        b.fault(failureNs, FaultKind.INSTANCE_FAILURE.code(), p, r, t, 1);
        b.times(60 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        return b.build();
    }

    @Test
    void shouldCountRequestsInHandOfFailedReplicaAgainstNoOneAndItsRetriesAgainstSurvivorWhenReplicaFails()
    {
        // Two replicas of one worker, no network delay; ten requests of 1 s at t = 1 s, five per replica (one in
        // service, four queued); one instance fails at 1.5 s; each lost request gets one retry.
        final long[] times = new long[10];
        final long[] work = new long[10];
        Arrays.fill(times, SECOND);
        Arrays.fill(work, SECOND);
        final CloudModel model = oneWorkerReplicas(times, work, 1_500 * MS);
        final LeastInFlightBalancer balancer = new LeastInFlightBalancer();
        final CheckingFailover failover = new CheckingFailover(1);
        final PolicyStack stack = new PolicyStack("two", Map.of(), () -> new FixedAutoscaler(2),
            () -> view -> 0, () -> balancer, () -> failover);
        final Engine engine = new Engine(64);
        final Simulation simulation = new Simulation(engine, model, stack, new RandomStreams(1));

        simulation.runUntil(1_200 * MS);
        assertThat(simulation.replicaInFlight(0)).isEqualTo(5);
        assertThat(simulation.replicaInFlight(1)).isEqualTo(5);
        simulation.runUntil(1_600 * MS);
        // The failed replica holds nothing; its five went to the survivor (a replacement boots at once: no boot
        // time, but it is launched after the requests were lost and retried).
        final int dead = simulation.replicaState(0) == SimulationView.FAILED ? 0 : 1;
        final int survivor = 1 - dead;
        assertThat(simulation.replicaState(dead)).isEqualTo(SimulationView.FAILED);
        assertThat(simulation.replicaInFlight(dead)).isZero();
        assertThat(simulation.replicaInFlight(survivor)).isEqualTo(10);
        assertThat(failover.lost).isEqualTo(5);
        simulation.run();

        assertThat(simulation.completed()).isEqualTo(10);
        assertThat(simulation.retries()).isEqualTo(5);
        for (int replica = 0; replica < simulation.launches(); replica++)
        {
            assertThat(simulation.replicaInFlight(replica)).isZero();
        }
        assertThat(failover.problems).isEmpty();
        assertThat(balancer.negativeSeen).isZero();
    }

    @Test
    void shouldShowFailoverEachRequestsEventsInOrderWithItsIdWhenReplicaFailsAndRequestIsRetried()
    {
        // Two replicas of one worker, no network delay, work 100 ms; requests 0 and 1 at 1 s (one per replica by
        // round robin), request 2 at 5 s; one instance fails at 1.05 s and its request is retried on the other.
        final CloudModel model = oneWorkerReplicas(new long[] {SECOND, SECOND, 5 * SECOND},
            new long[] {100 * MS, 100 * MS, 100 * MS}, 1_050 * MS);
        final CheckingFailover failover = new CheckingFailover(1);
        failover.logging = true;
        final PolicyStack stack = new PolicyStack("two", Map.of(), () -> new FixedAutoscaler(2),
            () -> view -> 0, io.windtunnel.simulator.policy.RoundRobinBalancer::new, () -> failover);
        final Simulation simulation = new Simulation(new Engine(64), model, stack, new RandomStreams(1));
        simulation.run();

        final int failed = simulation.replicaState(0) == SimulationView.FAILED ? 0 : 1;
        final int survivor = 1 - failed;
        final int lostRequest = failed;
        final int servedRequest = survivor;
        // Replica 2 is the replacement (launched after the retry went out); request 2 goes round robin.
        final int third = (int)simulation.launches() - 1;
        assertThat(simulation.replicaState(failed)).isEqualTo(SimulationView.FAILED);
        assertThat(failover.log).containsExactly(
            "sent 0#1 r0",
            "sent 1#1 r1",
            "lost " + lostRequest + "#1 r" + failed + " outcome " + ResponseListener.FAILED,
            "sent " + lostRequest + "#2 r" + survivor,
            "completed " + servedRequest + "#1 r" + survivor + " 100 ms",
            "ended " + servedRequest + " after 1 outcome " + ResponseListener.COMPLETED,
            "completed " + lostRequest + "#2 r" + survivor + " 200 ms",
            "ended " + lostRequest + " after 2 outcome " + ResponseListener.COMPLETED,
            failover.log.get(8),
            "completed 2#1 " + failover.log.get(8).substring("sent 2#1 ".length()) + " 100 ms",
            "ended 2 after 1 outcome " + ResponseListener.COMPLETED);
        assertThat(failover.log.get(8)).isIn("sent 2#1 r" + survivor, "sent 2#1 r" + third);
        assertThat(failover.problems).isEmpty();
    }
}
