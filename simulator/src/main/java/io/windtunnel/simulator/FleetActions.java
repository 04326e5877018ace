package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.FleetControl;

/**
 * The run's {@link FleetControl}: what a failover's capacity hooks may do, carried out on the replica table, the
 * lifecycle and the control loop, plus the failover's wake-up event.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none, except when a launch grows the
 * replica table.
 */
final class FleetActions implements FleetControl
{
    private final Engine engine;
    private final CloudModel model;
    private final Simulation view;
    private final FailoverPolicy failover;
    private final ReplicaTable replicas;
    private final ReplicaLifecycle lifecycle;
    private final FaultInjector faults;
    private final ControlLoop control;
    private final int wakeType;
    private long wakeHandle = Simulation.NO_HANDLE;
    private long wakeAtNs;

    /**
     * @param engine    the run's engine.
     * @param model     the run's model.
     * @param view      what the policies see.
     * @param failover  this run's failover policy (woken by the wake-up event).
     * @param replicas  the run's replicas (the masks live there).
     * @param lifecycle launches, drains and switches traffic.
     * @param faults    region state and offer availability without the placement mask.
     * @param control   acts toward the autoscaler's answer on {@link #scaleNow}.
     * @param wakeType  engine type of the failover's wake-up event.
     */
    FleetActions(final Engine engine, final CloudModel model, final Simulation view, final FailoverPolicy failover,
        final ReplicaTable replicas, final ReplicaLifecycle lifecycle, final FaultInjector faults,
        final ControlLoop control, final int wakeType)
    {
        this.engine = engine;
        this.model = model;
        this.view = view;
        this.failover = failover;
        this.replicas = replicas;
        this.lifecycle = lifecycle;
        this.faults = faults;
        this.control = control;
        this.wakeType = wakeType;
    }

    /**
     * The wake-up event: the failover's {@link FailoverPolicy#onWake}.
     *
     * @param nowNs now.
     */
    void onWake(final long nowNs)
    {
        wakeHandle = Simulation.NO_HANDLE;
        failover.onWake(view, this);
    }

    @Override
    public void wakeAt(final long timeNs)
    {
        final long nowNs = engine.nowNs();
        if (timeNs <= nowNs || timeNs >= model.durationNs)
        {
            return;
        }
        if (wakeHandle != Simulation.NO_HANDLE)
        {
            if (wakeAtNs <= timeNs)
            {
                return;
            }
            engine.cancel(wakeHandle);
        }
        wakeAtNs = timeNs;
        wakeHandle = engine.schedule(timeNs, wakeType, 0, 0, 0);
    }

    @Override
    public boolean regionUp(final int region)
    {
        return faults.regionUp(region);
    }

    @Override
    public boolean offerLaunchable(final int offer)
    {
        return faults.offerAvailable(offer);
    }

    @Override
    public void setRegionPlaceable(final int region, final boolean placeable)
    {
        replicas.regionPlaceable[region] = placeable;
    }

    @Override
    public boolean regionPlaceable(final int region)
    {
        return replicas.regionPlaceable[region];
    }

    @Override
    public void setRegionTraffic(final int region, final boolean takesTraffic)
    {
        lifecycle.setRegionTraffic(engine.nowNs(), region, takesTraffic);
    }

    @Override
    public boolean regionTakesTraffic(final int region)
    {
        return replicas.regionTraffic[region];
    }

    @Override
    public int launchSpare(final int offer)
    {
        if (!faults.offerAvailable(offer))
        {
            return -1;
        }
        return lifecycle.launch(engine.nowNs(), offer, true);
    }

    @Override
    public void adopt(final int replica)
    {
        final int state = replicas.state[replica];
        if (replicas.spare[replica] && (state == Simulation.PROVISIONING || state == Simulation.READY))
        {
            replicas.spare[replica] = false;
            replicas.activate(replica);
        }
    }

    @Override
    public void release(final int replica)
    {
        final int state = replicas.state[replica];
        if (!replicas.spare[replica] && replicas.active[replica] &&
            (state == Simulation.PROVISIONING || state == Simulation.READY))
        {
            replicas.deactivate(replica);
            replicas.spare[replica] = true;
        }
    }

    @Override
    public void retire(final int replica)
    {
        final int state = replicas.state[replica];
        if (state == Simulation.PROVISIONING || state == Simulation.READY)
        {
            lifecycle.drain(engine.nowNs(), replica);
        }
    }

    @Override
    public void scaleNow()
    {
        control.actNow(engine.nowNs());
    }
}
