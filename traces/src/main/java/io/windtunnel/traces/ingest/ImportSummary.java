package io.windtunnel.traces.ingest;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What an import did with the records of its input: how many it read, how many rows the table kept, how many
 * records it dropped on purpose and how many rows it added (zero-filled gaps), by reason. Immutable.
 * <p>
 * A record is the unit of the source format (a JSON item, a CSV line, a point of a step function); one record may
 * yield zero, one or two rows (a GCP line yields an on-demand and a spot row), so {@code recordsRead} need not
 * equal {@code rowsKept + droppedTotal()}.
 *
 * @param source      the file, or the files, read.
 * @param recordsRead records seen in the input.
 * @param rowsKept    rows in the resulting table.
 * @param dropped     records or rows left out on purpose, by reason, in the order reasons first occurred.
 * @param added       rows the input did not have, by reason (e.g. zero-filled gaps).
 */
public record ImportSummary(
    String source, long recordsRead, long rowsKept, Map<String, Long> dropped, Map<String, Long> added)
{
    /**
     * @param source      the file, or the files, read.
     * @param recordsRead records seen in the input.
     * @param rowsKept    rows in the resulting table.
     * @param dropped     counts by reason; copied, order kept.
     * @param added       counts by reason; copied, order kept.
     */
    public ImportSummary
    {
        dropped = Collections.unmodifiableMap(new LinkedHashMap<>(dropped));
        added = Collections.unmodifiableMap(new LinkedHashMap<>(added));
    }

    /**
     * @return records or rows dropped for any reason.
     */
    public long droppedTotal()
    {
        long total = 0;
        for (final long count : dropped.values())
        {
            total += count;
        }
        return total;
    }

    /**
     * @param reason a reason as passed to {@link Builder#drop(String)}.
     * @return how many were dropped for it, 0 if none.
     */
    public long dropped(final String reason)
    {
        final Long count = dropped.get(reason);
        return count == null ? 0 : count;
    }

    /**
     * @return rows added for any reason.
     */
    public long addedTotal()
    {
        long total = 0;
        for (final long count : added.values())
        {
            total += count;
        }
        return total;
    }

    /**
     * @return one line such as {@code prices.json: 71 records read, 56 rows kept; dropped 15: 12 ProductDescription
     * 'Windows' (not the selected 'Linux/UNIX'), 3 ProductDescription 'SUSE Linux' (not the selected ...)}.
     */
    public String describe()
    {
        final StringBuilder out = new StringBuilder(source)
            .append(": ").append(recordsRead).append(" records read, ").append(rowsKept).append(" rows kept");
        append(out, "dropped", droppedTotal(), dropped);
        append(out, "added", addedTotal(), added);
        return out.toString();
    }

    private static void append(
        final StringBuilder out, final String what, final long total, final Map<String, Long> counts)
    {
        if (!counts.isEmpty())
        {
            out.append("; ").append(what).append(' ').append(total).append(':');
            String separator = " ";
            for (final Map.Entry<String, Long> entry : counts.entrySet())
            {
                out.append(separator).append(entry.getValue()).append(' ').append(entry.getKey());
                separator = ", ";
            }
        }
    }

    @Override
    public String toString()
    {
        return describe();
    }

    /**
     * Counts records and drops while a reader runs. Not thread-safe; allocates a map entry per distinct reason.
     */
    public static final class Builder
    {
        private final Map<String, Long> dropped = new LinkedHashMap<>();
        private final Map<String, Long> added = new LinkedHashMap<>();
        private long recordsRead;

        /**
         * Count one record read.
         */
        public void record()
        {
            recordsRead++;
        }

        /**
         * Count one record or row left out on purpose.
         *
         * @param reason why, in words a user understands, e.g. {@code ProductDescription 'Windows' (not the selected
         *               'Linux/UNIX')}; the same text for the same reason, since counts are kept per text.
         */
        public void drop(final String reason)
        {
            drop(reason, 1);
        }

        /**
         * @param reason why.
         * @param count  how many to add.
         */
        public void drop(final String reason, final long count)
        {
            if (count > 0)
            {
                dropped.merge(reason, count, Long::sum);
            }
        }

        /**
         * Count rows added that the input did not have.
         *
         * @param reason why, e.g. {@code zero-count intervals filling gaps}.
         * @param count  how many.
         */
        public void add(final String reason, final long count)
        {
            if (count > 0)
            {
                added.merge(reason, count, Long::sum);
            }
        }

        /**
         * @return records counted so far.
         */
        public long recordsRead()
        {
            return recordsRead;
        }

        /**
         * @param source   the file or files read.
         * @param rowsKept rows in the resulting table.
         * @return the summary.
         */
        public ImportSummary build(final String source, final long rowsKept)
        {
            return new ImportSummary(source, recordsRead, rowsKept, dropped, added);
        }
    }
}
