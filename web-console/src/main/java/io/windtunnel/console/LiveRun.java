package io.windtunnel.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.report.RunFolder;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.traces.TraceDurations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A run the console started: its reserved folder, its {@link Runner}, its {@link ProgressBoard} and its status
 * ({@code queued}, {@code running}, then {@code complete}, {@code cancelled} or {@code failed}).
 * <p>
 * <b>Threading:</b> the status and message are volatile, written by the run's worker (and by a cancel of a queued
 * run), read by the event loop; the board is published snapshots; {@link #requestCancel} only sets flags.
 */
final class LiveRun implements Runnable
{
    static final String QUEUED = "queued";
    static final String RUNNING = "running";
    static final String COMPLETE = "complete";
    static final String CANCELLED = "cancelled";
    static final String FAILED = "failed";

    private final String id;
    private final RunFolder folder;
    private final Scenario scenario;
    private final Runner runner = new Runner();
    private final ProgressBoard board;
    private final Launcher launcher;
    private volatile String status = QUEUED;
    private volatile String message;
    private volatile boolean cancelRequested;
    private volatile long startedNs;
    private volatile long endedNs;

    LiveRun(final String id, final RunFolder folder, final Scenario scenario, final Launcher launcher)
    {
        this.id = id;
        this.folder = folder;
        this.scenario = scenario;
        this.launcher = launcher;
        this.board = new ProgressBoard(scenario);
        runner.onSlice(board);
    }

    String id()
    {
        return id;
    }

    String status()
    {
        return status;
    }

    Scenario scenario()
    {
        return scenario;
    }

    RunFolder folder()
    {
        return folder;
    }

    Runner runner()
    {
        return runner;
    }

    boolean finished()
    {
        return status.equals(COMPLETE) || status.equals(CANCELLED) || status.equals(FAILED);
    }

    /** Ask the run to stop: a queued run never starts, a running one stops at its next slice. */
    void requestCancel()
    {
        cancelRequested = true;
        runner.cancel();
    }

    boolean cancelRequested()
    {
        return cancelRequested;
    }

    void started()
    {
        startedNs = System.nanoTime();
        status = RUNNING;
    }

    void completed()
    {
        endedNs = System.nanoTime();
        status = COMPLETE;
    }

    /**
     * Give the run up: its folder keeps only {@code status.json} saying so, never a result.
     *
     * @param newStatus {@link #CANCELLED} or {@link #FAILED}.
     * @param why       what happened, for the user.
     */
    void abandon(final String newStatus, final String why)
    {
        message = why + " after " + simulated();
        try
        {
            folder.abandon(RunStore.STATUS_FILE, note(newStatus).encodePrettily().getBytes(StandardCharsets.UTF_8));
        }
        catch (final IOException e)
        {
            message += " (and its status could not be written: " + e.getMessage() + ")";
        }
        endedNs = System.nanoTime();
        status = newStatus;
    }

    private String simulated()
    {
        final int runs = scenario.stacks().size() * scenario.replications();
        // Whole hours once past one (7h, not 432m), else whole minutes: a rough figure, as the CLI prints it.
        final long doneNs = runner.progressNs();
        final long unitNs = doneNs >= 3_600_000_000_000L ? 3_600_000_000_000L : 60_000_000_000L;
        return TraceDurations.format(doneNs / unitNs * unitNs) + " of " +
            TraceDurations.format(scenario.model().durationNs * runs) + " simulated in all (" +
            scenario.stacks().size() + " stack(s) x " + scenario.replications() + " replication(s) x " +
            TraceDurations.format(scenario.model().durationNs) + "; " + runner.completedRuns() + " of " + runs +
            " runs complete)";
    }

    private JsonObject note(final String newStatus)
    {
        final JsonArray stacks = new JsonArray();
        for (final PolicyStack stack : scenario.stacks())
        {
            stacks.add(new JsonObject().put("name", stack.name()));
        }
        return new JsonObject().put("status", newStatus).put("message", message).put("scenario", scenario.name())
            .put("seed", scenario.seed()).put("replications", scenario.replications())
            .put("durationSeconds", scenario.model().durationNs / 1e9)
            .put("simulatedSeconds", runner.progressNs() / 1e9).put("stacks", stacks);
    }

    /**
     * @return the run's state now: id, status, message, and the progress board's snapshot.
     */
    JsonObject snapshot()
    {
        final long started = startedNs;
        final long ended = endedNs;
        final double wallSeconds = started == 0 ? 0 : ((ended == 0 ? System.nanoTime() : ended) - started) / 1e9;
        return board.snapshot(wallSeconds).put("id", id).put("status", status).put("message", message)
            .put("scenario", scenario.name()).put("wallSeconds", wallSeconds);
    }

    @Override
    public void run()
    {
        launcher.execute(this);
    }
}
