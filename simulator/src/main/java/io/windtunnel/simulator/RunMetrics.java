package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.metrics.CompensatedSum;
import io.windtunnel.engine.metrics.LatencyRecorder;
import io.windtunnel.engine.metrics.TimeSeriesSampler;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.transfer.TransferLedger;
import org.HdrHistogram.Histogram;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's metrics: the time series (one row per sample interval), the latency recorders and their intervals, and
 * the time integrals ("areas") of requests in the system, busy and serving workers and availability.
 * <p>
 * <b>Gauges and areas.</b> {@link #inSystem}, {@link #busyWorkers} and {@link #servingWorkers} are kept by the
 * request path and the replica lifecycle, which call {@link #updateAreas} before they change one (or the ready list):
 * the areas integrate the values held since the last change. The same areas feed three windows: the measured run
 * (after the warm-up), the current time-series row and the current control interval (read and reset by
 * {@link ControlLoop}, as is {@link #controlArrivals}).
 * <p>
 * <b>Latency.</b> A completed measured request is recorded once, into its (client, provider) recorder
 * ({@link #recordLatency}); when an interval closes, the pairs are added to their client and provider and the
 * clients to the total, and every group's interval goes to the {@link LatencyIntervalSink}, if any.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none after setup (the recorders, the series
 * and its rows are made at setup).
 */
final class RunMetrics
{
    /** Time-series columns, before the cost groups ({@link Billing#costGroups}). */
    static final String[] COLUMNS = {
        "arrivals", "completed", "timed_out", "rejected", "failed", "retries", "preemptions", "failures",
        "ready_replicas", "active_replicas", "spot_replicas", "utilization", "cost_usd", "latency_p50_ms",
        "latency_p99_ms", "in_system", "latency_mean_ms"};
    static final int COL_ARRIVALS = 0;
    static final int COL_COMPLETED = 1;
    static final int COL_TIMED_OUT = 2;
    static final int COL_REJECTED = 3;
    static final int COL_FAILED = 4;
    static final int COL_RETRIES = 5;
    static final int COL_PREEMPTIONS = 6;
    static final int COL_FAILURES = 7;
    static final int COL_READY = 8;
    static final int COL_ACTIVE = 9;
    static final int COL_SPOT = 10;
    static final int COL_UTILIZATION = 11;
    static final int COL_COST = 12;
    static final int COL_P50 = 13;
    static final int COL_P99 = 14;
    static final int COL_IN_SYSTEM = 15;
    static final int COL_LATENCY_MEAN = 16;

    private static final long HIGHEST_LATENCY_NS = 3_600_000_000_000L;

    private final Engine engine;
    private final CloudModel model;
    private final ReplicaTable replicas;
    private final Billing billing;
    /** Where closed latency intervals go; null to drop them. */
    private final LatencyIntervalSink intervalSink;
    private final int sampleType;
    /** The model's, read by {@link #updateAreas} on every change of a gauge: one load instead of two. */
    private final long warmupNs;
    private final int requiredReadyReplicas;

    final TimeSeriesSampler series;
    private final LatencyRecorder latency;
    private final LatencyRecorder[] clientLatency;
    private final LatencyRecorder[] providerLatency;
    /** Per (client, provider), client-major: where each latency is recorded, once. */
    private final LatencyRecorder[] pairLatency;
    private final CompensatedSum latencySumNs = new CompensatedSum();
    /** Exact sum of the measured latencies recorded in the current interval, ns (for its mean). */
    private long intervalLatencySumNs;

    /** Requests in the system (arrived, not ended). */
    int inSystem;
    /** Workers busy on replicas that have not ended. */
    int busyWorkers;
    /** Workers of ready, draining and noticed replicas. */
    int servingWorkers;
    private long lastAreaNs;
    private double inSystemArea;
    private double busyArea;
    private double servingArea;
    private double availableNs;
    private double intervalBusyArea;
    private double intervalServingArea;
    private double intervalInSystemArea;
    /** The run's storage placement, or null without a storage section. */
    private DataPlacement storage;
    /** Arrivals in the current control interval. */
    long controlArrivals;
    /** Arrivals in the current control interval, per client region. */
    final long[] controlClientArrivals;
    /** Busy worker-ns in the current control interval. */
    double controlBusyArea;
    /** Serving worker-ns in the current control interval. */
    double controlServingArea;

    /**
     * @param engine     the run's engine (the next sample event is scheduled on it).
     * @param model      the run's model.
     * @param replicas   the run's replicas (gauges, availability).
     * @param series     the run's time series, {@link #COLUMNS} then the cost groups.
     * @param billing    accrues the running replicas' cost into each row.
     * @param intervals  receives every closed latency interval, or null.
     * @param sampleType the engine type of the sample event.
     */
    RunMetrics(final Engine engine, final CloudModel model, final ReplicaTable replicas,
        final TimeSeriesSampler series, final Billing billing, final LatencyIntervalSink intervals,
        final int sampleType)
    {
        this.engine = engine;
        this.model = model;
        this.replicas = replicas;
        this.series = series;
        this.billing = billing;
        this.intervalSink = intervals;
        this.sampleType = sampleType;
        this.warmupNs = model.warmupNs;
        this.requiredReadyReplicas = model.requiredReadyReplicas;
        final int clients = model.clientNames.length;
        controlClientArrivals = new long[clients];
        latency = new LatencyRecorder(1_000L, HIGHEST_LATENCY_NS, 3);
        clientLatency = new LatencyRecorder[clients];
        for (int c = 0; c < clients; c++)
        {
            clientLatency[c] = new LatencyRecorder(1_000L, HIGHEST_LATENCY_NS, 3);
        }
        providerLatency = new LatencyRecorder[model.providerNames.length];
        for (int p = 0; p < providerLatency.length; p++)
        {
            providerLatency[p] = new LatencyRecorder(1_000L, HIGHEST_LATENCY_NS, 3);
        }
        pairLatency = new LatencyRecorder[clients * providerLatency.length];
        for (int pair = 0; pair < pairLatency.length; pair++)
        {
            pairLatency[pair] = new LatencyRecorder(1_000L, HIGHEST_LATENCY_NS, 3);
        }
    }

    /**
     * @param model a model.
     * @return an empty time series for it: {@link #COLUMNS} then its cost groups, a row per sample interval.
     */
    static TimeSeriesSampler newSeries(final CloudModel model)
    {
        return new TimeSeriesSampler(
            model.sampleIntervalNs, COLUMNS.length + Billing.costGroups(model).size() +
                (model.transfer == null ? 0 : TransferLedger.seriesColumns().size()) +
                (model.storage == null ? 0 : DataPlacement.SERIES_COLUMNS.length),
            (int)(model.durationNs / model.sampleIntervalNs + 2));
    }

    /**
     * The groups of the latency intervals, in the order a {@link LatencyIntervalSink} receives them per interval.
     *
     * @param model a model.
     * @return {@code ""}, then {@code client/NAME} per client region, then {@code provider/NAME} per provider.
     */
    static List<String> intervalGroups(final CloudModel model)
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

    /**
     * Record a measured request's latency, once: into its (client, provider) pair, the exact sum and the interval's
     * sum.
     *
     * @param client    its client region.
     * @param provider  the provider that served it.
     * @param latencyNs its latency.
     */
    void recordLatency(final int client, final int provider, final long latencyNs)
    {
        pairLatency[client * providerLatency.length + provider].record(latencyNs);
        latencySumNs.add(latencyNs);
        intervalLatencySumNs += latencyNs;
    }

    /**
     * The sample event: close the row that ends now and its latency interval, and schedule the next one.
     *
     * @param nowNs the row's end.
     */
    void onSample(final long nowNs)
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
     * event, the last partial row at the run's end.
     *
     * @param fromNs the row's start.
     * @param nowNs  the row's end.
     */
    void sampleRow(final long fromNs, final long nowNs)
    {
        updateAreas(nowNs);
        final long rowNs = nowNs - 1;
        series.set(rowNs, COL_READY, replicas.readyCount);
        series.set(rowNs, COL_ACTIVE, replicas.activeReplicas);
        series.set(rowNs, COL_SPOT, replicas.spotReplicas);
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
        billing.accrue(fromNs, nowNs);
        if (storage != null)
        {
            storage.sample(nowNs);
        }
    }

    /** @param placement the run's storage placement, whose columns each row closes; null without one. */
    void bindStorage(final DataPlacement placement)
    {
        this.storage = placement;
    }

    /**
     * Close the latency interval that ends now: aggregate the pairs into clients, providers and the total, set the
     * row's latency columns if a measured request completed in it, and hand every group's interval to the sink.
     *
     * @param nowNs the interval's end.
     */
    void closeInterval(final long nowNs)
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

    /**
     * Integrate the gauges over {@code [last update, nowNs)}; call before changing {@link #inSystem},
     * {@link #busyWorkers}, {@link #servingWorkers} or the ready list. Idempotent at one time.
     *
     * @param nowNs the current time.
     */
    void updateAreas(final long nowNs)
    {
        final long lastNs = lastAreaNs;
        if (nowNs == lastNs)
        {
            return;
        }
        final double dt = nowNs - lastNs;
        final double busy = busyWorkers * dt;
        final double serving = servingWorkers * dt;
        final double inSystemNs = inSystem * dt;
        intervalBusyArea += busy;
        intervalServingArea += serving;
        intervalInSystemArea += inSystemNs;
        controlBusyArea += busy;
        controlServingArea += serving;
        final long warmupNs = this.warmupNs;
        if (lastNs >= warmupNs)
        {
            // After the warm-up (nearly every call): the measured areas take the same products as the windows above
            // (the same operands, so the same bits as multiplying again), three multiplications fewer.
            inSystemArea += inSystemNs;
            busyArea += busy;
            servingArea += serving;
            if (replicas.readyCount >= requiredReadyReplicas)
            {
                availableNs += dt;
            }
        }
        else if (nowNs > warmupNs)
        {
            final double measuredDt = nowNs - warmupNs;
            inSystemArea += inSystem * measuredDt;
            busyArea += busyWorkers * measuredDt;
            servingArea += servingWorkers * measuredDt;
            if (replicas.readyCount >= requiredReadyReplicas)
            {
                availableNs += measuredDt;
            }
        }
        lastAreaNs = nowNs;
    }

    /**
     * @return exact sum of the measured latencies, ns.
     */
    double latencySumNs()
    {
        return latencySumNs.get();
    }

    /**
     * @return time-average number of requests in the system after the warm-up (after the areas are closed).
     */
    double meanInSystem()
    {
        return inSystemArea / (model.durationNs - model.warmupNs);
    }

    /**
     * @return busy workers over serving workers after the warm-up.
     */
    double utilization()
    {
        return servingArea > 0 ? busyArea / servingArea : 0;
    }

    /**
     * @return share of the measured time with at least the required ready replicas.
     */
    double availabilityTimeShare()
    {
        return availableNs / (model.durationNs - model.warmupNs);
    }

    LatencyRecorder latency()
    {
        return latency;
    }

    LatencyRecorder clientLatency(final int client)
    {
        return clientLatency[client];
    }

    LatencyRecorder providerLatency(final int provider)
    {
        return providerLatency[provider];
    }
}
