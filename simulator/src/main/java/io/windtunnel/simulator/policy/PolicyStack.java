package io.windtunnel.simulator.policy;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A named combination of the four policy slots, compared against other stacks on the same traces and random
 * numbers. Policies may keep state, so the stack holds factories and each run gets fresh instances.
 * <p>
 * <b>Threading:</b> immutable; factories must be callable from any thread.
 *
 * @param name        the stack's name in reports.
 * @param parameters  the parameters as written in the scenario, for the summary (sorted by key).
 * @param autoscaler  makes the autoscaler.
 * @param placement   makes the placement policy.
 * @param balancer    makes the balancer.
 * @param failover    makes the failover policy.
 */
public record PolicyStack(
    String name,
    Map<String, String> parameters,
    Supplier<Autoscaler> autoscaler,
    Supplier<PlacementPolicy> placement,
    Supplier<Balancer> balancer,
    Supplier<FailoverPolicy> failover)
{
}
