/**
 * The speed half of the CI gate, {@code windtunnel bench}: reading JMH's JSON results ({@link JmhResults}), the
 * ratios against in-run baselines ({@link Ratios}), the saved results file ({@link BenchResults}) and the comparison
 * with a saved run ({@link BenchComparison}). Absolute times on shared machines are noise; a ratio of two
 * benchmarks measured in the same run is what the gate holds.
 */
package io.windtunnel.cli.bench;
