/**
 * Trace benchmarks: {@link io.windtunnel.bench.traces.TraceReplayBenchmark} (JMH: CSV parse vs binary replay,
 * rows/s) and {@link io.windtunnel.bench.traces.LargeTraceReplayHarness} (a 10^8-row binary trace written,
 * replayed and deleted, with heap and mapped memory sampled).
 */
package io.windtunnel.bench.traces;
