package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.Autoscaler;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.PlacementPolicy;

import java.util.Arrays;

/**
 * The control loop of one run: every {@link CloudModel#controlIntervalNs}, from time 0, it measures the last interval
 * (arrival rate, busy over serving worker-time), asks the {@link Autoscaler} for a number of active replicas, and
 * launches (where placement says) or drains replicas to reach it.
 * <p>
 * <b>Placement plans.</b> If the placement policy answers {@link PlacementPolicy#planAllocation} with a plan
 * (replicas per offer), the loop drains each offer's surplus (in the scale-down order, restricted to that offer) and
 * then launches each offer's shortfall while the offer is available, both in offer order; otherwise it launches one
 * placed replica at a time up to the autoscaler's count, or drains the surplus.
 * <p>
 * <b>Launch retries.</b> After a decision in which a launch was refused, the placement policy may ask for a retry
 * before the next decision ({@link PlacementPolicy#retryLaunchAtNs}); the retry acts toward the same desired count.
 * <p>
 * <b>Failover hooks.</b> The {@link FailoverPolicy}'s capacity hooks run here: {@link FailoverPolicy#onStart} at
 * time 0 before the autoscaler's first decision, {@link FailoverPolicy#onControl} after each decision's launches and
 * drains, both with the run's {@link FleetActions}.
 * <p>
 * <b>Scale-down order:</b> provisioning replicas first (newest first: they serve nothing yet), then the ready replica
 * with the highest price per worker now (the newest of equals). Only the autoscaler's replicas are drained: never a
 * failover's spare, nor a replica serving through a preemption notice (it ends with the notice); with nothing left
 * to drain the loop stops short of the desired count.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none.
 */
final class ControlLoop
{
    private final Engine engine;
    private final CloudModel model;
    private final Simulation view;
    private final Autoscaler autoscaler;
    private final PlacementPolicy placement;
    private final FailoverPolicy failover;
    /** What the failover's hooks may do; set once by {@link #bind}. */
    private FleetActions fleet;
    private boolean started;
    /** The run's storage placement (asked at time 0 and after each decision), or null without a storage section. */
    private DataPlacement storage;
    /** The placement plan's out-parameter: replicas per offer. */
    private final int[] plan;
    private final ReplicaTable replicas;
    private final ReplicaLifecycle lifecycle;
    private final RunMetrics metrics;
    private final int controlType;
    private final int retryType;

    private double observedRatePerSec;
    private double observedUtilization;
    private final double[] observedClientRatePerSec;
    /** The autoscaler's last answer: what a launch retry acts toward. */
    private int desired;
    private long retryHandle = Simulation.NO_HANDLE;
    private long retryAtNs;

    /**
     * @param engine      the run's engine.
     * @param model       the run's model.
     * @param view        what the policies see (the run's {@link Simulation}).
     * @param autoscaler  this run's autoscaler.
     * @param placement   this run's placement policy (asked for a plan).
     * @param failover    this run's failover policy (its capacity hooks).
     * @param replicas    the run's replicas.
     * @param lifecycle   launches and drains them.
     * @param metrics     the run's metrics (the control window's arrivals and areas).
     * @param controlType engine type of the control event.
     * @param retryType   engine type of the launch-retry event.
     */
    ControlLoop(final Engine engine, final CloudModel model, final Simulation view, final Autoscaler autoscaler,
        final PlacementPolicy placement, final FailoverPolicy failover, final ReplicaTable replicas, final ReplicaLifecycle lifecycle,
        final RunMetrics metrics, final int controlType, final int retryType)
    {
        this.engine = engine;
        this.model = model;
        this.view = view;
        this.autoscaler = autoscaler;
        this.placement = placement;
        this.failover = failover;
        this.plan = new int[model.offers()];
        this.replicas = replicas;
        this.lifecycle = lifecycle;
        this.metrics = metrics;
        this.controlType = controlType;
        this.retryType = retryType;
        this.observedClientRatePerSec = new double[model.clientNames.length];
    }

    /**
     * @param fleet what the failover's hooks may do (the two refer to each other: {@link FleetActions#scaleNow} acts
     *              here).
     */
    void bind(final FleetActions fleet)
    {
        this.fleet = fleet;
    }

    /**
     * Schedule the first control event, at time 0 (after the faults replayed at time 0).
     */
    void scheduleFirst()
    {
        engine.schedule(0, controlType, 0, 0, 0);
    }

    /** @param placement the run's storage placement, asked at time 0 and after each control decision. */
    void bindStorage(final DataPlacement placement)
    {
        this.storage = placement;
    }

    /**
     * The control event: measure, decide, act, and schedule the next one.
     *
     * @param nowNs now.
     */
    void onControl(final long nowNs)
    {
        final RunMetrics metrics = this.metrics;
        metrics.updateAreas(nowNs);
        if (nowNs > 0)
        {
            observedRatePerSec = metrics.controlArrivals * 1e9 / model.controlIntervalNs;
            // At most 1: a replica taken off the ready list by a failover finishes what it holds uncounted as serving.
            observedUtilization = metrics.controlServingArea > 0 ?
                Math.min(1.0, metrics.controlBusyArea / metrics.controlServingArea) : 0;
        }
        final long[] clientArrivals = metrics.controlClientArrivals;
        for (int client = 0; client < clientArrivals.length; client++)
        {
            if (nowNs > 0)
            {
                observedClientRatePerSec[client] = clientArrivals[client] * 1e9 / model.controlIntervalNs;
            }
            clientArrivals[client] = 0;
        }
        metrics.controlArrivals = 0;
        metrics.controlBusyArea = 0;
        metrics.controlServingArea = 0;

        if (!started)
        {
            started = true;
            if (storage != null)
            {
                storage.start(nowNs);
            }
            failover.onStart(view, fleet);
        }
        desired = Math.max(0, autoscaler.desiredReplicas(view));
        act(nowNs);
        failover.onControl(view, fleet);
        if (storage != null)
        {
            storage.decide(nowNs);
        }
        final long nextNs = nowNs + model.controlIntervalNs;
        if (nextNs < model.durationNs)
        {
            engine.schedule(nextNs, controlType, 0, 0, 0);
        }
    }

    /**
     * The launch-retry event a placement policy asked for ({@link PlacementPolicy#retryLaunchAtNs}): act again
     * toward the last desired count, without a new autoscaler answer.
     *
     * @param nowNs now.
     */
    void onRetry(final long nowNs)
    {
        retryHandle = Simulation.NO_HANDLE;
        act(nowNs);
    }

    /**
     * Launch and drain toward the autoscaler's last answer now ({@link FleetActions#scaleNow}).
     *
     * @param nowNs now.
     */
    void actNow(final long nowNs)
    {
        act(nowNs);
    }

    /** Launch and drain toward {@link #desired}: by the placement's plan, or one offer per launch. */
    private void act(final long nowNs)
    {
        final long refusedBefore = lifecycle.launchesRefused();
        System.arraycopy(replicas.offerActive, 0, plan, 0, plan.length);
        if (placement.planAllocation(view, desired, plan))
        {
            followPlan(nowNs);
        }
        else
        {
            while (replicas.activeReplicas < desired)
            {
                if (!lifecycle.launchPlaced(nowNs))
                {
                    break;
                }
            }
            while (replicas.activeReplicas > desired)
            {
                final int victim = scaleDownVictim(nowNs, -1);
                if (victim == Simulation.NONE)
                {
                    break;
                }
                lifecycle.drain(nowNs, victim);
            }
        }
        if (lifecycle.launchesRefused() != refusedBefore)
        {
            askForRetry(nowNs);
        }
    }

    /**
     * After a refused launch: schedule the retry the placement policy asks for, if it is after now and earlier than
     * the one pending.
     *
     * @param nowNs now.
     */
    void askForRetry(final long nowNs)
    {
        final long atNs = placement.retryLaunchAtNs(view);
        if (atNs <= nowNs || atNs >= model.durationNs)
        {
            return;
        }
        if (retryHandle != Simulation.NO_HANDLE)
        {
            if (retryAtNs <= atNs)
            {
                return;
            }
            engine.cancel(retryHandle);
        }
        retryAtNs = atNs;
        retryHandle = engine.schedule(atNs, retryType, 0, 0, 0);
    }

    /** Drain each offer's surplus, then launch each offer's shortfall while it is available, in offer order. */
    private void followPlan(final long nowNs)
    {
        final int[] plan = this.plan;
        for (int offer = 0; offer < plan.length; offer++)
        {
            if (plan[offer] < 0)
            {
                throw new IllegalStateException(placement.getClass().getName() + " planned " + plan[offer] +
                    " replicas for offer " + offer + ": " + Arrays.toString(plan));
            }
        }
        for (int offer = 0; offer < plan.length; offer++)
        {
            while (replicas.offerActive[offer] > plan[offer])
            {
                final int victim = scaleDownVictim(nowNs, offer);
                if (victim == Simulation.NONE)
                {
                    break;
                }
                lifecycle.drain(nowNs, victim);
            }
        }
        for (int offer = 0; offer < plan.length; offer++)
        {
            while (replicas.offerActive[offer] < plan[offer])
            {
                if (!lifecycle.launchPlanned(nowNs, offer))
                {
                    break;
                }
            }
        }
    }

    /**
     * Provisioning replicas first (newest first), then the ready replica with the highest price per worker (the
     * newest of equals).
     *
     * @param onlyOffer an offer to choose among its replicas only, or -1 for any.
     * @return the replica, or {@link Simulation#NONE} if no replica of the autoscaler's may be drained.
     */
    private int scaleDownVictim(final long nowNs, final int onlyOffer)
    {
        for (int r = replicas.count - 1; r >= 0; r--)
        {
            if (replicas.state[r] == Simulation.PROVISIONING && replicas.active[r] &&
                (onlyOffer < 0 || replicas.offer[r] == onlyOffer))
            {
                return r;
            }
        }
        int victim = Simulation.NONE;
        double worst = -1;
        for (int i = 0; i < replicas.readyCount; i++)
        {
            final int r = replicas.readyList[i];
            final int offer = replicas.offer[r];
            if ((onlyOffer >= 0 && offer != onlyOffer) || !replicas.active[r] || replicas.state[r] != Simulation.READY)
            {
                continue;
            }
            final double price = model.offerPrice[offer].pricePerHourUsdAt(nowNs) / replicas.workers[r];
            if (price > worst || (price == worst && r > victim))
            {
                worst = price;
                victim = r;
            }
        }
        return victim;
    }

    /**
     * @param client a client region.
     * @return its arrivals per second over the last control interval (0 before the first interval ends).
     */
    double observedClientRatePerSec(final int client)
    {
        return observedClientRatePerSec[client];
    }

    /** @return arrivals per second over the last control interval (0 before the first interval ends). */
    double observedRatePerSec()
    {
        return observedRatePerSec;
    }

    /** @return busy over serving worker-time over the last control interval. */
    double observedUtilization()
    {
        return observedUtilization;
    }
}
