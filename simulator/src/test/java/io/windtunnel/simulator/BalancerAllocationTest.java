package io.windtunnel.simulator;

import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.CapacityWeightedBalancer;
import io.windtunnel.simulator.policy.DecisionRecorder;
import io.windtunnel.simulator.policy.LeastOutstandingBalancer;
import io.windtunnel.simulator.policy.LocalityFirstBalancer;
import io.windtunnel.simulator.policy.PeakEwmaBalancer;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.PowerOfTwoChoicesBalancer;
import io.windtunnel.simulator.policy.RandomBalancer;
import io.windtunnel.simulator.policy.RoundRobinBalancer;
import io.windtunnel.simulator.policy.SimulationView;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link AllocationTest}'s measurement with every built-in balancer, in a surefire execution of its own (tag
 * "allocation-balancers", without escape analysis, as {@link AllocationTest}). Run in the same JVM after
 * {@link AllocationTest}'s round-robin runs it once measured 80 bytes in its hour (0 when run alone, with and
 * without escape analysis, with the same 27,015,560 events). That is one small object in 27 million events, not
 * one per request (that would be megabytes); it was not traced to its source, and the likeliest one is the JIT (a
 * deoptimization materializing an object that escape analysis had removed, after the earlier runs had shaped the
 * request path's profile for other balancer types). A JVM of its own measures the balancers' path as a run sees it.
 */
@Tag("allocation-balancers")
class BalancerAllocationTest
{
    private static final long SECOND = 1_000_000_000L;

    /**
     * Every built-in balancer on the request path: one run whose balancer hands each request to the next of them in
     * turn (round robin with SkyServe's reshuffle, random, least-outstanding, power of two choices with capacity
     * weights and a bias other than 1, so that its {@code Math.pow} path runs, peak-EWMA, weighted-capacity,
     * locality-first) and every response to all of them, so each one's decision and feedback run about 430,000
     * times in the measured window (3 M requests; over a million times in the whole run). One run rather than one per
     * balancer keeps the suite's time; the hand-off's call site sees several receivers, so no balancer is inlined into
     * it and each is compiled on its own, and running without escape analysis makes sure that no balancer's zero
     * rests on the JIT removing an allocation. Round robin without reshuffle is
     * {@link AllocationTest}'s balancer.
     */
    @Test
    void shouldAllocateNothingAfterWarmUpWhenEveryBuiltInBalancerDecides()
    {
        final Balancer[][] built = new Balancer[1][];
        final long[] picks = new long[7];
        final PolicyStack spot = ConservationTest.spotStack();
        final PolicyStack everyBalancer = new PolicyStack("every-balancer", Map.of(), spot.autoscaler(),
            spot.placement(),
            () -> {
                final Balancer[] balancers = {new RoundRobinBalancer(true), new RandomBalancer(),
                    new LeastOutstandingBalancer(), new PowerOfTwoChoicesBalancer(2, 1.5, true),
                    new PeakEwmaBalancer(10 * SECOND, 30_000_000L, 2), new CapacityWeightedBalancer(),
                    new LocalityFirstBalancer(2.0)};
                built[0] = balancers;
                return new RotatingBalancer(balancers, picks)
                {
                    @Override
                    public void onResponse(final SimulationView view, final int replica, final int outcome,
                        final long latencyNs)
                    {
                        for (final Balancer balancer : balancers)
                        {
                            balancer.onResponse(view, replica, outcome, latencyNs);
                        }
                    }
                };
            },
            spot.failover());
        AllocationTest.measure(everyBalancer, null, DecisionRecorder.NONE);
        assertThat(built[0]).hasSize(picks.length);
        for (final long count : picks)
        {
            assertThat(count).isGreaterThan(1_000_000);
        }
    }

}
