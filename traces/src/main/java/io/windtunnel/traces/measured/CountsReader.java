package io.windtunnel.traces.measured;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.ingest.internal.Decimals;
import io.windtunnel.traces.ingest.internal.LineInput;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads a single column of request counts, one per interval, with no header and no times:
 * <pre>
 * 118
 * 121
 * 97
 * </pre>
 * Row {@code i} (0-based) is the count of {@code [start + i * step, start + (i + 1) * step)}, a
 * {@link TraceKind#LOAD_RATE} row at {@code start + i * step} whose table step is {@code step}. The start
 * ({@link ImportOptions#startNs()}) is required; the step is {@link ImportOptions#stepNs()}, default one second.
 * The key's region is {@link ImportOptions#region()}, or empty.
 * <p>
 * <b>Problems:</b> no start, a line that is not a whole non-negative number (a decimal with a zero fraction,
 * {@code 12.0}, is accepted), a blank line before the last count (it would shift every later time, so it is not
 * skipped). Blank lines at the end, CRLF and a missing final newline are accepted. The file has no header to
 * recognize, so {@link #recognizes} never claims a file: name the format.
 * <p>
 * <b>Threading:</b> stateless, may be shared. <b>Allocation:</b> import time only.
 */
public final class CountsReader implements TraceReader
{
    /** The format's name. */
    public static final String FORMAT = "counts";
    /** The step used when the options give none. */
    public static final long DEFAULT_STEP_NS = 1_000_000_000L;

    @Override
    public String formatName()
    {
        return FORMAT;
    }

    @Override
    public TraceKind kind()
    {
        return TraceKind.LOAD_RATE;
    }

    @Override
    public String description()
    {
        return "single column of request counts per step (no header; --start required, --step default 1s)";
    }

    @Override
    public TraceTable read(final Path file, final ImportOptions options) throws TraceFormatException, IOException
    {
        final ProblemCollector problems = new ProblemCollector(file.toString(), options.problemLimit());
        final boolean hasStart = options.startNs() != ImportOptions.NO_START;
        if (!hasStart)
        {
            problems.atLine(0, "start", "a counts file has no times: give the epoch time of the first count " +
                "(ImportOptions.startNs, --start)");
        }
        if (options.stepNs() < 0)
        {
            problems.atLine(0, "step", "must be positive, got " + options.stepNs() + " ns");
        }
        final long stepNs = options.stepNs() > 0 ? options.stepNs() : DEFAULT_STEP_NS;
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(stepNs);
        final int keyId = builder.keys().intern(options.region() == null ? "" : options.region());
        long index = 0;
        long blankLine = 0;
        try (LineInput in = LineInput.open(file))
        {
            String text;
            while ((text = in.next()) != null)
            {
                if (text.isBlank())
                {
                    if (blankLine == 0)
                    {
                        blankLine = in.line();
                    }
                    continue;
                }
                if (blankLine != 0)
                {
                    problems.atLine(blankLine, null, "blank line between counts: it would shift every later " +
                        "interval; remove it or write 0");
                    blankLine = 0;
                }
                final long line = in.line();
                long count = -1;
                try
                {
                    count = Decimals.parseCount(text, "a request count");
                }
                catch (final IllegalArgumentException e)
                {
                    problems.atLine(line, "count", index == 0 && !Decimals.isDecimal(text.trim()) ?
                        e.getMessage() + " (a counts file has no header)" : e.getMessage());
                }
                if (count >= 0 && hasStart && !problems.hasProblems())
                {
                    try
                    {
                        builder.add(Math.addExact(options.startNs(), Math.multiplyExact(index, stepNs)), keyId, 0,
                            count);
                    }
                    catch (final ArithmeticException e)
                    {
                        problems.atLine(line, null, "time of count " + (index + 1) + " at step " +
                            TraceDurations.format(stepNs) + " is out of range");
                    }
                }
                index++;
            }
        }
        if (index == 0)
        {
            problems.atLine(0, null, "file is empty; expected one request count per line");
        }
        problems.throwIfAny();
        return builder.build();
    }
}
