/**
 * The static, shared description of a scenario's world as primitive tables: providers, regions, their zones,
 * instance types, offers (per region or per zone) with prices, client regions with round-trip times and load, faults,
 * the service model.
 */
package io.windtunnel.simulator.model;
