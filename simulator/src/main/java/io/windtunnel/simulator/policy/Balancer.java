package io.windtunnel.simulator.policy;

/**
 * Picks the replica that serves a request. Called once per request attempt: it is on the per-request path and must
 * not allocate.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none allowed.
 */
public interface Balancer
{
    /**
     * @param view   the running simulation.
     * @param client the request's client region.
     * @return a replica in state {@link SimulationView#READY}, or -1 to reject the request.
     */
    int pickReplica(SimulationView view, int client);
}
