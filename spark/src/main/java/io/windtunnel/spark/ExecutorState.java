package io.windtunnel.spark;

import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.TraceCache;
import io.windtunnel.simulator.sweep.Sweep;
import io.windtunnel.simulator.sweep.SweepSource;

import java.util.concurrent.ConcurrentHashMap;

/**
 * What an executor JVM keeps between the tasks of a sweep: each sweep parsed once (by its fingerprint), the trace
 * tables its variants share (each trace file read once per executor), and the policy registry. The driver keeps
 * its own in the same way when it runs tasks itself ({@code local[n]}).
 * <p>
 * <b>Threading:</b> thread-safe; tasks of one executor run on several threads.
 */
final class ExecutorState
{
    private static final ConcurrentHashMap<String, Sweep> SWEEPS = new ConcurrentHashMap<>();
    /** Trace tables of this JVM; paths with a scheme are fetched through Hadoop's file systems. */
    static final TraceCache TRACES = new TraceCache(new HadoopFiles());
    private static volatile PolicyRegistry registry;

    private ExecutorState()
    {
    }

    /**
     * @param source a sweep's source, as the driver read it.
     * @return the sweep, parsed once per JVM.
     * @throws ScenarioException if it does not parse (it did on the driver, so only if the versions differ).
     */
    static Sweep sweep(final SweepSource source) throws ScenarioException
    {
        final String key = source.file() + "\n" + java.util.Arrays.hashCode(source.bytes()) + "\n" +
            (source.baseBytes() == null ? 0 : java.util.Arrays.hashCode(source.baseBytes()));
        final Sweep known = SWEEPS.get(key);
        if (known != null)
        {
            return known;
        }
        final Sweep read = Sweep.read(source);
        SWEEPS.putIfAbsent(key, read);
        return read;
    }

    /**
     * @return the policies on this JVM's class path (the task's context class loader: Spark's, holding the jars the
     *     application shipped).
     */
    static PolicyRegistry registry()
    {
        PolicyRegistry r = registry;
        if (r == null)
        {
            r = PolicyRegistry.standard();
            registry = r;
        }
        return r;
    }
}
