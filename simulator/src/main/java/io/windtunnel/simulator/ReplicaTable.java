package io.windtunnel.simulator;

import io.windtunnel.simulator.model.CloudModel;

import java.util.Arrays;

/**
 * The replicas of one run: a structure of arrays indexed by replica number, plus the fleet's counts that policies
 * read (the ready list, active replicas and workers, spot replicas, replicas per offer and per region). Replicas are
 * never reused, so their bills and states stay readable after they end; the arrays double when full.
 * <p>
 * The table keeps the bookkeeping consistent ({@link #add}, {@link #joinReady}, {@link #leaveReady},
 * {@link #deactivate}, {@link #release}); the state machine that decides when to call them is
 * {@link ReplicaLifecycle}'s. A replica's FIFO queue lives here (head, tail, length), its links in the
 * {@link RequestTable}.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none, except when the table or the ready
 * list doubles (rare; on launches, never per request).
 */
final class ReplicaTable
{
    private final CloudModel model;

    /** Replicas launched so far; valid indexes are {@code [0, count)}. */
    int count;
    /** Its offer. */
    int[] offer;
    /** One of the {@link io.windtunnel.simulator.policy.SimulationView} states. */
    byte[] state;
    /** Launch time, ns (billed from it). */
    long[] launchNs;
    /** Workers busy. */
    int[] busy;
    /** Workers, from its instance type. */
    int[] workers;
    /** Speed factor, from its instance type: service takes {@code work / speed}. */
    double[] speed;
    /** Cloud region, cached from its offer for the request path (network delays). */
    int[] region;
    /** Provider, cached from its offer for the request path (latency per provider). */
    int[] provider;
    /** First queued request, or {@link Simulation#NONE}. */
    int[] queueHead;
    /** Last queued request, or {@link Simulation#NONE}. */
    int[] queueTail;
    /** Requests queued. */
    int[] queueLen;
    /** Position in {@link #readyList}, or {@link Simulation#NONE}. */
    int[] readyPos;
    /** Handle of its pending boot or notice-end event, or {@link Simulation#NO_HANDLE}. */
    long[] handle;
    /** Cost accrued into the time series so far, USD (the bill at its end adds the rest). */
    double[] accruedUsd;
    /**
     * Attempts sent to it that have not ended (on their way, queued or in service): what
     * {@link io.windtunnel.simulator.policy.SimulationView#replicaInFlight} reads. Changed only by the request path,
     * +1 when the balancer picks the replica and -1 when that attempt ends, whatever the end, so it cannot go
     * negative.
     */
    int[] inFlight;
    /** Attempts it served to completion. */
    long[] completed;
    /** Counted in the autoscaler's active set (provisioning or ready). */
    boolean[] active;
    /** A failover's spare ({@link io.windtunnel.simulator.policy.FleetControl}): never in the active set. */
    boolean[] spare;
    /** Its workers count in {@link RunMetrics#servingWorkers}: it has taken traffic and not ended. */
    boolean[] serving;
    /** Ready (or draining) under a preemption notice it serves through: it ends when the notice does. */
    boolean[] underNotice;

    /** Ready replicas, in no particular order (removal swaps the last one in): what balancers choose from. */
    int[] readyList;
    /** Entries of {@link #readyList}. */
    int readyCount;
    /** Changes whenever a replica joins or leaves {@link #readyList}: {@code SimulationView.readySetVersion}. */
    long readySetVersion;
    /** Replicas provisioning or ready: the capacity the autoscaler controls. */
    int activeReplicas;
    /** Workers of the active replicas. */
    int activeWorkers;
    /** Spot replicas not yet ended (draining and under notice included). */
    int spotReplicas;
    /** Per offer: replicas not yet ended (against spot capacity). */
    final int[] offerRunning;
    /** Per offer: active replicas (provisioning or ready), what a placement plan starts from. */
    final int[] offerActive;
    /** Per region: replicas not yet ended (against the region's quota). */
    final int[] regionActive;
    /** Per region: its ready replicas are on the ready list (a failover may turn a region's traffic off). */
    final boolean[] regionTraffic;
    /** Per region: the autoscaler's replicas may be placed there (a failover may mask a region). */
    final boolean[] regionPlaceable;

    /**
     * @param model    the run's model (offers, instance types).
     * @param capacity initial number of replicas (grows by doubling).
     */
    ReplicaTable(final CloudModel model, final int capacity)
    {
        this.model = model;
        grow(capacity);
        readyList = new int[capacity];
        offerRunning = new int[model.offers()];
        offerActive = new int[model.offers()];
        regionActive = new int[model.regionNames.length];
        regionTraffic = new boolean[model.regionNames.length];
        regionPlaceable = new boolean[model.regionNames.length];
        Arrays.fill(regionTraffic, true);
        Arrays.fill(regionPlaceable, true);
    }

    /**
     * Add a provisioning replica of an offer, one of the autoscaler's: {@code add(offer, nowNs, false)}.
     *
     * @param offer the offer.
     * @param nowNs launch time.
     * @return the new replica's index.
     */
    int add(final int offer, final long nowNs)
    {
        return add(offer, nowNs, false);
    }

    /**
     * Add a provisioning replica of an offer: active (unless a spare), running on its offer and region, with an
     * empty queue.
     *
     * @param offer  the offer.
     * @param nowNs  launch time.
     * @param spare  true for a failover's spare, outside the active set.
     * @return the new replica's index.
     */
    int add(final int offer, final long nowNs, final boolean spare)
    {
        if (count == this.offer.length)
        {
            grow(count * 2);
        }
        final int replica = count++;
        final int type = model.offerType[offer];
        this.offer[replica] = offer;
        region[replica] = model.offerRegion[offer];
        provider[replica] = model.typeProvider[type];
        state[replica] = Simulation.PROVISIONING;
        launchNs[replica] = nowNs;
        busy[replica] = 0;
        workers[replica] = model.typeWorkers[type];
        speed[replica] = model.typeSpeed[type];
        queueHead[replica] = Simulation.NONE;
        queueTail[replica] = Simulation.NONE;
        queueLen[replica] = 0;
        readyPos[replica] = Simulation.NONE;
        handle[replica] = Simulation.NO_HANDLE;
        accruedUsd[replica] = 0;
        inFlight[replica] = 0;
        completed[replica] = 0;
        this.spare[replica] = spare;
        active[replica] = false;
        serving[replica] = false;
        underNotice[replica] = false;
        if (!spare)
        {
            activate(replica);
        }
        offerRunning[offer]++;
        regionActive[model.offerRegion[offer]]++;
        if (model.offerMarket[offer] == CloudModel.SPOT)
        {
            spotReplicas++;
        }
        return replica;
    }

    /**
     * Put a replica on the ready list (balancers see it from now on).
     *
     * @param replica a replica not on the list.
     */
    void joinReady(final int replica)
    {
        if (readyCount == readyList.length)
        {
            readyList = Arrays.copyOf(readyList, readyCount * 2);
        }
        readyPos[replica] = readyCount;
        readyList[readyCount++] = replica;
        readySetVersion++;
    }

    /**
     * Take a replica off the ready list, if it is on it; the last entry takes its place.
     *
     * @param replica a replica.
     */
    void leaveReady(final int replica)
    {
        final int pos = readyPos[replica];
        if (pos == Simulation.NONE)
        {
            return;
        }
        final int last = readyList[--readyCount];
        readyList[pos] = last;
        readyPos[last] = pos;
        readyPos[replica] = Simulation.NONE;
        readySetVersion++;
    }

    /**
     * The replica joins the active set: it counts as capacity the autoscaler controls. No effect if it is in it.
     *
     * @param replica a replica that has not ended.
     */
    void activate(final int replica)
    {
        if (active[replica])
        {
            return;
        }
        active[replica] = true;
        activeReplicas++;
        activeWorkers += workers[replica];
        offerActive[offer[replica]]++;
    }

    /**
     * The replica leaves the active set: it no longer counts as capacity the autoscaler controls. No effect if it
     * is not in it (a spare, or one that left before).
     *
     * @param replica a replica.
     */
    void deactivate(final int replica)
    {
        if (!active[replica])
        {
            return;
        }
        active[replica] = false;
        activeReplicas--;
        activeWorkers -= workers[replica];
        offerActive[offer[replica]]--;
    }

    /**
     * The replica ends: it no longer runs on its offer and region.
     *
     * @param replica a replica that has not ended before.
     */
    void release(final int replica)
    {
        final int offer = this.offer[replica];
        offerRunning[offer]--;
        regionActive[model.offerRegion[offer]]--;
        if (model.offerMarket[offer] == CloudModel.SPOT)
        {
            spotReplicas--;
        }
    }

    private void grow(final int capacity)
    {
        if (offer == null)
        {
            offer = new int[capacity];
            state = new byte[capacity];
            launchNs = new long[capacity];
            busy = new int[capacity];
            workers = new int[capacity];
            speed = new double[capacity];
            region = new int[capacity];
            provider = new int[capacity];
            queueHead = new int[capacity];
            queueTail = new int[capacity];
            queueLen = new int[capacity];
            readyPos = new int[capacity];
            handle = new long[capacity];
            accruedUsd = new double[capacity];
            inFlight = new int[capacity];
            completed = new long[capacity];
            active = new boolean[capacity];
            spare = new boolean[capacity];
            serving = new boolean[capacity];
            underNotice = new boolean[capacity];
            return;
        }
        offer = Arrays.copyOf(offer, capacity);
        state = Arrays.copyOf(state, capacity);
        launchNs = Arrays.copyOf(launchNs, capacity);
        busy = Arrays.copyOf(busy, capacity);
        workers = Arrays.copyOf(workers, capacity);
        speed = Arrays.copyOf(speed, capacity);
        region = Arrays.copyOf(region, capacity);
        provider = Arrays.copyOf(provider, capacity);
        queueHead = Arrays.copyOf(queueHead, capacity);
        queueTail = Arrays.copyOf(queueTail, capacity);
        queueLen = Arrays.copyOf(queueLen, capacity);
        readyPos = Arrays.copyOf(readyPos, capacity);
        handle = Arrays.copyOf(handle, capacity);
        accruedUsd = Arrays.copyOf(accruedUsd, capacity);
        inFlight = Arrays.copyOf(inFlight, capacity);
        completed = Arrays.copyOf(completed, capacity);
        active = Arrays.copyOf(active, capacity);
        spare = Arrays.copyOf(spare, capacity);
        serving = Arrays.copyOf(serving, capacity);
        underNotice = Arrays.copyOf(underNotice, capacity);
    }
}
