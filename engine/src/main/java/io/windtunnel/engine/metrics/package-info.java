/**
 * Allocation-free metrics primitives in simulated time: latency histograms, counters, compensated sums and
 * fixed-interval time series.
 */
package io.windtunnel.engine.metrics;
