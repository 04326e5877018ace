package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;

/**
 * Power of d choices (Mitzenmacher, "The Power of Two Choices in Randomized Load Balancing", IEEE TPDS 12(10), 2001)
 * as Envoy's {@code LEAST_REQUEST} load balancer does it: draw {@code choices} ready replicas independently and
 * uniformly (with replacement, as both define it) from the balancer slot's seeded stream and send the request to the
 * one with the fewest active requests ({@link SimulationView#replicaInFlight}); ties go to the first drawn. When
 * {@code choices} is at least the number of ready replicas, every ready replica is compared instead (Envoy's full
 * scan), ties to the first in the ready list.
 * <p>
 * <b>Weights.</b> A replica's weight is its capacity, workers x speed of its instance type ({@code weights:
 * capacity}, the default), or 1 for all ({@code weights: equal}). When the candidates' weights are all equal the rule
 * is fewest active, as above; when they differ, the candidate with the highest {@code weight / (active + 1)^bias}
 * wins (Envoy's formula, {@code bias} its {@code active_request_bias}, default 1.0: 0 ignores load and follows the
 * weights, larger values weigh load more). Envoy applies that formula in a weighted round-robin schedule over all
 * hosts when any weights differ; here it ranks the drawn candidates, so a decision stays O(choices) and the
 * two-choice behaviour is kept in a heterogeneous fleet.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none; O(choices) per request.
 */
public final class PowerOfTwoChoicesBalancer implements Balancer
{
    private final int choices;
    private final double bias;
    private final boolean weighted;
    private RandomStream random;

    /**
     * @param choices  replicas drawn per request, at least 1.
     * @param bias     Envoy's active request bias, at least 0.
     * @param weighted weigh replicas by capacity (else all weigh 1).
     */
    public PowerOfTwoChoicesBalancer(final int choices, final double bias, final boolean weighted)
    {
        if (choices < 1 || !(bias >= 0))
        {
            throw new IllegalArgumentException("choices must be at least 1 and bias at least 0: " + choices + ", " +
                bias);
        }
        this.choices = choices;
        this.bias = bias;
        this.weighted = weighted;
    }

    @Override
    public int pickReplica(final SimulationView view, final int client)
    {
        final int ready = view.readyCount();
        if (ready == 0)
        {
            return -1;
        }
        final boolean scan = choices >= ready;
        RandomStream stream = random;
        if (stream == null && !scan)
        {
            stream = random = view.random(PolicySlot.BALANCER);
        }
        final int candidates = scan ? ready : choices;
        int fewest = -1;
        int fewestActive = Integer.MAX_VALUE;
        int heaviest = -1;
        double heaviestScore = -1;
        double firstWeight = 0;
        boolean weightsDiffer = false;
        for (int i = 0; i < candidates; i++)
        {
            final int replica = view.readyReplica(scan ? i : stream.nextInt(ready));
            final int active = view.replicaInFlight(replica);
            if (active < fewestActive)
            {
                fewest = replica;
                fewestActive = active;
            }
            if (weighted)
            {
                final double weight = PerReplica.capacity(view, replica);
                if (i == 0)
                {
                    firstWeight = weight;
                }
                else if (weight != firstWeight)
                {
                    weightsDiffer = true;
                }
                final double score = weight / (bias == 1.0 ? active + 1 : Math.pow(active + 1, bias));
                if (score > heaviestScore)
                {
                    heaviest = replica;
                    heaviestScore = score;
                }
            }
        }
        return weightsDiffer ? heaviest : fewest;
    }

    /** Registry entry: {@code type: power-of-two-choices}. */
    public static final class Provider extends PolicyProvider<Balancer>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.BALANCER, "power-of-two-choices",
                "the least loaded of `choices` ready replicas drawn at random (Envoy least_request)",
                PolicyParameter.integer("choices", 1, 1000).defaultValue(2).unit("replicas")
                    .doc("replicas drawn per request (Envoy choice_count); all are compared when at least the " +
                        "ready count").build(),
                PolicyParameter.number("bias", 0, 100).defaultValue(1.0)
                    .doc("Envoy's active_request_bias: with unequal weights the score is weight / (active + 1)^bias")
                    .build(),
                PolicyParameter.choice("weights", "capacity", "equal").defaultValue("capacity")
                    .doc("a replica's weight: capacity (workers x speed) or equal (1 for all)").build());
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new PowerOfTwoChoicesBalancer(arguments.getInt("choices"), arguments.getDouble("bias"),
                arguments.getString("weights").equals("capacity"));
        }
    }
}
