/**
 * Windtunnel benchmarks (JMH) and long-running harnesses. Every speed claim in the docs comes from a run of
 * something here, reported as ratios against a baseline measured in the same run.
 */
package io.windtunnel.bench;
