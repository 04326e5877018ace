package io.windtunnel.traces.ingest.internal;

import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceProblem;

import java.util.ArrayList;
import java.util.List;

/**
 * Merges the problems of several files read into one table (paginated API responses) into one
 * {@link TraceFormatException}. Stateless.
 */
public final class Problems
{
    private Problems()
    {
    }

    /**
     * @param collectors one collector per file, in reading order.
     * @param limit      most problems kept in the exception.
     * @throws TraceFormatException with the problems of all files if any has one.
     */
    public static void throwIfAny(final List<ProblemCollector> collectors, final int limit)
        throws TraceFormatException
    {
        long total = 0;
        final List<TraceProblem> kept = new ArrayList<>();
        for (final ProblemCollector collector : collectors)
        {
            total += collector.total();
            for (final TraceProblem problem : collector.problems())
            {
                if (kept.size() < limit)
                {
                    kept.add(problem);
                }
            }
        }
        if (total > 0)
        {
            throw new TraceFormatException(kept, total);
        }
    }
}
