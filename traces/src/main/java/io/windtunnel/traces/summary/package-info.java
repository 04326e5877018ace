/**
 * Summaries of normalized traces for people: counts, time span, per-key statistics and sparklines, computed in
 * one streaming pass over a {@link io.windtunnel.traces.TraceCursor}, so they work on binary traces too long to
 * load. {@code windtunnel trace inspect} prints them.
 * <pre>{@code
 * try (BinaryTraceCursor cursor = BinaryTraceFile.replay(path)) {
 *     BinaryTraceFile file = cursor.file();
 *     TraceSummary summary = TraceSummary.of(cursor, file.stepNs(), file.firstTimeNs(), file.lastTimeNs(), 60, 10);
 *     summary.print(new PrintWriter(System.out, true), 10);
 * }
 * }</pre>
 */
package io.windtunnel.traces.summary;
