package io.windtunnel.simulator.policy;

/**
 * Decides where (provider, region, instance type) and in which market a new replica is launched.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> should allocate nothing.
 */
public interface PlacementPolicy
{
    /**
     * @param view the running simulation.
     * @return the offer to launch, or -1 if none is acceptable (the launch is skipped and counted).
     */
    int chooseOffer(SimulationView view);
}
