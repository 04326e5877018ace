package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.metrics.CompensatedSum;
import io.windtunnel.engine.metrics.LatencyRecorder;
import io.windtunnel.engine.metrics.TimeSeriesSampler;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.Autoscaler;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.traces.FaultKind;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One run of one policy stack over one {@link CloudModel}: replicas with their lifecycle, the request path, faults,
 * the control loop, cost and metrics, on an {@link Engine} of its own.
 * <p>
 * <b>Request path.</b> Arrivals per client region follow a non-homogeneous Poisson process drawn exactly by
 * inverting the cumulative rate (unit-rate exponential gaps), from the stream {@code ("arrivals", client)}, or replay
 * the client's {@link ArrivalLog} request by request (with the logged work where the log has it); each
 * request's work is drawn at arrival from {@code ("service", client)}, so every stack sees the same requests with
 * the same work (common random numbers). The {@link Balancer} picks a ready replica; after half the round-trip time
 * (plus jitter) the request joins the replica's FIFO queue or starts on a free worker; service takes
 * {@code work / speed}; the response takes the other half of the round trip, added to the latency directly.
 * <p>
 * <b>Outcomes.</b> Every request ends as exactly one of completed, timed out, rejected (no ready replica, or queue
 * full) or failed (lost with its replica and not retried), or is still in flight at the end;
 * {@link #conservationHolds()} checks it. A timeout may be retried ({@link CloudModel#timeoutRetries}); a request
 * lost with its replica goes to the {@link FailoverPolicy}. Statistics count requests arriving after the warm-up;
 * conservation counts all.
 * <p>
 * <b>Events:</b> arrival, reach-replica, service-done, timeout, boot-done, notice-end, fault, control, sample.
 * Stale events (a request that moved on, a replica that is gone) are recognized by a per-request generation and
 * the replica state and ignored.
 * <p>
 * <b>Time series.</b> One row per sample interval ({@link #series()}, columns {@link #COLUMNS} then the cost groups);
 * when the duration is not a multiple of the sample interval, the last row is a partial one, closed by
 * {@link #finish()} like the others (gauges sampled at the end, utilization and requests in the system averaged over
 * its own length, cost accrued to the end).
 * <p>
 * <b>Threading:</b> not thread-safe; one thread builds and runs it. <b>Allocation:</b> none per request once the
 * request table (64 Ki, doubling) and the deadline ring have reached their peak sizes; the control loop and the
 * sample event allocate nothing either (measured by {@code AllocationTest}, with and without a
 * {@link LatencyIntervalSink}). The per-(client, provider) recorders are made at setup; a request records into one
 * of them by array index, and the interval's aggregates (total, per client region, per provider) are built from
 * them when the interval closes and handed to the sink, if any: nothing per interval is kept.
 */
public final class Simulation implements SimulationView
{
    /** Time-series columns. */
    public static final String[] COLUMNS = {
        "arrivals", "completed", "timed_out", "rejected", "failed", "retries", "preemptions", "failures",
        "ready_replicas", "active_replicas", "spot_replicas", "utilization", "cost_usd", "latency_p50_ms",
        "latency_p99_ms", "in_system", "latency_mean_ms"};
    private static final int COL_ARRIVALS = 0;
    private static final int COL_COMPLETED = 1;
    private static final int COL_TIMED_OUT = 2;
    private static final int COL_REJECTED = 3;
    private static final int COL_FAILED = 4;
    private static final int COL_RETRIES = 5;
    private static final int COL_PREEMPTIONS = 6;
    private static final int COL_FAILURES = 7;
    private static final int COL_READY = 8;
    private static final int COL_ACTIVE = 9;
    private static final int COL_SPOT = 10;
    private static final int COL_UTILIZATION = 11;
    private static final int COL_COST = 12;
    private static final int COL_P50 = 13;
    private static final int COL_P99 = 14;
    private static final int COL_IN_SYSTEM = 15;
    private static final int COL_LATENCY_MEAN = 16;

    private static final byte NOWHERE = 0;
    private static final byte NETWORK = 1;
    private static final byte QUEUED = 2;
    private static final byte IN_SERVICE = 3;
    private static final int NONE = -1;
    private static final long NO_HANDLE = -1;

    private final Engine engine;
    private final CloudModel model;
    private final Autoscaler autoscaler;
    private final PlacementPolicy placement;
    private final Balancer balancer;
    private final FailoverPolicy failover;
    /** Where closed latency intervals go; null to drop them. */
    private final LatencyIntervalSink intervalSink;

    private final int arrivalType;
    private final int reachType;
    private final int serviceDoneType;
    private final int timeoutType;
    private final int bootType;
    private final int noticeEndType;
    private final int faultType;
    private final int controlType;
    private final int sampleType;

    private final RandomStream[] arrivalStreams;
    private final RandomStream[] serviceStreams;
    private final RandomStream network;
    private final int[] clientStep;
    private final double[] clientTarget;
    private final double lognormalMu;
    private final double lognormalSigma;

    // Requests: structure of arrays with a free list.
    private int[] reqGen;
    private int[] reqClient;
    private long[] reqArrivalNs;
    private long[] reqWorkNs;
    private int[] reqAttempts;
    private int[] reqReplica;
    private byte[] reqWhere;
    private int[] reqNext;
    private int[] reqPrev;
    /** Order in which requests started service, to lose a replica's requests in that order. */
    private long[] reqStartSeq;
    private long serviceStarts;
    /** Requests in service on a replica being terminated, sorted by start; sized for the widest instance. */
    private int[] inServiceScratch;
    private long[] reqServiceHandle;
    private int[] freeRequests;
    private int freeCount;

    // Attempt deadlines: every attempt gets now + timeout, so deadlines are due in dispatch order and one FIFO ring
    // with a single pending engine event replaces a timeout event scheduled and cancelled per request. Entries of
    // attempts that ended are recognized by their generation and skipped.
    private long[] deadlineNs;
    private int[] deadlineRequest;
    private int[] deadlineGen;
    private int deadlineHead;
    private int deadlineSize;
    private boolean deadlineArmed;

    // Replicas: never reused, so their bills stay readable.
    private int replicaCount;
    private int[] repOffer;
    private byte[] repState;
    private long[] repLaunchNs;
    private int[] repBusy;
    private int[] repWorkers;
    private double[] repSpeed;
    /** Per replica, cached from its offer at launch for the request path: cloud region and provider. */
    private int[] repRegion;
    private int[] repProvider;
    private int[] repQueueHead;
    private int[] repQueueTail;
    private int[] repQueueLen;
    private int[] repReadyPos;
    private long[] repHandle;
    private double[] repAccruedUsd;
    private int[] readyList;
    private int readyCount;
    private int activeReplicas;
    private int activeWorkers;
    private int spotReplicas;

    private final int[] offerCapacity;
    private final int[] offerRunning;
    private final int[] regionActive;
    private final boolean[] regionDown;
    private final boolean[] zoneDown;
    /** Scratch for capacity evictions: live spot replicas per offer. */
    private final int[] offerLive;

    // Metrics.
    private final LatencyRecorder latency;
    private final LatencyRecorder[] clientLatency;
    private final LatencyRecorder[] providerLatency;
    /** Per (client, provider), client-major: where each latency is recorded, once. */
    private final LatencyRecorder[] pairLatency;
    private final CompensatedSum latencySumNs = new CompensatedSum();
    /** Exact sum of the measured latencies recorded in the current interval, ns (for its mean). */
    private long intervalLatencySumNs;
    private final TimeSeriesSampler series;
    private final CompensatedSum[] offerCostUsd;
    private final int[] offerCostColumn;
    private long arrivals;
    private long completed;
    private long timedOut;
    private long rejected;
    private long failed;
    private long retries;
    private long measuredArrivals;
    private long measuredCompleted;
    private long measuredTimedOut;
    private long measuredRejected;
    private long measuredFailed;
    private long sloViolations;
    private long preemptions;
    private long failures;
    private long launches;
    private long launchesRefused;
    private int inSystem;
    private int busyWorkers;
    private int servingWorkers;
    private long lastAreaNs;
    private double inSystemArea;
    private double busyArea;
    private double servingArea;
    private double availableNs;
    private double intervalBusyArea;
    private double intervalServingArea;
    private double intervalInSystemArea;
    private long controlArrivals;
    private double observedRatePerSec;
    private double observedUtilization;
    private double controlBusyArea;
    private double controlServingArea;
    private boolean finished;

    /**
     * Build a run that drops its latency intervals (the totals are kept), and schedule its first events at the
     * engine's time 0.
     *
     * @param engine  a fresh engine, owned by this run.
     * @param model   the scenario's model.
     * @param stack   the policies; fresh instances are made for this run.
     * @param streams the replication's random streams (the same for every stack).
     */
    public Simulation(final Engine engine, final CloudModel model, final PolicyStack stack, final RandomStreams streams)
    {
        this(engine, model, stack, streams, null);
    }

    /**
     * Build a run and schedule its first events at the engine's time 0.
     *
     * @param engine    a fresh engine, owned by this run.
     * @param model     the scenario's model.
     * @param stack     the policies; fresh instances are made for this run.
     * @param streams   the replication's random streams (the same for every stack).
     * @param intervals receives every closed latency interval (for {@code latency.hlog}), or null to drop them.
     */
    public Simulation(
        final Engine engine,
        final CloudModel model,
        final PolicyStack stack,
        final RandomStreams streams,
        final LatencyIntervalSink intervals)
    {
        this.engine = engine;
        this.model = model;
        this.autoscaler = stack.autoscaler().get();
        this.placement = stack.placement().get();
        this.balancer = stack.balancer().get();
        this.failover = stack.failover().get();
        this.intervalSink = intervals;

        final int clients = model.clientNames.length;
        arrivalStreams = new RandomStream[clients];
        serviceStreams = new RandomStream[clients];
        for (int c = 0; c < clients; c++)
        {
            arrivalStreams[c] = streams.stream("arrivals", c);
            serviceStreams[c] = streams.stream("service", c);
        }
        network = streams.stream("network");
        clientStep = new int[clients];
        clientTarget = new double[clients];
        lognormalSigma = Math.sqrt(Math.log(1 + model.serviceCv * model.serviceCv));
        lognormalMu = Math.log(model.serviceMeanNs) - lognormalSigma * lognormalSigma / 2;

        allocateRequests(1 << 16);
        deadlineNs = new long[1 << 16];
        deadlineRequest = new int[1 << 16];
        deadlineGen = new int[1 << 16];
        allocateReplicas(256);
        readyList = new int[256];

        offerCapacity = new int[model.offers()];
        Arrays.fill(offerCapacity, Integer.MAX_VALUE);
        offerRunning = new int[model.offers()];
        offerCostUsd = new CompensatedSum[model.offers()];
        for (int i = 0; i < offerCostUsd.length; i++)
        {
            offerCostUsd[i] = new CompensatedSum();
        }
        regionActive = new int[model.regionNames.length];
        regionDown = new boolean[model.regionNames.length];
        zoneDown = new boolean[model.zoneNames.length];
        offerLive = new int[model.offers()];

        final long highestNs = 3_600_000_000_000L;
        latency = new LatencyRecorder(1_000L, highestNs, 3);
        clientLatency = new LatencyRecorder[clients];
        for (int c = 0; c < clients; c++)
        {
            clientLatency[c] = new LatencyRecorder(1_000L, highestNs, 3);
        }
        providerLatency = new LatencyRecorder[model.providerNames.length];
        for (int p = 0; p < providerLatency.length; p++)
        {
            providerLatency[p] = new LatencyRecorder(1_000L, highestNs, 3);
        }
        int widest = 16;
        for (final int workers : model.typeWorkers)
        {
            widest = Math.max(widest, workers);
        }
        inServiceScratch = new int[widest];
        pairLatency = new LatencyRecorder[clients * providerLatency.length];
        for (int pair = 0; pair < pairLatency.length; pair++)
        {
            pairLatency[pair] = new LatencyRecorder(1_000L, highestNs, 3);
        }
        series = new TimeSeriesSampler(
            model.sampleIntervalNs, COLUMNS.length + costGroups(model).size(),
            (int)(model.durationNs / model.sampleIntervalNs + 2));
        offerCostColumn = new int[model.offers()];
        final List<String> groups = costGroups(model);
        for (int offer = 0; offer < offerCostColumn.length; offer++)
        {
            offerCostColumn[offer] = COLUMNS.length + groups.indexOf(costGroup(model, offer));
        }

        // dispatchEvent is the one map from event kind to handler. Each kind is registered in kind order (so the
        // engine's types are consecutive) with a handler that passes its kind on.
        int firstType = -1;
        for (int kind = ARRIVAL; kind <= SAMPLE; kind++)
        {
            final int k = kind;
            final int type = engine.register(
                (nowNs, target, payload, payload2) -> dispatchEvent(k, nowNs, target, payload, payload2));
            firstType = kind == ARRIVAL ? type : firstType;
        }
        arrivalType = firstType + ARRIVAL;
        reachType = firstType + REACH;
        serviceDoneType = firstType + SERVICE_DONE;
        timeoutType = firstType + TIMEOUT;
        bootType = firstType + BOOT;
        noticeEndType = firstType + NOTICE_END;
        faultType = firstType + FAULT;
        controlType = firstType + CONTROL;
        sampleType = firstType + SAMPLE;
        if (firstType == 0)
        {
            // The engine is ours alone, so its types are our kinds: one dispatcher, called straight from the run
            // loop, instead of a handler per event.
            engine.dispatcher(this::dispatchEvent);
        }

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
        engine.schedule(0, controlType, 0, 0, 0);
        engine.schedule(model.sampleIntervalNs, sampleType, 0, 0, 0);
        for (int c = 0; c < clients; c++)
        {
            scheduleNextArrival(0, c);
        }
    }

    /**
     * The cost breakdown of the time series: one column per {@code provider/region/market} that has an offer, in
     * offer order, after {@link #COLUMNS}.
     *
     * @param model a model.
     * @return the group names, e.g. {@code aws/us-east-1/spot}.
     */
    public static List<String> costGroups(final CloudModel model)
    {
        final List<String> groups = new ArrayList<>();
        for (int offer = 0; offer < model.offers(); offer++)
        {
            final String group = costGroup(model, offer);
            if (!groups.contains(group))
            {
                groups.add(group);
            }
        }
        return groups;
    }

    /**
     * The groups of the latency intervals, in the order a {@link LatencyIntervalSink} receives them per interval:
     * {@code ""} (all measured requests), then {@code client/NAME} per client region, then {@code provider/NAME} per
     * provider (the one that served the request).
     *
     * @param model a model.
     * @return the group names; index = the sink's {@code group}.
     */
    public static List<String> intervalGroups(final CloudModel model)
    {
        final List<String> groups = new ArrayList<>();
        groups.add("");
        for (final String client : model.clientNames)
        {
            groups.add("client/" + client);
        }
        for (final String provider : model.providerNames)
        {
            groups.add("provider/" + provider);
        }
        return groups;
    }

    private static String costGroup(final CloudModel model, final int offer)
    {
        final int region = model.offerRegion[offer];
        return model.providerNames[model.regionProvider[region]] + "/" + model.regionNames[region] + "/" +
            (model.offerMarket[offer] == CloudModel.SPOT ? "spot" : "on-demand");
    }

    /**
     * Run to the end of the scenario, {@link CloudModel#durationNs}, and close the statistics.
     */
    public void run()
    {
        runUntil(model.durationNs);
        finish();
    }

    /**
     * Run every event due up to {@code timeNs} (capped at the scenario's end); lets a runner report progress.
     *
     * @param timeNs simulated time to run to.
     */
    public void runUntil(final long timeNs)
    {
        engine.runUntil(Math.min(timeNs, model.durationNs));
    }

    /**
     * Close the run at the scenario's end: close the areas, sample the last row if it is a partial one (the duration
     * is not a multiple of the sample interval: gauges at the end, averages over the row's own length, cost accrued
     * to the end), bill the replicas still running up to the end (not as preempted) and close the last latency
     * interval. Requests still in flight stay counted as in flight. Call it once the engine has run to the end;
     * idempotent.
     */
    public void finish()
    {
        if (finished)
        {
            return;
        }
        finished = true;
        final long endNs = model.durationNs;
        updateAreas(endNs);
        final long lastRowStartNs = endNs / model.sampleIntervalNs * model.sampleIntervalNs;
        if (lastRowStartNs < endNs)
        {
            sampleRow(lastRowStartNs, endNs);
        }
        for (int r = 0; r < replicaCount; r++)
        {
            if (repState[r] < TERMINATED)
            {
                bill(r, endNs, false);
            }
        }
        closeInterval(endNs);
    }

    // ---------------------------------------------------------------- arrivals

    /** Event kinds, in registration order (see the constructor); equal to the engine's types when it was fresh. */
    private static final int ARRIVAL = 0;
    private static final int REACH = 1;
    private static final int SERVICE_DONE = 2;
    private static final int TIMEOUT = 3;
    private static final int BOOT = 4;
    private static final int NOTICE_END = 5;
    private static final int FAULT = 6;
    private static final int CONTROL = 7;
    private static final int SAMPLE = 8;

    private void dispatchEvent(final int kind, final long nowNs, final int target, final long payload, final long payload2)
    {
        switch (kind)
        {
            case ARRIVAL:
                onArrival(nowNs, target, (int)payload);
                break;
            case REACH:
                onReach(nowNs, target, (int)payload);
                break;
            case SERVICE_DONE:
                onServiceDone(nowNs, target, (int)payload, (int)payload2);
                break;
            case TIMEOUT:
                onDeadlines(nowNs);
                break;
            case BOOT:
                onBoot(nowNs, target);
                break;
            case NOTICE_END:
                onNoticeEnd(nowNs, target);
                break;
            case FAULT:
                onFault(nowNs, target);
                break;
            case CONTROL:
                onControl(nowNs);
                break;
            case SAMPLE:
                onSample(nowNs);
                break;
            default:
                throw new IllegalStateException("event kind " + kind + " is not this simulation's");
        }
    }

    private void scheduleNextArrival(final long nowNs, final int client)
    {
        final ArrivalLog log = model.clientArrivals[client];
        if (log != null)
        {
            final int next = clientStep[client];
            if (next < log.size() && log.timeNs(next) < model.durationNs)
            {
                clientStep[client] = next + 1;
                engine.schedule(Math.max(nowNs, log.timeNs(next)), arrivalType, client, next, 0);
            }
            return;
        }
        final LoadSeries load = model.clientLoad[client];
        double target = clientTarget[client] + arrivalStreams[client].nextExponential();
        int step = clientStep[client];
        final int steps = load.steps();
        while (step < steps && load.cumulative(step + 1) <= target)
        {
            step++;
        }
        clientTarget[client] = target;
        clientStep[client] = step;
        if (step >= steps)
        {
            return;
        }
        final double timeNs = load.startNs(step) + (target - load.cumulative(step)) / load.ratePerNs(step);
        if (timeNs >= model.durationNs)
        {
            return;
        }
        engine.schedule(Math.max(nowNs, (long)timeNs), arrivalType, client, 0, 0);
    }

    private void onArrival(final long nowNs, final int client, final int logIndex)
    {
        scheduleNextArrival(nowNs, client);
        arrivals++;
        controlArrivals++;
        if (nowNs >= model.warmupNs)
        {
            measuredArrivals++;
        }
        series.add(nowNs, COL_ARRIVALS, 1);
        updateAreas(nowNs);
        inSystem++;
        final int request = allocateRequest();
        reqClient[request] = client;
        reqArrivalNs[request] = nowNs;
        final ArrivalLog log = model.clientArrivals[client];
        final long loggedWorkNs = log == null ? -1 : log.workNs(logIndex);
        reqWorkNs[request] = loggedWorkNs >= 0 ? loggedWorkNs : sampleWorkNs(serviceStreams[client]);
        reqAttempts[request] = 0;
        dispatch(nowNs, request);
    }

    private long sampleWorkNs(final RandomStream stream)
    {
        switch (model.serviceDistribution)
        {
            case CloudModel.LOGNORMAL:
                return (long)(stream.lognormal(lognormalMu, lognormalSigma) + 0.5);
            case CloudModel.DETERMINISTIC:
                return (long)(model.serviceMeanNs + 0.5);
            default:
                return stream.exponentialNs(model.serviceMeanNs);
        }
    }

    private void dispatch(final long nowNs, final int request)
    {
        final int gen = ++reqGen[request];
        reqAttempts[request]++;
        final int replica = balancer.pickReplica(this, reqClient[request]);
        if (replica < 0)
        {
            finishRequest(nowNs, request, COL_REJECTED);
            return;
        }
        reqReplica[request] = replica;
        if (model.timeoutNs > 0)
        {
            pushDeadline(nowNs + model.timeoutNs, request, gen);
        }
        final long delayNs = oneWayDelayNs(reqClient[request], repRegion[replica]);
        if (delayNs == 0)
        {
            arriveAtReplica(nowNs, request, replica);
        }
        else
        {
            reqWhere[request] = NETWORK;
            engine.schedule(nowNs + delayNs, reachType, request, gen, 0);
        }
    }

    private long oneWayDelayNs(final int client, final int region)
    {
        final long halfRttNs = model.rttNs(client, region) / 2;
        return model.jitterNs > 0 ? halfRttNs + (long)(network.nextDouble() * model.jitterNs) : halfRttNs;
    }

    private void onReach(final long nowNs, final int request, final int gen)
    {
        if (reqGen[request] != gen || reqWhere[request] != NETWORK)
        {
            return;
        }
        arriveAtReplica(nowNs, request, reqReplica[request]);
    }

    private void arriveAtReplica(final long nowNs, final int request, final int replica)
    {
        final int state = repState[replica];
        if (state != READY && state != DRAINING && state != PREEMPTING)
        {
            reqWhere[request] = NOWHERE;
            lose(nowNs, request);
            return;
        }
        if (repBusy[replica] < repWorkers[replica])
        {
            startService(nowNs, request, replica);
        }
        else if (repQueueLen[replica] < model.queueLimit)
        {
            reqWhere[request] = QUEUED;
            final int tail = repQueueTail[replica];
            reqPrev[request] = tail;
            reqNext[request] = NONE;
            if (tail == NONE)
            {
                repQueueHead[replica] = request;
            }
            else
            {
                reqNext[tail] = request;
            }
            repQueueTail[replica] = request;
            repQueueLen[replica]++;
        }
        else
        {
            reqWhere[request] = NOWHERE;
            finishRequest(nowNs, request, COL_REJECTED);
        }
    }

    private void startService(final long nowNs, final int request, final int replica)
    {
        updateAreas(nowNs);
        repBusy[replica]++;
        busyWorkers++;
        reqWhere[request] = IN_SERVICE;
        // No per-replica list of requests in service: a replica that ends finds its own (terminate), in this order.
        reqStartSeq[request] = serviceStarts++;
        final long workNs = reqWorkNs[request];
        final double speed = repSpeed[replica];
        // Speed 1 (the common case) skips a division; (long)(w / 1.0 + 0.5) == w for every w below 2^52.
        final long serviceNs = speed == 1.0 && workNs < (1L << 52) ? workNs : (long)(workNs / speed + 0.5);
        reqServiceHandle[request] =
            engine.schedule(nowNs + serviceNs, serviceDoneType, replica, request, reqGen[request]);
    }

    private void onServiceDone(final long nowNs, final int replica, final int request, final int gen)
    {
        final int state = repState[replica];
        if (state >= TERMINATED)
        {
            return;
        }
        updateAreas(nowNs);
        repBusy[replica]--;
        busyWorkers--;
        if (reqGen[request] == gen && reqWhere[request] == IN_SERVICE && reqReplica[request] == replica)
        {
            complete(nowNs, request, replica);
        }
        final int head = repQueueHead[replica];
        if (head != NONE)
        {
            unlinkQueue(replica, head);
            startService(nowNs, head, replica);
        }
        else if (state == DRAINING && repBusy[replica] == 0)
        {
            terminate(nowNs, replica, TERMINATED);
        }
    }

    private void complete(final long nowNs, final int request, final int replica)
    {
        final int client = reqClient[request];
        final long arrivalNs = reqArrivalNs[request];
        final long latencyNs = nowNs + oneWayDelayNs(client, repRegion[replica]) - arrivalNs;
        if (arrivalNs >= model.warmupNs)
        {
            // Recorded once, per (client, provider); closeInterval adds it to the total, client and provider.
            pairLatency[client * providerLatency.length + repProvider[replica]].record(latencyNs);
            latencySumNs.add(latencyNs);
            intervalLatencySumNs += latencyNs;
            if (latencyNs > model.sloLatencyNs)
            {
                sloViolations++;
            }
        }
        finishRequest(nowNs, request, COL_COMPLETED);
    }

    private void pushDeadline(final long timeNs, final int request, final int gen)
    {
        if (deadlineSize == deadlineNs.length)
        {
            growDeadlines();
        }
        final int at = (deadlineHead + deadlineSize) & (deadlineNs.length - 1);
        deadlineNs[at] = timeNs;
        deadlineRequest[at] = request;
        deadlineGen[at] = gen;
        deadlineSize++;
        if (!deadlineArmed)
        {
            deadlineArmed = true;
            engine.schedule(timeNs, timeoutType, 0, 0, 0);
        }
    }

    private void onDeadlines(final long nowNs)
    {
        // Stays armed while processing so that retries pushed meanwhile do not arm the timer for their own (later)
        // deadline ahead of older entries; re-armed for the head below.
        deadlineArmed = true;
        final int mask = deadlineNs.length - 1;
        // Skip entries of attempts that already ended (most of them), time out the due ones, and arm the timer for
        // the oldest attempt still in flight: about one timer event per timeout length instead of one per request.
        while (deadlineSize > 0)
        {
            final int request = deadlineRequest[deadlineHead];
            final int gen = deadlineGen[deadlineHead];
            final boolean live = reqGen[request] == gen;
            if (live && deadlineNs[deadlineHead] > nowNs)
            {
                break;
            }
            deadlineHead = (deadlineHead + 1) & mask;
            deadlineSize--;
            if (live)
            {
                onTimeout(nowNs, request);
            }
        }
        deadlineArmed = deadlineSize > 0;
        if (deadlineArmed)
        {
            engine.schedule(deadlineNs[deadlineHead], timeoutType, 0, 0, 0);
        }
    }

    private void growDeadlines()
    {
        final int old = deadlineNs.length;
        final long[] times = new long[old * 2];
        final int[] requests = new int[old * 2];
        final int[] gens = new int[old * 2];
        for (int i = 0; i < deadlineSize; i++)
        {
            final int from = (deadlineHead + i) & (old - 1);
            times[i] = deadlineNs[from];
            requests[i] = deadlineRequest[from];
            gens[i] = deadlineGen[from];
        }
        deadlineNs = times;
        deadlineRequest = requests;
        deadlineGen = gens;
        deadlineHead = 0;
    }

    private void onTimeout(final long nowNs, final int request)
    {
        final int replica = reqReplica[request];
        final byte where = reqWhere[request];
        if (where == QUEUED)
        {
            unlinkQueue(replica, request);
        }
        // In service: leaving it is enough; its worker stays busy until the service event.
        reqWhere[request] = NOWHERE;
        if (reqAttempts[request] <= model.timeoutRetries)
        {
            retries++;
            series.add(nowNs, COL_RETRIES, 1);
            dispatch(nowNs, request);
        }
        else
        {
            finishRequest(nowNs, request, COL_TIMED_OUT);
        }
    }

    private void lose(final long nowNs, final int request)
    {
        if (failover.retryLostRequest(this, reqAttempts[request]))
        {
            retries++;
            series.add(nowNs, COL_RETRIES, 1);
            dispatch(nowNs, request);
        }
        else
        {
            finishRequest(nowNs, request, COL_FAILED);
        }
    }

    private void finishRequest(final long nowNs, final int request, final int outcome)
    {
        final boolean measured = reqArrivalNs[request] >= model.warmupNs;
        switch (outcome)
        {
            case COL_COMPLETED:
                completed++;
                if (measured)
                {
                    measuredCompleted++;
                }
                break;
            case COL_TIMED_OUT:
                timedOut++;
                if (measured)
                {
                    measuredTimedOut++;
                    sloViolations++;
                }
                break;
            case COL_REJECTED:
                rejected++;
                if (measured)
                {
                    measuredRejected++;
                    sloViolations++;
                }
                break;
            default:
                failed++;
                if (measured)
                {
                    measuredFailed++;
                    sloViolations++;
                }
                break;
        }
        series.add(nowNs, outcome, 1);
        updateAreas(nowNs);
        inSystem--;
        reqWhere[request] = NOWHERE;
        reqGen[request]++;
        freeRequests[freeCount++] = request;
    }

    // ---------------------------------------------------------------- replicas

    private int launch(final long nowNs, final int offer)
    {
        if (replicaCount == repOffer.length)
        {
            allocateReplicas(replicaCount * 2);
        }
        final int replica = replicaCount++;
        final int type = model.offerType[offer];
        repOffer[replica] = offer;
        repRegion[replica] = model.offerRegion[offer];
        repProvider[replica] = model.typeProvider[model.offerType[offer]];
        repState[replica] = PROVISIONING;
        repLaunchNs[replica] = nowNs;
        repBusy[replica] = 0;
        repWorkers[replica] = model.typeWorkers[type];
        repSpeed[replica] = model.typeSpeed[type];
        repQueueHead[replica] = NONE;
        repQueueTail[replica] = NONE;
        repQueueLen[replica] = 0;
        repReadyPos[replica] = NONE;
        repHandle[replica] = NO_HANDLE;
        repAccruedUsd[replica] = 0;
        activeReplicas++;
        activeWorkers += repWorkers[replica];
        offerRunning[offer]++;
        regionActive[model.offerRegion[offer]]++;
        if (model.offerMarket[offer] == CloudModel.SPOT)
        {
            spotReplicas++;
        }
        launches++;
        final long bootNs = model.typeBootNs[type];
        if (nowNs == 0 || bootNs == 0)
        {
            becomeReady(nowNs, replica);
        }
        else
        {
            repHandle[replica] = engine.schedule(nowNs + bootNs, bootType, replica, 0, 0);
        }
        return replica;
    }

    private void onBoot(final long nowNs, final int replica)
    {
        repHandle[replica] = NO_HANDLE;
        if (repState[replica] == PROVISIONING)
        {
            becomeReady(nowNs, replica);
        }
    }

    private void becomeReady(final long nowNs, final int replica)
    {
        updateAreas(nowNs);
        repState[replica] = READY;
        servingWorkers += repWorkers[replica];
        if (readyCount == readyList.length)
        {
            readyList = Arrays.copyOf(readyList, readyCount * 2);
        }
        repReadyPos[replica] = readyCount;
        readyList[readyCount++] = replica;
    }

    private void leaveReadyList(final int replica)
    {
        final int pos = repReadyPos[replica];
        if (pos == NONE)
        {
            return;
        }
        final int last = readyList[--readyCount];
        readyList[pos] = last;
        repReadyPos[last] = pos;
        repReadyPos[replica] = NONE;
    }

    /** Leaves the active set: no longer counted as capacity the autoscaler controls. */
    private void deactivate(final int replica)
    {
        activeReplicas--;
        activeWorkers -= repWorkers[replica];
    }

    private void drain(final long nowNs, final int replica)
    {
        updateAreas(nowNs);
        final int state = repState[replica];
        deactivate(replica);
        if (state == PROVISIONING)
        {
            engine.cancel(repHandle[replica]);
            terminate(nowNs, replica, TERMINATED);
            return;
        }
        leaveReadyList(replica);
        repState[replica] = DRAINING;
        if (repBusy[replica] == 0 && repQueueLen[replica] == 0)
        {
            terminate(nowNs, replica, TERMINATED);
        }
    }

    private void preempt(final long nowNs, final int replica)
    {
        updateAreas(nowNs);
        preemptions++;
        series.add(nowNs, COL_PREEMPTIONS, 1);
        final int state = repState[replica];
        if (state == PROVISIONING || state == READY)
        {
            deactivate(replica);
        }
        leaveReadyList(replica);
        final long noticeNs = model.providerNoticeNs[model.typeProvider[model.offerType[repOffer[replica]]]];
        if (state == PROVISIONING || noticeNs == 0)
        {
            engine.cancel(repHandle[replica]);
            terminate(nowNs, replica, PREEMPTED);
        }
        else
        {
            repState[replica] = PREEMPTING;
            repHandle[replica] = engine.schedule(nowNs + noticeNs, noticeEndType, replica, 0, 0);
        }
        replace(nowNs, replica, FailoverPolicy.PREEMPTION);
    }

    private void fail(final long nowNs, final int replica)
    {
        updateAreas(nowNs);
        failures++;
        series.add(nowNs, COL_FAILURES, 1);
        final int state = repState[replica];
        if (state == PROVISIONING || state == READY)
        {
            deactivate(replica);
        }
        leaveReadyList(replica);
        engine.cancel(repHandle[replica]);
        terminate(nowNs, replica, FAILED);
        replace(nowNs, replica, FailoverPolicy.FAILURE);
    }

    private void replace(final long nowNs, final int replica, final int reason)
    {
        final int count = failover.replacements(this, replica, reason);
        for (int i = 0; i < count; i++)
        {
            final int offer = placement.chooseOffer(this);
            if (offer < 0)
            {
                launchesRefused++;
                break;
            }
            launch(nowNs, offer);
        }
    }

    private void onNoticeEnd(final long nowNs, final int replica)
    {
        repHandle[replica] = NO_HANDLE;
        if (repState[replica] == PREEMPTING)
        {
            terminate(nowNs, replica, PREEMPTED);
        }
    }

    /**
     * Ends a replica that is already out of the ready list and the active set: its requests are lost (failover
     * decides), its workers stop counting, and it is billed.
     */
    private void terminate(final long nowNs, final int replica, final int finalState)
    {
        updateAreas(nowNs);
        final int state = repState[replica];
        if (state == READY || state == DRAINING || state == PREEMPTING)
        {
            servingWorkers -= repWorkers[replica];
        }
        final int busy = repBusy[replica];
        busyWorkers -= busy;
        repBusy[replica] = 0;
        repState[replica] = (byte)finalState;
        final int offer = repOffer[replica];
        offerRunning[offer]--;
        regionActive[model.offerRegion[offer]]--;
        if (model.offerMarket[offer] == CloudModel.SPOT)
        {
            spotReplicas--;
        }
        bill(replica, nowNs, finalState == PREEMPTED);
        if (busy > 0)
        {
            // Its requests in service, in the order they started (at most one per busy worker): a scan of the
            // request table, once per replica lost while busy, instead of a list kept on every request.
            int found = 0;
            final byte[] where = reqWhere;
            for (int request = 0; request < where.length; request++)
            {
                if (where[request] == IN_SERVICE && reqReplica[request] == replica)
                {
                    if (found == inServiceScratch.length)
                    {
                        inServiceScratch = Arrays.copyOf(inServiceScratch, found * 2);
                    }
                    int at = found++;
                    while (at > 0 && reqStartSeq[inServiceScratch[at - 1]] > reqStartSeq[request])
                    {
                        inServiceScratch[at] = inServiceScratch[at - 1];
                        at--;
                    }
                    inServiceScratch[at] = request;
                }
            }
            for (int i = 0; i < found; i++)
            {
                final int request = inServiceScratch[i];
                engine.cancel(reqServiceHandle[request]);
                reqWhere[request] = NOWHERE;
                lose(nowNs, request);
            }
        }
        while (repQueueHead[replica] != NONE)
        {
            final int request = repQueueHead[replica];
            unlinkQueue(replica, request);
            reqWhere[request] = NOWHERE;
            lose(nowNs, request);
        }
    }

    private void bill(final int replica, final long endNs, final boolean preempted)
    {
        final int offer = repOffer[replica];
        final BillingRule rule = model.providerBilling[model.typeProvider[model.offerType[offer]]];
        final double costUsd = rule.costUsd(model.offerPrice[offer], repLaunchNs[replica], endNs, preempted);
        offerCostUsd[offer].add(costUsd);
        final long rowNs = endNs > 0 ? endNs - 1 : 0;
        series.add(rowNs, COL_COST, costUsd - repAccruedUsd[replica]);
        series.add(rowNs, offerCostColumn[offer], costUsd - repAccruedUsd[replica]);
        repAccruedUsd[replica] = costUsd;
    }

    private void unlinkQueue(final int replica, final int request)
    {
        final int prev = reqPrev[request];
        final int next = reqNext[request];
        if (prev == NONE)
        {
            repQueueHead[replica] = next;
        }
        else
        {
            reqNext[prev] = next;
        }
        if (next == NONE)
        {
            repQueueTail[replica] = prev;
        }
        else
        {
            reqPrev[next] = prev;
        }
        repQueueLen[replica]--;
    }

    // ---------------------------------------------------------------- faults and control

    private void onFault(final long nowNs, final int fault)
    {
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

    /**
     * @param kindCode a fault kind's code.
     * @return true if a fault of this kind changes a state that lasts (outages, spot capacity) rather than hitting
     * replicas once (preemptions, failures).
     */
    public static boolean setsState(final int kindCode)
    {
        final FaultKind kind = FaultKind.fromCode(kindCode);
        return kind == FaultKind.OUTAGE_START || kind == FaultKind.OUTAGE_END || kind == FaultKind.UNAVAILABLE ||
            kind == FaultKind.AVAILABLE || kind == FaultKind.CAPACITY;
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

    private boolean matches(final int replica, final int provider, final int region, final int zone, final int type,
        final boolean spotOnly)
    {
        final int state = repState[replica];
        if (state != PROVISIONING && state != READY && state != DRAINING)
        {
            return false;
        }
        final int offer = repOffer[replica];
        return offerMatches(offer, provider, region, zone, type) &&
            (!spotOnly || model.offerMarket[offer] == CloudModel.SPOT);
    }

    private int countMatching(final int provider, final int region, final int zone, final int type,
        final boolean spotOnly)
    {
        int count = 0;
        for (int r = 0; r < replicaCount; r++)
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
        final int existing = replicaCount;
        for (int r = 0; r < existing && left > 0; r++)
        {
            if (matches(r, provider, region, zone, type, true))
            {
                preempt(nowNs, r);
                left--;
            }
        }
    }

    private void failMatching(final long nowNs, final int provider, final int region, final int zone,
        final int type, final int count)
    {
        int left = count;
        final int existing = replicaCount;
        for (int r = 0; r < existing && left > 0; r++)
        {
            if (matches(r, provider, region, zone, type, false) ||
                (repState[r] == PREEMPTING && offerMatches(repOffer[r], provider, region, zone, type)))
            {
                fail(nowNs, r);
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
        final int existing = replicaCount;
        for (int r = 0; r < existing; r++)
        {
            if (matches(r, provider, region, zone, type, true))
            {
                live[repOffer[r]]++;
            }
        }
        for (int r = existing - 1; r >= 0; r--)
        {
            if (matches(r, provider, region, zone, type, true))
            {
                final int offer = repOffer[r];
                if (live[offer] > offerCapacity[offer])
                {
                    live[offer]--;
                    preempt(nowNs, r);
                }
            }
        }
    }

    private void onControl(final long nowNs)
    {
        updateAreas(nowNs);
        if (nowNs > 0)
        {
            observedRatePerSec = controlArrivals * 1e9 / model.controlIntervalNs;
            observedUtilization = controlServingArea > 0 ? controlBusyArea / controlServingArea : 0;
        }
        controlArrivals = 0;
        controlBusyArea = 0;
        controlServingArea = 0;

        final int desired = Math.max(0, autoscaler.desiredReplicas(this));
        while (activeReplicas < desired)
        {
            final int offer = placement.chooseOffer(this);
            if (offer < 0)
            {
                launchesRefused++;
                break;
            }
            launch(nowNs, offer);
        }
        while (activeReplicas > desired)
        {
            drain(nowNs, scaleDownVictim(nowNs));
        }
        final long nextNs = nowNs + model.controlIntervalNs;
        if (nextNs < model.durationNs)
        {
            engine.schedule(nextNs, controlType, 0, 0, 0);
        }
    }

    /** Provisioning replicas first (newest first), then the ready replica with the highest price per worker. */
    private int scaleDownVictim(final long nowNs)
    {
        for (int r = replicaCount - 1; r >= 0; r--)
        {
            if (repState[r] == PROVISIONING)
            {
                return r;
            }
        }
        int victim = NONE;
        double worst = -1;
        for (int i = 0; i < readyCount; i++)
        {
            final int r = readyList[i];
            final int offer = repOffer[r];
            final double price = model.offerPrice[offer].pricePerHourUsdAt(nowNs) / repWorkers[r];
            if (price > worst || (price == worst && r > victim))
            {
                worst = price;
                victim = r;
            }
        }
        return victim;
    }

    private void onSample(final long nowNs)
    {
        sampleRow(nowNs - model.sampleIntervalNs, nowNs);
        closeInterval(nowNs);
        final long nextNs = nowNs + model.sampleIntervalNs;
        if (nextNs <= model.durationNs)
        {
            engine.schedule(nextNs, sampleType, 0, 0, 0);
        }
    }

    /**
     * Close the time-series row {@code [fromNs, nowNs)}: the gauges as they are now, utilization and requests in the
     * system averaged over the row, and the running replicas' cost accrued up to now. A full row at its sample
     * event, the last partial row from {@link #finish()}.
     */
    private void sampleRow(final long fromNs, final long nowNs)
    {
        updateAreas(nowNs);
        final long rowNs = nowNs - 1;
        series.set(rowNs, COL_READY, readyCount);
        series.set(rowNs, COL_ACTIVE, activeReplicas);
        series.set(rowNs, COL_SPOT, spotReplicas);
        series.set(rowNs, COL_UTILIZATION, intervalServingArea > 0 ? intervalBusyArea / intervalServingArea : 0);
        series.set(rowNs, COL_IN_SYSTEM, intervalInSystemArea / (nowNs - fromNs));
        // No latency until a measured request completes in the row (closeInterval sets them): a row in the warm-up
        // or without completions has none, and 0 would read as an instant answer.
        series.set(rowNs, COL_P50, Double.NaN);
        series.set(rowNs, COL_P99, Double.NaN);
        series.set(rowNs, COL_LATENCY_MEAN, Double.NaN);
        intervalBusyArea = 0;
        intervalServingArea = 0;
        intervalInSystemArea = 0;
        for (int r = 0; r < replicaCount; r++)
        {
            // A replica launched by the control event at this very time has nothing to accrue yet; skipping it
            // keeps the rare empty-window branch out of the compiled loop (its first use deoptimized and allocated).
            if (repState[r] < TERMINATED && repLaunchNs[r] < nowNs)
            {
                final double usd =
                    model.offerPrice[repOffer[r]].integrateUsd(Math.max(fromNs, repLaunchNs[r]), nowNs);
                repAccruedUsd[r] += usd;
                series.add(rowNs, COL_COST, usd);
                series.add(rowNs, offerCostColumn[repOffer[r]], usd);
            }
        }
    }

    private void closeInterval(final long nowNs)
    {
        // Each pass over a histogram's counts (an add, a clear) costs about as much as a thousand requests' records,
        // so with short sample intervals this is where a run's time goes: a pair's interval is added to its client
        // and its provider and then discarded (nothing reads a pair's total), and the total is the sum of the
        // clients, not of the pairs.
        final int providers = providerLatency.length;
        for (int pair = 0; pair < pairLatency.length; pair++)
        {
            final LatencyRecorder recorded = pairLatency[pair];
            if (recorded.current().getTotalCount() != 0)
            {
                clientLatency[pair / providers].addInterval(recorded);
                providerLatency[pair % providers].addInterval(recorded);
                recorded.discardInterval(nowNs);
            }
        }
        for (final LatencyRecorder client : clientLatency)
        {
            if (client.current().getTotalCount() != 0)
            {
                latency.addInterval(client);
            }
        }
        if (nowNs <= latency.intervalStartNs())
        {
            return;
        }
        final Histogram interval = latency.closeInterval(nowNs);
        final long rowNs = nowNs - 1;
        final long count = interval.getTotalCount();
        if (count > 0)
        {
            series.set(rowNs, COL_P50, interval.getValueAtPercentile(50) / 1e6);
            series.set(rowNs, COL_P99, interval.getValueAtPercentile(99) / 1e6);
            series.set(rowNs, COL_LATENCY_MEAN, intervalLatencySumNs / (double)count / 1e6);
        }
        intervalLatencySumNs = 0;
        final LatencyIntervalSink sink = intervalSink;
        if (sink != null)
        {
            sink.onInterval(0, interval);
        }
        final int clients = clientLatency.length;
        for (int c = 0; c < clients; c++)
        {
            final Histogram closed = clientLatency[c].closeInterval(nowNs);
            if (sink != null)
            {
                sink.onInterval(1 + c, closed);
            }
        }
        for (int p = 0; p < providers; p++)
        {
            final Histogram closed = providerLatency[p].closeInterval(nowNs);
            if (sink != null)
            {
                sink.onInterval(1 + clients + p, closed);
            }
        }
    }

    private void updateAreas(final long nowNs)
    {
        final long lastNs = lastAreaNs;
        if (nowNs == lastNs)
        {
            return;
        }
        final double dt = nowNs - lastNs;
        final double busy = busyWorkers * dt;
        final double serving = servingWorkers * dt;
        intervalBusyArea += busy;
        intervalServingArea += serving;
        intervalInSystemArea += inSystem * dt;
        controlBusyArea += busy;
        controlServingArea += serving;
        final long warmupNs = model.warmupNs;
        if (nowNs > warmupNs)
        {
            final double measuredDt = lastNs >= warmupNs ? dt : nowNs - warmupNs;
            inSystemArea += inSystem * measuredDt;
            busyArea += busyWorkers * measuredDt;
            servingArea += servingWorkers * measuredDt;
            if (readyCount >= model.requiredReadyReplicas)
            {
                availableNs += measuredDt;
            }
        }
        lastAreaNs = nowNs;
    }

    // ---------------------------------------------------------------- tables

    private int allocateRequest()
    {
        if (freeCount == 0)
        {
            allocateRequests(reqGen.length * 2);
        }
        return freeRequests[--freeCount];
    }

    private void allocateRequests(final int capacity)
    {
        final int old = reqGen == null ? 0 : reqGen.length;
        if (old == 0)
        {
            reqGen = new int[capacity];
            reqClient = new int[capacity];
            reqArrivalNs = new long[capacity];
            reqWorkNs = new long[capacity];
            reqAttempts = new int[capacity];
            reqReplica = new int[capacity];
            reqWhere = new byte[capacity];
            reqNext = new int[capacity];
            reqPrev = new int[capacity];
            reqServiceHandle = new long[capacity];
            reqStartSeq = new long[capacity];
            freeRequests = new int[capacity];
        }
        else
        {
            reqGen = Arrays.copyOf(reqGen, capacity);
            reqClient = Arrays.copyOf(reqClient, capacity);
            reqArrivalNs = Arrays.copyOf(reqArrivalNs, capacity);
            reqWorkNs = Arrays.copyOf(reqWorkNs, capacity);
            reqAttempts = Arrays.copyOf(reqAttempts, capacity);
            reqReplica = Arrays.copyOf(reqReplica, capacity);
            reqWhere = Arrays.copyOf(reqWhere, capacity);
            reqNext = Arrays.copyOf(reqNext, capacity);
            reqPrev = Arrays.copyOf(reqPrev, capacity);
            reqServiceHandle = Arrays.copyOf(reqServiceHandle, capacity);
            reqStartSeq = Arrays.copyOf(reqStartSeq, capacity);
            freeRequests = Arrays.copyOf(freeRequests, capacity);
        }
        for (int i = capacity - 1; i >= old; i--)
        {
            freeRequests[freeCount++] = i;
        }
    }

    private void allocateReplicas(final int capacity)
    {
        if (repOffer == null)
        {
            repOffer = new int[capacity];
            repState = new byte[capacity];
            repLaunchNs = new long[capacity];
            repBusy = new int[capacity];
            repWorkers = new int[capacity];
            repSpeed = new double[capacity];
            repRegion = new int[capacity];
            repProvider = new int[capacity];
            repQueueHead = new int[capacity];
            repQueueTail = new int[capacity];
            repQueueLen = new int[capacity];
            repReadyPos = new int[capacity];
            repHandle = new long[capacity];
            repAccruedUsd = new double[capacity];
            return;
        }
        repOffer = Arrays.copyOf(repOffer, capacity);
        repState = Arrays.copyOf(repState, capacity);
        repLaunchNs = Arrays.copyOf(repLaunchNs, capacity);
        repBusy = Arrays.copyOf(repBusy, capacity);
        repWorkers = Arrays.copyOf(repWorkers, capacity);
        repSpeed = Arrays.copyOf(repSpeed, capacity);
        repRegion = Arrays.copyOf(repRegion, capacity);
        repProvider = Arrays.copyOf(repProvider, capacity);
        repQueueHead = Arrays.copyOf(repQueueHead, capacity);
        repQueueTail = Arrays.copyOf(repQueueTail, capacity);
        repQueueLen = Arrays.copyOf(repQueueLen, capacity);
        repReadyPos = Arrays.copyOf(repReadyPos, capacity);
        repHandle = Arrays.copyOf(repHandle, capacity);
        repAccruedUsd = Arrays.copyOf(repAccruedUsd, capacity);
    }

    // ---------------------------------------------------------------- SimulationView

    @Override
    public CloudModel model()
    {
        return model;
    }

    @Override
    public long nowNs()
    {
        return engine.nowNs();
    }

    @Override
    public int readyCount()
    {
        return readyCount;
    }

    @Override
    public int readyReplica(final int i)
    {
        return readyList[i];
    }

    @Override
    public int activeReplicas()
    {
        return activeReplicas;
    }

    @Override
    public int activeWorkers()
    {
        return activeWorkers;
    }

    @Override
    public int replicaOffer(final int replica)
    {
        return repOffer[replica];
    }

    @Override
    public int replicaState(final int replica)
    {
        return repState[replica];
    }

    @Override
    public int replicaQueueLength(final int replica)
    {
        return repQueueLen[replica];
    }

    @Override
    public int replicaBusy(final int replica)
    {
        return repBusy[replica];
    }

    @Override
    public boolean offerAvailable(final int offer)
    {
        final int region = model.offerRegion[offer];
        final int zone = model.offerZone[offer];
        return !regionDown[region] && (zone == CloudModel.NO_ZONE || !zoneDown[zone]) &&
            offerRunning[offer] < offerCapacity[offer] && regionActive[region] < model.regionQuota[region];
    }

    @Override
    public double offerPricePerHourUsd(final int offer)
    {
        return model.offerPrice[offer].pricePerHourUsdAt(engine.nowNs());
    }

    @Override
    public double observedArrivalRatePerSec()
    {
        return observedRatePerSec;
    }

    @Override
    public double observedUtilization()
    {
        return observedUtilization;
    }

    // ---------------------------------------------------------------- results

    /**
     * @return true if every request that arrived is counted exactly once as completed, timed out, rejected, failed
     * or in flight.
     */
    public boolean conservationHolds()
    {
        return arrivals == completed + timedOut + rejected + failed + inSystem;
    }

    /**
     * @return all requests that arrived, including the warm-up.
     */
    public long arrivals()
    {
        return arrivals;
    }

    /**
     * @return requests completed, including the warm-up.
     */
    public long completed()
    {
        return completed;
    }

    /**
     * @return requests timed out (after their retries), including the warm-up.
     */
    public long timedOut()
    {
        return timedOut;
    }

    /**
     * @return requests rejected, including the warm-up.
     */
    public long rejected()
    {
        return rejected;
    }

    /**
     * @return requests failed, including the warm-up.
     */
    public long failed()
    {
        return failed;
    }

    /**
     * @return requests still in flight.
     */
    public int inFlight()
    {
        return inSystem;
    }

    /**
     * @return retries (after timeouts and lost replicas).
     */
    public long retries()
    {
        return retries;
    }

    /**
     * @return requests arriving after the warm-up.
     */
    public long measuredArrivals()
    {
        return measuredArrivals;
    }

    /**
     * @return measured requests completed.
     */
    public long measuredCompleted()
    {
        return measuredCompleted;
    }

    /**
     * @return measured requests timed out.
     */
    public long measuredTimedOut()
    {
        return measuredTimedOut;
    }

    /**
     * @return measured requests rejected.
     */
    public long measuredRejected()
    {
        return measuredRejected;
    }

    /**
     * @return measured requests failed.
     */
    public long measuredFailed()
    {
        return measuredFailed;
    }

    /**
     * @return measured requests slower than the SLO or not completed.
     */
    public long sloViolations()
    {
        return sloViolations;
    }

    /**
     * @return preemption notices received.
     */
    public long preemptions()
    {
        return preemptions;
    }

    /**
     * @return replicas failed (instance failures and outages).
     */
    public long failures()
    {
        return failures;
    }

    /**
     * @return replicas launched.
     */
    public long launches()
    {
        return launches;
    }

    /**
     * @return launches the placement policy could not place.
     */
    public long launchesRefused()
    {
        return launchesRefused;
    }

    /**
     * @return exact mean latency of measured completed requests, ns.
     */
    public double meanLatencyNs()
    {
        return latencySumNs.get() / measuredCompleted;
    }

    /**
     * @return time-average number of requests in the system after the warm-up (call after {@link #finish()}).
     */
    public double meanInSystem()
    {
        return inSystemArea / (model.durationNs - model.warmupNs);
    }

    /**
     * @return busy workers over serving workers after the warm-up.
     */
    public double utilization()
    {
        return servingArea > 0 ? busyArea / servingArea : 0;
    }

    /**
     * @return share of the measured time with at least the required ready replicas.
     */
    public double availabilityTimeShare()
    {
        return availableNs / (model.durationNs - model.warmupNs);
    }

    /**
     * @return latency of measured completed requests (after {@link #finish()}).
     */
    public LatencyRecorder latency()
    {
        return latency;
    }

    /**
     * @param client client region.
     * @return its latency recorder.
     */
    public LatencyRecorder clientLatency(final int client)
    {
        return clientLatency[client];
    }

    /**
     * @param provider provider.
     * @return latency recorder of requests served by it.
     */
    public LatencyRecorder providerLatency(final int provider)
    {
        return providerLatency[provider];
    }

    /**
     * @param offer offer.
     * @return billed cost of that offer's replicas, USD.
     */
    public double offerCostUsd(final int offer)
    {
        return offerCostUsd[offer].get();
    }

    /**
     * @return total billed cost, USD.
     */
    public double totalCostUsd()
    {
        final CompensatedSum sum = new CompensatedSum();
        for (final CompensatedSum offer : offerCostUsd)
        {
            sum.add(offer.get());
        }
        return sum.get();
    }

    /**
     * @return the time series; columns are {@link #COLUMNS}.
     */
    public TimeSeriesSampler series()
    {
        return series;
    }

    /**
     * @return the engine.
     */
    public Engine engine()
    {
        return engine;
    }
}
