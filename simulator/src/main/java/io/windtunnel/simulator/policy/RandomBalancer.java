package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;

/**
 * Sends each request to a ready replica drawn uniformly at random from the balancer slot's seeded stream
 * ({@link SimulationView#random}, fetched once), ignoring load, capacity and client region. With identical replicas
 * and Poisson arrivals it splits the arrivals into independent Poisson streams, so each replica is an M/M/c queue of
 * its own: the reference the load-aware balancers are measured against (SkyServe and Envoy offer it too).
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
public final class RandomBalancer implements Balancer
{
    private RandomStream random;

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int ready = view.readyCount();
        if (ready == 0)
        {
            return -1;
        }
        RandomStream stream = random;
        if (stream == null)
        {
            stream = random = view.random(PolicySlot.BALANCER);
        }
        return view.readyReplica(stream.nextInt(ready));
    }

    /** Registry entry: {@code type: random}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        /** Declares the type; it has no parameters. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "random",
                "a ready replica drawn uniformly from the balancer's seeded stream, ignoring load and region");
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new RandomBalancer();
        }
    }
}
