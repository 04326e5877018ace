/**
 * Scenario YAML files: a location-aware YAML tree (anchors, aliases and merge keys resolved, duplicate keys and
 * oversized files refused), the schema reader that compiles a file and its traces into a
 * {@link io.windtunnel.simulator.model.CloudModel} and policy stacks, the echo of every value it used
 * ({@link io.windtunnel.simulator.scenario.ValueEcho}), and its errors (file, line, key).
 */
package io.windtunnel.simulator.scenario;
