package io.windtunnel.simulator.policy;

/**
 * Decides how much capacity to run. Called once per control interval; the simulation then launches (through the
 * {@link PlacementPolicy}) or drains replicas to meet the answer.
 * <p>
 * <b>Threading:</b> one instance per run, called on its thread. <b>Allocation:</b> should allocate nothing.
 */
public interface Autoscaler
{
    /**
     * @param view the running simulation.
     * @return replicas that should be provisioning or ready.
     */
    int desiredReplicas(SimulationView view);
}
