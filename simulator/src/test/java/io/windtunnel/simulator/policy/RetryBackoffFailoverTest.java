package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class RetryBackoffFailoverTest extends FailoverContractTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;
    private static final boolean[] ALL = {true, true, true};

    @Override
    FailoverPolicy newFailover()
    {
        return new RetryBackoffFailover(50 * MS, 2, SECOND, 3, "full", ALL);
    }

    @Test
    void shouldDrawEachDelayUnderTheCappedExponentialCeilingWithTheChosenJitter()
    {
        final RandomStream random = new RandomStream(5);
        final RetryBackoffFailover full = new RetryBackoffFailover(100 * MS, 3, 2 * SECOND, 10, "full", ALL);
        final RetryBackoffFailover equal = new RetryBackoffFailover(100 * MS, 3, 2 * SECOND, 10, "equal", ALL);
        final RetryBackoffFailover none = new RetryBackoffFailover(100 * MS, 3, 2 * SECOND, 10, "none", ALL);
        // Ceilings: 100, 300, 900 ms, then the 2 s cap.
        final long[] ceilingsNs = {100 * MS, 300 * MS, 900 * MS, 2 * SECOND, 2 * SECOND};
        for (int retry = 1; retry <= ceilingsNs.length; retry++)
        {
            final long ceilingNs = ceilingsNs[retry - 1];
            assertThat(none.delayNs(retry, random)).isEqualTo(ceilingNs);
            double fullSum = 0;
            double equalSum = 0;
            final int draws = 20_000;
            for (int i = 0; i < draws; i++)
            {
                final long f = full.delayNs(retry, random);
                final long e = equal.delayNs(retry, random);
                assertThat(f).isBetween(0L, ceilingNs);
                assertThat(e).isBetween(ceilingNs / 2, ceilingNs);
                fullSum += f;
                equalSum += e;
            }
            // Uniform on [0, c) has mean c/2, on [c/2, c) 3c/4; 20,000 draws put the mean within 1.5% of it.
            assertThat(fullSum / draws).isCloseTo(ceilingNs / 2.0, org.assertj.core.data.Percentage.withPercentage(1.5));
            assertThat(equalSum / draws).isCloseTo(ceilingNs * 0.75, org.assertj.core.data.Percentage.withPercentage(1));
        }
    }

    @Test
    void shouldStopAtMaxAttemptsAndLeaveEndsNotListedToTheDefaultRule()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final RetryBackoffFailover lostOnly = new RetryBackoffFailover(10 * MS, 2, SECOND, 3, "none",
            new boolean[] {true, false, false});
        assertThat(lostOnly.retryDelayNs(view, 0, 1, ResponseListener.FAILED)).isEqualTo(10 * MS);
        assertThat(lostOnly.retryDelayNs(view, 0, 2, ResponseListener.FAILED)).isEqualTo(20 * MS);
        assertThat(lostOnly.retryDelayNs(view, 0, 3, ResponseListener.FAILED)).isEqualTo(FailoverPolicy.NO_RETRY);
        assertThat(lostOnly.retryLostRequest(view, 2)).isTrue();
        assertThat(lostOnly.retryLostRequest(view, 3)).isFalse();
        // Not listed: a rejection ends the request; a timeout is retried at once within the scenario's retries.
        assertThat(lostOnly.retryDelayNs(view, 0, 1, ResponseListener.REJECTED)).isEqualTo(FailoverPolicy.NO_RETRY);
        final int timeoutRetries = view.model().timeoutRetries;
        assertThat(lostOnly.retryDelayNs(view, 0, timeoutRetries, ResponseListener.TIMED_OUT)).isZero();
        assertThat(lostOnly.retryDelayNs(view, 0, timeoutRetries + 1, ResponseListener.TIMED_OUT))
            .isEqualTo(FailoverPolicy.NO_RETRY);

        final RetryBackoffFailover timeoutsOnly = new RetryBackoffFailover(10 * MS, 2, SECOND, 3, "none",
            new boolean[] {false, true, false});
        assertThat(timeoutsOnly.retryLostRequest(view, 1)).isFalse();
        assertThat(timeoutsOnly.retryDelayNs(view, 0, 1, ResponseListener.FAILED)).isEqualTo(FailoverPolicy.NO_RETRY);
        assertThat(timeoutsOnly.retryDelayNs(view, 0, 2, ResponseListener.TIMED_OUT)).isEqualTo(20 * MS);
        assertThat(new RetryBackoffFailover(10 * MS, 2, SECOND, 3, "none", ALL).replacements(view, 1,
            FailoverPolicy.FAILURE)).isEqualTo(1);
    }

    /**
     * One region, two replicas that take 20 s to boot, 20 requests/s; the region is down from 60 s to 70 s, so no
     * replica is ready from 60 s until about 90 s (the replacements launch when the region is back).
     */
    private static Simulation outage(final FailoverPolicy failover)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 10);
        final int t = b.instanceType(p, "t", 2, 1.0, 20 * SECOND);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(0.1));
        b.client("c", LoadSeries.constant(20));
        b.service(CloudModel.EXPONENTIAL, 20 * MS, 1);
        b.requests(100, 0, 0);
        b.fault(60 * SECOND, FaultKind.OUTAGE_START.code(), p, r, -1, 0);
        b.fault(70 * SECOND, FaultKind.OUTAGE_END.code(), p, r, -1, 0);
        b.times(180 * SECOND, 0, 5 * SECOND, 10 * SECOND);
        final PolicyStack stack = new PolicyStack("outage", Map.of(), () -> new FixedAutoscaler(2), () -> view -> 0,
            RoundRobinBalancer::new, () -> failover);
        final Simulation simulation = new Simulation(new Engine(1024), b.build(), stack, new RandomStreams(9));
        simulation.run();
        return simulation;
    }

    @Test
    void shouldCarryRequestsThroughAnOutageWithBackedOffRetriesWhereRejectionsWouldEndThem()
    {
        final Simulation replace = outage(new ReplaceOnFailureFailover(1));
        // Backoff 1, 2, 4, 8, 16, 32 s (capped), full jitter: seven attempts span the half minute without a replica.
        final Simulation backoff = outage(new RetryBackoffFailover(SECOND, 2, 32 * SECOND, 8, "full", ALL));

        // Without retries of rejections, the ~19 s without a ready replica (replacements launch at the outage's end
        // and boot for 20 s) turn away about 380 requests.
        assertThat(replace.rejected()).isGreaterThan(300);
        assertThat(backoff.rejected()).isLessThan(replace.rejected() / 10);
        assertThat(backoff.completed()).isGreaterThan(replace.completed() + 300);
        assertThat(backoff.delayedRetries()).isGreaterThan(replace.rejected());
        assertThat(backoff.conservationHolds()).isTrue();
    }
}
