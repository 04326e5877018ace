package io.windtunnel.simulator.policy;

/**
 * Weighted round robin by capacity: each ready replica gets a share of the requests proportional to its capacity,
 * workers x speed of its instance type, in nginx's smooth weighted round-robin order
 * ({@code ngx_http_upstream_get_peer}): at each request every ready replica's running score grows by its weight,
 * the replica with the highest score is chosen (ties to the first in the ready list) and its score falls by the sum of
 * the weights. Over any stretch of requests each replica's share stays within one request of its weight's share, and
 * a replica's turns are spread out (weights 5, 1, 1 give a a b a c a a, not a a a a a b c).
 * <p>
 * Why deterministic rather than weighted random: a replica of a random split sees Poisson arrivals, while a smooth
 * cycle gives it evenly spaced ones, which queue less (as round robin queues less than random with identical
 * replicas); and a deterministic split adds no noise of its own to a comparison. It ignores load and client region:
 * at a given weight it is what round robin is to identical replicas. Weights are capacities scaled by 1000 and
 * rounded to whole numbers (at least 1), so the scores are exact integers.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none per request; O(ready replicas) per request. The
 * per-replica scores are sized at the first call (twice the replicas launched, at least 256) and double when a
 * replica index reaches their length. A replica that leaves the ready set keeps its score, as in nginx.
 */
public final class CapacityWeightedBalancer implements Balancer
{
    private long[] score = new long[0];

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int ready = view.readyCount();
        if (ready == 0)
        {
            return -1;
        }
        if (score.length == 0)
        {
            score = PerReplica.fit(score, PerReplica.initialLength(view) - 1, 0);
        }
        long total = 0;
        int best = -1;
        long bestScore = Long.MIN_VALUE;
        for (int i = 0; i < ready; i++)
        {
            final int replica = view.readyReplica(i);
            if (replica >= score.length)
            {
                score = PerReplica.fit(score, replica, 0);
            }
            final long weight = weight(view, replica);
            final long current = score[replica] + weight;
            score[replica] = current;
            total += weight;
            if (current > bestScore)
            {
                best = replica;
                bestScore = current;
            }
        }
        score[best] -= total;
        return best;
    }

    /**
     * @param view    the running simulation.
     * @param replica a replica.
     * @return its weight: workers x speed x 1000, rounded, at least 1.
     */
    static long weight(final SimulationView view, final int replica)
    {
        return Math.max(1, Math.round(PerReplica.capacity(view, replica) * 1000));
    }

    /** Registry entry: {@code type: weighted-capacity}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        /** Declares the type; it has no parameters. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "weighted-capacity",
                "smooth weighted round robin (nginx) with weights workers x speed, ignoring load and region");
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new CapacityWeightedBalancer();
        }
    }
}
