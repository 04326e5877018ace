package io.windtunnel.simulator;

import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.SimulationView;

/**
 * Test helper for the allocation tests: hands each decision to the next of several balancers in turn and counts each
 * one's picks, so that one run puts every one of them on the request path. It does not override
 * {@link Balancer#onResponse}, so the request path takes its no-listener branch; a test that wants the balancers'
 * feedback too overrides it (an anonymous subclass) and forwards the call.
 */
class RotatingBalancer implements Balancer
{
    /** The balancers, in turn. */
    final Balancer[] balancers;
    private final long[] picks;
    private int next;

    /**
     * @param balancers the balancers to rotate through.
     * @param picks     one counter per balancer, incremented at each of its picks.
     */
    RotatingBalancer(final Balancer[] balancers, final long[] picks)
    {
        this.balancers = balancers;
        this.picks = picks;
    }

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int i = next;
        next = i + 1 == balancers.length ? 0 : i + 1;
        picks[i]++;
        return balancers[i].pickReplica(view, client);
    }
}
