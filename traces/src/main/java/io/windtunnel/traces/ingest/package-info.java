/**
 * What an importer of real provider and workload data tells its caller besides the rows: an
 * {@link io.windtunnel.traces.ingest.ImportSummary} of the records it read and the records it dropped on purpose
 * (another operating system, a reservation price, a redundant repeat), with the reason for each, so that no row
 * disappears silently.
 * <p>
 * Readers that filter implement {@link io.windtunnel.traces.ingest.SummarizingTraceReader}:
 * <pre>{@code
 * TraceReader reader = TraceFormats.byName("aws-spot-json");
 * if (reader instanceof SummarizingTraceReader) {
 *     ImportResult result = ((SummarizingTraceReader)reader).readWithSummary(file, ImportOptions.defaults());
 *     System.out.println(result.summary().describe());   // "... 56 rows kept; dropped 15: 12 records ..."
 * }
 * }</pre>
 * Their plain {@link io.windtunnel.traces.TraceReader#read} logs the summary through {@link java.lang.System.Logger}
 * when anything was dropped. Non-API helpers shared by the importers live in {@code .internal}.
 */
package io.windtunnel.traces.ingest;
