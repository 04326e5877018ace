/**
 * Result folders ({@code summary.json}, {@code timeseries.csv}, {@code latency.hlog}, {@code comparison.md}) and
 * the comparison table printed on the terminal.
 */
package io.windtunnel.simulator.report;
