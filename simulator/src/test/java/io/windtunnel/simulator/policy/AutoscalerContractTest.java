package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.Simulation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every autoscaler must do: stay within its own minimum and maximum whatever it observes, on a hand-set view and
 * through a faulty run, and keep every request ending exactly once. Subclass it per autoscaler as
 * {@code <Autoscaler>Test}.
 */
abstract class AutoscalerContractTest
{
    /** @return a fresh autoscaler whose bounds are {@link #minReplicas()} and {@link #maxReplicas()}. */
    abstract Autoscaler newAutoscaler();

    /** @return the fewest replicas {@link #newAutoscaler()}'s may ask for. */
    abstract int minReplicas();

    /** @return the most replicas it may ask for. */
    abstract int maxReplicas();

    @Test
    void shouldStayWithinMinAndMaxWhenObservedLoadVaries()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final Autoscaler autoscaler = newAutoscaler();
        final RandomStream random = new RandomStream(31);
        for (int round = 0; round < 1_000; round++)
        {
            view.nowNs = random.bernoulli(0.1) ? 0 : 1 + random.nextInt(1_000_000_000);
            view.active = random.nextInt(200);
            view.activeWorkers = view.active * (1 + random.nextInt(8));
            // Zero, ordinary and absurd loads.
            view.ratePerSec = random.bernoulli(0.2) ? 0 : Math.exp(random.uniform(0, 14));
            view.utilization = random.nextDouble();
            if (random.bernoulli(0.3))
            {
                autoscaler.onResponse(view, random.nextInt(64) - 1, 1 + random.nextInt(4), random.nextInt(1 << 30));
            }
            assertThat(autoscaler.desiredReplicas(view)).as("round %d", round)
                .isBetween(minReplicas(), maxReplicas());
        }
    }

    @Test
    void shouldStayWithinMinAndMaxAndKeepRequestsEndingOnceThroughFaultyRun()
    {
        final Autoscaler autoscaler = newAutoscaler();
        final List<String> problems = new ArrayList<>();
        final int[] decisions = new int[1];
        final Autoscaler checked = new Autoscaler()
        {
            @Override
            public int desiredReplicas(final SimulationView view)
            {
                final int desired = autoscaler.desiredReplicas(view);
                decisions[0]++;
                if (desired < minReplicas() || desired > maxReplicas())
                {
                    problems.add(desired + " replicas at " + view.nowNs());
                }
                return desired;
            }

            @Override
            public void onResponse(final SimulationView view, final int replica, final int outcome,
                final long latencyNs)
            {
                autoscaler.onResponse(view, replica, outcome, latencyNs);
            }
        };
        final Simulation simulation = ContractRuns.runAndCheckConservation(checked, null, null, null);

        assertThat(problems).isEmpty();
        assertThat(decisions[0]).isGreaterThan(10);
        assertThat(simulation.completed()).isPositive();
    }
}
