package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.Simulation;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every failover policy must do: never ask for a negative number of replacements, and keep every request ending
 * exactly once (retried or failed, never dropped or ended twice) through preemptions, failures and an outage.
 * Subclass it per failover policy as {@code <Policy>Test}.
 */
abstract class FailoverContractTest
{
    /** @return a fresh failover policy as the registry would build it. */
    abstract FailoverPolicy newFailover();

    @Test
    void shouldAskForNoNegativeReplacementsWhenReplicasAreLost()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final FailoverPolicy failover = newFailover();
        final RandomStream random = new RandomStream(37);
        for (int round = 0; round < 500; round++)
        {
            view.active = random.nextInt(50);
            final int reason = random.bernoulli(0.5) ? FailoverPolicy.PREEMPTION : FailoverPolicy.FAILURE;
            assertThat(failover.replacements(view, random.nextInt(64), reason)).isNotNegative();
            failover.retryLostRequest(view, 1 + random.nextInt(5));
        }
    }

    @Test
    void shouldEndEveryRequestOnceWhenReplicasArePreemptedFailAndRegionGoesDown()
    {
        final Simulation simulation = ContractRuns.runAndCheckConservation(null, null, null, newFailover());

        assertThat(simulation.completed()).isPositive();
        assertThat(simulation.completed() + simulation.failed() + simulation.timedOut() + simulation.rejected())
            .isPositive();
    }
}
