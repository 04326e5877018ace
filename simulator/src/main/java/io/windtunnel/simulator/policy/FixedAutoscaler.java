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
}
