package io.windtunnel.simulator.policy;

/**
 * Reacts to lost capacity (preemption, instance failure, region outage) and to the requests it had in hand.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none allowed ({@link #retryLostRequest} runs per
 * affected request).
 */
public interface FailoverPolicy
{
    /** Why a replica was lost: a spot preemption notice. */
    int PREEMPTION = 1;
    /** Why a replica was lost: instance failure or region outage. */
    int FAILURE = 2;

    /**
     * @param view     the running simulation.
     * @param replica  the replica lost (already out of the ready list).
     * @param reason   {@link #PREEMPTION} or {@link #FAILURE}.
     * @return replicas to launch at once, through the placement policy, instead of waiting for the control loop.
     */
    int replacements(SimulationView view, int replica, int reason);

    /**
     * @param view     the running simulation.
     * @param attempts attempts the request has made so far.
     * @return true to send the request to another replica (a retry), false to count it as failed.
     */
    boolean retryLostRequest(SimulationView view, int attempts);
}
