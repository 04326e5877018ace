package io.windtunnel.simulator.policy;

/**
 * Picks the replica that serves a request. Called once per request attempt: it is on the per-request path and must
 * not allocate. Feedback comes through {@link ResponseListener#onResponse} (each attempt's end) and the simulator's
 * own per-replica count of attempts in hand, {@link SimulationView#replicaInFlight}, which a balancer should read
 * instead of keeping a count of its own (a count kept from the callbacks is exact too, but it is easy to miss a
 * path, as SkyPilot's least-load balancer did).
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none allowed.
 */
public interface Balancer extends ResponseListener
{
    /**
     * @param view   the running simulation.
     * @param client the request's client region.
     * @return a replica in state {@link SimulationView#READY}, or -1 to reject the request.
     */
    int pickReplica(SimulationView view, int client);
}
