package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HedgeFailoverTest extends FailoverContractTest
{
    private static final long MS = 1_000_000L;
    private static final long SECOND = 1_000 * MS;

    @Override
    FailoverPolicy newFailover()
    {
        return new HedgeFailover("percentile", 20 * MS, 95, 200, 1, 1);
    }

    @Test
    void shouldHedgeAfterTheFixedDelayUpToMaxHedgesAndRetryLostRequestsLikeReplaceOnFailure()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final HedgeFailover hedge = new HedgeFailover("fixed", 30 * MS, 95, 100, 2, 1);
        assertThat(hedge.hedgeDelayNs(view, 7, 0)).isEqualTo(30 * MS);
        assertThat(hedge.hedgeDelayNs(view, 7, 1)).isEqualTo(30 * MS);
        assertThat(hedge.hedgeDelayNs(view, 7, 2)).isEqualTo(FailoverPolicy.NO_HEDGE);
        // The fixed trigger ignores latencies.
        for (int i = 0; i < 500; i++)
        {
            hedge.onCompleted(view, i, 1, 0, SECOND);
        }
        assertThat(hedge.hedgeDelayNs(view, 8, 0)).isEqualTo(30 * MS);
        assertThat(hedge.replacements(view, 2, FailoverPolicy.PREEMPTION)).isEqualTo(1);
        assertThat(hedge.retryLostRequest(view, 1)).isTrue();
        assertThat(hedge.retryLostRequest(view, 2)).isFalse();
    }

    @Test
    void shouldWaitTheObservedPercentileOfTheLastFullWindowWhenTriggeredByPercentile()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final HedgeFailover hedge = new HedgeFailover("percentile", 40 * MS, 95, 1000, 1, 1);
        final RandomStream random = new RandomStream(3);
        // Until a window is full: the delay.
        for (int i = 0; i < 999; i++)
        {
            hedge.onCompleted(view, i, 1, 0, (1 + random.nextInt(1000)) * MS);
        }
        assertThat(hedge.hedgeDelayNs(view, 1, 0)).isEqualTo(40 * MS);
        // Latencies 1..1000 ms, shuffled: p95 is 950 ms (2 significant digits: within 1%).
        final long[] window = new long[1000];
        for (int i = 0; i < window.length; i++)
        {
            window[i] = (i + 1) * MS;
        }
        for (int i = window.length - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final long swap = window[i];
            window[i] = window[j];
            window[j] = swap;
        }
        hedge.onCompleted(view, 999, 1, 0, 500 * MS);
        final long afterFirst = hedge.currentDelayNs();
        assertThat((double)afterFirst).isCloseTo(950.0 * MS, within(20.0 * MS));
        for (final long latencyNs : window)
        {
            hedge.onCompleted(view, 0, 1, 0, latencyNs);
        }
        assertThat((double)hedge.hedgeDelayNs(view, 2, 0)).isCloseTo(950.0 * MS, within(9.5 * MS));
        // A faster window brings it down: the percentile follows recent latencies only.
        for (int i = 0; i < 1000; i++)
        {
            hedge.onCompleted(view, 0, 1, 0, (1 + i % 100) * MS);
        }
        assertThat((double)hedge.hedgeDelayNs(view, 3, 0)).isCloseTo(95.0 * MS, within(1.0 * MS));
    }

    /**
     * Eight one-worker replicas at 40% utilization, with work whose tail is heavy (lognormal, coefficient of
     * variation 4): the tail Dean and Barroso hedge against.
     */
    private static Simulation heavyTail(final FailoverPolicy failover)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int r = b.region(p, "r", 100);
        final int t = b.instanceType(p, "t", 1, 1.0, 0);
        b.offer(r, t, CloudModel.ON_DEMAND, PriceSeries.constant(0.1));
        b.client("c", LoadSeries.constant(160));
        b.service(CloudModel.LOGNORMAL, 20 * MS, 4);
        b.requests(1_000, 0, 0);
        b.times(600 * SECOND, 60 * SECOND, 60 * SECOND, 60 * SECOND);
        final PolicyStack stack = new PolicyStack("tail", Map.of(), () -> new FixedAutoscaler(8), () -> view -> 0,
            RoundRobinBalancer::new, () -> failover);
        final Simulation simulation = new Simulation(new Engine(1024), b.build(), stack, new RandomStreams(4));
        simulation.run();
        return simulation;
    }

    @Test
    void shouldCutTheTailAtTheCostOfSomeExtraWorkWhenServiceTimesAreHeavyTailed()
    {
        final Simulation plain = heavyTail(new ReplaceOnFailureFailover(1));
        final Simulation hedged = heavyTail(new HedgeFailover("percentile", 50 * MS, 95, 1000, 1, 1));

        final double plainP99 = plain.latency().total().getValueAtPercentile(99);
        final double hedgedP99 = hedged.latency().total().getValueAtPercentile(99);
        final double plainP999 = plain.latency().total().getValueAtPercentile(99.9);
        final double hedgedP999 = hedged.latency().total().getValueAtPercentile(99.9);
        System.out.printf("heavy tail: p99 %.1f -> %.1f ms, p99.9 %.1f -> %.1f ms, hedges %d (%.1f%%), wins %d, "
                + "loser work %.1f s, utilization %.3f -> %.3f%n", plainP99 / MS, hedgedP99 / MS, plainP999 / MS,
            hedgedP999 / MS, hedged.hedgesSent(), 100.0 * hedged.hedgesSent() / hedged.arrivals(), hedged.hedgeWins(),
            hedged.loserWorkNs() / 1e9, plain.utilization(), hedged.utilization());
        assertThat(hedgedP99).isLessThan(plainP99 * 0.8);
        assertThat(hedgedP999).isLessThan(plainP999 * 0.8);
        // The p95 trigger hedges more than 5% of requests: the percentile is of the latencies the client sees, which
        // hedging itself shortens (measured: 9.5%). The copies cost work, seen as utilization.
        assertThat((double)hedged.hedgesSent() / hedged.arrivals()).isBetween(0.05, 0.15);
        assertThat(hedged.hedgeWins()).isPositive();
        assertThat(hedged.loserWorkNs()).isPositive();
        assertThat(hedged.utilization()).isGreaterThan(plain.utilization());
        assertThat(hedged.completed() + hedged.inFlight()).isEqualTo(hedged.arrivals());
        assertThat(hedged.conservationHolds()).isTrue();
    }
}
