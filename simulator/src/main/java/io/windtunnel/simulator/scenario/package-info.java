/**
 * Scenario YAML files: a location-aware YAML tree, the schema reader that compiles a file and its traces into a
 * {@link io.windtunnel.simulator.model.CloudModel} and policy stacks, and its errors (file, line, key).
 */
package io.windtunnel.simulator.scenario;
