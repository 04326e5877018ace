/**
 * Windtunnel traces: heterogeneous provider and workload data in, validated and normalized series out.
 * <p>
 * Every trace, whatever its source format, becomes a {@link io.windtunnel.traces.TraceTable}: rows of
 * {@code (timeNs, keyId, code, value)} sorted by time, where {@code timeNs} is epoch nanoseconds (UTC), keys
 * (provider / region / zone / instance type / market, or client region) are interned to {@code int} ids in a
 * {@link io.windtunnel.traces.KeyDictionary}, and the {@link io.windtunnel.traces.TraceKind} says what the value
 * means (a price, a request count, a service demand, a fault).
 * <pre>{@code
 * TraceTable prices = new PriceCsvReader().read(Path.of("prices.csv"), ImportOptions.defaults());
 * try (TraceCursor cursor = prices.cursor()) {
 *     while (cursor.next()) {
 *         String region = prices.keys().field(cursor.keyId(), 1);
 *         double usdPerHour = cursor.value();
 *     }
 * }
 * }</pre>
 * Importers report every problem with file, line (or JSON path) and field through a
 * {@link io.windtunnel.traces.ProblemCollector} and fail with a {@link io.windtunnel.traces.TraceFormatException};
 * they never return a partly read table. This module knows nothing of policies.
 */
package io.windtunnel.traces;
