/**
 * The four policy slots of a simulation ({@link io.windtunnel.simulator.policy.Autoscaler},
 * {@link io.windtunnel.simulator.policy.PlacementPolicy}, {@link io.windtunnel.simulator.policy.Balancer},
 * {@link io.windtunnel.simulator.policy.FailoverPolicy}), the read-only
 * {@link io.windtunnel.simulator.policy.SimulationView} they decide on, and one simple default for each.
 * Interfaces take and return primitives; nothing on the per-request path allocates.
 */
package io.windtunnel.simulator.policy;
