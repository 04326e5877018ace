package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.simulator.policy.HedgeFailover;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.RetryBackoffFailover;
import io.windtunnel.simulator.policy.RoundRobinBalancer;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RequestPath}: arrival, balancer, network, queue, service, timeouts and retries, and the one outcome of each
 * request. Most cases replay an {@link ArrivalLog}, so that arrival times and work are exact.
 */
class RequestPathTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    /** One worker, work of exactly 500 ms, one request every 10 s on average: no queueing. */
    private static Simulation run(final long timeoutNs, final int retries)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("c", LoadSeries.constant(0.1));
        b.service(CloudModel.DETERMINISTIC, 500 * MS, 0);
        b.requests(10, timeoutNs, retries);
        b.times(3_600_000 * MS, 0, 60_000 * MS, 60_000 * MS);
        final Simulation simulation = new Simulation(new Engine(64), b.build(), Fixtures.fixed(2, 1),
            new RandomStreams(3));
        simulation.run();
        return simulation;
    }

    /**
     * One replica (unless {@code replicas} says otherwise) of one instance type with the given workers and speed,
     * the client's requests replayed from a log, RTT {@code rttNs} to the one region, no jitter, a minute of run.
     */
    private static Simulation replay(final int replicas, final int workers, final double speed, final long rttNs,
        final int queueLimit, final long[] timesNs, final long[] workNs, final long failureAtNs, final int retries)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        final int t = b.instanceType(p, "t", workers, speed, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        final int c = b.client("c", new ArrivalLog(timesNs, workNs));
        b.rtt(c, r, rttNs);
        b.service(CloudModel.DETERMINISTIC, 100 * MS, 0);
        b.requests(queueLimit, 0, 0);
        if (failureAtNs >= 0)
        {
            b.fault(failureAtNs, FaultKind.INSTANCE_FAILURE.code(), p, r, t, 1);
        }
        b.times(60 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        final Simulation simulation = new Simulation(new Engine(64), b.build(),
            Fixtures.stack(new FixedAutoscaler(replicas), view -> 0, retries), new RandomStreams(3));
        simulation.run();
        return simulation;
    }

    @Test
    void shouldTimeOutEveryRequestAfterItsRetriesWhenServiceIsSlowerThanTimeout()
    {
        final Simulation simulation = run(300 * MS, 1);

        assertThat(simulation.arrivals()).isGreaterThan(300);
        assertThat(simulation.completed()).isZero();
        assertThat(simulation.timedOut() + simulation.inFlight()).isEqualTo(simulation.arrivals());
        assertThat(simulation.retries()).isBetween(simulation.timedOut(), simulation.arrivals());
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldCompleteEveryRequestAtItsServiceTimeWhenTimeoutIsLonger()
    {
        final Simulation simulation = run(600 * MS, 1);

        assertThat(simulation.timedOut()).isLessThan(simulation.arrivals() / 20);
        assertThat(simulation.completed()).isGreaterThan(simulation.arrivals() * 9 / 10);
        // Rare queueing behind another request can add a little; the timeout caps the rest.
        assertThat(simulation.latency().total().getMaxValue()).isBetween(499 * MS, 601 * MS);
        assertThat(simulation.latency().total().getValueAtPercentile(50)).isBetween(499 * MS, 501 * MS);
        assertThat(simulation.completed() + simulation.timedOut() + simulation.inFlight())
            .isEqualTo(simulation.arrivals());
    }

    @Test
    void shouldAddRoundTripToServiceTimeAtTheReplicasSpeedWhenNothingQueues()
    {
        // 100 ms of work at speed 2 takes 50 ms; the round trip adds 40 ms (20 each way).
        final Simulation simulation = replay(1, 1, 2.0, 40 * MS, 10, new long[] {SECOND}, new long[] {100 * MS}, -1, 0);

        assertThat(simulation.completed()).isEqualTo(1);
        assertThat(simulation.latency().total().getMinValue()).isBetween(89 * MS, 91 * MS);
        assertThat(simulation.meanLatencyNs()).isEqualTo(90.0 * MS);
    }

    @Test
    void shouldServeQueuedRequestsFirstInFirstOutAndRejectBeyondTheQueueLimit()
    {
        // Four requests at once on one worker with room for two in the queue: one served, two wait, one rejected.
        final long[] times = {SECOND, SECOND + 1, SECOND + 2, SECOND + 3};
        final long[] work = {100 * MS, 100 * MS, 100 * MS, 100 * MS};
        final Simulation simulation = replay(1, 1, 1.0, 0, 2, times, work, -1, 0);

        assertThat(simulation.arrivals()).isEqualTo(4);
        assertThat(simulation.completed()).isEqualTo(3);
        assertThat(simulation.rejected()).isEqualTo(1);
        // In order: 100, 200 and 300 ms (less the nanoseconds between arrivals).
        assertThat(simulation.latency().total().getMinValue()).isBetween(99 * MS, 101 * MS);
        assertThat(simulation.latency().total().getMaxValue()).isBetween(299 * MS, 301 * MS);
        assertThat(simulation.meanLatencyNs()).isBetween(199.0 * MS, 200.0 * MS);
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldRejectEveryRequestWhenNoReplicaIsReady()
    {
        final Simulation simulation = replay(0, 1, 1.0, 0, 10, new long[] {SECOND, 2 * SECOND}, new long[] {-1, -1},
            -1, 0);

        assertThat(simulation.rejected()).isEqualTo(2);
        assertThat(simulation.completed()).isZero();
        assertThat(simulation.sloViolations()).isEqualTo(2);
    }

    @Test
    void shouldRetryRequestLostWithItsReplicaWhenFailoverAllowsARetry()
    {
        // Replica 0 fails 1 s into a 5 s request; the retry starts from scratch on replica 1 (the replacement is
        // launched after the failed replica's requests have gone to failover).
        final Simulation retried = replay(2, 1, 1.0, 0, 10, new long[] {SECOND}, new long[] {5 * SECOND},
            2 * SECOND, 1);

        assertThat(retried.failures()).isEqualTo(1);
        assertThat(retried.retries()).isEqualTo(1);
        assertThat(retried.completed()).isEqualTo(1);
        assertThat(retried.meanLatencyNs()).isEqualTo(6.0 * SECOND);

        final Simulation lost = replay(2, 1, 1.0, 0, 10, new long[] {SECOND}, new long[] {5 * SECOND},
            2 * SECOND, 0);
        assertThat(lost.retries()).isZero();
        assertThat(lost.failed()).isEqualTo(1);
        assertThat(lost.completed()).isZero();
        assertThat(lost.conservationHolds()).isTrue();
    }
    /**
     * Two replicas of one worker, one in region r0 (speed {@code speed0}, RTT {@code rtt0Ns}) and one in r1 (speed 1,
     * RTT 0), launched in that order (replica 0 in r0); round-robin; the client's requests replayed from a log; no
     * timeout; the given failover policy.
     */
    private static Simulation twoRegions(final double speed0, final long rtt0Ns, final long[] timesNs,
        final long[] workNs, final FailoverPolicy failover)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r0 = b.region(p, "r0", 10);
        final int r1 = b.region(p, "r1", 10);
        final int t0 = b.instanceType(p, "t0", 1, speed0, 0);
        final int t1 = b.instanceType(p, "t1", 1, 1.0, 0);
        b.offer(r0, t0, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.offer(r1, t1, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        final int c = b.client("c", new ArrivalLog(timesNs, workNs));
        b.rtt(c, r0, rtt0Ns).rtt(c, r1, 0);
        b.service(CloudModel.DETERMINISTIC, 100 * MS, 0);
        b.requests(10, 0, 0);
        b.times(60 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        final int[] launches = new int[1];
        final PolicyStack stack = new PolicyStack("two-regions", Map.of(), () -> new FixedAutoscaler(2),
            () -> view -> launches[0]++ % 2, RoundRobinBalancer::new, () -> failover);
        final Simulation simulation = new Simulation(new Engine(64), b.build(), stack, new RandomStreams(3));
        simulation.run();
        return simulation;
    }

    private static HedgeFailover hedgeAfter(final long delayNs)
    {
        return new HedgeFailover("fixed", delayNs, 95, 100, 1, 1);
    }

    @Test
    void shouldCancelTheFirstCopyOnItsWorkerWhenTheHedgeAnswersFirst()
    {
        // 100 ms of work at speed 0.1 on replica 0 takes 1 s; the hedge goes after 50 ms to replica 1 and is done
        // 100 ms later: it wins at 150 ms, and replica 0's worker is freed then, having worked 150 ms for nothing.
        final Simulation simulation = twoRegions(0.1, 0, new long[] {SECOND}, new long[] {100 * MS},
            hedgeAfter(50 * MS));

        assertThat(simulation.completed()).isEqualTo(1);
        assertThat(simulation.meanLatencyNs()).isEqualTo(150.0 * MS);
        assertThat(simulation.hedgesSent()).isEqualTo(1);
        assertThat(simulation.duplicatedRequests()).isEqualTo(1);
        assertThat(simulation.hedgeWins()).isEqualTo(1);
        assertThat(simulation.copiesCancelled()).isEqualTo(1);
        assertThat(simulation.loserWorkNs()).isEqualTo(150 * MS);
        assertThat(simulation.replicaBusy(0)).isZero();
        assertThat(simulation.replicaInFlight(0)).isZero();
        assertThat(simulation.replicaInFlight(1)).isZero();
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldLetTheFirstResponseWinWhenTheFirstServiceToEndIsFartherAway()
    {
        // Replica 0 is 200 ms away each way: the first copy reaches it at 200 ms and is served by 300 ms, but its
        // response arrives at 500 ms. The hedge, sent at 250 ms to replica 1 (no delay), answers at 350 ms: it wins
        // though its service ended later, and the first copy's whole 100 ms of service was work for nothing.
        final Simulation simulation = twoRegions(1.0, 400 * MS, new long[] {SECOND}, new long[] {100 * MS},
            hedgeAfter(250 * MS));

        assertThat(simulation.completed()).isEqualTo(1);
        assertThat(simulation.meanLatencyNs()).isEqualTo(350.0 * MS);
        assertThat(simulation.hedgeWins()).isEqualTo(1);
        assertThat(simulation.copiesCancelled()).isEqualTo(1);
        assertThat(simulation.loserWorkNs()).isEqualTo(100 * MS);
        // Both replicas served a copy.
        assertThat(simulation.replicaCompleted(0)).isEqualTo(1);
        assertThat(simulation.replicaCompleted(1)).isEqualTo(1);
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldTakeTheLosingHedgeOutOfItsQueueOrOffItsWorkerWhenTheFirstCopyAnswers()
    {
        // A (500 ms) goes to replica 0, B (800 ms) to replica 1, both at 1 s. At 1.1 s each is hedged to the other
        // replica, where it queues (round robin offers A's hedge replica 0 first, which holds A: asked again, 1).
        // At 1.5 s A answers; its hedge leaves replica 1's queue unserved; replica 0 starts B's hedge. At 1.8 s B
        // answers from replica 1, and its hedge, 300 ms into its service on replica 0, is cancelled.
        final Simulation simulation = twoRegions(1.0, 0, new long[] {SECOND, SECOND},
            new long[] {500 * MS, 800 * MS}, hedgeAfter(100 * MS));

        assertThat(simulation.completed()).isEqualTo(2);
        assertThat(simulation.latency().total().getMinValue()).isBetween(499 * MS, 501 * MS);
        assertThat(simulation.latency().total().getMaxValue()).isBetween(799 * MS, 801 * MS);
        assertThat(simulation.hedgesSent()).isEqualTo(2);
        assertThat(simulation.hedgeWins()).isZero();
        assertThat(simulation.copiesCancelled()).isEqualTo(2);
        assertThat(simulation.loserWorkNs()).isEqualTo(300 * MS);
        assertThat(simulation.replicaCompleted(0)).isEqualTo(1);
        assertThat(simulation.replicaCompleted(1)).isEqualTo(1);
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldSendNoHedgeWhenEveryReadyReplicaHoldsACopy()
    {
        // Up to three copies may be sent, but two replicas can hold only two: the third timer finds none to send to.
        final Simulation simulation = twoRegions(0.1, 0, new long[] {SECOND}, new long[] {100 * MS},
            new HedgeFailover("fixed", 10 * MS, 95, 100, 3, 1));

        assertThat(simulation.completed()).isEqualTo(1);
        assertThat(simulation.hedgesSent()).isEqualTo(1);
        assertThat(simulation.hedgesNotSent()).isEqualTo(1);
        assertThat(simulation.meanLatencyNs()).isEqualTo(110.0 * MS);
    }

    @Test
    void shouldDispatchARetryAfterItsBackoffThroughTheBalancerWhenTheReplicaFails()
    {
        // Replica 0 fails 1 s into a 5 s request. With a fixed backoff of 300 ms (no jitter) the retry goes out at
        // 2.3 s, to the other replica, and completes at 7.3 s.
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(1));
        b.client("c", new ArrivalLog(new long[] {SECOND}, new long[] {5 * SECOND}));
        b.service(CloudModel.DETERMINISTIC, 100 * MS, 0);
        b.requests(10, 0, 0);
        b.fault(2 * SECOND, FaultKind.INSTANCE_FAILURE.code(), p, r, t, 1);
        b.times(60 * SECOND, 0, 60 * SECOND, 60 * SECOND);
        final RetryBackoffFailover backoff = new RetryBackoffFailover(300 * MS, 2, 10 * SECOND, 3, "none",
            new boolean[] {true, true, true});
        final PolicyStack stack = new PolicyStack("backoff", Map.of(), () -> new FixedAutoscaler(2),
            () -> view -> 0, RoundRobinBalancer::new, () -> backoff);
        final Simulation simulation = new Simulation(new Engine(64), b.build(), stack, new RandomStreams(3));
        simulation.run();

        assertThat(simulation.failures()).isEqualTo(1);
        assertThat(simulation.retries()).isEqualTo(1);
        assertThat(simulation.delayedRetries()).isEqualTo(1);
        assertThat(simulation.completed()).isEqualTo(1);
        assertThat(simulation.meanLatencyNs()).isEqualTo(6.3 * SECOND);
        assertThat(simulation.replicaCompleted(1) + simulation.replicaCompleted(2)).isEqualTo(1);
        assertThat(simulation.conservationHolds()).isTrue();
    }
}
