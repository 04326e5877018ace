package io.windtunnel.simulator.runner;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.metrics.LatencyRecorder;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.BoundedDecisionLog;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.storage.StorageModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.TransferLedger;
import io.windtunnel.engine.metrics.TimeSeriesSampler;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs every policy stack of a scenario for every replication, with common random numbers: replication {@code r}
 * of every stack uses {@code new RandomStreams(seed).forReplication(r)}, so the stacks see the same arrivals and
 * the same work per request. Runs are independent tasks on a fixed thread pool; results are collected in
 * (stack, replication) order, so they are identical for any number of threads.
 * <p>
 * Each run writes its latency intervals (its part of {@code latency.hlog}, an {@link HlogSpool}) as they close:
 * into a spool file in a folder the caller gives ({@link #run(Scenario, int, Path)}, normally the result folder's
 * work folder, so memory does not grow with the run's length), or into memory ({@link #run(Scenario, int)}).
 * <p>
 * Each run records its placement decisions into its own {@link BoundedDecisionLog}, as the scenario's
 * {@link io.windtunnel.simulator.scenario.ExplainMode} says (all, the first few, or none), kept in its
 * {@link RunResult} for {@code decisions.jsonl}.
 * <p>
 * <b>Threading:</b> {@link #run} blocks the caller; {@link #progressNs()}, {@link #completedRuns()} and
 * {@link #cancel()} may be called from any thread.
 */
public final class Runner
{
    private static final int PROGRESS_SLICES = 200;

    private final AtomicLong progressNs = new AtomicLong();
    private final AtomicInteger completedRuns = new AtomicInteger();
    private volatile boolean cancelled;
    private volatile long totalNs;
    private volatile SliceListener sliceListener;

    /**
     * Run with the latency intervals kept in memory: for tests and short runs; a long run with short sample
     * intervals should spool them ({@link #run(Scenario, int, Path)}).
     *
     * @param scenario the scenario.
     * @param threads  worker threads, at least 1.
     * @return all runs and per-stack summaries.
     * @throws InterruptedException if interrupted while waiting, or {@link #cancel() cancelled}; the runs in progress
     *                              stop within a slice of simulated time (1/200 of the duration).
     */
    public ScenarioResult run(final Scenario scenario, final int threads) throws InterruptedException
    {
        try
        {
            return runAll(scenario, threads, null);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException("in-memory run failed writing", e);
        }
    }

    /**
     * Run with each run's latency intervals spooled to a file in {@code spoolDir} as they close
     * ({@code latency.hlog.S-R.part}, stack S and replication R from 0), so that memory does not grow with the run's
     * length. {@link io.windtunnel.simulator.report.ResultWriter#writeInto} with the same folder turns the spools into
     * {@code latency.hlog} and removes them; if the run fails or is cancelled, the spools it made are removed.
     *
     * @param scenario the scenario.
     * @param threads  worker threads, at least 1.
     * @param spoolDir an existing, writable folder, normally {@link io.windtunnel.simulator.report.RunFolder#workDir()}.
     * @return all runs and per-stack summaries.
     * @throws IOException          if a spool file cannot be created or written (e.g. the disk is full).
     * @throws InterruptedException if interrupted while waiting, or {@link #cancel() cancelled}; the runs in progress
     *                              stop within a slice of simulated time (1/200 of the duration).
     */
    public ScenarioResult run(final Scenario scenario, final int threads, final Path spoolDir)
        throws IOException, InterruptedException
    {
        return runAll(scenario, threads, Objects.requireNonNull(spoolDir, "spoolDir"));
    }

    private ScenarioResult runAll(final Scenario scenario, final int threads, final Path spoolDir)
        throws IOException, InterruptedException
    {
        final List<PolicyStack> stacks = scenario.stacks();
        final int replications = scenario.replications();
        totalNs = scenario.model().durationNs * stacks.size() * replications;
        progressNs.set(0);
        completedRuns.set(0);
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable ->
        {
            final Thread thread = new Thread(runnable, "windtunnel-run");
            thread.setDaemon(true);
            return thread;
        });
        final List<Future<RunResult>> futures = new ArrayList<>();
        boolean succeeded = false;
        try
        {
            for (int s = 0; s < stacks.size(); s++)
            {
                final int stackIndex = s;
                for (int r = 0; r < replications; r++)
                {
                    final int replication = r;
                    futures.add(pool.submit(() -> runOne(scenario, stackIndex, replication, spoolDir)));
                }
            }
            final List<RunResult> runs = new ArrayList<>();
            for (final Future<RunResult> future : futures)
            {
                try
                {
                    runs.add(future.get());
                }
                catch (final ExecutionException e)
                {
                    final Throwable cause = e.getCause();
                    if (cause instanceof CancelledRun)
                    {
                        throw new InterruptedException("cancelled");
                    }
                    if (cause instanceof UncheckedIOException io)
                    {
                        throw io.getCause();
                    }
                    if (cause instanceof IOException io)
                    {
                        throw io;
                    }
                    if (cause instanceof RuntimeException runtime)
                    {
                        throw runtime;
                    }
                    throw new IllegalStateException(cause);
                }
            }
            succeeded = true;
            return new ScenarioResult(scenario, runs, summarize(stacks, runs));
        }
        catch (final InterruptedException e)
        {
            cancelled = true;
            throw e;
        }
        finally
        {
            if (!succeeded)
            {
                // The other runs stop at their next slice and remove their own spools; finished ones are removed here.
                cancelled = true;
                deleteFinishedSpools(futures);
            }
            pool.shutdownNow();
        }
    }

    private static void deleteFinishedSpools(final List<Future<RunResult>> futures)
    {
        for (final Future<RunResult> future : futures)
        {
            if (future.isDone() && !future.isCancelled())
            {
                try
                {
                    future.get().hlog().delete();
                }
                catch (final ExecutionException | InterruptedException ignored)
                {
                    // failed or interrupted: the run removed its own spool, nothing finished to remove
                }
            }
        }
    }

    /**
     * Stop the runs in progress at their next slice; {@link #run} then throws {@link InterruptedException}.
     */
    public void cancel()
    {
        cancelled = true;
    }

    /**
     * @return the planned simulated time of all runs together, ns (duration x stacks x replications).
     */
    public long totalNs()
    {
        return totalNs;
    }

    /**
     * @return runs finished so far.
     */
    public int completedRuns()
    {
        return completedRuns.get();
    }

    /**
     * @return share of the planned simulated time done so far, in [0, 1].
     */
    public double progress()
    {
        return totalNs == 0 ? 0 : Math.min(1.0, progressNs.get() / (double)totalNs);
    }

    private RunResult runOne(final Scenario scenario, final int stackIndex, final int replication,
        final Path spoolDir) throws IOException
    {
        final CloudModel model = scenario.model();
        final PolicyStack stack = scenario.stacks().get(stackIndex);
        final RandomStreams streams = new RandomStreams(scenario.seed()).forReplication(replication);
        // The log's header goes first in the first part, so that concatenating the parts gives the log.
        final byte[] header = stackIndex == 0 && replication == 0 ? HlogSpool.header(scenario.startEpochNs()) :
            new byte[0];
        final String tag = stack.name() + "/r" + replication;
        final List<String> groups = Simulation.intervalGroups(model);
        final HlogSpool hlog = spoolDir == null ? HlogSpool.inMemory(tag, groups, header) : HlogSpool.toFile(
            spoolDir.resolve("latency.hlog." + stackIndex + "-" + replication + ".part"), tag, groups, header);
        boolean done = false;
        try
        {
            final Simulation simulation = new Simulation(new Engine(4096), model, stack, streams, hlog);
            // Each run has its own log, so what it holds depends on the run alone, never on the thread count.
            final BoundedDecisionLog decisions = scenario.explain().newLog();
            if (decisions != null)
            {
                simulation.recordDecisions(decisions);
            }
            final long sliceNs = Math.max(1, model.durationNs / PROGRESS_SLICES);
            long doneNs = 0;
            while (doneNs < model.durationNs)
            {
                if (cancelled)
                {
                    throw new CancelledRun();
                }
                final long nextNs = Math.min(model.durationNs, doneNs + sliceNs);
                simulation.runUntil(nextNs);
                progressNs.addAndGet(nextNs - doneNs);
                doneNs = nextNs;
                final SliceListener listener = sliceListener;
                if (listener != null)
                {
                    listener.onSlice(stackIndex, replication, simulation, doneNs);
                }
            }
            simulation.finish();
            hlog.close();
            if (decisions != null)
            {
                decisions.trim();
            }
            final RunResult result = extract(scenario, stack, replication, simulation, hlog, decisions);
            if (cancelled)
            {
                // Cancelled during the last slice: the caller will not collect this result, so its spool goes now.
                throw new CancelledRun();
            }
            done = true;
            completedRuns.incrementAndGet();
            return result;
        }
        finally
        {
            if (!done)
            {
                try
                {
                    hlog.close();
                }
                catch (final UncheckedIOException ignored)
                {
                    // the run failed already; its spool goes
                }
                hlog.delete();
            }
        }
    }

    /**
     * The bytes metrics of a run with bytes: compute and transfer cost apart, and GB moved, GB billed and cost per
     * link class (GB of 2^30 bytes); with a storage section, the storage cost beside them ({@code storageUsd}, else
     * null).
     */
    private static void putTransfer(final Map<String, Double> m, final double computeUsd,
        final TransferLedger transfer, final Double storageUsd)
    {
        m.put("cost.compute_usd", computeUsd);
        m.put("cost.transfer_usd", transfer.totalCostUsd());
        if (storageUsd != null)
        {
            m.put("cost.storage_usd", storageUsd);
        }
        long moved = 0;
        for (int c = 0; c < LinkClass.COUNT; c++)
        {
            moved += transfer.bytes(c);
        }
        m.put("transfer.gb", moved / (double)ByteUnits.BYTES_PER_GB);
        for (int c = 0; c < LinkClass.COUNT; c++)
        {
            final String name = LinkClass.NAMES[c];
            m.put("transfer." + name + ".gb", transfer.bytes(c) / (double)ByteUnits.BYTES_PER_GB);
            m.put("transfer." + name + ".billed_gb", transfer.billedBytes(c) / (double)ByteUnits.BYTES_PER_GB);
            m.put("transfer." + name + ".usd", transfer.costUsd(c));
        }
    }

    /**
     * The storage metrics of a run with a storage section (its cost is put beside the others by
     * {@link #putTransfer}): per location the hours it held the data set, its GB-month and request cost, reads and writes; copies made and GB
     * copied between locations (GB of 2^30 bytes).
     */
    private static void putStorage(final Map<String, Double> m, final CloudModel model, final Simulation s)
    {
        m.put("storage.copies", (double)s.storageCopies());
        m.put("storage.gb_copied", s.storageCopiedBytes() / (double)ByteUnits.BYTES_PER_GB);
        final StorageModel storage = model.storage;
        for (int l = 0; l < storage.locations(); l++)
        {
            final double[] figures = s.storageLocation(l);
            final String prefix = "storage.location." + storage.locationName[l] + ".";
            m.put(prefix + "hours_held", figures[0]);
            m.put(prefix + "gb_month_usd", figures[1]);
            m.put(prefix + "request_usd", figures[2]);
            m.put(prefix + "reads", figures[3]);
            m.put(prefix + "writes", figures[4]);
        }
    }

    /**
     * Build the result of a finished simulation.
     *
     * @param scenario    the scenario.
     * @param stack       the stack run.
     * @param replication its replication.
     * @param s           the finished simulation.
     * @param hlog        the run's part of the hlog, closed.
     * @param decisions   the decisions the run recorded, or null if it recorded none.
     * @return the run's result.
     */
    public static RunResult extract(final Scenario scenario, final PolicyStack stack, final int replication,
        final Simulation s, final HlogSpool hlog, final BoundedDecisionLog decisions)
    {
        final CloudModel model = scenario.model();
        final Map<String, Double> m = new LinkedHashMap<>();
        final long measured = s.measuredArrivals();
        m.put("requests.arrived", (double)measured);
        m.put("requests.completed", (double)s.measuredCompleted());
        m.put("requests.timed_out", (double)s.measuredTimedOut());
        m.put("requests.rejected", (double)s.measuredRejected());
        m.put("requests.failed", (double)s.measuredFailed());
        m.put("requests.in_flight_at_end", (double)s.inFlight());
        m.put("requests.retries", (double)s.retries());
        m.put("requests.total_arrived", (double)s.arrivals());
        // Attempts apart from first attempts (all requests, warm-up included, as requests.retries).
        m.put("attempts.first", (double)s.arrivals());
        m.put("attempts.retries", (double)s.retries());
        m.put("attempts.hedges", (double)s.hedgesSent());
        m.put("retries.delayed", (double)s.delayedRetries());
        m.put("hedges.duplicated_requests", (double)s.duplicatedRequests());
        m.put("hedges.wins", (double)s.hedgeWins());
        m.put("hedges.not_sent", (double)s.hedgesNotSent());
        m.put("hedges.cancelled", (double)s.copiesCancelled());
        m.put("hedges.loser_work_seconds", s.loserWorkNs() / 1e9);
        m.put("conservation.holds", s.conservationHolds() ? 1.0 : 0.0);
        final Histogram latency = s.latency().total();
        putLatency(m, "latency", latency, s.meanLatencyNs());
        m.put("latency.clamped_high", (double)s.latency().clampedHigh());
        m.put("slo.violations", (double)s.sloViolations());
        m.put("slo.violation_share", measured == 0 ? 0 : s.sloViolations() / (double)measured);
        m.put("availability.time_share", s.availabilityTimeShare());
        m.put("availability.request_share", measured == 0 ? 1 : s.measuredCompleted() / (double)measured);
        m.put("replicas.launched", (double)s.launches());
        m.put("replicas.preempted", (double)s.preemptions());
        m.put("replicas.failed", (double)s.failures());
        m.put("replicas.launches_refused", (double)s.launchesRefused());
        m.put("utilization", s.utilization());
        final TransferLedger transfer = s.transferLedger();
        // With bytes, the total is compute + transfer (+ storage with a storage section); without, it is the compute
        // bill as before (no new keys).
        final double totalUsd = transfer == null ? s.totalCostUsd() :
            s.totalCostUsd() + transfer.totalCostUsd() + s.storageCostUsd();
        m.put("cost.total_usd", totalUsd);
        m.put("cost.usd_per_million_requests", measured == 0 ? 0 : totalUsd / s.arrivals() * 1e6);
        if (transfer != null)
        {
            putTransfer(m, s.totalCostUsd(), transfer, model.storage == null ? null : s.storageCostUsd());
        }
        if (model.storage != null)
        {
            putStorage(m, model, s);
        }
        for (int c = 0; c < model.clientNames.length; c++)
        {
            putPercentiles(m, "latency.client." + model.clientNames[c], s.clientLatency(c));
        }
        for (int p = 0; p < model.providerNames.length; p++)
        {
            putPercentiles(m, "latency.provider." + model.providerNames[p], s.providerLatency(p));
        }

        final Map<String, Double> cost = new TreeMap<>();
        final Map<String, Double> zoneCost = new TreeMap<>();
        for (int offer = 0; offer < model.offers(); offer++)
        {
            final int region = model.offerRegion[offer];
            final String prefix = model.providerNames[model.regionProvider[region]] + "/" + model.regionNames[region];
            cost.merge(prefix + "/" + model.marketName(offer), s.offerCostUsd(offer), Double::sum);
            final int zone = model.offerZone[offer];
            if (zone != CloudModel.NO_ZONE)
            {
                zoneCost.merge(prefix + "/" + model.zoneNames[zone] + "/" + model.marketName(offer),
                    s.offerCostUsd(offer), Double::sum);
            }
        }

        final TimeSeriesSampler sampler = s.series();
        final int rows = (int)Math.min(sampler.rows(), (model.durationNs + model.sampleIntervalNs - 1) /
            model.sampleIntervalNs);
        final double[][] series = new double[rows][sampler.columns()];
        for (int r = 0; r < rows; r++)
        {
            for (int c = 0; c < sampler.columns(); c++)
            {
                series[r][c] = sampler.get(r, c);
            }
        }
        return new RunResult(stack.name(), replication, m, cost, zoneCost, latency.copy(), hlog, series,
            s.engine().eventsProcessed(), decisions);
    }

    private static void putLatency(final Map<String, Double> m, final String prefix, final Histogram h,
        final double meanNs)
    {
        final boolean empty = h.getTotalCount() == 0;
        m.put(prefix + ".mean_ms", empty ? Double.NaN : meanNs / 1e6);
        m.put(prefix + ".p50_ms", empty ? Double.NaN : h.getValueAtPercentile(50) / 1e6);
        m.put(prefix + ".p90_ms", empty ? Double.NaN : h.getValueAtPercentile(90) / 1e6);
        m.put(prefix + ".p99_ms", empty ? Double.NaN : h.getValueAtPercentile(99) / 1e6);
        m.put(prefix + ".p999_ms", empty ? Double.NaN : h.getValueAtPercentile(99.9) / 1e6);
        m.put(prefix + ".max_ms", empty ? Double.NaN : h.getMaxValue() / 1e6);
    }

    private static void putPercentiles(final Map<String, Double> m, final String prefix, final LatencyRecorder r)
    {
        final Histogram h = r.total();
        final boolean empty = h.getTotalCount() == 0;
        m.put(prefix + ".count", (double)h.getTotalCount());
        m.put(prefix + ".p50_ms", empty ? Double.NaN : h.getValueAtPercentile(50) / 1e6);
        m.put(prefix + ".p99_ms", empty ? Double.NaN : h.getValueAtPercentile(99) / 1e6);
    }

    private static List<StackSummary> summarize(final List<PolicyStack> stacks, final List<RunResult> runs)
    {
        final List<StackSummary> summaries = new ArrayList<>();
        for (final PolicyStack stack : stacks)
        {
            final List<RunResult> mine = runs.stream().filter(r -> r.stack().equals(stack.name())).toList();
            final Map<String, StackSummary.Statistic> stats = new LinkedHashMap<>();
            for (final String metric : mine.get(0).metrics().keySet())
            {
                final List<Double> values = mine.stream().map(r -> r.metrics().getOrDefault(metric, Double.NaN))
                    .toList();
                stats.put(metric, new StackSummary.Statistic(
                    ConfidenceIntervals.mean(values), ConfidenceIntervals.halfWidth(values, 0.95), values));
            }
            for (final String key : mine.get(0).costUsd().keySet())
            {
                final List<Double> values = mine.stream().map(r -> r.costUsd().get(key)).toList();
                stats.put("cost." + key.replace('/', '.') + "_usd", new StackSummary.Statistic(
                    ConfidenceIntervals.mean(values), ConfidenceIntervals.halfWidth(values, 0.95), values));
            }
            for (final String key : mine.get(0).zoneCostUsd().keySet())
            {
                final List<Double> values = mine.stream().map(r -> r.zoneCostUsd().get(key)).toList();
                stats.put("cost.zone." + key.replace('/', '.') + "_usd", new StackSummary.Statistic(
                    ConfidenceIntervals.mean(values), ConfidenceIntervals.halfWidth(values, 0.95), values));
            }
            summaries.add(new StackSummary(stack.name(), stack.parameters(), stats));
        }
        return summaries;
    }

    /**
     * @return simulated ns completed over all runs so far.
     */
    public long progressNs()
    {
        return progressNs.get();
    }

    /**
     * Listen to the runs as they go: {@code listener} is called by each run's own thread after every slice of
     * simulated time (1/200 of the duration; the same points where a {@link #cancel()} is noticed), so it may read
     * that run's {@link Simulation} (latency so far, the time-series rows so far, events processed) without
     * synchronization, and must publish what it wants others to see (e.g. an immutable snapshot in a volatile
     * field). It runs between slices, never on the per-request path, and changes nothing in the results.
     * Set it before {@link #run}.
     *
     * @param listener called after each slice of each run, or null for none.
     */
    public void onSlice(final SliceListener listener)
    {
        sliceListener = listener;
    }

    /** Hears each run after each slice of simulated time; see {@link #onSlice(SliceListener)}. */
    @FunctionalInterface
    public interface SliceListener
    {
        /**
         * @param stack       the run's stack, by index in the scenario.
         * @param replication the run's replication, from 0.
         * @param simulation  the run, paused between slices; only to be read, and only during this call.
         * @param doneNs      simulated time the run has reached, ns since the scenario's start.
         */
        void onSlice(int stack, int replication, Simulation simulation, long doneNs);
    }

    /** Thrown inside a run task to stop it when the runner is cancelled. */
    private static final class CancelledRun extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        CancelledRun()
        {
            super("cancelled", null, false, false);
        }
    }
}
