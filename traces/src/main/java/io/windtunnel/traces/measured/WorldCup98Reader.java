package io.windtunnel.traces.measured;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.ImportSummary;
import io.windtunnel.traces.ingest.SummarizingTraceReader;
import io.windtunnel.traces.ingest.internal.CsvInput;
import io.windtunnel.traces.ingest.internal.TimeColumn;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Reads request counts per period in the {@code period,count} CSV of the WorldCup98 per-minute dataset
 * (nimamahmoudi/worldcup98-dataset, counted from the ITA WorldCup98 access logs):
 * <pre>
 * period,count
 * 1998-04-30 21:30:00,2
 * 1998-04-30 21:31:00,11
 * </pre>
 * into a {@link TraceKind#LOAD_RATE} table: one row per period start with its count. The step is
 * {@link ImportOptions#stepNs()} or, if not given, the smallest interval between rows (one minute for
 * WorldCup98). Periods with no requests are absent from the file (WorldCup98 has 7 such gaps of 1-4 minutes):
 * with the default {@link io.windtunnel.traces.GapPolicy#ERROR} each gap is a problem, with
 * {@link io.windtunnel.traces.GapPolicy#ZERO_FILL} it is filled with zero counts, counted in the
 * {@link ImportSummary}. The times have no offset, so {@link ImportOptions#zone()} is required (WorldCup98's are
 * believed to be GMT: traffic jumps at 22:00 GMT, midnight in France). The key's region is
 * {@link ImportOptions#region()}, or empty.
 * <p>
 * <b>Threading:</b> stateless, may be shared. <b>Allocation:</b> import time only.
 */
public final class WorldCup98Reader implements SummarizingTraceReader
{
    /** The format's name. */
    public static final String FORMAT = "worldcup98-csv";

    private static final String PERIOD = "period";
    private static final String COUNT = "count";

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
        return "requests per period CSV (period,count), e.g. WorldCup98 per minute; --zone required";
    }

    @Override
    public boolean recognizes(final String fileName, final String head)
    {
        final String first = CsvInput.firstLine(head).trim();
        return first.equals(PERIOD + "," + COUNT);
    }

    @Override
    public ImportResult readWithSummary(final Path file, final ImportOptions options)
        throws TraceFormatException, IOException
    {
        final ProblemCollector problems = new ProblemCollector(file.toString(), options.problemLimit());
        final ImportSummary.Builder summary = new ImportSummary.Builder();
        final LoadSeries series = new LoadSeries();
        try (CsvInput csv = CsvInput.open(file, problems))
        {
            final CsvInput.Header header = csv.header("the header period,count");
            if (header != null)
            {
                final int period = header.require(PERIOD, FORMAT);
                final int count = header.require(COUNT, FORMAT);
                if (period >= 0 && count >= 0)
                {
                    final TimeColumn times = new TimeColumn(options.zone(), PERIOD,
                        "WorldCup98 times are believed to be GMT: --zone UTC");
                    final int width = header.names().size();
                    while (csv.next())
                    {
                        summary.record();
                        final long line = csv.line();
                        if (!csv.checkWidth(width))
                        {
                            continue;
                        }
                        final long timeNs = times.parse(csv.field(period), problems, line);
                        final long requests = csv.count(count, COUNT, "a request count");
                        if (timeNs != Long.MIN_VALUE && requests >= 0)
                        {
                            series.add(timeNs, requests, line);
                        }
                    }
                }
            }
        }
        if (!problems.hasProblems() && summary.recordsRead() == 0)
        {
            problems.atLine(0, null, "no rows after the header");
        }
        final TraceTable table = problems.hasProblems() ? null : series.build(options, problems, summary);
        problems.throwIfAny();
        return new ImportResult(table, summary.build(file.toString(), table.rowCount()));
    }
}
