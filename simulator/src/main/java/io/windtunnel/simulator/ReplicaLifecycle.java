package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.SimulationView;

/**
 * The replica lifecycle of one run, the state machine of {@link SimulationView}'s states:
 * <pre>
 *   launch --&gt; PROVISIONING --boot--&gt; READY --drain--&gt; DRAINING --last request done--&gt; TERMINATED
 *                  |                     |
 *                  |                     +--preemption notice--&gt; PREEMPTING --notice ends--&gt; PREEMPTED
 *                  +--preempted while provisioning, or no notice: PREEMPTED at once
 *   any live state --failure / outage--&gt; FAILED
 * </pre>
 * A replica launched at time 0, or of an instance type without boot time, is ready at once. Draining replicas finish
 * what they hold and take nothing new; replicas under notice keep serving what they hold until the notice ends. When a
 * replica ends, the requests it still holds are lost ({@link RequestPath#loseAll}) and it is billed
 * ({@link Billing#bill}); a preempted or failed replica is replaced as the {@link FailoverPolicy} says, where the
 * {@link PlacementPolicy} places it.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none, except when the replica table grows.
 */
final class ReplicaLifecycle
{
    private final Engine engine;
    private final CloudModel model;
    private final Simulation view;
    private final PlacementPolicy placement;
    private final FailoverPolicy failover;
    private final ReplicaTable replicas;
    private final RequestPath requestPath;
    private final RunMetrics metrics;
    private final Billing billing;
    private final int bootType;
    private final int noticeEndType;
    /** Set once by {@link #bind}: asked for a launch retry after a refused replacement. */
    private ControlLoop control;

    private long preemptions;
    private long failures;
    private long launches;
    private long launchesRefused;

    /**
     * @param engine        the run's engine.
     * @param model         the run's model.
     * @param view          what the policies see (the run's {@link Simulation}).
     * @param placement     this run's placement policy.
     * @param failover      this run's failover policy (replacements).
     * @param replicas      the run's replicas.
     * @param requestPath   the run's request path (loses the requests of a replica that ends).
     * @param metrics       the run's metrics.
     * @param billing       the run's billing.
     * @param bootType      engine type of the boot-done event.
     * @param noticeEndType engine type of the notice-end event.
     */
    ReplicaLifecycle(
        final Engine engine,
        final CloudModel model,
        final Simulation view,
        final PlacementPolicy placement,
        final FailoverPolicy failover,
        final ReplicaTable replicas,
        final RequestPath requestPath,
        final RunMetrics metrics,
        final Billing billing,
        final int bootType,
        final int noticeEndType)
    {
        this.engine = engine;
        this.model = model;
        this.view = view;
        this.placement = placement;
        this.failover = failover;
        this.replicas = replicas;
        this.requestPath = requestPath;
        this.metrics = metrics;
        this.billing = billing;
        this.bootType = bootType;
        this.noticeEndType = noticeEndType;
    }

    /**
     * @param control the run's control loop (the two refer to each other: a refused replacement may schedule a
     *                launch retry there).
     */
    void bind(final ControlLoop control)
    {
        this.control = control;
    }

    /**
     * Launch a replica where the placement policy says, or count a refused launch if it finds no offer.
     *
     * @param nowNs now.
     * @return false if the placement policy found no offer.
     */
    boolean launchPlaced(final long nowNs)
    {
        final int offer = placement.chooseOffer(view);
        if (offer < 0)
        {
            launchesRefused++;
            return false;
        }
        launch(nowNs, offer);
        return true;
    }

    /**
     * Launch a replica of an offer a placement plan asked for, if the offer is available now; otherwise count a
     * refused launch.
     *
     * @param nowNs now.
     * @param offer the offer.
     * @return false if the offer was not available.
     */
    boolean launchPlanned(final long nowNs, final int offer)
    {
        if (!view.offerAvailable(offer))
        {
            launchesRefused++;
            return false;
        }
        launch(nowNs, offer);
        return true;
    }

    /**
     * Launch a replica of an offer: provisioning until its boot time has passed (ready at once at time 0 or without
     * boot time).
     *
     * @param nowNs now.
     * @param offer the offer.
     * @return the replica.
     */
    int launch(final long nowNs, final int offer)
    {
        final int replica = replicas.add(offer, nowNs);
        launches++;
        final long bootNs = model.typeBootNs[model.offerType[offer]];
        if (nowNs == 0 || bootNs == 0)
        {
            becomeReady(nowNs, replica);
        }
        else
        {
            replicas.handle[replica] = engine.schedule(nowNs + bootNs, bootType, replica, 0, 0);
        }
        return replica;
    }

    /**
     * The boot-done event.
     *
     * @param nowNs   now.
     * @param replica the replica.
     */
    void onBoot(final long nowNs, final int replica)
    {
        replicas.handle[replica] = Simulation.NO_HANDLE;
        if (replicas.state[replica] == Simulation.PROVISIONING)
        {
            becomeReady(nowNs, replica);
        }
    }

    private void becomeReady(final long nowNs, final int replica)
    {
        metrics.updateAreas(nowNs);
        replicas.state[replica] = Simulation.READY;
        metrics.servingWorkers += replicas.workers[replica];
        replicas.joinReady(replica);
    }

    /**
     * Scale down one replica: a provisioning one ends at once, a ready one drains (ends once it holds nothing).
     *
     * @param nowNs   now.
     * @param replica a provisioning or ready replica.
     */
    void drain(final long nowNs, final int replica)
    {
        metrics.updateAreas(nowNs);
        final int state = replicas.state[replica];
        replicas.deactivate(replica);
        if (state == Simulation.PROVISIONING)
        {
            engine.cancel(replicas.handle[replica]);
            terminate(nowNs, replica, Simulation.TERMINATED);
            return;
        }
        replicas.leaveReady(replica);
        replicas.state[replica] = Simulation.DRAINING;
        if (replicas.busy[replica] == 0 && replicas.queueLen[replica] == 0)
        {
            terminate(nowNs, replica, Simulation.TERMINATED);
        }
    }

    /**
     * A preemption notice: the replica leaves the ready list and ends when the provider's notice ends (at once if
     * it was provisioning or the provider gives none); the failover policy replaces it.
     *
     * @param nowNs   now.
     * @param replica a provisioning, ready or draining replica.
     */
    void preempt(final long nowNs, final int replica)
    {
        metrics.updateAreas(nowNs);
        preemptions++;
        metrics.series.add(nowNs, RunMetrics.COL_PREEMPTIONS, 1);
        final int state = leaveService(replica);
        placement.onReplicaLost(view, replica, FailoverPolicy.PREEMPTION);
        final long noticeNs = model.providerNoticeNs[model.typeProvider[model.offerType[replicas.offer[replica]]]];
        if (state == Simulation.PROVISIONING || noticeNs == 0)
        {
            engine.cancel(replicas.handle[replica]);
            terminate(nowNs, replica, Simulation.PREEMPTED);
        }
        else
        {
            replicas.state[replica] = Simulation.PREEMPTING;
            replicas.handle[replica] = engine.schedule(nowNs + noticeNs, noticeEndType, replica, 0, 0);
        }
        replace(nowNs, replica, FailoverPolicy.PREEMPTION);
    }

    /**
     * An instance failure: the replica ends at once, its requests are lost, and the failover policy replaces it.
     *
     * @param nowNs   now.
     * @param replica a replica that has not ended.
     */
    void fail(final long nowNs, final int replica)
    {
        metrics.updateAreas(nowNs);
        failures++;
        metrics.series.add(nowNs, RunMetrics.COL_FAILURES, 1);
        leaveService(replica);
        placement.onReplicaLost(view, replica, FailoverPolicy.FAILURE);
        engine.cancel(replicas.handle[replica]);
        terminate(nowNs, replica, Simulation.FAILED);
        replace(nowNs, replica, FailoverPolicy.FAILURE);
    }

    /** The first step of a preemption or a failure: off the ready list and, if it counted, out of the active set. */
    private int leaveService(final int replica)
    {
        final int state = replicas.state[replica];
        if (state == Simulation.PROVISIONING || state == Simulation.READY)
        {
            replicas.deactivate(replica);
        }
        replicas.leaveReady(replica);
        return state;
    }

    private void replace(final long nowNs, final int replica, final int reason)
    {
        final int count = failover.replacements(view, replica, reason);
        for (int i = 0; i < count; i++)
        {
            if (!launchPlaced(nowNs))
            {
                control.askForRetry(nowNs);
                break;
            }
        }
    }

    /**
     * The notice-end event: a replica under notice is gone.
     *
     * @param nowNs   now.
     * @param replica the replica.
     */
    void onNoticeEnd(final long nowNs, final int replica)
    {
        replicas.handle[replica] = Simulation.NO_HANDLE;
        if (replicas.state[replica] == Simulation.PREEMPTING)
        {
            terminate(nowNs, replica, Simulation.PREEMPTED);
        }
    }

    /**
     * End a replica that is already out of the ready list and the active set: its workers stop counting, it is
     * billed, and its requests are lost (failover decides).
     *
     * @param nowNs      now.
     * @param replica    the replica.
     * @param finalState {@link SimulationView#TERMINATED}, {@link SimulationView#PREEMPTED} or
     *                   {@link SimulationView#FAILED}.
     */
    void terminate(final long nowNs, final int replica, final int finalState)
    {
        metrics.updateAreas(nowNs);
        final int state = replicas.state[replica];
        if (state == Simulation.READY || state == Simulation.DRAINING || state == Simulation.PREEMPTING)
        {
            metrics.servingWorkers -= replicas.workers[replica];
        }
        final int busy = replicas.busy[replica];
        metrics.busyWorkers -= busy;
        replicas.busy[replica] = 0;
        replicas.state[replica] = (byte)finalState;
        replicas.release(replica);
        billing.bill(replica, nowNs, finalState == Simulation.PREEMPTED);
        requestPath.loseAll(nowNs, replica, busy);
        placement.onReplicaEnded(view, replica, finalState);
    }

    /** @return preemption notices received. */
    long preemptions()
    {
        return preemptions;
    }

    /** @return replicas failed (instance failures and outages). */
    long failures()
    {
        return failures;
    }

    /** @return replicas launched. */
    long launches()
    {
        return launches;
    }

    /** @return launches the placement policy could not place. */
    long launchesRefused()
    {
        return launchesRefused;
    }
}
