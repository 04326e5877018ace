/**
 * Windtunnel simulator: a multi-cloud serving model replayed on the event engine.
 * <p>
 * A {@link io.windtunnel.simulator.model.CloudModel} describes the world (providers, regions, instance types,
 * priced offers, client regions, load, faults, service model); a
 * {@link io.windtunnel.simulator.policy.PolicyStack} names the four policies; a
 * {@link io.windtunnel.simulator.Simulation} runs one stack over the model on one engine:
 * <pre>{@code
 * Simulation run = new Simulation(new Engine(1024), model, stack, new RandomStreams(42).forReplication(0));
 * run.run();
 * double p99Ms = run.latency().total().getValueAtPercentile(99) / 1e6;
 * double costUsd = run.totalCostUsd();
 * }</pre>
 * Scenarios (YAML) compile to a model in {@code scenario}; the {@code runner} runs every stack for every
 * replication in parallel with common random numbers; {@code report} writes the result folder.
 */
package io.windtunnel.simulator;
