/**
 * The Windtunnel binary trace format ({@code .wtb}): normalized rows in fixed-size, checksummed, columnar blocks,
 * written by a streaming writer and replayed from memory-mapped windows without allocating per row.
 * <p>
 * Convert any trace once, then replay it as often as experiments need:
 * <pre>{@code
 * TraceTable prices = TraceFormats.byName("price-csv").read(Path.of("prices.csv"), ImportOptions.defaults());
 * BinaryTraceWriter.write(prices, Path.of("prices.wtb"));          // atomic: temp file + rename
 *
 * try (BinaryTraceCursor cursor = BinaryTraceFile.replay(Path.of("prices.wtb"))) {
 *     while (cursor.next()) {                                      // blocks verified (CRC32C) on first use
 *         onPrice(cursor.timeNs(), cursor.keyId(), cursor.value());
 *     }
 * }
 * }</pre>
 * Generators that produce more rows than fit in memory append them to a {@link
 * io.windtunnel.traces.binary.BinaryTraceWriter} one at a time. The layout is documented with a diagram in
 * {@link io.windtunnel.traces.binary.BinaryTraceFormat} and in {@code docs/traces.md}, section "Binary traces".
 */
package io.windtunnel.traces.binary;
