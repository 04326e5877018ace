package io.windtunnel.traces;

import java.util.List;

/**
 * A trace file could not be read because of what is in it (not because of a bug). Carries every problem found,
 * each naming the file, line (or JSON path) and field. The command line prints {@link #getMessage()} and exits
 * non-zero, without a stack trace.
 */
public final class TraceFormatException extends Exception
{
    private static final long serialVersionUID = 1L;
    private final transient List<TraceProblem> problems;
    private final long total;

    /**
     * @param problems problems kept, at least one.
     * @param total    problems found, at least {@code problems.size()}.
     */
    public TraceFormatException(final List<TraceProblem> problems, final long total)
    {
        super(format(problems, total));
        this.problems = List.copyOf(problems);
        this.total = total;
    }

    /**
     * @param problem the single problem.
     */
    public TraceFormatException(final TraceProblem problem)
    {
        this(List.of(problem), 1);
    }

    /**
     * @return problems kept.
     */
    public List<TraceProblem> problems()
    {
        return problems;
    }

    /**
     * @return problems found, including those not kept.
     */
    public long total()
    {
        return total;
    }

    private static String format(final List<TraceProblem> problems, final long total)
    {
        final StringBuilder out = new StringBuilder();
        for (final TraceProblem problem : problems)
        {
            if (out.length() > 0)
            {
                out.append('\n');
            }
            out.append(problem.describe());
        }
        if (total > problems.size())
        {
            out.append("\n... and ").append(total - problems.size()).append(" more problems");
        }
        return out.toString();
    }
}
