package io.windtunnel.simulator.sweep;

import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.TraceCache;
import io.windtunnel.traces.TraceFormatException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a sweep on this machine: every variant is checked first (a wrong value stops the sweep before anything
 * runs), then the variants not yet complete run on a pool of threads, one variant per thread at a time with its own
 * engines ({@link VariantRun}), each result written atomically as it finishes ({@link SweepStore}), and at the end
 * the result files are written from all results in variant order ({@link SweepReport}), so the files do not depend
 * on the thread count.
 * <p>
 * <b>Threading:</b> {@link #run} blocks the caller.
 */
public final class LocalSweep
{
    private LocalSweep()
    {
    }

    /**
     * What a sweep run did.
     *
     * @param variants the sweep's variants.
     * @param ran      variants this run ran successfully.
     * @param failed   variants this run ran that failed.
     * @param skipped  variants skipped as complete (resume).
     */
    public record Outcome(int variants, int ran, int failed, int skipped)
    {
    }

    /**
     * @param sweep    the sweep.
     * @param out      the output folder.
     * @param threads  worker threads, at least 1.
     * @param resume   go on with a folder a previous run of this sweep left.
     * @param registry the policies.
     * @param progress told as variants finish.
     * @return what was run.
     * @throws ScenarioException    if a variant's scenario is wrong (before anything runs).
     * @throws TraceFormatException if a trace is wrong (before anything runs).
     * @throws SweepException       if the output folder cannot be used for this sweep.
     * @throws IOException          if a file cannot be read or written.
     * @throws InterruptedException if interrupted; the variants finished so far stay on disk for a resume.
     */
    public static Outcome run(final Sweep sweep, final Path out, final int threads, final boolean resume,
        final PolicyRegistry registry, final SweepProgress progress) throws ScenarioException, TraceFormatException,
        SweepException, IOException, InterruptedException
    {
        final TraceCache traces = new TraceCache();
        sweep.check(registry, traces);
        final SweepStore store = SweepStore.open(out, sweep, resume);
        final List<Variant> todo = store.toRun(sweep, resume);
        final int skipped = sweep.variants().size() - todo.size();
        final long startNs = System.nanoTime();
        final int[] counts = new int[2];
        final Object lock = new Object();
        final ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, threads), runnable ->
        {
            final Thread thread = new Thread(runnable, "windtunnel-sweep");
            thread.setDaemon(true);
            return thread;
        });
        try
        {
            final List<Future<?>> futures = new ArrayList<>();
            progress.update(0, todo.size(), 0, skipped, 0);
            for (final Variant variant : todo)
            {
                futures.add(pool.submit(() ->
                {
                    final VariantResult result = VariantRun.run(sweep, variant, registry, traces);
                    try
                    {
                        store.write(result);
                    }
                    catch (final IOException e)
                    {
                        throw new UncheckedIOException(e);
                    }
                    synchronized (lock)
                    {
                        counts[0]++;
                        counts[1] += result.ok() ? 0 : 1;
                        progress.update(counts[0], todo.size(), counts[1], skipped, System.nanoTime() - startNs);
                    }
                    return null;
                }));
            }
            for (final Future<?> future : futures)
            {
                try
                {
                    future.get();
                }
                catch (final ExecutionException e)
                {
                    if (e.getCause() instanceof UncheckedIOException io)
                    {
                        throw io.getCause();
                    }
                    if (e.getCause() instanceof InterruptedException interrupted)
                    {
                        throw interrupted;
                    }
                    throw new IllegalStateException("a sweep worker failed", e.getCause());
                }
            }
        }
        finally
        {
            pool.shutdownNow();
        }
        SweepReport.write(out, sweep, store.readAll(sweep.variants().size()));
        return new Outcome(sweep.variants().size(), counts[0] - counts[1], counts[1], skipped);
    }
}
