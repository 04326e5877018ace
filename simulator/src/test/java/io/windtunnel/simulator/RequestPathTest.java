package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

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
}
