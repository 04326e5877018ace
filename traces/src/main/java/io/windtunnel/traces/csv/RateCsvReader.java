package io.windtunnel.traces.csv;

import io.windtunnel.traces.GapPolicy;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceSeriesRules;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code rate-csv}, Windtunnel's generic request-count CSV, into a {@link TraceKind#LOAD_RATE} table:
 * <pre>
 *   # step: 1m
 *   time,region,requests
 *   2024-01-01T00:00:00Z,eu-west,1200
 *   2024-01-01T00:01:00Z,eu-west,1260
 * </pre>
 * Each row counts the requests (finite, at least 0) in the interval from {@code time} to the next row of the same
 * region; the optional {@code region} column keys the series. Every series lies on a grid of one step:
 * <ol>
 *   <li>the step is {@link ImportOptions#stepNs()} ({@code --step}) if given, else a {@code # step: 1m} comment
 *       line before the header (as {@code TraceCsvWriter} writes), else inferred; when the option and the comment
 *       both give a step they must agree;</li>
 *   <li>the inferred step is the most common positive interval between consecutive rows of one region (the
 *       smallest such interval on a tie), so one gap or one stray row does not change it; with no two rows in any
 *       region it cannot be inferred;</li>
 *   <li>an interval that is not a whole multiple of the step is a problem; one of k steps is a gap of k - 1
 *       intervals: a problem under {@link GapPolicy#ERROR}, k - 1 rows of 0 requests under
 *       {@link GapPolicy#ZERO_FILL} (at most {@value TraceSeriesRules#MIN_FILL_LIMIT} rows or 10 per row read,
 *       whichever is more: a longer gap is a problem, usually a wrong date). These grid rules are
 *       {@link TraceSeriesRules}, which the binary reader applies to a {@code .wtb} load-rate trace too.</li>
 * </ol>
 * The last row of each region lasts one step, which the table records as {@link io.windtunnel.traces.TraceTable#stepNs()}.
 * <p>
 * <b>Threading:</b> stateless and thread-safe. <b>Allocation:</b> import-time only.
 */
public final class RateCsvReader extends GenericCsvReader
{
    /** Name on the command line. */
    public static final String FORMAT_NAME = "rate-csv";

    private static final String REGION = "region";
    private static final String REQUESTS = "requests";
    private static final String STEP = "step";
    private static final Pattern STEP_COMMENT = Pattern.compile("(?i)step\\s*[:=]\\s*(.*)");

    /**
     * Creates the reader; the format registry does this through the service loader.
     */
    public RateCsvReader()
    {
        super(FORMAT_NAME, TraceKind.LOAD_RATE, List.of(TIME, REQUESTS), List.of(REGION),
            "Windtunnel generic request-rate CSV: '# step: 1m', then time,requests or time,region,requests");
    }

    @Override
    boolean recognizesColumns(final Set<String> columns)
    {
        return columns.contains(TIME) && columns.contains(REQUESTS);
    }

    @Override
    void parseFields(final CsvRow row, final ImportOptions options, final ParsedRow out)
    {
        out.key[0] = row.text(REGION);
        final double requests = row.decimal(REQUESTS, "a number of requests");
        row.checkValue(REQUESTS, TraceKind.LOAD_RATE, 0, requests, "");
        out.value = requests;
    }

    @Override
    long stepNs(final CsvRead read, final int[] order)
    {
        final ProblemCollector problems = read.problems();
        final long optionStepNs = Math.max(0, read.options().stepNs());
        long fileStepNs = 0;
        long fileStepLine = 0;
        boolean stepUsable = true;
        for (final CsvRecordStream.CsvComment comment : read.leadingComments())
        {
            final Matcher matcher = STEP_COMMENT.matcher(comment.text());
            if (!matcher.matches())
            {
                continue;
            }
            final long stepNs;
            try
            {
                stepNs = TraceDurations.parseNs(matcher.group(1));
            }
            catch (final IllegalArgumentException e)
            {
                problems.atLine(comment.line(), STEP, e.getMessage());
                stepUsable = false;
                continue;
            }
            if (stepNs <= 0)
            {
                problems.atLine(comment.line(), STEP, "step must be greater than 0, got '" + matcher.group(1) + "'");
                stepUsable = false;
            }
            else if (fileStepNs > 0 && stepNs != fileStepNs)
            {
                problems.atLine(comment.line(), STEP, "declares step " + TraceDurations.format(stepNs) +
                    " but line " + fileStepLine + " declares " + TraceDurations.format(fileStepNs));
                stepUsable = false;
            }
            else if (optionStepNs > 0 && stepNs != optionStepNs)
            {
                problems.atLine(comment.line(), STEP, "the file declares step " + TraceDurations.format(stepNs) +
                    " but the step given (--step) is " + TraceDurations.format(optionStepNs) +
                    "; they must agree");
                stepUsable = false;
            }
            else
            {
                fileStepNs = stepNs;
                fileStepLine = comment.line();
            }
        }
        if (!stepUsable)
        {
            return 0;
        }
        final RowBuffer rows = read.rows();
        long stepNs = optionStepNs > 0 ? optionStepNs : fileStepNs;
        if (stepNs == 0)
        {
            stepNs = inferStepNs(rows, order, read.keys().size());
            if (stepNs == 0)
            {
                if (rows.size() > 0)
                {
                    problems.atLine(rows.line(order[0]), TIME, "cannot infer the step: no region has two rows; " +
                        "declare it with a '# step: 1m' line before the header or with --step");
                }
                return 0;
            }
        }
        return stepNs;
    }

    /**
     * @return the most common positive interval between consecutive rows of one key (the smallest on a tie), or 0.
     */
    private static long inferStepNs(final RowBuffer rows, final int[] order, final int keyCount)
    {
        final long[] previousNs = new long[keyCount];
        final boolean[] seen = new boolean[keyCount];
        final LongIntHashMap intervals = new LongIntHashMap();
        for (final int row : order)
        {
            final int key = rows.keyId(row);
            if (seen[key] && rows.timeNs(row) > previousNs[key])
            {
                intervals.addToValue(rows.timeNs(row) - previousNs[key], 1);
            }
            seen[key] = true;
            previousNs[key] = rows.timeNs(row);
        }
        final long[] best = {0, 0};
        intervals.forEachKeyValue((intervalNs, count) ->
        {
            if (count > best[1] || (count == best[1] && intervalNs < best[0]))
            {
                best[0] = intervalNs;
                best[1] = count;
            }
        });
        return best[0];
    }
}
