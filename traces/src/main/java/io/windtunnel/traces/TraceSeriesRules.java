package io.windtunnel.traces;

import org.eclipse.collections.impl.list.mutable.primitive.IntArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;
import org.eclipse.collections.impl.map.mutable.primitive.LongIntHashMap;

import java.util.Arrays;
import java.util.Locale;

/**
 * The rules that span the rows of a trace, whatever format it came from; {@link TraceRules} holds those of a single
 * row. Over the rows in time order, in this order:
 * <ol>
 *   <li><b>Duplicates.</b> No two rows of one key at one time; in a faults trace the fault kind (code) is part of the
 *       identity. Arrivals are exempt: several requests may arrive within one timestamp's resolution. The later row
 *       is reported and names the earlier one.</li>
 *   <li><b>Span.</b> With a declared span, every row lies in it, a load-rate row with its step
 *       ({@link TraceTable#rowInSpan}). The first row before it and the first row after it are reported, each with
 *       the count of such rows.</li>
 *   <li><b>Grid</b> (load-rate traces with a step). The interval between consecutive rows of a key is a whole number
 *       of steps; one of k steps is a gap of k - 1 missing intervals: a problem under {@link GapPolicy#ERROR}, k - 1
 *       rows of 0 requests under {@link GapPolicy#ZERO_FILL} (at most {@value #MIN_FILL_LIMIT} rows, or 10 per row,
 *       whichever is more: a longer gap is a problem, usually a wrong date).</li>
 * </ol>
 * The generic CSV readers run these checks over the rows they parsed, reporting at lines; the binary reader runs them
 * over a file's rows ({@link #check(TraceTable, TraceSpan, GapPolicy, ProblemCollector)}), reporting at rows. Both
 * give the same message for the same row; only the location differs ({@code line 7}, {@code row 5}).
 * <p>
 * <b>Threading:</b> stateless, thread-safe. <b>Allocation:</b> import-time code: an {@code int} per key for the
 * grid, a small map per group of rows at one time, a message per problem; not for a simulation's hot path.
 */
public final class TraceSeriesRules
{
    /** Zero rows a gap fill may always add; more only for long traces (10 per row). */
    public static final int MIN_FILL_LIMIT = 1_000_000;

    /** Rows at one time that the duplicate check compares pairwise rather than through a map. */
    private static final int SMALL_GROUP = 8;

    private TraceSeriesRules()
    {
    }

    /**
     * A format's rows in time order (rows at one time in the order the format holds them), with where each one
     * stands in its file. Positions count from 0 in time order.
     */
    public interface Rows
    {
        /**
         * @return how many rows there are.
         */
        int size();

        /**
         * @param position a position in time order.
         * @return its time, epoch ns.
         */
        long timeNs(int position);

        /**
         * @param position a position in time order.
         * @return its key id, below the key dictionary's size.
         */
        int keyId(int position);

        /**
         * @param position a position in time order.
         * @return its code (the fault kind in a faults trace, else 0).
         */
        int code(int position);

        /**
         * @param position a position in time order.
         * @return where the row stands in its file, as messages name it: {@code line 7}, {@code row 5}.
         */
        String where(int position);

        /**
         * Report a problem with the row's time (the rules here concern where a row stands in time).
         *
         * @param position a position in time order.
         * @param message  what is wrong.
         */
        void problem(int position, String message);

        /**
         * Add a row of 0 requests for a missing interval ({@link GapPolicy#ZERO_FILL}); it must not change the
         * positions of the rows already there.
         *
         * @param timeNs the interval's start, epoch ns.
         * @param keyId  its key.
         */
        void addZero(long timeNs, int keyId);
    }

    /**
     * Run every rule over the rows, in the order the class describes.
     *
     * @param kind       the trace's kind.
     * @param keys       the rows' keys.
     * @param stepNs     a load-rate trace's step, or 0 when there is none (or it could not be read: no grid check).
     * @param span       the declared span, or null.
     * @param gaps       what a load-rate gap is.
     * @param rows       the rows, in time order.
     * @param spanAdvice added to a span problem, for advice that only holds in one format; may be empty.
     */
    public static void check(final TraceKind kind, final KeyDictionary keys, final long stepNs, final TraceSpan span,
        final GapPolicy gaps, final Rows rows, final String spanAdvice)
    {
        if (kind != TraceKind.ARRIVALS)
        {
            checkDuplicates(kind, keys, rows);
        }
        if (span != null)
        {
            checkSpan(kind, stepNs, span, rows, spanAdvice);
        }
        if (kind == TraceKind.LOAD_RATE && stepNs > 0)
        {
            checkGrid(keys, stepNs, gaps, rows);
        }
    }

    /**
     * Run every rule over a table whose rows have no lines (a binary trace), reporting each problem at
     * {@code row N} (rows count from 0 in the table's order, as {@link TraceRules#checkRows} does), field
     * {@link TraceRules#TIME_FIELD}.
     *
     * @param table    the rows, with the kind, keys and step.
     * @param span     the span the file declares, or null (the table's own is not used, so that a file whose rows lie
     *                 outside its span can be read into a table without it and have those rows reported).
     * @param gaps     what a load-rate gap is.
     * @param problems where problems go; the caller throws once all are checked.
     * @return the table, or under {@link GapPolicy#ZERO_FILL} a copy with the gaps filled (rows at one time in the
     * order: the table's, then the filled ones); when any problem is reported, the table as given.
     */
    public static TraceTable check(final TraceTable table, final TraceSpan span, final GapPolicy gaps,
        final ProblemCollector problems)
    {
        final TableRows rows = new TableRows(table, problems);
        check(table.kind(), table.keys(), table.stepNs(), span, gaps, rows, "");
        if (rows.filledTimeNs == null || problems.hasProblems())
        {
            return table;
        }
        final TraceTable.Builder filled = TraceTable.builder(table.kind()).stepNs(table.stepNs()).spanOf(table);
        for (int key = 0; key < table.keys().size(); key++)
        {
            filled.keys().intern(table.keys().fields(key));
        }
        for (int row = 0; row < table.rowCount(); row++)
        {
            filled.add(table.timeNs(row), table.keyId(row), table.code(row), table.value(row));
        }
        for (int i = 0; i < rows.filledTimeNs.size(); i++)
        {
            filled.add(rows.filledTimeNs.get(i), rows.filledKeyIds.get(i), 0, 0.0);
        }
        return filled.build();
    }

    /**
     * @param kind  the trace's kind.
     * @param keys  its keys.
     * @param keyId a key id.
     * @param code  a row's code.
     * @return the row's identity as messages name it: the key, plus the fault kind in a faults trace.
     */
    public static String describe(final TraceKind kind, final KeyDictionary keys, final int keyId, final int code)
    {
        if (kind != TraceKind.FAULTS)
        {
            return keys.describe(keyId);
        }
        final FaultKind fault = FaultKind.fromCode(code);
        return keys.describe(keyId) + " kind " + (fault == null ? String.valueOf(code) : fault.label());
    }

    private static void checkDuplicates(final TraceKind kind, final KeyDictionary keys, final Rows rows)
    {
        final LongIntHashMap firstByIdentity = new LongIntHashMap();
        final int size = rows.size();
        int start = 0;
        while (start < size)
        {
            final long timeNs = rows.timeNs(start);
            int end = start + 1;
            while (end < size && rows.timeNs(end) == timeNs)
            {
                end++;
            }
            if (end - start > 1)
            {
                firstByIdentity.clear();
                for (int position = start; position < end; position++)
                {
                    // A few rows at one time (one per region of a load trace) are compared with each other; the map
                    // serves larger groups, where comparing every pair would cost their square.
                    final int first = end - start <= SMALL_GROUP ? firstInGroup(rows, start, position) :
                        firstByIdentity.getIfAbsentPut(identity(rows, position), position);
                    if (first != position)
                    {
                        rows.problem(position, "duplicate: " + describe(kind, keys, rows.keyId(position),
                            rows.code(position)) + " already has a row at " + TraceTimes.formatIso(timeNs) + " on " +
                            rows.where(first));
                    }
                }
            }
            start = end;
        }
    }

    /**
     * @return the first position from {@code start} on with the identity of the row at {@code position} (itself if
     * none before it has).
     */
    private static int firstInGroup(final Rows rows, final int start, final int position)
    {
        final long identity = identity(rows, position);
        int first = start;
        while (identity(rows, first) != identity)
        {
            first++;
        }
        return first;
    }

    /** A row's identity for duplicates: its key and code. */
    private static long identity(final Rows rows, final int position)
    {
        return ((long)rows.keyId(position) << 32) | (rows.code(position) & 0xFFFF_FFFFL);
    }

    private static void checkSpan(final TraceKind kind, final long stepNs, final TraceSpan span, final Rows rows,
        final String advice)
    {
        int before = 0;
        int firstBefore = -1;
        int after = 0;
        int firstAfter = -1;
        for (int position = 0; position < rows.size(); position++)
        {
            final long timeNs = rows.timeNs(position);
            if (timeNs < span.startNs())
            {
                before++;
                firstBefore = firstBefore < 0 ? position : firstBefore;
            }
            else if (!TraceTable.rowInSpan(kind, stepNs, timeNs, span.startNs(), span.endNs()))
            {
                after++;
                firstAfter = firstAfter < 0 ? position : firstAfter;
            }
        }
        if (firstBefore >= 0)
        {
            rows.problem(firstBefore, "time " + TraceTimes.formatIso(rows.timeNs(firstBefore)) +
                " is before the declared span " + span + (before > 1 ? " (" + before + " rows in all)" : "") + advice);
        }
        if (firstAfter >= 0)
        {
            final long timeNs = rows.timeNs(firstAfter);
            final boolean interval = kind == TraceKind.LOAD_RATE && stepNs > 0 && timeNs < span.endNs();
            rows.problem(firstAfter, "time " + TraceTimes.formatIso(timeNs) +
                (interval ? " plus the step ends after" : " is at or after the end of") + " the declared span " +
                span + " (the end is exclusive)" + (after > 1 ? " (" + after + " rows in all)" : "") + advice);
        }
    }

    private static void checkGrid(final KeyDictionary keys, final long stepNs, final GapPolicy gaps, final Rows rows)
    {
        final boolean fill = gaps == GapPolicy.ZERO_FILL;
        final int size = rows.size();
        final long fillLimit = Math.max(MIN_FILL_LIMIT, 10L * size);
        long filled = 0;
        final int[] previous = new int[keys.size()];
        Arrays.fill(previous, -1);
        for (int position = 0; position < size; position++)
        {
            final int key = rows.keyId(position);
            final int before = previous[key];
            previous[key] = position;
            if (before < 0)
            {
                continue;
            }
            final long beforeNs = rows.timeNs(before);
            // Times of a binary file may be any longs; an interval beyond a long's range reads as the longest one.
            final long differenceNs = rows.timeNs(position) - beforeNs;
            final long intervalNs = differenceNs < 0 ? Long.MAX_VALUE : differenceNs;
            if (intervalNs == 0 || intervalNs == stepNs)
            {
                continue;
            }
            final String series = series(keys, key);
            if (intervalNs % stepNs != 0)
            {
                rows.problem(position, String.format(Locale.ROOT,
                    "interval of %s since %s (the previous row of %s) is not a multiple of the step %s",
                    TraceDurations.format(intervalNs), rows.where(before), series, TraceDurations.format(stepNs)));
                continue;
            }
            final long missing = intervalNs / stepNs - 1;
            final String gap = String.format(Locale.ROOT, "%d missing interval%s of %s for %s from %s to %s " +
                    "(after %s)", missing, missing == 1 ? "" : "s", TraceDurations.format(stepNs), series,
                TraceTimes.formatIso(beforeNs + stepNs), TraceTimes.formatIso(rows.timeNs(position)),
                rows.where(before));
            if (!fill)
            {
                rows.problem(position, "gap: " + gap +
                    "; add the rows, or pass --gaps zero-fill to count them as 0 requests");
            }
            else if (filled + missing > fillLimit)
            {
                rows.problem(position, "gap too long to fill with zeros: " + gap + "; more than " + fillLimit +
                    " rows in all; check the times");
            }
            else
            {
                for (long i = 1; i <= missing; i++)
                {
                    rows.addZero(beforeNs + i * stepNs, key);
                }
                filled += missing;
            }
        }
    }

    private static String series(final KeyDictionary keys, final int key)
    {
        final String region = keys.field(key, 0);
        return region.isEmpty() ? "the series" : "region '" + region + "'";
    }

    /**
     * A table's rows, which are in time order already, located by row index; filled rows are kept aside.
     */
    private static final class TableRows implements Rows
    {
        private final TraceTable table;
        private final ProblemCollector problems;
        private LongArrayList filledTimeNs;
        private IntArrayList filledKeyIds;

        TableRows(final TraceTable table, final ProblemCollector problems)
        {
            this.table = table;
            this.problems = problems;
        }

        @Override
        public int size()
        {
            return table.rowCount();
        }

        @Override
        public long timeNs(final int position)
        {
            return table.timeNs(position);
        }

        @Override
        public int keyId(final int position)
        {
            return table.keyId(position);
        }

        @Override
        public int code(final int position)
        {
            return table.code(position);
        }

        @Override
        public String where(final int position)
        {
            return "row " + position;
        }

        @Override
        public void problem(final int position, final String message)
        {
            problems.atRow(position, TraceRules.TIME_FIELD, message);
        }

        @Override
        public void addZero(final long timeNs, final int keyId)
        {
            if (filledTimeNs == null)
            {
                filledTimeNs = new LongArrayList();
                filledKeyIds = new IntArrayList();
            }
            filledTimeNs.add(timeNs);
            filledKeyIds.add(keyId);
        }
    }
}
