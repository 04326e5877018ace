package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.Simulation;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every balancer must do: return a READY replica or -1, on a hand-set view and through a whole faulty run, and
 * keep every request ending exactly once. Subclass it per balancer as {@code <Balancer>Test}
 * ({@link ContractCoverageTest} fails for a registered built-in without one).
 */
abstract class BalancerContractTest
{
    /** @return a fresh balancer as the registry would build it. */
    abstract Balancer newBalancer();

    @Test
    void shouldRejectWhenNoReplicaIsReady()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        assertThat(newBalancer().pickReplica(view, 0)).isEqualTo(-1);
    }

    @Test
    void shouldPickOnlyReadyReplicasWhenReadySetChanges()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final Balancer balancer = newBalancer();
        final RandomStream random = new RandomStream(17);
        for (int round = 0; round < 500; round++)
        {
            final int n = random.nextInt(8);
            view.ready = new int[n];
            for (int i = 0; i < n; i++)
            {
                view.ready[i] = random.nextInt(64);
            }
            for (int r = 0; r < 64; r++)
            {
                view.replicaQueue[r] = random.nextInt(5);
                view.replicaInFlight[r] = random.nextInt(8);
            }
            final int picked = balancer.pickReplica(view, random.nextInt(2));
            if (picked < 0)
            {
                assertThat(picked).isEqualTo(-1);
            }
            else
            {
                assertThat(view.ready).contains(picked);
            }
        }
    }

    @Test
    void shouldPickOnlyReadyReplicasAndKeepRequestsEndingOnceWhenReplicasArePreemptedAndFail()
    {
        final List<String> problems = new ArrayList<>();
        final Balancer balancer = newBalancer();
        final Balancer checked = new Balancer()
        {
            @Override
            public int pickReplica(final SimulationView view, final int client)
            {
                final int picked = balancer.pickReplica(view, client);
                if (picked < -1 || picked >= 0 && view.replicaState(picked) != SimulationView.READY)
                {
                    problems.add("picked " + picked + " at " + view.nowNs());
                }
                return picked;
            }

            @Override
            public void onResponse(final SimulationView view, final int replica, final int outcome,
                final long latencyNs)
            {
                balancer.onResponse(view, replica, outcome, latencyNs);
            }
        };
        final Simulation simulation = ContractRuns.runAndCheckConservation(null, null, checked, null);

        assertThat(problems).isEmpty();
        assertThat(simulation.completed()).isPositive();
    }
}
