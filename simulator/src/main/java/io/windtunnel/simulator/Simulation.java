package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.metrics.LatencyRecorder;
import io.windtunnel.engine.metrics.TimeSeriesSampler;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.Autoscaler;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.DecisionRecorder;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.PolicySlot;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.simulator.transfer.TransferLedger;
import io.windtunnel.simulator.transfer.TransferEstimate;

import java.util.List;
import java.util.Objects;

/**
 * One run of one policy stack over one {@link CloudModel}: replicas with their lifecycle, the request path, faults,
 * the control loop, cost and metrics, on an {@link Engine} of its own. This class is the run's public face (what
 * {@code Runner}, reports and policies see) and its event table; the parts live in their own package-private classes
 * and share the run's tables:
 * <ul>
 * <li>{@link RequestPath}: arrival, balancer call, network, queue, service, deadlines (timeouts), retries, outcomes;</li>
 * <li>{@link ReplicaLifecycle}: launch, boot, ready, drain, preemption notice, failure, termination, replacement;</li>
 * <li>{@link Billing}: each replica's bill and the cost accrued into the time series;</li>
 * <li>{@link RunMetrics}: time-series rows, latency recorders and intervals, time-averaged areas;</li>
 * <li>{@link ControlLoop}: the autoscaler's decision every control interval, launches and scale-down;</li>
 * <li>{@link FaultInjector}: the fault trace, outages and spot capacity, offer availability;</li>
 * <li>{@link DataPlacement}: with a storage section, where the data set is, its copies, growth and storage bill;</li>
 * <li>{@link FleetActions}: what a failover's capacity hooks may do (spares, placement and traffic masks,
 * wake-ups);</li>
 * <li>{@link RequestTable} and {@link ReplicaTable}: structure-of-arrays tables of requests and replicas.</li>
 * </ul>
 * <p>
 * <b>Request path.</b> Arrivals per client region follow a non-homogeneous Poisson process drawn exactly by
 * inverting the cumulative rate, or replay the client's {@link ArrivalLog}; each request's work is drawn at arrival,
 * so every stack sees the same requests with the same work (common random numbers). The {@link Balancer} picks a
 * ready replica; after half the round-trip time (plus jitter) the request joins the replica's FIFO queue or starts on
 * a free worker; service takes {@code work / speed}; the response takes the other half of the round trip, added to
 * the latency directly. See {@link RequestPath}.
 * <p>
 * <b>Outcomes.</b> Every request ends as exactly one of completed, timed out, rejected (no ready replica, or queue
 * full) or failed (lost with its replica and not retried), or is still in flight at the end;
 * {@link #conservationHolds()} checks it. A timeout may be retried ({@link CloudModel#timeoutRetries}); a request
 * lost with its replica goes to the {@link FailoverPolicy}. Statistics count requests arriving after the warm-up;
 * conservation counts all.
 * <p>
 * <b>Events:</b> arrival, reach-replica, service-done, timeout, boot-done, notice-end, fault, control, sample,
 * launch retry, failover wake-up, request retry (after a backoff), hedge timer, a hedged copy's response and storage
 * placement's (a copy done, a growth step; with a storage section only, {@link DataPlacement}), each handled by one
 * part ({@code dispatchEvent} is the one table from kind to handler). Stale events (a request that moved on, a replica
 * that is gone, a copy abandoned) are recognized by a per-request generation, the replica state and a per-location
 * copy generation, and ignored.
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
    public static final String[] COLUMNS = RunMetrics.COLUMNS;

    /** No request or replica (end of a list, no position). */
    static final int NONE = -1;
    /** No pending event. */
    static final long NO_HANDLE = -1;

    /** Event kinds, in registration order (see the constructor); equal to the engine's types when it was fresh. */
    static final int ARRIVAL = 0;
    static final int REACH = 1;
    static final int SERVICE_DONE = 2;
    static final int TIMEOUT = 3;
    static final int BOOT = 4;
    static final int NOTICE_END = 5;
    static final int FAULT = 6;
    static final int CONTROL = 7;
    static final int SAMPLE = 8;
    static final int RETRY = 9;
    static final int FAILOVER_WAKE = 10;
    static final int REQUEST_RETRY = 11;
    static final int HEDGE = 12;
    static final int RESPONSE = 13;
    /** Storage placement: a copy completes or the data set grows (only with a storage section). */
    static final int STORAGE = 14;
    /** The last kind registered. */
    private static final int LAST_KIND = STORAGE;

    private final Engine engine;
    private final CloudModel model;
    private final ReplicaTable replicas;
    private final Billing billing;
    private final RunMetrics metrics;
    private final RequestPath requestPath;
    private final ReplicaLifecycle lifecycle;
    private final FaultInjector faults;
    private final ControlLoop control;
    private final FleetActions fleet;
    private final RandomStreams streams;
    /** Storage placement, or null for a model without a storage section. */
    private final DataPlacement storage;
    /** Per policy slot: its stream, made on first use ({@link #random}). */
    private final RandomStream[] policyRandom = new RandomStream[PolicySlot.all().size()];
    private boolean finished;
    private DecisionRecorder decisions = DecisionRecorder.NONE;

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
        this.streams = streams;
        final Autoscaler autoscaler = stack.autoscaler().get();
        final PlacementPolicy placement = stack.placement().get();
        final Balancer balancer = stack.balancer().get();
        final FailoverPolicy failover = stack.failover().get();

        // dispatchEvent is the one map from event kind to handler. Each kind is registered in kind order (so the
        // engine's types are consecutive) with a handler that passes its kind on.
        int firstType = -1;
        for (int kind = ARRIVAL; kind <= LAST_KIND; kind++)
        {
            final int k = kind;
            final int type = engine.register(
                (nowNs, target, payload, payload2) -> dispatchEvent(k, nowNs, target, payload, payload2));
            firstType = kind == ARRIVAL ? type : firstType;
        }
        if (firstType == 0)
        {
            // The engine is ours alone, so its types are our kinds: one dispatcher, called straight from the run
            // loop, instead of a handler per event.
            engine.dispatcher(this::dispatchEvent);
        }

        replicas = new ReplicaTable(model, 256);
        final TimeSeriesSampler series = RunMetrics.newSeries(model);
        billing = new Billing(model, replicas, series);
        metrics = new RunMetrics(engine, model, replicas, series, billing, intervals, firstType + SAMPLE);
        requestPath = new RequestPath(engine, model, this, balancer, autoscaler, placement, failover, streams, replicas,
            metrics, firstType + ARRIVAL, firstType + REACH, firstType + SERVICE_DONE, firstType + TIMEOUT,
            firstType + REQUEST_RETRY, firstType + HEDGE, firstType + RESPONSE);
        lifecycle = new ReplicaLifecycle(engine, model, this, placement, failover, replicas, requestPath, metrics,
            billing, firstType + BOOT, firstType + NOTICE_END);
        requestPath.bind(lifecycle);
        faults = new FaultInjector(engine, model, replicas, lifecycle, firstType + FAULT, streams);
        control = new ControlLoop(engine, model, this, autoscaler, placement, failover, replicas, lifecycle, metrics,
            firstType + CONTROL, firstType + RETRY);
        lifecycle.bind(control);
        fleet = new FleetActions(engine, model, this, failover, replicas, lifecycle, faults, control,
            firstType + FAILOVER_WAKE);
        control.bind(fleet);
        if (model.storage != null)
        {
            final TransferPath path = requestPath.transferPath();
            storage = new DataPlacement(engine, model, this, stack.storage().get(), requestPath.transferLedger(), path,
                series, storageColumn(model), firstType + STORAGE);
            path.bindStorage(storage);
            control.bindStorage(storage);
            metrics.bindStorage(storage);
        }
        else
        {
            storage = null;
        }

        // Equal times run first in, first out: faults replayed at time 0 before the first control decision.
        faults.scheduleFaults();
        control.scheduleFirst();
        engine.schedule(model.sampleIntervalNs, firstType + SAMPLE, 0, 0, 0);
        requestPath.scheduleFirstArrivals();
        if (storage != null)
        {
            storage.scheduleGrowth();
        }
    }

    private void dispatchEvent(final int kind, final long nowNs, final int target, final long payload, final long payload2)
    {
        switch (kind)
        {
            case ARRIVAL:
                requestPath.onArrival(nowNs, target, (int)payload);
                break;
            case REACH:
                requestPath.onReach(nowNs, target, (int)payload);
                break;
            case SERVICE_DONE:
                requestPath.onServiceDone(nowNs, target, (int)payload, (int)payload2);
                break;
            case TIMEOUT:
                requestPath.onDeadlines(nowNs);
                break;
            case BOOT:
                lifecycle.onBoot(nowNs, target);
                break;
            case NOTICE_END:
                lifecycle.onNoticeEnd(nowNs, target, payload);
                break;
            case FAULT:
                faults.onFault(nowNs, target);
                break;
            case CONTROL:
                control.onControl(nowNs);
                break;
            case SAMPLE:
                metrics.onSample(nowNs);
                break;
            case RETRY:
                control.onRetry(nowNs);
                break;
            case FAILOVER_WAKE:
                fleet.onWake(nowNs);
                break;
            case REQUEST_RETRY:
                requestPath.onRetryDue(nowNs, target, (int)payload);
                break;
            case HEDGE:
                requestPath.onHedgeDue(nowNs, target);
                break;
            case RESPONSE:
                requestPath.onResponseDue(nowNs, target, (int)payload);
                break;
            case STORAGE:
                storage.onEvent(nowNs, target, payload);
                break;
            default:
                throw new IllegalStateException("event kind " + kind + " is not this simulation's");
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
        return Billing.costGroups(model);
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
        return RunMetrics.intervalGroups(model);
    }

    /**
     * @param kindCode a fault kind's code.
     * @return true if a fault of this kind changes a state that lasts (outages, spot capacity) rather than hitting
     * replicas once (preemptions, failures).
     */
    public static boolean setsState(final int kindCode)
    {
        return FaultInjector.setsState(kindCode);
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
        metrics.updateAreas(endNs);
        final long lastRowStartNs = endNs / model.sampleIntervalNs * model.sampleIntervalNs;
        if (lastRowStartNs < endNs)
        {
            metrics.sampleRow(lastRowStartNs, endNs);
        }
        billing.billRunning(endNs);
        if (storage != null)
        {
            storage.accrue(endNs);
        }
        metrics.closeInterval(endNs);
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
        return replicas.readyCount;
    }

    @Override
    public int readyReplica(final int i)
    {
        return replicas.readyList[i];
    }

    @Override
    public long readySetVersion()
    {
        return replicas.readySetVersion;
    }

    @Override
    public int activeReplicas()
    {
        return replicas.activeReplicas;
    }

    @Override
    public int activeWorkers()
    {
        return replicas.activeWorkers;
    }

    @Override
    public int replicaOffer(final int replica)
    {
        return replicas.offer[replica];
    }

    @Override
    public int replicaState(final int replica)
    {
        return replicas.state[replica];
    }

    @Override
    public int replicaQueueLength(final int replica)
    {
        return replicas.queueLen[replica];
    }

    @Override
    public int replicaBusy(final int replica)
    {
        return replicas.busy[replica];
    }

    @Override
    public int replicaInFlight(final int replica)
    {
        return replicas.inFlight[replica];
    }

    @Override
    public DecisionRecorder decisions()
    {
        return decisions;
    }

    /**
     * Where the policies record why they decided ({@link SimulationView#decisions()}); {@link DecisionRecorder#NONE}
     * unless set. Set it before running.
     *
     * @param recorder the recorder, for example a {@link io.windtunnel.simulator.policy.BoundedDecisionLog}.
     */
    public void recordDecisions(final DecisionRecorder recorder)
    {
        this.decisions = Objects.requireNonNull(recorder, "recorder");
    }

    @Override
    public boolean offerAvailable(final int offer)
    {
        return faults.offerAvailable(offer) && replicas.regionPlaceable[model.offerRegion[offer]];
    }

    @Override
    public boolean replicaSpare(final int replica)
    {
        return replicas.spare[replica];
    }

    @Override
    public double offerPricePerHourUsd(final int offer)
    {
        return model.offerPrice[offer].pricePerHourUsdAt(engine.nowNs());
    }

    @Override
    public int replicaCount()
    {
        return replicas.count;
    }

    @Override
    public long replicaLaunchNs(final int replica)
    {
        return replicas.launchNs[replica];
    }

    @Override
    public long replicaCompleted(final int replica)
    {
        return replicas.completed[replica];
    }

    @Override
    public double replicaCostUsd(final int replica)
    {
        if (replicas.state[replica] >= TERMINATED)
        {
            return replicas.accruedUsd[replica];
        }
        return model.offerPrice[replicas.offer[replica]].integrateUsd(replicas.launchNs[replica], engine.nowNs());
    }

    @Override
    public int offerActiveReplicas(final int offer)
    {
        return replicas.offerActive[offer];
    }

    @Override
    public int regionReplicas(final int region)
    {
        return replicas.regionActive[region];
    }

    @Override
    public double observedClientArrivalRatePerSec(final int client)
    {
        return control.observedClientRatePerSec(client);
    }

    @Override
    public RandomStream random(final PolicySlot<?> slot)
    {
        final int i = PolicySlot.all().indexOf(slot);
        if (policyRandom[i] == null)
        {
            policyRandom[i] = streams.stream("policy." + slot.key());
        }
        return policyRandom[i];
    }

    @Override
    public boolean dataServing(final int location)
    {
        return storage != null && storage.serving(location);
    }

    @Override
    public boolean dataHeld(final int location)
    {
        return storage != null && storage.held(location);
    }

    @Override
    public long dataSetBytes()
    {
        return storage == null ? 0 : storage.sizeBytes();
    }

    @Override
    public double observedArrivalRatePerSec()
    {
        return control.observedRatePerSec();
    }

    @Override
    public double observedUtilization()
    {
        return control.observedUtilization();
    }

    // ---------------------------------------------------------------- results

    /**
     * @return true if every request that arrived is counted exactly once as completed, timed out, rejected, failed
     * or in flight.
     */
    public boolean conservationHolds()
    {
        return arrivals() == completed() + timedOut() + rejected() + failed() + inFlight();
    }

    /**
     * @return all requests that arrived, including the warm-up.
     */
    public long arrivals()
    {
        return requestPath.arrivals();
    }

    /**
     * @return requests completed, including the warm-up.
     */
    public long completed()
    {
        return requestPath.completed();
    }

    /**
     * @return requests timed out (after their retries), including the warm-up.
     */
    public long timedOut()
    {
        return requestPath.timedOut();
    }

    /**
     * @return requests rejected, including the warm-up.
     */
    public long rejected()
    {
        return requestPath.rejected();
    }

    /**
     * @return requests failed, including the warm-up.
     */
    public long failed()
    {
        return requestPath.failed();
    }

    /**
     * @return requests still in flight.
     */
    public int inFlight()
    {
        return metrics.inSystem;
    }

    /**
     * @return retries (after timeouts and lost replicas).
     */
    public long retries()
    {
        return requestPath.retries();
    }

    /**
     * @return retries dispatched after a backoff delay (a subset of {@link #retries()}).
     */
    public long delayedRetries()
    {
        return requestPath.delayedRetries();
    }

    /**
     * @return hedge copies sent (each an attempt of its own, apart from first attempts and retries).
     */
    public long hedgesSent()
    {
        return requestPath.hedgesSent();
    }

    /**
     * @return hedge timers that found no ready replica without a copy of the request, so sent nothing.
     */
    public long hedgesNotSent()
    {
        return requestPath.hedgesNotSent();
    }

    /**
     * @return requests with at least one hedge copy sent.
     */
    public long duplicatedRequests()
    {
        return requestPath.duplicatedRequests();
    }

    /**
     * @return requests whose first response came from a hedge copy.
     */
    public long hedgeWins()
    {
        return requestPath.hedgeWins();
    }

    /**
     * @return copies cancelled because another copy of their request answered first.
     */
    public long copiesCancelled()
    {
        return requestPath.copiesCancelled();
    }

    /**
     * @return worker time spent on copies that lost the race (until cancelled, or their whole service), ns.
     */
    public long loserWorkNs()
    {
        return requestPath.loserWorkNs();
    }

    /**
     * @return requests arriving after the warm-up.
     */
    public long measuredArrivals()
    {
        return requestPath.measuredArrivals();
    }

    /**
     * @return measured requests completed.
     */
    public long measuredCompleted()
    {
        return requestPath.measuredCompleted();
    }

    /**
     * @return measured requests timed out.
     */
    public long measuredTimedOut()
    {
        return requestPath.measuredTimedOut();
    }

    /**
     * @return measured requests rejected.
     */
    public long measuredRejected()
    {
        return requestPath.measuredRejected();
    }

    /**
     * @return measured requests failed.
     */
    public long measuredFailed()
    {
        return requestPath.measuredFailed();
    }

    /**
     * @return measured requests slower than the SLO or not completed.
     */
    public long sloViolations()
    {
        return requestPath.sloViolations();
    }

    /**
     * @return preemption notices received.
     */
    public long preemptions()
    {
        return lifecycle.preemptions();
    }

    /**
     * @return replicas failed (instance failures and outages).
     */
    public long failures()
    {
        return lifecycle.failures();
    }

    /**
     * @return replicas launched.
     */
    public long launches()
    {
        return lifecycle.launches();
    }

    /**
     * @return launches the placement policy could not place.
     */
    public long launchesRefused()
    {
        return lifecycle.launchesRefused();
    }

    /**
     * @return exact mean latency of measured completed requests, ns.
     */
    public double meanLatencyNs()
    {
        return metrics.latencySumNs() / requestPath.measuredCompleted();
    }

    /**
     * @return time-average number of requests in the system after the warm-up (call after {@link #finish()}).
     */
    public double meanInSystem()
    {
        return metrics.meanInSystem();
    }

    /**
     * @return busy workers over serving workers after the warm-up.
     */
    public double utilization()
    {
        return metrics.utilization();
    }

    /**
     * @return share of the measured time with at least the required ready replicas.
     */
    public double availabilityTimeShare()
    {
        return metrics.availabilityTimeShare();
    }

    /**
     * @return latency of measured completed requests (after {@link #finish()}).
     */
    public LatencyRecorder latency()
    {
        return metrics.latency();
    }

    /**
     * @param client client region.
     * @return its latency recorder.
     */
    public LatencyRecorder clientLatency(final int client)
    {
        return metrics.clientLatency(client);
    }

    /**
     * @param provider provider.
     * @return latency recorder of requests served by it.
     */
    public LatencyRecorder providerLatency(final int provider)
    {
        return metrics.providerLatency(provider);
    }

    /**
     * @param offer offer.
     * @return billed cost of that offer's replicas, USD.
     */
    public double offerCostUsd(final int offer)
    {
        return billing.offerCostUsd(offer);
    }

    /**
     * @return total billed cost, USD.
     */
    public double totalCostUsd()
    {
        return billing.totalCostUsd();
    }

    /**
     * @return the run's transfer ledger (GB moved and transfer cost per link class), or null for a model without
     * bytes ({@link CloudModel#transfer}).
     */
    public TransferLedger transferLedger()
    {
        return requestPath.transferLedger();
    }

    /**
     * The time-series columns after the cost groups: the transfer ledger's, for a model with bytes.
     *
     * @param model a model.
     * @return the column names, empty for a model without bytes.
     */
    public static List<String> transferColumns(final CloudModel model)
    {
        return model.transfer == null ? List.of() : TransferLedger.seriesColumns();
    }

    /**
     * The time-series columns after the transfer ledger's: cumulative storage USD and GB held, for a model with a
     * storage section.
     *
     * @param model a model.
     * @return the column names, empty for a model without one.
     */
    public static List<String> storageColumns(final CloudModel model)
    {
        return model.storage == null ? List.of() : List.of(DataPlacement.SERIES_COLUMNS);
    }

    /** @return the first time-series column of storage placement: after the transfer ledger's. */
    private static int storageColumn(final CloudModel model)
    {
        return RequestPath.transferColumn(model) + transferColumns(model).size();
    }

    /**
     * @return storage cost (GB-month and request prices over every location), USD; 0 without a storage section.
     */
    public double storageCostUsd()
    {
        return storage == null ? 0 : storage.totalUsd();
    }

    /**
     * The storage figures of one location (after {@link #finish()}), for a model with a storage section.
     *
     * @param location index into the model's storage locations.
     * @return hours held, GB-month USD, request USD, reads, writes.
     */
    public double[] storageLocation(final int location)
    {
        return new double[] {storage.hoursHeld(location), storage.gbMonthUsd(location), storage.requestUsd(location),
            storage.reads(location), storage.writes(location)};
    }

    /**
     * @return full copies of the data set started between locations (0 without a storage section).
     */
    public long storageCopies()
    {
        return storage == null ? 0 : storage.copies();
    }

    /**
     * @return bytes copied between locations: full copies and the data set's growth sent to every other holder.
     */
    public long storageCopiedBytes()
    {
        return storage == null ? 0 : storage.copiedBytes();
    }

    /**
     * @return the time series; columns are {@link #COLUMNS}.
     */
    public TimeSeriesSampler series()
    {
        return metrics.series;
    }

    /**
     * @return the engine.
     */
    public Engine engine()
    {
        return engine;
    }

    /**
     * @return the request table, for tests that recount what the request path keeps (package-private).
     */
    RequestTable requestTable()
    {
        return requestPath;
    }

    /**
     * The expected transfer cost per request (issue 16, "Storage placement"), made on the first call in a model with
     * bytes; null before it and in a model without bytes.
     */
    private TransferEstimate transferEstimate;

    /** @return the run's transfer estimate, made on the first call; null in a model without bytes. */
    private TransferEstimate transferEstimate()
    {
        if (transferEstimate == null && model.transfer != null)
        {
            transferEstimate = new TransferEstimate(model, requestPath.transferLedger(), this::dataServing,
                this::observedClientArrivalRatePerSec);
        }
        return transferEstimate;
    }

    /**
     * {@inheritDoc}
     * <p>
     * Computed per call from the ledger's monthly volumes ({@link TransferEstimate}): O(data locations), no
     * allocation. Policies call it per control decision, never per request.
     */
    @Override
    public double offerTransferUsdPerRequest(final int offer)
    {
        final TransferEstimate estimate = transferEstimate();
        return estimate == null ? 0 : estimate.usdPerRequest(nowNs(), offer, estimate.nearestServing(offer));
    }

    /**
     * {@inheritDoc}
     *
     * @throws IllegalArgumentException in a model with bytes but no {@code storage:} section (there are no storage
     *                                  locations to read from).
     */
    @Override
    public double offerTransferUsdPerRequest(final int offer, final int location)
    {
        final TransferEstimate estimate = transferEstimate();
        if (estimate == null)
        {
            return 0;
        }
        if (model.storage == null)
        {
            throw new IllegalArgumentException("offerTransferUsdPerRequest(offer, location) needs a storage: section");
        }
        return estimate.usdPerRequest(nowNs(), offer, location);
    }

    @Override
    public double dataCopyUsd(final int fromLocation, final int toLocation)
    {
        final TransferEstimate estimate = transferEstimate();
        return estimate == null || model.storage == null ? 0 :
            estimate.copyUsd(nowNs(), fromLocation, toLocation, dataSetBytes());
    }
}
