/**
 * The four policy slots of a simulation ({@link io.windtunnel.simulator.policy.Autoscaler},
 * {@link io.windtunnel.simulator.policy.PlacementPolicy}, {@link io.windtunnel.simulator.policy.Balancer},
 * {@link io.windtunnel.simulator.policy.FailoverPolicy}), the read-only
 * {@link io.windtunnel.simulator.policy.SimulationView} they decide on, one simple default for each, and the
 * registry that finds policies by their YAML {@code type}.
 * Interfaces take and return primitives; nothing on the per-request path allocates. Beyond the four answers, default
 * methods carry what later policies need: a placement plan over offers
 * ({@link io.windtunnel.simulator.policy.PlacementPolicy#planAllocation}), feedback on every attempt
 * ({@link io.windtunnel.simulator.policy.ResponseListener}) with the simulator's own in-flight counts
 * ({@link io.windtunnel.simulator.policy.SimulationView#replicaInFlight}), per-request events for failover, and a
 * {@link io.windtunnel.simulator.policy.DecisionRecorder} for a policy's reasons ({@code docs/policies.md}, "Policy
 * interfaces").
 * <p>
 * Every policy declares itself in a nested {@link io.windtunnel.simulator.policy.PolicyProvider} (slot, type,
 * {@link io.windtunnel.simulator.policy.PolicyParameter parameters}, how to build it) listed in
 * {@code META-INF/services/io.windtunnel.simulator.policy.PolicyProvider};
 * {@link io.windtunnel.simulator.policy.PolicyRegistry} loads the built-ins and any on the user's class path the
 * same way, through {@link java.util.ServiceLoader}. A minimal policy of your own:
 * <pre>{@code
 * public final class FirstReadyBalancer implements Balancer {
 *     public int pickReplica(SimulationView view, int client) {
 *         return view.readyCount() > 0 ? view.readyReplica(0) : -1;
 *     }
 *     public static final class Provider extends PolicyProvider<Balancer> {
 *         public Provider() { super(PolicySlot.BALANCER, "first-ready", "always the first ready replica"); }
 *         public Balancer create(PolicyArguments arguments) { return new FirstReadyBalancer(); }
 *     }
 * }
 * }</pre>
 * {@code docs/policies.md} has a complete example with a parameter, its services file and how to run it.
 */
package io.windtunnel.simulator.policy;
