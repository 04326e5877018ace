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
 * <b>Retries after a backoff and hedged requests</b> ({@link #retryDelayNs}, {@link #hedgeDelayNs}). A retry may wait
 * before it is sent; a hedging policy has several attempts of one request open at once (its copies), each with its
 * own {@code onSent} and one end: {@code onCompleted} for the copy whose response arrived first, {@code onLost} for
 * the others ({@link ResponseListener#CANCELLED} for a copy cancelled because another answered). {@code onEnded}
 * still comes once per request, after every attempt's end.
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
     * @param outcome   {@link ResponseListener#TIMED_OUT}, {@link ResponseListener#FAILED},
     *                  {@link ResponseListener#REJECTED} or {@link ResponseListener#CANCELLED} (a hedged copy that
     *                  lost the race).
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

    /** {@link #retryDelayNs} answer: do not retry; the request ends with the attempt's outcome. */
    long NO_RETRY = -1;
    /** {@link #hedgeDelayNs} answer: send no (further) hedge copy. */
    long NO_HEDGE = -1;

    /**
     * Whether and when to retry a request whose attempt ended without a response: it timed out, was lost with its
     * replica, or was turned away (a full queue, or no ready replica). Asked only when no other copy of the request
     * (a hedge) is still out, in place of the simulator's own rule, and only if the policy overrides it.
     * <p>
     * The default is that rule, today's behaviour: a timed-out request is retried at once while it has made at most
     * {@code service.retries} attempts ({@link io.windtunnel.simulator.model.CloudModel#timeoutRetries}), a lost one
     * at once if {@link #retryLostRequest} says so, a rejected one never.
     * <p>
     * A retry after a delay waits as an engine event (no allocation) and is then dispatched through the balancer like
     * any attempt, so it can land on another replica; while it waits the request is in flight and holds no replica.
     *
     * @param view      the running simulation.
     * @param requestId the request's arrival ordinal.
     * @param attempts  attempts made so far: the first and the retries (hedge copies are not counted).
     * @param outcome   {@link ResponseListener#TIMED_OUT}, {@link ResponseListener#FAILED} or
     *                  {@link ResponseListener#REJECTED}.
     * @return {@link #NO_RETRY}, 0 to retry at once, or the delay before the retry is dispatched, ns.
     */
    default long retryDelayNs(SimulationView view, long requestId, int attempts, int outcome)
    {
        switch (outcome)
        {
            case ResponseListener.TIMED_OUT:
                return attempts <= view.model().timeoutRetries ? 0 : NO_RETRY;
            case ResponseListener.FAILED:
                return retryLostRequest(view, attempts) ? 0 : NO_RETRY;
            default:
                return NO_RETRY;
        }
    }

    /**
     * Hedged requests (Dean and Barroso, "The Tail at Scale"): how long after the request's latest first attempt or
     * retry to send a copy to another replica if no response has come. Asked when a first attempt or a retry is
     * dispatched ({@code hedgesSent} is the request's hedges so far), and again after each hedge is sent for the
     * next one; only if the policy overrides it. The first response to reach the client wins and the other copies
     * are cancelled ({@link ResponseListener#CANCELLED}): see {@code docs/policies.md} for what a cancelled copy
     * costs. Each copy is an attempt of its own (its own {@link #onSent}, deadline and end); the request ends once.
     * The default sends none.
     *
     * @param view       the running simulation.
     * @param requestId  the request's arrival ordinal.
     * @param hedgesSent hedge copies of this request sent so far.
     * @return {@link #NO_HEDGE}, or the delay from now before the next copy is sent, ns.
     */
    default long hedgeDelayNs(SimulationView view, long requestId, int hedgesSent)
    {
        return NO_HEDGE;
    }
}
