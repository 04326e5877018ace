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
 * what they hold and take nothing new. At a preemption notice the {@link FailoverPolicy} says whether the replica
 * drains ({@link FailoverPolicy#drainOnNotice}: it leaves the ready list and the active set, serves what it holds
 * until the notice ends, and is replaced at once) or keeps serving: the stack does not act on the notice, so the
 * replica stays {@code READY}, on the ready list and in the active set, taking new requests, until the notice ends;
 * then it is gone and replaced ({@link ReplicaTable#underNotice} marks it meanwhile, so faults do not preempt it
 * twice; if the control loop drains it meanwhile, it still ends with the notice, and is not replaced). When a replica ends, the requests it still holds
 * are lost ({@link RequestPath#loseAll}) and it is billed ({@link Billing#bill}); a preempted or failed replica is
 * replaced as the {@link FailoverPolicy} says, where the {@link PlacementPolicy} places it.
 * <p>
 * <b>Traffic.</b> A ready replica is on the ready list only while its region takes traffic
 * ({@link ReplicaTable#regionTraffic}, which a failover may switch through {@link FleetActions}); its workers count as
 * serving while it is on the list, and while it drains or serves a notice after it (until it ends). A replica whose
 * region stops taking traffic stops counting at once (it finishes what it holds, for seconds, uncounted). Spares (launched by a failover, outside the active set)
 * follow the same rules.
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
    /** The notice-end event's payload for a replica that served through its notice. */
    static final long KEPT = 1;
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
        return launch(nowNs, offer, false);
    }

    /**
     * Launch a replica of an offer, an ordinary one or a failover's spare (outside the active set).
     *
     * @param nowNs now.
     * @param offer the offer.
     * @param spare true for a spare.
     * @return the replica.
     */
    int launch(final long nowNs, final int offer, final boolean spare)
    {
        final int replica = replicas.add(offer, nowNs, spare);
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
        if (replicas.regionTraffic[replicas.region[replica]])
        {
            takeTraffic(replica);
        }
    }

    /** On the ready list; its workers count as serving from the first time. Call after updating the areas. */
    private void takeTraffic(final int replica)
    {
        if (!replicas.serving[replica])
        {
            replicas.serving[replica] = true;
            metrics.servingWorkers += replicas.workers[replica];
        }
        if (replicas.readyPos[replica] == Simulation.NONE)
        {
            replicas.joinReady(replica);
        }
    }

    /**
     * A region starts or stops taking traffic: its ready replicas join or leave the ready list.
     *
     * @param nowNs        now.
     * @param region       the region.
     * @param takesTraffic the new setting.
     */
    void setRegionTraffic(final long nowNs, final int region, final boolean takesTraffic)
    {
        if (replicas.regionTraffic[region] == takesTraffic)
        {
            return;
        }
        metrics.updateAreas(nowNs);
        replicas.regionTraffic[region] = takesTraffic;
        for (int r = 0; r < replicas.count; r++)
        {
            if (replicas.region[r] != region)
            {
                continue;
            }
            final int state = replicas.state[r];
            if (takesTraffic && state == Simulation.READY)
            {
                takeTraffic(r);
            }
            else if (!takesTraffic && state == Simulation.READY)
            {
                // Idle capacity from now on (a standby): its workers stop counting as serving at once, though it
                // finishes the few requests it holds, so that utilization measures the replicas that take traffic.
                replicas.leaveReady(r);
                if (replicas.serving[r])
                {
                    replicas.serving[r] = false;
                    metrics.servingWorkers -= replicas.workers[r];
                }
            }
        }
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
     * A preemption notice: the replica ends when the provider's notice ends (at once if it was provisioning or the
     * provider gives none). If the failover drains on notice (or the replica was not ready), it leaves the ready list
     * and the active set now and the failover policy replaces it now; otherwise it keeps serving until the notice
     * ends and is replaced then ({@link #onNoticeEnd}).
     *
     * @param nowNs   now.
     * @param replica a provisioning, ready or draining replica.
     */
    void preempt(final long nowNs, final int replica)
    {
        metrics.updateAreas(nowNs);
        preemptions++;
        metrics.series.add(nowNs, RunMetrics.COL_PREEMPTIONS, 1);
        final long noticeNs = model.providerNoticeNs[model.typeProvider[model.offerType[replicas.offer[replica]]]];
        if (noticeNs > 0 && replicas.state[replica] == Simulation.READY && !failover.drainOnNotice(view, replica))
        {
            // Serves through the notice, still READY, on the ready list and in the active set; gone and replaced at
            // its end.
            replicas.underNotice[replica] = true;
            placement.onReplicaLost(view, replica, FailoverPolicy.PREEMPTION);
            replicas.handle[replica] = engine.schedule(nowNs + noticeNs, noticeEndType, replica, KEPT, 0);
            return;
        }
        final int state = leaveService(replica);
        placement.onReplicaLost(view, replica, FailoverPolicy.PREEMPTION);
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
        replicas.deactivate(replica);
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
     * The notice-end event: a replica under notice is gone; one that served through its notice is replaced now.
     *
     * @param nowNs   now.
     * @param replica the replica.
     * @param kept    {@link #KEPT} if it served through its notice, else 0.
     */
    void onNoticeEnd(final long nowNs, final int replica, final long kept)
    {
        replicas.handle[replica] = Simulation.NO_HANDLE;
        final int state = replicas.state[replica];
        if (kept == KEPT)
        {
            replicas.underNotice[replica] = false;
            if (state == Simulation.READY)
            {
                metrics.updateAreas(nowNs);
                leaveService(replica);
                terminate(nowNs, replica, Simulation.PREEMPTED);
                replace(nowNs, replica, FailoverPolicy.PREEMPTION);
            }
            else if (state == Simulation.DRAINING)
            {
                // Drained by the control loop during its notice: the provider takes it all the same.
                terminate(nowNs, replica, Simulation.PREEMPTED);
            }
            return;
        }
        if (state == Simulation.PREEMPTING)
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
        if (replicas.serving[replica])
        {
            replicas.serving[replica] = false;
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
