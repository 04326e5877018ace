package io.windtunnel.simulator.policy;

/**
 * Feedback to a balancer or an autoscaler: the end of every request attempt, with the replica that had it, its
 * outcome and how long it took. {@link Balancer} and {@link Autoscaler} extend it with an empty default, so a policy
 * that needs no feedback implements nothing. A {@link PlacementPolicy} that also implements it (a placement that
 * learns from latency, as {@link BanditPlacement}) is called too.
 * <p>
 * <b>When.</b> Once per attempt, at the simulated time the attempt ends, after the simulator has updated its own
 * counts (so {@link SimulationView#replicaInFlight} no longer counts the attempt) and before a retry of the request
 * is dispatched. An attempt the balancer rejected (it returned -1) ends at once with {@link #REJECTED} and replica
 * -1.
 * <p>
 * <b>Threading:</b> the run's thread. <b>Allocation:</b> none allowed: it runs on the per-request path.
 */
public interface ResponseListener
{
    /** Outcome: the attempt completed and its response reached the client (the request is done). */
    int COMPLETED = 1;
    /** Outcome: the attempt passed its deadline; the request may be retried ({@code timeout-retries}). */
    int TIMED_OUT = 2;
    /** Outcome: the attempt was lost with its replica (ended with it in hand, or gone when it arrived). */
    int FAILED = 3;
    /** Outcome: the attempt was turned away (no ready replica, or the replica's queue was full). */
    int REJECTED = 4;
    /**
     * Outcome: a hedge copy lost the race, another copy of its request answered first, and it was cancelled (only
     * with a failover policy that hedges, {@link FailoverPolicy#hedgeDelayNs}).
     */
    int CANCELLED = 5;

    /**
     * An attempt ended.
     *
     * @param view      the running simulation.
     * @param replica   the replica the attempt was sent to, or -1 if the balancer rejected it.
     * @param outcome   {@link #COMPLETED}, {@link #TIMED_OUT}, {@link #FAILED}, {@link #REJECTED} or, for a hedged
     *                  copy that lost the race, {@link #CANCELLED}.
     * @param latencyNs from the attempt's dispatch to its end; for {@link #COMPLETED}, to the response's arrival at
     *                  the client (the return half of the round trip included), 0 for a balancer rejection.
     */
    default void onResponse(SimulationView view, int replica, int outcome, long latencyNs)
    {
    }
}
