package io.windtunnel.simulator.policy;

/**
 * Decides where (provider, region, instance type) and in which market replicas run, in one of two ways:
 * <ul>
 * <li><b>One offer per launch</b> ({@link #chooseOffer}, required): each time the simulation launches a replica
 * (scale-up in the control loop, a failover replacement), it asks for one offer.</li>
 * <li><b>A target allocation</b> ({@link #planAllocation}, optional): once per control decision, with the
 * autoscaler's desired count, the policy fills a count of replicas per offer (a fleet plan, as an LP solves) and the
 * simulation launches and drains toward it. A policy that does not override it keeps the first way for scale-up.</li>
 * </ul>
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> should allocate nothing (it runs per launch and per
 * control interval, not per request).
 */
public interface PlacementPolicy
{
    /**
     * @param view the running simulation.
     * @return the offer to launch, or -1 if none is acceptable (the launch is skipped and counted).
     */
    int chooseOffer(SimulationView view);

    /**
     * A target allocation over offers, asked for once per control decision, right after the autoscaler's.
     * <p>
     * On entry {@code replicasPerOffer[offer]} holds the offer's active replicas (provisioning or ready, the ones the
     * autoscaler counts); the policy overwrites it with how many it wants and returns true. The simulation then, in
     * this order: <ol>
     * <li>drains, offer by offer in index order, the replicas above an offer's target, in the scale-down order
     * (provisioning first, newest first, then the newest ready replica);</li>
     * <li>launches, offer by offer in index order, the replicas below an offer's target; a launch on an offer that
     * is not available at that moment ({@link SimulationView#offerAvailable}: region or zone down, spot capacity or
     * the region's quota used up, including by the launches just made) is refused and counted in the run's refused
     * launches, and the rest of that offer's launches are skipped.</li>
     * </ol>
     * The targets need not add up to {@code desiredReplicas} (a plan may fall short when offers are scarce); they
     * must not be negative (a bug in the policy: the run stops with an exception). Returning false leaves the array
     * unread and the control loop scales as without this method: {@link #chooseOffer} per launch, the scale-down
     * order for the surplus. Failover replacements always go through {@link #chooseOffer}; the next control decision
     * folds them into the plan.
     *
     * @param view             the running simulation.
     * @param desiredReplicas  the autoscaler's answer (at least 0).
     * @param replicasPerOffer one entry per offer of the model: active replicas on entry, targets on return.
     * @return true if the array holds a plan, false to launch one offer at a time (the default).
     */
    default boolean planAllocation(SimulationView view, int desiredReplicas, int[] replicasPerOffer)
    {
        return false;
    }

    /**
     * A replica was lost to the provider: a preemption notice ({@link FailoverPolicy#PREEMPTION}) or an instance
     * failure or region outage ({@link FailoverPolicy#FAILURE}). Called at that moment, after the replica has left
     * the ready list and the active counts and before the failover policy is asked for replacements (which come
     * through {@link #chooseOffer}), so that a recovery strategy can steer the replacement away from the lost
     * replica's region or zone, and a learning policy can count the loss against the replica's offer.
     * <p>
     * Runs per lost replica; the default does nothing.
     *
     * @param view    the running simulation.
     * @param replica the replica lost ({@link SimulationView#replicaOffer}, {@link SimulationView#replicaZone} and
     *                {@link SimulationView#replicaLaunchNs} still answer for it).
     * @param reason  {@link FailoverPolicy#PREEMPTION} or {@link FailoverPolicy#FAILURE}.
     */
    default void onReplicaLost(final SimulationView view, final int replica, final int reason)
    {
    }

    /**
     * A replica ended and was billed: scaled down ({@link SimulationView#TERMINATED}), preempted at the end of its
     * notice ({@link SimulationView#PREEMPTED}) or failed ({@link SimulationView#FAILED}).
     * {@link SimulationView#replicaCostUsd} then holds its final bill and {@link SimulationView#replicaCompleted} the
     * attempts it served, which is what a policy learning cost per served request needs. Replicas still running
     * when the run ends get no call.
     * <p>
     * Runs per ended replica; the default does nothing.
     *
     * @param view       the running simulation.
     * @param replica    the replica.
     * @param finalState {@link SimulationView#TERMINATED}, {@link SimulationView#PREEMPTED} or
     *                   {@link SimulationView#FAILED}.
     */
    default void onReplicaEnded(final SimulationView view, final int replica, final int finalState)
    {
    }

    /**
     * When to try again after a launch this policy could not make: asked once after each control decision or
     * failover replacement in which a launch was refused ({@link #chooseOffer} answered -1, or a planned offer was
     * not available). A time after now schedules a retry: at that time the simulation acts again toward the last
     * desired count, exactly as a control decision does (a plan, or one offer per launch) but without asking the
     * autoscaler again. At most one retry is pending; an earlier answer replaces a later one, and a control
     * decision before it does not cancel it. This is how a policy with a relaunch backoff (SkyPilot's recovery
     * strategies) relaunches between control intervals: it answers -1 from {@link #chooseOffer} while it backs
     * off and returns the end of its backoff here.
     * <p>
     * The default, -1, schedules nothing: the next control decision tries again.
     *
     * @param view the running simulation.
     * @return simulated time of the retry, ns, or -1 for none (a time not after now also means none).
     */
    default long retryLaunchAtNs(final SimulationView view)
    {
        return -1;
    }
}
