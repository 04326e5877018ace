/**
 * Cost accounting: price step functions and per-provider billing rules (granularity, minimum charge, refund on
 * preemption). Money is a {@code double} in USD summed with compensation.
 */
package io.windtunnel.simulator.cost;
