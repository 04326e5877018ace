package io.windtunnel.traces;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Gathers the problems found while reading one trace, up to a limit, so that a user sees all of them at once
 * (as {@code windtunnel trace validate} prints them) instead of fixing one per run.
 * <p>
 * Importers report every problem here and keep reading where they can; after reading they call
 * {@link #throwIfAny()}, so a trace with problems never yields a table. Past the limit, problems are counted
 * but not kept.
 */
public final class ProblemCollector
{
    /** Problems kept by default before only counting. */
    public static final int DEFAULT_LIMIT = 100;

    private final String file;
    private final int limit;
    private final List<TraceProblem> problems = new ArrayList<>();
    private long total;

    /**
     * @param file  the file name used in every problem.
     * @param limit most problems kept.
     */
    public ProblemCollector(final String file, final int limit)
    {
        this.file = file;
        this.limit = limit;
    }

    /**
     * @param file the file name used in every problem.
     */
    public ProblemCollector(final String file)
    {
        this(file, DEFAULT_LIMIT);
    }

    /**
     * Report a problem on a line.
     *
     * @param line    1-based line, or 0 for the whole file.
     * @param field   column at fault, or null.
     * @param message what is wrong.
     */
    public void atLine(final long line, final String field, final String message)
    {
        add(new TraceProblem(file, line, null, field, message));
    }

    /**
     * Report a problem at a JSON location.
     *
     * @param line     1-based line of the JSON token if known, else 0.
     * @param jsonPath JSON pointer to the value.
     * @param field    field at fault, or null.
     * @param message  what is wrong.
     */
    public void atPath(final long line, final String jsonPath, final String field, final String message)
    {
        add(new TraceProblem(file, line, jsonPath, field, message));
    }

    /**
     * Report a problem at a row of a file without lines (a binary trace), shown as {@code file at row N: ...}.
     *
     * @param row     row index, counting from 0 in the file's order.
     * @param field   column or key field at fault, or null.
     * @param message what is wrong.
     */
    public void atRow(final long row, final String field, final String message)
    {
        add(new TraceProblem(file, 0, "row " + row, field, message));
    }

    private void add(final TraceProblem problem)
    {
        total++;
        if (problems.size() < limit)
        {
            problems.add(problem);
        }
    }

    /**
     * @return true if any problem was reported.
     */
    public boolean hasProblems()
    {
        return total > 0;
    }

    /**
     * @return true once as many problems as the limit were reported; readers may stop early then.
     */
    public boolean isFull()
    {
        return total >= limit;
    }

    /**
     * @return the problems kept, in the order reported.
     */
    public List<TraceProblem> problems()
    {
        return Collections.unmodifiableList(problems);
    }

    /**
     * @return all problems reported, including those past the limit.
     */
    public long total()
    {
        return total;
    }

    /**
     * @return the file name problems are reported against.
     */
    public String file()
    {
        return file;
    }

    /**
     * @throws TraceFormatException if any problem was reported.
     */
    public void throwIfAny() throws TraceFormatException
    {
        if (total > 0)
        {
            throw new TraceFormatException(problems, total);
        }
    }
}
