package io.windtunnel.simulator.policy;

/**
 * Decides how much capacity to run. Called once per control interval; the simulation then launches (through the
 * {@link PlacementPolicy}) or drains replicas to meet the answer. Feedback on each request attempt comes through
 * {@link ResponseListener#onResponse}; its answer is clamped to at least 0.
 * <p>
 * <b>Threading:</b> one instance per run, called on its thread. <b>Allocation:</b> should allocate nothing.
 */
public interface Autoscaler extends ResponseListener
{
    /**
     * @param view the running simulation.
     * @return replicas that should be provisioning or ready.
     */
    int desiredReplicas(SimulationView view);
}
