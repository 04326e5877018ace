package io.windtunnel.simulator.sweep;

/**
 * Told as variants finish, for a progress bar.
 * <p>
 * <b>Threading:</b> called from the sweep's worker threads (not at once: calls are serialized by the caller).
 */
@FunctionalInterface
public interface SweepProgress
{
    /** Tells nothing. */
    SweepProgress NONE = (done, total, failed, skipped, elapsedNs) -> { };

    /**
     * @param done      variants finished in this run so far (ran or failed).
     * @param total     variants this run has to run (the sweep's less those a resume skipped).
     * @param failed    of those done, how many failed.
     * @param skipped   variants a resume skipped as complete.
     * @param elapsedNs wall time since this run started.
     */
    void update(int done, int total, int failed, int skipped, long elapsedNs);
}
