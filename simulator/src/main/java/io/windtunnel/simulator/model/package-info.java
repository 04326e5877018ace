/**
 * The static, shared description of a scenario's world as primitive tables: providers, regions, instance types,
 * offers with prices, client regions with round-trip times and load, faults, the service model.
 */
package io.windtunnel.simulator.model;
