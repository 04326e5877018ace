package io.windtunnel.simulator.policy;

/**
 * Keeps a fixed number of replicas: the baseline for validation (M/M/c) and for static provisioning.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
public final class FixedAutoscaler implements Autoscaler
{
    private final int replicas;

    /**
     * @param replicas replicas to keep active.
     */
    public FixedAutoscaler(final int replicas)
    {
        this.replicas = replicas;
    }

    @Override
    public int desiredReplicas(final SimulationView view)
    {
        return replicas;
    }

    /** Registry entry: {@code type: fixed}. */
    public static final class Provider extends PolicyProvider<Autoscaler>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.AUTOSCALER, "fixed", "keeps a fixed number of replicas (static provisioning, M/M/c checks)",
                PolicyParameter.integer("replicas", 0, 1_000_000).defaultValue(1).unit("replicas")
                    .doc("replicas to keep provisioning or ready").build());
        }

        @Override
        public Autoscaler create(final PolicyArguments arguments)
        {
            return new FixedAutoscaler(arguments.getInt("replicas"));
        }
    }
}
