package io.windtunnel.console;

import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.report.RunFolder;
import io.windtunnel.simulator.report.RunFolderException;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.scenario.Scenario;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Runs scenarios for the console on worker threads of its own: at most {@code maxRunning} at once, at most
 * {@code maxQueued} waiting (a bounded queue; one more is refused with 429), never on the event loop. A run's folder
 * is reserved in the results folder when it is accepted ({@link RunFolder}, as {@code windtunnel run} does), so it
 * is listed at once; it is committed when the run completes, or given up with a {@code status.json} saying cancelled
 * or failed, so a folder is never passed off as a result it is not.
 * <p>
 * <b>Threading:</b> {@link #start} and {@link #cancel} block briefly on the file system (call them off the event
 * loop); the live runs map is concurrent.
 */
final class Launcher implements AutoCloseable
{
    private final RunStore store;
    private final ConsoleOptions options;
    private final ThreadPoolExecutor executor;
    private final Map<String, LiveRun> live = new ConcurrentHashMap<>();
    private volatile boolean closing;

    Launcher(final RunStore store, final ConsoleOptions options)
    {
        this.store = store;
        this.options = options;
        final BlockingQueue<Runnable> queue = options.maxQueued() == 0 ? new SynchronousQueue<>() :
            new ArrayBlockingQueue<>(options.maxQueued());
        executor = new ThreadPoolExecutor(options.maxRunning(), options.maxRunning(), 0, TimeUnit.MILLISECONDS,
            queue, runnable ->
            {
                final Thread thread = new Thread(runnable, "windtunnel-console-run");
                thread.setDaemon(true);
                return thread;
            });
    }

    /**
     * @param id a run's id.
     * @return the run if the console is running or queueing it, else null.
     */
    LiveRun live(final String id)
    {
        return live.get(id);
    }

    /**
     * @return the runs queued or running now.
     */
    List<LiveRun> liveRuns()
    {
        return new ArrayList<>(live.values());
    }

    /**
     * Reserve the run's folder and queue it.
     *
     * @param scenario the scenario, overrides applied.
     * @return the queued run.
     * @throws ApiException 429 if the queue is full, 500 if the folder cannot be reserved.
     */
    synchronized LiveRun start(final Scenario scenario)
    {
        if (live.size() >= options.maxRunning() + options.maxQueued())
        {
            throw full();
        }
        final RunFolder folder;
        try
        {
            folder = RunFolder.reserveUnique(store.root(), scenario.name() + "-" +
                LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)));
        }
        catch (final RunFolderException e)
        {
            throw new ApiException(500, e.getMessage());
        }
        final String id = folder.target().getFileName().toString();
        final LiveRun run = new LiveRun(id, folder, scenario, this);
        live.put(id, run);
        try
        {
            executor.execute(run);
        }
        catch (final RejectedExecutionException e)
        {
            live.remove(id);
            folder.abort();
            throw full();
        }
        return run;
    }

    private ApiException full()
    {
        return new ApiException(429, "the run queue is full (" + options.maxRunning() + " running, " +
            options.maxQueued() + " waiting); try again when a run has finished");
    }

    /**
     * @param run a queued or running run.
     */
    void cancel(final LiveRun run)
    {
        run.requestCancel();
        if (executor.remove(run))
        {
            // It never started: give it up here.
            run.abandon(LiveRun.CANCELLED, "cancelled from the console while queued");
            live.remove(run.id());
        }
    }

    /** The worker's side of a run: simulate, write, commit; or give it up. */
    void execute(final LiveRun run)
    {
        try
        {
            if (run.cancelRequested())
            {
                run.abandon(LiveRun.CANCELLED, "cancelled from the console while queued");
                return;
            }
            run.started();
            final RunFolder folder = run.folder();
            final ScenarioResult result = run.runner().run(run.scenario(), options.threadsPerRun(),
                folder.workDir());
            if (run.cancelRequested())
            {
                throw new InterruptedException("cancelled");
            }
            ResultWriter.writeInto(result, folder.workDir());
            if (run.cancelRequested())
            {
                throw new InterruptedException("cancelled");
            }
            folder.commit();
            run.completed();
        }
        catch (final InterruptedException e)
        {
            run.abandon(LiveRun.CANCELLED, closing ? "cancelled: the console was stopped" :
                "cancelled from the console");
        }
        catch (final Throwable e)
        {
            if (run.cancelRequested())
            {
                // Stopped while writing the results (an interrupted write): cancelled, not failed.
                run.abandon(LiveRun.CANCELLED, closing ? "cancelled: the console was stopped" :
                    "cancelled from the console");
            }
            else
            {
                run.abandon(LiveRun.FAILED, "failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
            }
        }
        finally
        {
            live.remove(run.id());
        }
    }


    /**
     * Cancel every queued and running run (their folders say cancelled) and stop the workers, waiting up to 30 s
     * for the running ones to notice (they stop at their next slice of simulated time).
     */
    @Override
    public void close()
    {
        closing = true;
        for (final LiveRun run : live.values())
        {
            run.requestCancel();
        }
        for (final Runnable queued : executor.shutdownNow())
        {
            final LiveRun run = (LiveRun)queued;
            run.abandon(LiveRun.CANCELLED, "cancelled: the console was stopped");
            live.remove(run.id());
        }
        try
        {
            executor.awaitTermination(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException e)
        {
            Thread.currentThread().interrupt();
        }
    }
}
