package io.windtunnel.simulator.policy;

/**
 * Reacts to lost capacity (preemption, instance failure, region outage) and to the requests it had in hand, and sees
 * every request's attempts as they happen, so that retries with backoff and hedged requests can be written as
 * failover policies.
 * <p>
 * <b>Per-request events</b> (all default to doing nothing). A request is named by its id, the arrival ordinal of the
 * run (0 for the first request of the run, counting the warm-up); its attempts are numbered from 1. For one request
 * the events come in this order: per attempt {@link #onSent} (the balancer chose a replica) then exactly one of
 * {@link #onCompleted} or {@link #onLost}; after its last attempt, exactly one {@link #onEnded} with the request's
 * outcome. A request the balancer rejects gets no {@code onSent} for that attempt, only {@code onEnded}
 * ({@link ResponseListener#REJECTED}). A request still in flight when the run ends gets no {@code onEnded}.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none allowed ({@link #retryLostRequest} and the events
 * run per request).
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
     * Called after {@link #onLost} with {@link ResponseListener#FAILED}, before anything else happens to the request.
     *
     * @param view     the running simulation.
     * @param attempts attempts the request has made so far.
     * @return true to send the request to another replica (a retry), false to count it as failed.
     */
    boolean retryLostRequest(SimulationView view, int attempts);

    /**
     * An attempt was sent: the balancer chose {@code replica}, which now counts it in
     * {@link SimulationView#replicaInFlight}.
     *
     * @param view      the running simulation.
     * @param requestId the request's arrival ordinal.
     * @param attempt   the attempt's number, from 1.
     * @param replica   the replica chosen.
     */
    default void onSent(SimulationView view, long requestId, int attempt, int replica)
    {
    }

    /**
     * An attempt completed: its response reached the client; {@link #onEnded} with
     * {@link ResponseListener#COMPLETED} follows.
     *
     * @param view      the running simulation.
     * @param requestId the request's arrival ordinal.
     * @param attempt   the attempt's number.
     * @param replica   the replica that served it.
     * @param latencyNs from the request's arrival to the response (what the latency metrics record).
     */
    default void onCompleted(SimulationView view, long requestId, int attempt, int replica, long latencyNs)
    {
    }

    /**
     * An attempt was lost: it timed out, its replica ended with it in hand or was gone when it arrived, or the
     * replica's queue was full. A retry ({@link #onSent} with the next attempt number) or {@link #onEnded} follows.
     *
     * @param view      the running simulation.
     * @param requestId the request's arrival ordinal.
     * @param attempt   the attempt's number.
     * @param replica   the replica it was sent to.
     * @param outcome   {@link ResponseListener#TIMED_OUT}, {@link ResponseListener#FAILED} or
     *                  {@link ResponseListener#REJECTED}.
     */
    default void onLost(SimulationView view, long requestId, int attempt, int replica, int outcome)
    {
    }

    /**
     * A request ended, once per request: it no longer counts as in flight.
     *
     * @param view      the running simulation.
     * @param requestId the request's arrival ordinal.
     * @param attempts  attempts it made, counting a last one the balancer rejected.
     * @param outcome   {@link ResponseListener#COMPLETED}, {@link ResponseListener#TIMED_OUT},
     *                  {@link ResponseListener#FAILED} or {@link ResponseListener#REJECTED}.
     */
    default void onEnded(SimulationView view, long requestId, int attempts, int outcome)
    {
    }

    // Capacity failover (issue 12: drain on notice, active-passive, N+k): where replicas run and when they leave.

    /**
     * At a preemption notice of a ready replica: drain it now, or keep it serving until the notice ends.
     * <p>
     * True (the default, and what the simulator did before this hook existed): the replica stops taking new requests
     * at once (it leaves the ready list and the autoscaler's count, finishes what it holds while the notice lasts) and
     * {@link #replacements} is asked at the notice, so replacements boot during the notice. False: the replica stays
     * on the ready list and in the autoscaler's count, taking new requests, until the notice ends; then it is gone
     * (whatever it holds is lost) and {@link #replacements} is asked. A provisioning replica, or one of a provider
     * that gives no notice, is gone at once either way.
     *
     * @param view    the running simulation.
     * @param replica the replica under notice.
     * @return true to drain at the notice.
     */
    default boolean drainOnNotice(final SimulationView view, final int replica)
    {
        return true;
    }

    /**
     * Called once, at time 0, before the autoscaler's first decision: set masks and wake-ups here.
     *
     * @param view  the running simulation.
     * @param fleet what the failover may do to the fleet, during this call.
     */
    default void onStart(final SimulationView view, final FleetControl fleet)
    {
    }

    /**
     * Called every control interval, after the autoscaler's launches and drains: keep spares here.
     *
     * @param view  the running simulation.
     * @param fleet what the failover may do to the fleet, during this call.
     */
    default void onControl(final SimulationView view, final FleetControl fleet)
    {
    }

    /**
     * Called at a time asked for with {@link FleetControl#wakeAt}: health checks here.
     *
     * @param view  the running simulation.
     * @param fleet what the failover may do to the fleet, during this call.
     */
    default void onWake(final SimulationView view, final FleetControl fleet)
    {
    }
}
