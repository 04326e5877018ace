package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.metrics.TimeSeriesSampler;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.Autoscaler;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.ResponseListener;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.simulator.transfer.TransferLedger;

import java.util.Arrays;

/**
 * The request path of one run: arrival, the balancer's choice, the network, the replica's queue, service, attempt
 * deadlines (timeouts) and retries, up to the request's one outcome.
 * <p>
 * <b>Arrivals.</b> Per client region, a non-homogeneous Poisson process drawn exactly by inverting the cumulative
 * rate (unit-rate exponential gaps) from the stream {@code ("arrivals", client)}, or the client's {@link ArrivalLog}
 * replayed request by request (with the logged work where the log has it). Each request's work is drawn at arrival
 * from {@code ("service", client)}, so every stack sees the same requests with the same work (common random
 * numbers).
 * <p>
 * <b>An attempt.</b> The {@link Balancer} picks a ready replica (none: rejected); after half the round-trip time
 * (plus jitter, from the stream {@code "network"}) the request joins the replica's FIFO queue, starts on a free
 * worker, or is rejected if the queue is full; service takes {@code work / speed}; the response takes the other half
 * of the round trip, added to the latency directly. Every attempt gets a deadline {@code now + timeout}; a timed-out
 * attempt is retried up to {@link CloudModel#timeoutRetries} times. A request lost with its replica (it ended, or was
 * gone when the request reached it) goes to the {@link FailoverPolicy}: retried or failed.
 * <p>
 * <b>Outcomes.</b> Every request ends as exactly one of completed, timed out, rejected or failed, or is still in
 * flight at the end ({@link Simulation#conservationHolds()}); the counters count all requests, the {@code measured}
 * ones those arriving after the warm-up.
 * <p>
 * <b>Feedback.</b> Each attempt the balancer sends to a replica counts in that replica's
 * {@link ReplicaTable#inFlight} from the balancer's choice until the attempt ends ({@link #endAttempt}: completed,
 * timed out, lost with its replica or turned away by a full queue), and every end goes to the balancer's and the
 * autoscaler's {@link ResponseListener#onResponse} (and the placement policy's, if it implements
 * {@link ResponseListener}: a placement that learns from latency) and to the failover policy's per-request events
 * ({@link FailoverPolicy#onSent}, {@code onCompleted}, {@code onLost}, {@code onEnded}), with the request's arrival
 * ordinal as its id.
 * <p>
 * <b>Retries after a backoff and hedged copies.</b> If the failover policy overrides
 * {@link FailoverPolicy#retryDelayNs}, an attempt that ends without a response asks it whether and when to retry; a
 * delayed retry waits as a request-retry event and then goes through the balancer. If it overrides
 * {@link FailoverPolicy#hedgeDelayNs}, a hedge event sends a copy of a request that has had no response to a replica
 * holding none of its copies; each copy is a slot of its own ({@link RequestTable#home}); the first response to reach
 * the client wins (a copy whose service ends while another is out sends its response as a response event) and the
 * other copies are cancelled: off the network, out of the queue, off their worker at once (the time they worked counts
 * as busy and as losers' work), or their response discarded. The request's retry or end is decided when its last copy
 * ends without a response. Runs whose failover policy overrides neither take none of these paths (final flags).
 * <p>
 * <b>Deadlines without a timer per request.</b> Every attempt's deadline is now + the same timeout, so deadlines are
 * due in dispatch order: one FIFO ring with a single pending engine event replaces a timeout scheduled and cancelled
 * per request. Entries of attempts that ended are recognized by their generation and skipped.
 * <p>
 * <b>State.</b> The request table is this part's own (it extends {@link RequestTable}); the replicas' table, the
 * gauges and the time series are shared with the other parts. A replica that ends hands its requests back through
 * {@link #loseAll}; a draining replica whose last request completes is ended through {@link ReplicaLifecycle}.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none per request once the request table and
 * the deadline ring have reached their peak sizes.
 */
final class RequestPath extends RequestTable
{
    private final Engine engine;
    private final CloudModel model;
    /** Typed as the final class, not the interface, so that the policies' calls on it need no type check. */
    private final Simulation view;
    private final Balancer balancer;
    private final Autoscaler autoscaler;
    private final FailoverPolicy failover;
    /**
     * Whether the balancer, the autoscaler and the failover policy override the feedback callbacks: found once at
     * setup, so that policies that do not listen (the built-ins) cost a predictable branch per attempt instead of
     * interface calls and the writes only the callbacks read.
     */
    private final boolean balancerListens;
    private final boolean autoscalerListens;
    /** The placement policy if it implements and overrides {@link ResponseListener#onResponse}, else null. */
    private final ResponseListener placementListener;
    private final boolean failoverListens;
    /** Any of the three: the one branch the request path takes for policies that do not listen. */
    private final boolean listening;
    /** The failover policy overrides {@link FailoverPolicy#hedgeDelayNs}: requests may have copies out at once. */
    private final boolean hedging;
    /**
     * The failover policy overrides {@link FailoverPolicy#retryDelayNs} or hedges: an attempt that ends without a
     * response takes the general path (other copies still out? retry when, if at all?) instead of today's inline rule.
     */
    private final boolean custom;
    /** Requests need their ids: a failover policy listens, decides retries or hedges. */
    private final boolean needIds;
    /** The model has bytes ({@link CloudModel#transfer}): transfers take time and go to the ledger. */
    private final boolean bytes;
    /** The run's bytes, or null when {@link #bytes} is false. */
    private final TransferPath transferPath;
    private final TransferLedger transferLedger;
    private final ReplicaTable replicas;
    private final RunMetrics metrics;
    private final TimeSeriesSampler series;
    /** Ends a draining replica once its last request is done; set once by {@link #bind}. */
    private ReplicaLifecycle lifecycle;

    private final int arrivalType;
    private final int reachType;
    private final int serviceDoneType;
    private final int timeoutType;
    private final int retryType;
    private final int hedgeType;
    private final int responseType;

    private final RandomStream[] arrivalStreams;
    private final RandomStream[] serviceStreams;
    private final RandomStream network;
    private final int[] clientStep;
    private final double[] clientTarget;
    private final double lognormalMu;
    private final double lognormalSigma;
    // The model's scalars and arrays the per-request methods read, copied at setup: a final field of this object is
    // one load, a field of the model two (the JIT does not trust the model's final fields to stay put).
    private final long warmupNs;
    private final long timeoutNs;
    private final long durationNs;
    private final long sloLatencyNs;
    private final long jitterNs;
    private final int queueLimit;
    private final int serviceDistribution;
    private final int regionCount;
    private final long[] rttNs;
    private final ArrivalLog[] clientArrivals;
    private final LoadSeries[] clientLoad;

    private long serviceStarts;
    /** Requests in service on a replica being terminated, sorted by start; sized for the widest instance. */
    private int[] inServiceScratch;

    private long[] deadlineNs;
    private int[] deadlineRequest;
    private int[] deadlineGen;
    private int deadlineHead;
    private int deadlineSize;
    private boolean deadlineArmed;

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
    private long delayedRetries;
    private long hedgesSent;
    private long hedgesNotSent;
    private long duplicatedRequests;
    private long hedgeWins;
    private long copiesCancelled;
    private long loserWorkNs;

    /**
     * @param engine          the run's engine.
     * @param model           the run's model.
     * @param view            what the policies see (the run's {@link Simulation}).
     * @param balancer        this run's balancer.
     * @param autoscaler      this run's autoscaler (feedback only).
     * @param placement       this run's placement policy (feedback only, if it is a {@link ResponseListener}).
     * @param failover        this run's failover policy (lost requests).
     * @param streams         the replication's random streams.
     * @param replicas        the run's replicas.
     * @param metrics         the run's metrics.
     * @param arrivalType     engine type of the arrival event.
     * @param reachType       engine type of the reach-replica event.
     * @param serviceDoneType engine type of the service-done event.
     * @param timeoutType     engine type of the deadline event.
     * @param retryType       engine type of the event that dispatches a retry after its backoff.
     * @param hedgeType       engine type of the hedge timer.
     * @param responseType    engine type of a hedged copy's response reaching the client.
     */
    RequestPath(
        final Engine engine,
        final CloudModel model,
        final Simulation view,
        final Balancer balancer,
        final Autoscaler autoscaler,
        final PlacementPolicy placement,
        final FailoverPolicy failover,
        final RandomStreams streams,
        final ReplicaTable replicas,
        final RunMetrics metrics,
        final int arrivalType,
        final int reachType,
        final int serviceDoneType,
        final int timeoutType,
        final int retryType,
        final int hedgeType,
        final int responseType)
    {
        super(1 << 16);
        this.engine = engine;
        this.model = model;
        this.view = view;
        this.balancer = balancer;
        this.autoscaler = autoscaler;
        this.failover = failover;
        this.balancerListens = overrides(balancer, ResponseListener.class, "onResponse",
            SimulationView.class, int.class, int.class, long.class);
        this.autoscalerListens = overrides(autoscaler, ResponseListener.class, "onResponse",
            SimulationView.class, int.class, int.class, long.class);
        this.placementListener = placement instanceof ResponseListener && overrides(placement,
            ResponseListener.class, "onResponse", SimulationView.class, int.class, int.class, long.class)
            ? (ResponseListener)placement : null;
        this.failoverListens = overrides(failover, FailoverPolicy.class, "onSent",
            SimulationView.class, long.class, int.class, int.class) ||
            overrides(failover, FailoverPolicy.class, "onCompleted",
                SimulationView.class, long.class, int.class, int.class, long.class) ||
            overrides(failover, FailoverPolicy.class, "onLost",
                SimulationView.class, long.class, int.class, int.class, int.class) ||
            overrides(failover, FailoverPolicy.class, "onEnded",
                SimulationView.class, long.class, int.class, int.class);
        this.listening = balancerListens || autoscalerListens || placementListener != null || failoverListens;
        this.hedging = overrides(failover, FailoverPolicy.class, "hedgeDelayNs",
            SimulationView.class, long.class, int.class);
        this.custom = hedging || overrides(failover, FailoverPolicy.class, "retryDelayNs",
            SimulationView.class, long.class, int.class, int.class);
        this.needIds = failoverListens || custom;
        this.replicas = replicas;
        this.metrics = metrics;
        this.series = metrics.series;
        this.arrivalType = arrivalType;
        this.reachType = reachType;
        this.serviceDoneType = serviceDoneType;
        this.timeoutType = timeoutType;
        this.retryType = retryType;
        this.hedgeType = hedgeType;
        this.responseType = responseType;

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
        warmupNs = model.warmupNs;
        timeoutNs = model.timeoutNs;
        durationNs = model.durationNs;
        sloLatencyNs = model.sloLatencyNs;
        jitterNs = model.jitterNs;
        queueLimit = model.queueLimit;
        serviceDistribution = model.serviceDistribution;
        regionCount = model.regionNames.length;
        rttNs = model.rttNs;
        clientArrivals = model.clientArrivals;
        clientLoad = model.clientLoad;

        deadlineNs = new long[1 << 16];
        deadlineRequest = new int[1 << 16];
        deadlineGen = new int[1 << 16];
        int widest = 16;
        for (final int workers : model.typeWorkers)
        {
            widest = Math.max(widest, workers);
        }
        inServiceScratch = new int[widest];
        bytes = model.transfer != null;
        transferLedger = bytes ? new TransferLedger(model, series, transferColumn(model)) : null;
        transferPath = bytes ? new TransferPath(model, replicas, streams, transferLedger) : null;
    }

    /** @return the first time-series column of the transfer ledger: after the columns and the cost groups. */
    static int transferColumn(final CloudModel model)
    {
        return RunMetrics.COLUMNS.length + Billing.costGroups(model).size();
    }

    /** @return the run's bytes on the request path, or null for a model without bytes. */
    TransferPath transferPath()
    {
        return transferPath;
    }

    /** @return the run's transfer ledger, or null for a model without bytes. */
    TransferLedger transferLedger()
    {
        return transferLedger;
    }

    /** @return true if the policy's class has its own implementation of the interface's default method. */
    private static boolean overrides(final Object policy, final Class<?> declaring, final String method,
        final Class<?>... parameters)
    {
        try
        {
            return policy.getClass().getMethod(method, parameters).getDeclaringClass() != declaring;
        }
        catch (final NoSuchMethodException e)
        {
            throw new IllegalStateException(declaring.getSimpleName() + "." + method + " not found", e);
        }
    }

    /**
     * @param lifecycle the run's replica lifecycle (the two refer to each other: a replica's end loses its requests,
     *                  a request's end may end its draining replica).
     */
    void bind(final ReplicaLifecycle lifecycle)
    {
        this.lifecycle = lifecycle;
    }

    /**
     * Schedule every client's first arrival (at setup).
     */
    void scheduleFirstArrivals()
    {
        for (int c = 0; c < clientStep.length; c++)
        {
            scheduleNextArrival(0, c);
        }
    }

    private void scheduleNextArrival(final long nowNs, final int client)
    {
        final ArrivalLog log = clientArrivals[client];
        if (log != null)
        {
            final int next = clientStep[client];
            if (next < log.size() && log.timeNs(next) < durationNs)
            {
                clientStep[client] = next + 1;
                engine.schedule(Math.max(nowNs, log.timeNs(next)), arrivalType, client, next, 0);
            }
            return;
        }
        final LoadSeries load = clientLoad[client];
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
        if (timeNs >= durationNs)
        {
            return;
        }
        engine.schedule(Math.max(nowNs, (long)timeNs), arrivalType, client, 0, 0);
    }

    /**
     * The arrival event: a new request from a client; schedules the client's next arrival.
     *
     * @param nowNs    now.
     * @param client   its client region.
     * @param logIndex its index in the client's arrival log, if the client replays one.
     */
    void onArrival(final long nowNs, final int client, final int logIndex)
    {
        scheduleNextArrival(nowNs, client);
        final RunMetrics metrics = this.metrics;
        arrivals++;
        metrics.controlArrivals++;
        metrics.controlClientArrivals[client]++;
        if (nowNs >= warmupNs)
        {
            measuredArrivals++;
        }
        series.add(nowNs, RunMetrics.COL_ARRIVALS, 1);
        metrics.updateAreas(nowNs);
        metrics.inSystem++;
        final int request = allocate();
        if (needIds)
        {
            this.id[request] = arrivals - 1;
        }
        if (hedging)
        {
            newHome(request);
        }
        this.client[request] = client;
        this.arrivalNs[request] = nowNs;
        final ArrivalLog log = clientArrivals[client];
        final long loggedWorkNs = log == null ? -1 : log.workNs(logIndex);
        this.workNs[request] = loggedWorkNs >= 0 ? loggedWorkNs : sampleWorkNs(serviceStreams[client]);
        this.attempts[request] = 0;
        if (bytes)
        {
            transferPath.onArrival(request, client, logIndex);
        }
        dispatch(nowNs, request);
    }

    private long sampleWorkNs(final RandomStream stream)
    {
        switch (serviceDistribution)
        {
            case CloudModel.LOGNORMAL:
                return (long)(stream.lognormal(lognormalMu, lognormalSigma) + 0.5);
            case CloudModel.DETERMINISTIC:
                return (long)(model.serviceMeanNs + 0.5);
            default:
                return stream.exponentialNs(model.serviceMeanNs);
        }
    }

    /**
     * A new attempt (a first attempt or a retry, not a hedge copy): the balancer's choice, a deadline, the hedge
     * timer if the failover policy hedges, then the network or the replica at once.
     */
    private void dispatch(final long nowNs, final int request)
    {
        final int gen = ++this.gen[request];
        final int attempt = hedging ? nextAttemptNo(request) : ++this.attempts[request];
        final int replica = balancer.pickReplica(view, this.client[request]);
        if (replica < 0)
        {
            if (listening)
            {
                notifyRejected();
            }
            if (custom)
            {
                decideRetry(nowNs, request, ResponseListener.REJECTED);
                return;
            }
            finishRequest(nowNs, request, RunMetrics.COL_REJECTED);
            return;
        }
        this.replica[request] = replica;
        replicas.inFlight[replica]++;
        if (listening)
        {
            notifySent(nowNs, request, attempt, replica);
        }
        if (timeoutNs > 0)
        {
            pushDeadline(nowNs + timeoutNs, request, gen);
        }
        if (hedging)
        {
            // Armed before the network step: an attempt that fails at once ends the round and cancels the timer.
            beginRound(nowNs, request);
        }
        send(nowNs, request, replica, gen);
    }

    /** The network hop of an attempt or copy whose replica is chosen, or the replica at once without delay. */
    private void send(final long nowNs, final int request, final int replica, final int gen)
    {
        long delayNs = oneWayDelayNs(this.client[request], replicas.region[replica]);
        if (bytes)
        {
            delayNs += transferPath.requestNs(nowNs, hedging ? this.home[request] : request, replica);
        }
        if (delayNs == 0)
        {
            arriveAtReplica(nowNs, request, replica);
        }
        else
        {
            this.where[request] = NETWORK;
            engine.schedule(nowNs + delayNs, reachType, request, gen, 0);
        }
    }

    private long oneWayDelayNs(final int client, final int region)
    {
        final long halfRttNs = rttNs[client * regionCount + region] / 2;
        return jitterNs > 0 ? halfRttNs + (long)(network.nextDouble() * jitterNs) : halfRttNs;
    }

    /**
     * The reach-replica event: the request arrives at its replica over the network, unless the attempt moved on.
     *
     * @param nowNs   now.
     * @param request the request.
     * @param gen     the attempt's generation.
     */
    void onReach(final long nowNs, final int request, final int gen)
    {
        if (this.gen[request] != gen || this.where[request] != NETWORK)
        {
            return;
        }
        arriveAtReplica(nowNs, request, this.replica[request]);
    }

    private void arriveAtReplica(final long nowNs, final int request, final int replica)
    {
        final ReplicaTable replicas = this.replicas;
        final int state = replicas.state[replica];
        if (state != Simulation.READY && state != Simulation.DRAINING && state != Simulation.PREEMPTING)
        {
            this.where[request] = NOWHERE;
            lose(nowNs, request);
            return;
        }
        if (replicas.busy[replica] < replicas.workers[replica])
        {
            startService(nowNs, request, replica);
        }
        else if (replicas.queueLen[replica] < queueLimit)
        {
            this.where[request] = QUEUED;
            final int tail = replicas.queueTail[replica];
            this.prev[request] = tail;
            this.next[request] = Simulation.NONE;
            if (tail == Simulation.NONE)
            {
                replicas.queueHead[replica] = request;
            }
            else
            {
                this.next[tail] = request;
            }
            replicas.queueTail[replica] = request;
            replicas.queueLen[replica]++;
        }
        else
        {
            this.where[request] = NOWHERE;
            endAttempt(request, ResponseListener.REJECTED, nowNs);
            if (custom)
            {
                afterFailedAttempt(nowNs, request, ResponseListener.REJECTED);
                return;
            }
            finishRequest(nowNs, request, RunMetrics.COL_REJECTED);
        }
    }

    private void startService(final long nowNs, final int request, final int replica)
    {
        metrics.updateAreas(nowNs);
        replicas.busy[replica]++;
        metrics.busyWorkers++;
        this.where[request] = IN_SERVICE;
        if (hedging)
        {
            this.serviceStartNs[request] = nowNs;
        }
        // No per-replica list of requests in service: a replica that ends finds its own (loseAll), in this order.
        this.startSeq[request] = serviceStarts++;
        final long workNs = this.workNs[request];
        final double speed = replicas.speed[replica];
        // Speed 1 (the common case) skips a division; (long)(w / 1.0 + 0.5) == w for every w below 2^52.
        long serviceNs = speed == 1.0 && workNs < (1L << 52) ? workNs : (long)(workNs / speed + 0.5);
        if (bytes)
        {
            serviceNs += transferPath.readNs(nowNs, hedging ? this.home[request] : request, replica);
        }
        this.serviceHandle[request] =
            engine.schedule(nowNs + serviceNs, serviceDoneType, replica, request, this.gen[request]);
    }

    /**
     * The service-done event: a worker of the replica is free; the request completes unless its attempt moved on
     * (timed out), and the worker takes the head of the queue, or a draining replica with nothing left ends.
     *
     * @param nowNs   now.
     * @param replica the replica.
     * @param request the request that was in service.
     * @param gen     the attempt's generation.
     */
    void onServiceDone(final long nowNs, final int replica, final int request, final int gen)
    {
        final ReplicaTable replicas = this.replicas;
        final int state = replicas.state[replica];
        if (state >= Simulation.TERMINATED)
        {
            return;
        }
        metrics.updateAreas(nowNs);
        replicas.busy[replica]--;
        metrics.busyWorkers--;
        if (this.gen[request] == gen && this.where[request] == IN_SERVICE &&
            this.replica[request] == replica)
        {
            if (hedging && this.copies[this.home[request]] > 1)
            {
                respond(nowNs, request, replica);
            }
            else
            {
                complete(nowNs, request, replica);
            }
        }
        nextInQueue(nowNs, replica, state);
    }

    /** A worker of the replica is free: it takes the head of the queue, or a draining replica with nothing left ends. */
    private void nextInQueue(final long nowNs, final int replica, final int state)
    {
        final int head = replicas.queueHead[replica];
        if (head != Simulation.NONE)
        {
            unlinkQueue(replica, head);
            startService(nowNs, head, replica);
        }
        else if (state == Simulation.DRAINING && replicas.busy[replica] == 0)
        {
            lifecycle.terminate(nowNs, replica, Simulation.TERMINATED);
        }
    }

    private void complete(final long nowNs, final int request, final int replica)
    {
        final int client = this.client[request];
        final long arrivalNs = this.arrivalNs[request];
        long responseNs = nowNs + oneWayDelayNs(client, replicas.region[replica]);
        if (bytes)
        {
            responseNs += transferPath.responseNs(nowNs, hedging ? this.home[request] : request, replica);
        }
        final long latencyNs = responseNs - arrivalNs;
        replicas.completed[replica]++;
        endAttempt(request, ResponseListener.COMPLETED, responseNs);
        recordLatency(client, arrivalNs, replica, latencyNs);
        finishRequest(nowNs, hedging ? wonBy(request) : request, RunMetrics.COL_COMPLETED);
    }

    private void recordLatency(final int client, final long arrivalNs, final int replica, final long latencyNs)
    {
        if (arrivalNs >= warmupNs)
        {
            // Recorded once, per (client, provider); closeInterval adds it to the total, client and provider.
            metrics.recordLatency(client, replicas.provider[replica], latencyNs);
            if (latencyNs > sloLatencyNs)
            {
                sloViolations++;
            }
        }
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

    /**
     * The deadline event: time out the attempts whose deadline has come, skip the entries of attempts that ended,
     * and arm the timer for the oldest attempt still in flight: about one timer event per timeout length instead of
     * one per request.
     *
     * @param nowNs now.
     */
    void onDeadlines(final long nowNs)
    {
        // Stays armed while processing so that retries pushed meanwhile do not arm the timer for their own (later)
        // deadline ahead of older entries; re-armed for the head below.
        deadlineArmed = true;
        final int mask = deadlineNs.length - 1;
        while (deadlineSize > 0)
        {
            final int request = deadlineRequest[deadlineHead];
            final int gen = deadlineGen[deadlineHead];
            final boolean live = this.gen[request] == gen;
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
        final int replica = this.replica[request];
        final byte where = this.where[request];
        if (where == QUEUED)
        {
            unlinkQueue(replica, request);
        }
        // In service: leaving it is enough; its worker stays busy until the service event.
        this.where[request] = NOWHERE;
        endAttempt(request, ResponseListener.TIMED_OUT, nowNs);
        if (custom)
        {
            afterFailedAttempt(nowNs, request, ResponseListener.TIMED_OUT);
            return;
        }
        if (this.attempts[request] <= model.timeoutRetries)
        {
            retry(nowNs, request);
        }
        else
        {
            finishRequest(nowNs, request, RunMetrics.COL_TIMED_OUT);
        }
    }

    /**
     * Lose every request a replica holds, in service (in the order they started) then queued: each goes to the
     * failover policy. The replica has ended: it is out of the ready list and its workers no longer count.
     *
     * @param nowNs   now.
     * @param replica the replica that ended.
     * @param busy    its workers that were busy when it ended.
     */
    void loseAll(final long nowNs, final int replica, final int busy)
    {
        if (busy > 0)
        {
            // Its requests in service, in the order they started (at most one per busy worker): a scan of the
            // request table, once per replica lost while busy, instead of a list kept on every request.
            int found = 0;
            final byte[] where = this.where;
            for (int request = 0; request < where.length; request++)
            {
                if (where[request] == IN_SERVICE && this.replica[request] == replica)
                {
                    if (found == inServiceScratch.length)
                    {
                        inServiceScratch = Arrays.copyOf(inServiceScratch, found * 2);
                    }
                    int at = found++;
                    while (at > 0 && this.startSeq[inServiceScratch[at - 1]] > this.startSeq[request])
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
                engine.cancel(this.serviceHandle[request]);
                this.where[request] = NOWHERE;
                lose(nowNs, request);
            }
        }
        while (replicas.queueHead[replica] != Simulation.NONE)
        {
            final int request = replicas.queueHead[replica];
            unlinkQueue(replica, request);
            this.where[request] = NOWHERE;
            lose(nowNs, request);
        }
    }

    private void lose(final long nowNs, final int request)
    {
        endAttempt(request, ResponseListener.FAILED, nowNs);
        if (custom)
        {
            afterFailedAttempt(nowNs, request, ResponseListener.FAILED);
            return;
        }
        if (failover.retryLostRequest(view, this.attempts[request]))
        {
            retry(nowNs, request);
        }
        else
        {
            finishRequest(nowNs, request, RunMetrics.COL_FAILED);
        }
    }

    private void retry(final long nowNs, final int request)
    {
        retries++;
        series.add(nowNs, RunMetrics.COL_RETRIES, 1);
        dispatch(nowNs, request);
    }

    /**
     * An attempt sent to a replica ended: the replica no longer counts it, and the policies hear of it.
     *
     * @param request the request.
     * @param outcome a {@link ResponseListener} outcome.
     * @param endNs   when it ended: now, or for a completion the response's arrival at the client.
     */
    private void endAttempt(final int request, final int outcome, final long endNs)
    {
        final int replica = this.replica[request];
        replicas.inFlight[replica]--;
        if (listening)
        {
            notifyEnd(request, replica, outcome, endNs);
        }
    }

    // The notify methods are kept out of the hot methods so that, for policies that do not listen, the request path
    // stays as small as before (its methods' sizes decide what the JIT inlines).

    private void notifyRejected()
    {
        if (balancerListens)
        {
            balancer.onResponse(view, -1, ResponseListener.REJECTED, 0);
        }
        if (autoscalerListens)
        {
            autoscaler.onResponse(view, -1, ResponseListener.REJECTED, 0);
        }
        if (placementListener != null)
        {
            placementListener.onResponse(view, -1, ResponseListener.REJECTED, 0);
        }
    }

    private void notifySent(final long nowNs, final int request, final int attempt, final int replica)
    {
        this.sentNs[request] = nowNs;
        if (failoverListens)
        {
            failover.onSent(view, this.id[request], attempt, replica);
        }
    }

    private void notifyEnd(final int request, final int replica, final int outcome, final long endNs)
    {
        if (balancerListens)
        {
            balancer.onResponse(view, replica, outcome, endNs - this.sentNs[request]);
        }
        if (autoscalerListens)
        {
            autoscaler.onResponse(view, replica, outcome, endNs - this.sentNs[request]);
        }
        if (placementListener != null)
        {
            placementListener.onResponse(view, replica, outcome, endNs - this.sentNs[request]);
        }
        if (!failoverListens)
        {
            return;
        }
        final int attempt = hedging ? this.attemptNo[request] : this.attempts[request];
        if (outcome == ResponseListener.COMPLETED)
        {
            failover.onCompleted(view, this.id[request], attempt, replica, endNs - this.arrivalNs[request]);
        }
        else
        {
            failover.onLost(view, this.id[request], attempt, replica, outcome);
        }
    }

    private void notifyEnded(final int request, final int column)
    {
        final int outcome;
        switch (column)
        {
            case RunMetrics.COL_COMPLETED:
                outcome = ResponseListener.COMPLETED;
                break;
            case RunMetrics.COL_TIMED_OUT:
                outcome = ResponseListener.TIMED_OUT;
                break;
            case RunMetrics.COL_REJECTED:
                outcome = ResponseListener.REJECTED;
                break;
            default:
                outcome = ResponseListener.FAILED;
                break;
        }
        failover.onEnded(view, this.id[request],
            hedging ? this.attempts[request] + this.hedges[request] : this.attempts[request], outcome);
    }

    private void finishRequest(final long nowNs, final int request, final int outcome)
    {
        final boolean measured = this.arrivalNs[request] >= warmupNs;
        switch (outcome)
        {
            case RunMetrics.COL_COMPLETED:
                completed++;
                if (measured)
                {
                    measuredCompleted++;
                }
                break;
            case RunMetrics.COL_TIMED_OUT:
                timedOut++;
                if (measured)
                {
                    measuredTimedOut++;
                    sloViolations++;
                }
                break;
            case RunMetrics.COL_REJECTED:
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
        metrics.updateAreas(nowNs);
        metrics.inSystem--;
        if (failoverListens)
        {
            notifyEnded(request, outcome);
        }
        if (hedging)
        {
            endRound(request);
        }
        release(request);
    }

    // ---------------------------------------------------------------- retries after a delay, hedged copies
    // Only runs whose failover policy overrides retryDelayNs or hedgeDelayNs come here (the final flags custom and
    // hedging), so the request path of every other run is the one above.

    /**
     * An attempt or copy ended without a response (timed out, lost, turned away by a full queue) and has left its
     * replica's count: if another copy of its request is still out the request goes on with it; otherwise the
     * request's round is over and the failover policy decides whether and when to retry.
     */
    private void afterFailedAttempt(final long nowNs, final int slot, final int outcome)
    {
        int request = slot;
        if (hedging)
        {
            request = this.home[slot];
            if (--this.copies[request] > 0)
            {
                dropCopy(slot);
                return;
            }
            endRound(request);
        }
        decideRetry(nowNs, request, outcome);
    }

    /** Ask the failover policy: retry at once, after a delay (a retry event, no allocation), or end the request. */
    private void decideRetry(final long nowNs, final int request, final int outcome)
    {
        final long delayNs = failover.retryDelayNs(view, this.id[request], this.attempts[request], outcome);
        // A rejection retried at once goes through the event too: dispatched from here, a balancer or a full queue
        // that says no again would recurse as deep as the policy keeps retrying.
        if (delayNs == 0 && outcome != ResponseListener.REJECTED)
        {
            retry(nowNs, request);
        }
        else if (delayNs >= 0)
        {
            // Stale from now on: whatever the ended attempt left pending (its deadline) until the retry bumps it again.
            final int gen = ++this.gen[request];
            engine.schedule(nowNs + delayNs, retryType, request, gen, 0);
        }
        else
        {
            finishRequest(nowNs, request, outcome == ResponseListener.TIMED_OUT ? RunMetrics.COL_TIMED_OUT
                : outcome == ResponseListener.FAILED ? RunMetrics.COL_FAILED : RunMetrics.COL_REJECTED);
        }
    }

    /**
     * The retry event: a request's backoff is over; its retry is dispatched through the balancer.
     *
     * @param nowNs   now.
     * @param request the request.
     * @param gen     its generation when the retry was scheduled.
     */
    void onRetryDue(final long nowNs, final int request, final int gen)
    {
        if (this.gen[request] != gen)
        {
            return;
        }
        delayedRetries++;
        retry(nowNs, request);
    }

    /** A new request's slot is its own home, alone, with no copy out and no hedge sent. */
    private void newHome(final int request)
    {
        this.home[request] = request;
        this.twin[request] = request;
        this.copies[request] = 0;
        this.hedges[request] = 0;
        this.hedgeHandle[request] = Simulation.NO_HANDLE;
    }

    /** @return the number of a first attempt or retry, counting the hedge copies sent before it. */
    private int nextAttemptNo(final int request)
    {
        final int attempt = ++this.attempts[request] + this.hedges[request];
        this.attemptNo[request] = attempt;
        return attempt;
    }

    /** A first attempt or retry went out: the only copy out, and the hedge timer if the policy wants a hedge. */
    private void beginRound(final long nowNs, final int request)
    {
        this.copies[request] = 1;
        armHedge(nowNs, request);
    }

    private void armHedge(final long nowNs, final int request)
    {
        final long delayNs = failover.hedgeDelayNs(view, this.id[request], this.hedges[request]);
        this.hedgeHandle[request] = delayNs < 0 ? Simulation.NO_HANDLE
            : engine.schedule(nowNs + delayNs, hedgeType, request, 0, 0);
    }

    /**
     * The hedge timer: no response yet, so send a copy of the request to a replica that holds none of its copies
     * (the balancer chooses; asked at most three times), with its own attempt number, deadline and in-flight count,
     * and arm the timer for the next copy if the policy wants one. The timer is cancelled when the request's round
     * ends, so it always finds a copy out.
     *
     * @param nowNs   now.
     * @param request the request (its home slot).
     */
    void onHedgeDue(final long nowNs, final int request)
    {
        this.hedgeHandle[request] = Simulation.NO_HANDLE;
        if (copyResponding(request))
        {
            return;
        }
        final int replica = otherReplica(request);
        if (replica < 0)
        {
            hedgesNotSent++;
            return;
        }
        final int copy = allocate();
        this.client[copy] = this.client[request];
        this.arrivalNs[copy] = this.arrivalNs[request];
        this.workNs[copy] = this.workNs[request];
        this.id[copy] = this.id[request];
        this.home[copy] = request;
        this.twin[copy] = this.twin[request];
        this.twin[request] = copy;
        this.copies[request]++;
        final int sent = ++this.hedges[request];
        final int attempt = this.attempts[request] + sent;
        this.attemptNo[copy] = attempt;
        final int gen = ++this.gen[copy];
        this.replica[copy] = replica;
        replicas.inFlight[replica]++;
        hedgesSent++;
        if (sent == 1)
        {
            duplicatedRequests++;
        }
        if (listening)
        {
            notifySent(nowNs, copy, attempt, replica);
        }
        if (timeoutNs > 0)
        {
            pushDeadline(nowNs + timeoutNs, copy, gen);
        }
        armHedge(nowNs, request);
        send(nowNs, copy, replica, gen);
    }

    /** @return a ready replica holding no copy of the request out, or -1 (none ready, or the balancer insists). */
    private int otherReplica(final int request)
    {
        for (int ask = 0; ask < 3; ask++)
        {
            final int replica = balancer.pickReplica(view, this.client[request]);
            if (replica < 0)
            {
                return -1;
            }
            if (!holdsCopy(request, replica))
            {
                return replica;
            }
        }
        return -1;
    }

    private boolean holdsCopy(final int request, final int replica)
    {
        int slot = request;
        do
        {
            if (this.where[slot] != NOWHERE && this.replica[slot] == replica)
            {
                return true;
            }
            slot = this.twin[slot];
        }
        while (slot != request);
        return false;
    }

    private boolean copyResponding(final int request)
    {
        int slot = request;
        do
        {
            if (this.where[slot] == RESPONDING)
            {
                return true;
            }
            slot = this.twin[slot];
        }
        while (slot != request);
        return false;
    }

    /**
     * A copy's service ended while another copy of its request is out: its worker is free (the caller goes on to the
     * queue) and its response travels to the client, where the first response to arrive wins (a response event).
     */
    private void respond(final long nowNs, final int copy, final int replica)
    {
        replicas.completed[replica]++;
        this.where[copy] = RESPONDING;
        this.workedNs[copy] = nowNs - this.serviceStartNs[copy];
        // A new generation: its deadline no longer applies (its service ended in time, as a completion's does).
        final int gen = ++this.gen[copy];
        long responseNs = nowNs + oneWayDelayNs(this.client[copy], replicas.region[replica]);
        if (bytes)
        {
            responseNs += transferPath.responseNs(nowNs, this.home[copy], replica);
        }
        engine.schedule(responseNs, responseType, copy, gen, 0);
    }

    /**
     * The response event: a hedged copy's response reaches the client. If it is the first, it wins: the other copies
     * out are cancelled and the request completes.
     *
     * @param nowNs now, the response's arrival.
     * @param copy  the copy.
     * @param gen   the copy's generation when its response left.
     */
    void onResponseDue(final long nowNs, final int copy, final int gen)
    {
        if (this.gen[copy] != gen || this.where[copy] != RESPONDING)
        {
            return;
        }
        for (int slot = this.twin[copy]; slot != copy; slot = this.twin[slot])
        {
            if (this.where[slot] != NOWHERE)
            {
                cancelCopy(nowNs, slot);
            }
        }
        this.where[copy] = NOWHERE;
        final int replica = this.replica[copy];
        endAttempt(copy, ResponseListener.COMPLETED, nowNs);
        recordLatency(this.client[copy], this.arrivalNs[copy], replica, nowNs - this.arrivalNs[copy]);
        finishRequest(nowNs, wonBy(copy), RunMetrics.COL_COMPLETED);
    }

    /**
     * Cancel a copy that lost the race: off the network (its reach event goes stale), out of the queue, off its
     * worker at once (the worker takes the next request; the time it worked counts as busy and as the loser's work),
     * or, its service done and its response on the way, discarded (its whole service was the loser's work).
     */
    private void cancelCopy(final long nowNs, final int slot)
    {
        final int replica = this.replica[slot];
        final byte where = this.where[slot];
        this.where[slot] = NOWHERE;
        copiesCancelled++;
        if (where == QUEUED)
        {
            unlinkQueue(replica, slot);
        }
        else if (where == RESPONDING)
        {
            loserWorkNs += this.workedNs[slot];
        }
        endAttempt(slot, ResponseListener.CANCELLED, nowNs);
        if (where == IN_SERVICE)
        {
            engine.cancel(this.serviceHandle[slot]);
            loserWorkNs += nowNs - this.serviceStartNs[slot];
            metrics.updateAreas(nowNs);
            replicas.busy[replica]--;
            metrics.busyWorkers--;
            nextInQueue(nowNs, replica, replicas.state[replica]);
        }
    }

    /** @return the request the winning copy belongs to, counting a hedge's win. */
    private int wonBy(final int copy)
    {
        final int request = this.home[copy];
        if (copy != request)
        {
            hedgeWins++;
        }
        return request;
    }

    /** A copy ended without a response while others are out: its slot goes (a home's stays, its events stale). */
    private void dropCopy(final int slot)
    {
        final int request = this.home[slot];
        if (slot == request)
        {
            this.gen[slot]++;
            return;
        }
        int before = request;
        while (this.twin[before] != slot)
        {
            before = this.twin[before];
        }
        this.twin[before] = this.twin[slot];
        release(slot);
    }

    /** The request's round is over (no copy out, or it ends): no more hedges, and its copies' slots go. */
    private void endRound(final int request)
    {
        if (this.hedgeHandle[request] != Simulation.NO_HANDLE)
        {
            engine.cancel(this.hedgeHandle[request]);
            this.hedgeHandle[request] = Simulation.NO_HANDLE;
        }
        int slot = this.twin[request];
        while (slot != request)
        {
            final int next = this.twin[slot];
            release(slot);
            slot = next;
        }
        this.twin[request] = request;
    }

    private void unlinkQueue(final int replica, final int request)
    {
        final ReplicaTable replicas = this.replicas;
        final int prev = this.prev[request];
        final int next = this.next[request];
        if (prev == Simulation.NONE)
        {
            replicas.queueHead[replica] = next;
        }
        else
        {
            this.next[prev] = next;
        }
        if (next == Simulation.NONE)
        {
            replicas.queueTail[replica] = prev;
        }
        else
        {
            this.prev[next] = prev;
        }
        replicas.queueLen[replica]--;
    }

    /** @return all requests that arrived, including the warm-up. */
    long arrivals()
    {
        return arrivals;
    }

    /** @return requests completed, including the warm-up. */
    long completed()
    {
        return completed;
    }

    /** @return requests timed out after their retries, including the warm-up. */
    long timedOut()
    {
        return timedOut;
    }

    /** @return requests rejected, including the warm-up. */
    long rejected()
    {
        return rejected;
    }

    /** @return requests failed, including the warm-up. */
    long failed()
    {
        return failed;
    }

    /** @return retries (after timeouts and lost replicas). */
    long retries()
    {
        return retries;
    }

    /** @return requests arriving after the warm-up. */
    long measuredArrivals()
    {
        return measuredArrivals;
    }

    /** @return measured requests completed. */
    long measuredCompleted()
    {
        return measuredCompleted;
    }

    /** @return measured requests timed out. */
    long measuredTimedOut()
    {
        return measuredTimedOut;
    }

    /** @return measured requests rejected. */
    long measuredRejected()
    {
        return measuredRejected;
    }

    /** @return measured requests failed. */
    long measuredFailed()
    {
        return measuredFailed;
    }

    /** @return measured requests slower than the SLO or not completed. */
    long sloViolations()
    {
        return sloViolations;
    }
    /** @return retries dispatched after a backoff delay (a subset of {@link #retries()}). */
    long delayedRetries()
    {
        return delayedRetries;
    }

    /** @return hedge copies sent. */
    long hedgesSent()
    {
        return hedgesSent;
    }

    /** @return hedge timers that found no other ready replica to send a copy to. */
    long hedgesNotSent()
    {
        return hedgesNotSent;
    }

    /** @return requests with at least one hedge copy sent. */
    long duplicatedRequests()
    {
        return duplicatedRequests;
    }

    /** @return requests answered first by a hedge copy (not by their first attempt or retry). */
    long hedgeWins()
    {
        return hedgeWins;
    }

    /** @return copies cancelled because another copy of their request answered first. */
    long copiesCancelled()
    {
        return copiesCancelled;
    }

    /** @return worker time spent on copies that lost the race, ns. */
    long loserWorkNs()
    {
        return loserWorkNs;
    }
}
