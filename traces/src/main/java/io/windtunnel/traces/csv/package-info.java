/**
 * Readers for Windtunnel's own generic trace CSVs, the files users write by hand or export from a spreadsheet,
 * and that {@link io.windtunnel.traces.TraceCsvWriter} writes:
 * <table>
 *   <caption>Generic CSV formats</caption>
 *   <tr><th>format</th><th>kind</th><th>header</th></tr>
 *   <tr><td>{@code price-csv}</td><td>price</td>
 *       <td>{@code time,provider,region,zone,instance_type,market,price_per_hour_usd}</td></tr>
 *   <tr><td>{@code rate-csv}</td><td>load-rate</td><td>{@code # step: 1m}, then {@code time,[region,]requests}</td></tr>
 *   <tr><td>{@code arrivals-csv}</td><td>arrivals</td><td>{@code time[,region][,service_ms]}</td></tr>
 *   <tr><td>{@code faults-csv}</td><td>faults</td><td>{@code time,provider,region,zone,instance_type,kind,count}</td></tr>
 * </table>
 * <p>
 * Common rules: a header row names the columns (any order, case-insensitive; an unknown column is a problem);
 * lines starting with {@code #} and blank lines are skipped; values may be quoted as in RFC 4180 and spaces around
 * unquoted values are ignored; {@code time} is what {@link io.windtunnel.traces.TraceTimes#parseEpochNs} accepts
 * (ISO-8601 with offset, {@code 2023-12-30 21:17:02+00:00}, epoch seconds; no offset only with a zone); rows must
 * be in time order unless sorting is asked for; a key twice at one time is a problem. Every problem is reported
 * with file, line and column, and reading goes on so that all of them are seen at once:
 * <pre>{@code
 * try {
 *     TraceTable prices = new PriceCsvReader().read(Path.of("prices.csv"), ImportOptions.defaults().withSort(true));
 * } catch (TraceFormatException e) {
 *     e.problems().forEach(p -> System.err.println(p.describe()));   // prices.csv:7: field 'market': ...
 * }
 * }</pre>
 * The readers are registered with {@link io.windtunnel.traces.TraceFormats}, which also picks one by the header
 * row when the user names no format. The full specification is {@code docs/traces.md} (generic CSV section).
 */
package io.windtunnel.traces.csv;
