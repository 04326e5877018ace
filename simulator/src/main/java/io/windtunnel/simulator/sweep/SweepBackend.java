package io.windtunnel.simulator.sweep;

import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.traces.TraceFormatException;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A way to run a sweep elsewhere than on this JVM's threads, found through {@link java.util.ServiceLoader}: the
 * {@code spark} module registers one in {@code META-INF/services/io.windtunnel.simulator.sweep.SweepBackend}, and
 * {@code windtunnel sweep --spark MASTER} uses it when that module's jar and Spark's are on the class path (the
 * launcher script puts them there). Nothing in the core modules depends on Spark.
 * <p>
 * An implementation must give the same result files as {@link LocalSweep} for the same sweep: check every variant
 * before running, skip complete ones on resume, write each result through {@link SweepStore}, and finish with
 * {@link SweepReport}.
 */
public interface SweepBackend
{
    /**
     * @return the option value this backend serves, e.g. {@code spark}.
     */
    String name();

    /**
     * @param sweep    the sweep, read on this (driver) JVM.
     * @param out      the output folder; must be reachable by path from every worker too when they write there.
     * @param master   where to run, e.g. {@code local[2]}, {@code spark://host:7077}, {@code yarn}.
     * @param resume   go on with a folder a previous run of this sweep left.
     * @param progress told as variants finish.
     * @return what was run.
     * @throws ScenarioException    if a variant's scenario is wrong (before anything runs).
     * @throws TraceFormatException if a trace is wrong (before anything runs).
     * @throws SweepException       if the output folder cannot be used, or the cluster cannot be reached.
     * @throws IOException          if a file cannot be read or written.
     * @throws InterruptedException if interrupted.
     */
    LocalSweep.Outcome run(Sweep sweep, Path out, String master, boolean resume, SweepProgress progress)
        throws ScenarioException, TraceFormatException, SweepException, IOException, InterruptedException;
}
