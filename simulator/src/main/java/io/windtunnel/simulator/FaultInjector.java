package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.FaultKind;

import java.util.Arrays;

/**
 * Fault injection for one run: the model's fault trace replayed as events, and the state faults leave behind (regions
 * and zones down, spot capacity per offer), which decides whether an offer is available to placement.
 * <p>
 * A fault names a key: a provider, a region or all of the provider's ({@code -1}), a zone or all
 * ({@link CloudModel#NO_ZONE}), an instance type or all ({@code -1}). Preemptions ({@code preempt}: a count;
 * {@code preempt_fraction}: a share of the matching live spot replicas) take the matching spot replicas in launch
 * order through the preemption path (notice, then gone); {@code instance_failure} fails replicas in launch order;
 * {@code outage_start} marks the zone (or the region, or every region of the provider) down and fails every replica
 * in it; {@code outage_end} marks it up; {@code unavailable}, {@code available} and {@code capacity} set the spot
 * capacity of the matching offers, and a capacity below the running spot replicas evicts the excess, newest first.
 * Faults before the run that set a lasting state ({@link #setsState}) are replayed at time 0; preemptions and failures
 * before the run hit nothing.
 * <p>
 * <b>Edge-site outages.</b> Besides the trace, an edge site with a mean time between failures
 * ({@link CloudModel#regionEdgeMtbfNs}) goes down at random: up-times are exponential with that mean, drawn from the
 * replication's stream {@code ("edge-outages", region)} (so every stack of a replication sees the same outages, and
 * other streams are untouched), and each outage lasts {@link CloudModel#regionEdgeRepairNs}. An outage fails every
 * replica of the site and blocks launches there until it ends, like a trace's region outage; it is kept apart from
 * trace outages, so the end of one does not end the other. Its events are fault events whose target is past the
 * trace's rows ({@code rows + 2 x region}, {@code + 1} for the end).
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none after setup.
 */
final class FaultInjector
{
    private final Engine engine;
    private final CloudModel model;
    private final ReplicaTable replicas;
    private final ReplicaLifecycle lifecycle;
    private final int faultType;

    /** Per offer: spot replicas it may run ({@link Integer#MAX_VALUE}: no limit). */
    private final int[] offerCapacity;
    private final boolean[] regionDown;
    private final boolean[] zoneDown;
    /** Scratch for capacity evictions: live spot replicas per offer. */
    private final int[] offerLive;
    /** Per region: a random edge-site outage holds it down. */
    private final boolean[] edgeDown;
    /** Per region: the edge site's outage stream, or null for a region without random outages. */
    private final RandomStream[] edgeOutages;

    /**
     * @param engine    the run's engine.
     * @param model     the run's model (its fault trace).
     * @param replicas  the run's replicas.
     * @param lifecycle preempts and fails them.
     * @param faultType engine type of the fault event.
     * @param streams   the replication's random streams (edge-site outages draw from their own).
     */
    FaultInjector(final Engine engine, final CloudModel model, final ReplicaTable replicas,
        final ReplicaLifecycle lifecycle, final int faultType, final RandomStreams streams)
    {
        this.engine = engine;
        this.model = model;
        this.replicas = replicas;
        this.lifecycle = lifecycle;
        this.faultType = faultType;
        offerCapacity = new int[model.offers()];
        Arrays.fill(offerCapacity, Integer.MAX_VALUE);
        regionDown = new boolean[model.regionNames.length];
        zoneDown = new boolean[model.zoneNames.length];
        offerLive = new int[model.offers()];
        edgeDown = new boolean[model.regionNames.length];
        edgeOutages = new RandomStream[model.regionNames.length];
        for (int region = 0; region < edgeOutages.length; region++)
        {
            if (model.regionEdgeMtbfNs[region] > 0)
            {
                edgeOutages[region] = streams.stream("edge-outages", region);
            }
        }
    }

    /**
     * @param kindCode a fault kind's code.
     * @return true if a fault of this kind changes a state that lasts (outages, spot capacity) rather than hitting
     * replicas once (preemptions, failures).
     */
    static boolean setsState(final int kindCode)
    {
        final FaultKind kind = FaultKind.fromCode(kindCode);
        return kind == FaultKind.OUTAGE_START || kind == FaultKind.OUTAGE_END || kind == FaultKind.UNAVAILABLE ||
            kind == FaultKind.AVAILABLE || kind == FaultKind.CAPACITY;
    }

    /**
     * Schedule the fault trace (at setup, before anything else is scheduled at time 0).
     */
    void scheduleFaults()
    {
        for (int f = 0; f < model.faultTimeNs.length; f++)
        {
            final long timeNs = model.faultTimeNs[f];
            if (timeNs >= 0 && timeNs < model.durationNs)
            {
                engine.schedule(timeNs, faultType, f, 0, 0);
            }
            else if (timeNs < 0 && setsState(model.faultKind[f]))
            {
                // An outage or capacity change before the run is still in effect at its start: replayed at time 0,
                // in time order (the model's faults are sorted and equal times run first in, first out), before the
                // control event launches the first fleet. Preemptions and failures before the run hit nothing.
                engine.schedule(0, faultType, f, 0, 0);
            }
        }
        for (int region = 0; region < edgeOutages.length; region++)
        {
            if (edgeOutages[region] != null)
            {
                scheduleEdgeOutage(0, region);
            }
        }
    }

    /** The next random outage of an edge site, an exponential up-time after {@code fromNs}, if inside the run. */
    private void scheduleEdgeOutage(final long fromNs, final int region)
    {
        final long atNs = fromNs + edgeOutages[region].exponentialNs(model.regionEdgeMtbfNs[region]);
        if (atNs >= fromNs && atNs < model.durationNs)
        {
            engine.schedule(atNs, faultType, model.faultTimeNs.length + 2 * region, 0, 0);
        }
    }

    /** A random edge-site outage starts (fails the site's replicas, schedules its end) or ends (schedules the next). */
    private void onEdgeOutage(final long nowNs, final int region, final boolean start)
    {
        if (start)
        {
            edgeDown[region] = true;
            failMatching(nowNs, model.regionProvider[region], region, CloudModel.NO_ZONE, -1, Integer.MAX_VALUE);
            final long endNs = nowNs + model.regionEdgeRepairNs[region];
            if (endNs < model.durationNs)
            {
                engine.schedule(endNs, faultType, model.faultTimeNs.length + 2 * region + 1, 0, 0);
            }
        }
        else
        {
            edgeDown[region] = false;
            scheduleEdgeOutage(nowNs, region);
        }
    }

    /**
     * @param offer an offer.
     * @return true if its zone and region are up, it has spot capacity left and its region's quota is not used up.
     */
    boolean offerAvailable(final int offer)
    {
        final int region = model.offerRegion[offer];
        final int zone = model.offerZone[offer];
        return !regionDown[region] && !edgeDown[region] && (zone == CloudModel.NO_ZONE || !zoneDown[zone]) &&
            replicas.offerRunning[offer] < offerCapacity[offer] &&
            replicas.regionActive[region] < model.regionQuota[region];
    }

    /**
     * @param region a region.
     * @return true unless an outage holds it (or its whole provider) down, a random edge-site outage included.
     */
    boolean regionUp(final int region)
    {
        return !regionDown[region] && !edgeDown[region];
    }

    /**
     * The fault event.
     *
     * @param nowNs now.
     * @param fault the fault's index in the model, or past the model's rows a random edge-site outage
     *              ({@code rows + 2 x region}: start, {@code + 1}: end).
     */
    void onFault(final long nowNs, final int fault)
    {
        final int rows = model.faultTimeNs.length;
        if (fault >= rows)
        {
            onEdgeOutage(nowNs, (fault - rows) >> 1, ((fault - rows) & 1) == 0);
            return;
        }
        final FaultKind kind = FaultKind.fromCode(model.faultKind[fault]);
        final int provider = model.faultProvider[fault];
        final int region = model.faultRegion[fault];
        final int zone = model.faultZone[fault];
        final int type = model.faultType[fault];
        final double value = model.faultValue[fault];
        switch (kind)
        {
            case PREEMPT:
                preemptMatching(nowNs, provider, region, zone, type, (int)Math.round(value));
                break;
            case PREEMPT_FRACTION:
                preemptMatching(nowNs, provider, region, zone, type,
                    (int)Math.round(value * countMatching(provider, region, zone, type, true)));
                break;
            case UNAVAILABLE:
                setSpotCapacity(provider, region, zone, type, 0);
                break;
            case AVAILABLE:
                setSpotCapacity(provider, region, zone, type, Integer.MAX_VALUE);
                break;
            case CAPACITY:
                setSpotCapacity(provider, region, zone, type, (int)Math.max(0, Math.round(value)));
                evictOverCapacity(nowNs, provider, region, zone, type);
                break;
            case INSTANCE_FAILURE:
                failMatching(nowNs, provider, region, zone, type, (int)Math.round(value));
                break;
            case OUTAGE_START:
                setDown(provider, region, zone, true);
                failMatching(nowNs, provider, region, zone, -1, Integer.MAX_VALUE);
                break;
            case OUTAGE_END:
                setDown(provider, region, zone, false);
                break;
            default:
                break;
        }
    }

    /** A zone outage marks the zone; a region outage (no zone) the region, or every region of the provider. */
    private void setDown(final int provider, final int region, final int zone, final boolean down)
    {
        if (zone != CloudModel.NO_ZONE)
        {
            zoneDown[zone] = down;
            return;
        }
        for (int r = 0; r < regionDown.length; r++)
        {
            if (model.regionProvider[r] == provider && (region < 0 || region == r))
            {
                regionDown[r] = down;
            }
        }
    }

    /** Does the offer fall under a fault key (provider, region or -1, zone or {@link CloudModel#NO_ZONE}, type or -1)? */
    private boolean offerMatches(final int offer, final int provider, final int region, final int zone,
        final int type)
    {
        final int offerType = model.offerType[offer];
        return model.typeProvider[offerType] == provider &&
            (region < 0 || model.offerRegion[offer] == region) &&
            (zone == CloudModel.NO_ZONE || model.offerZone[offer] == zone) &&
            (type < 0 || offerType == type);
    }

    /**
     * Is the replica live (provisioning, ready or draining: not under notice, whether it drains or serves through
     * it) and under the fault key?
     */
    private boolean matches(final int replica, final int provider, final int region, final int zone, final int type,
        final boolean spotOnly)
    {
        final int state = replicas.state[replica];
        if ((state != Simulation.PROVISIONING && state != Simulation.READY && state != Simulation.DRAINING) ||
            replicas.underNotice[replica])
        {
            return false;
        }
        final int offer = replicas.offer[replica];
        return offerMatches(offer, provider, region, zone, type) &&
            (!spotOnly || model.offerMarket[offer] == CloudModel.SPOT);
    }

    private int countMatching(final int provider, final int region, final int zone, final int type,
        final boolean spotOnly)
    {
        int count = 0;
        for (int r = 0; r < replicas.count; r++)
        {
            if (matches(r, provider, region, zone, type, spotOnly))
            {
                count++;
            }
        }
        return count;
    }

    private void preemptMatching(final long nowNs, final int provider, final int region, final int zone,
        final int type, final int count)
    {
        int left = count;
        // Replacements launched meanwhile are not hit by this fault.
        final int existing = replicas.count;
        for (int r = 0; r < existing && left > 0; r++)
        {
            if (matches(r, provider, region, zone, type, true))
            {
                lifecycle.preempt(nowNs, r);
                left--;
            }
        }
    }

    private void failMatching(final long nowNs, final int provider, final int region, final int zone,
        final int type, final int count)
    {
        int left = count;
        final int existing = replicas.count;
        for (int r = 0; r < existing && left > 0; r++)
        {
            if (matches(r, provider, region, zone, type, false) ||
                ((replicas.state[r] == Simulation.PREEMPTING || replicas.underNotice[r]) &&
                    offerMatches(replicas.offer[r], provider, region, zone, type)))
            {
                lifecycle.fail(nowNs, r);
                left--;
            }
        }
    }

    private void setSpotCapacity(final int provider, final int region, final int zone, final int type,
        final int capacity)
    {
        for (int offer = 0; offer < offerCapacity.length; offer++)
        {
            if (model.offerMarket[offer] == CloudModel.SPOT && offerMatches(offer, provider, region, zone, type))
            {
                offerCapacity[offer] = capacity;
            }
        }
    }

    /**
     * After a capacity fault: while a matching spot offer has more live replicas (provisioning, ready or draining)
     * than its new capacity, its newest replica (highest index, i.e. launched last) gets a preemption notice, the
     * same path as a {@code preempt} fault. Replicas already under notice do not count: they are leaving. Their
     * replacements cannot land in the same offer, which stays full while the evicted replicas serve their notice.
     */
    private void evictOverCapacity(final long nowNs, final int provider, final int region, final int zone,
        final int type)
    {
        final int[] live = offerLive;
        Arrays.fill(live, 0);
        final int existing = replicas.count;
        for (int r = 0; r < existing; r++)
        {
            if (matches(r, provider, region, zone, type, true))
            {
                live[replicas.offer[r]]++;
            }
        }
        for (int r = existing - 1; r >= 0; r--)
        {
            if (matches(r, provider, region, zone, type, true))
            {
                final int offer = replicas.offer[r];
                if (live[offer] > offerCapacity[offer])
                {
                    live[offer]--;
                    lifecycle.preempt(nowNs, r);
                }
            }
        }
    }
}
