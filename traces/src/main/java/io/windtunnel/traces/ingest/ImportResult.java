package io.windtunnel.traces.ingest;

import io.windtunnel.traces.TraceTable;

/**
 * A table read from provider or workload data together with the summary of what was kept and dropped. Immutable.
 *
 * @param table   the normalized, time-sorted rows.
 * @param summary records read and dropped, by reason.
 */
public record ImportResult(TraceTable table, ImportSummary summary)
{
}
