package io.windtunnel.simulator.policy;

import java.util.Map;
import java.util.function.Supplier;

/**
 * A named combination of the policy slots (four, and storage placement for a scenario with a {@code storage:}
 * section), compared against other stacks on the same traces and random
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
 * @param storage     makes the storage policy (only called for a model with a storage section).
 */
public record PolicyStack(
    String name,
    Map<String, String> parameters,
    Supplier<Autoscaler> autoscaler,
    Supplier<PlacementPolicy> placement,
    Supplier<Balancer> balancer,
    Supplier<FailoverPolicy> failover,
    Supplier<StoragePolicy> storage)
{
    /**
     * A stack whose storage slot has its default ({@code cheapest-storage}): every stack of a scenario without a
     * storage section.
     *
     * @param name       the stack's name in reports.
     * @param parameters the parameters as written in the scenario, for the summary (sorted by key).
     * @param autoscaler makes the autoscaler.
     * @param placement  makes the placement policy.
     * @param balancer   makes the balancer.
     * @param failover   makes the failover policy.
     */
    public PolicyStack(final String name, final Map<String, String> parameters, final Supplier<Autoscaler> autoscaler,
        final Supplier<PlacementPolicy> placement, final Supplier<Balancer> balancer,
        final Supplier<FailoverPolicy> failover)
    {
        this(name, parameters, autoscaler, placement, balancer, failover, CheapestStorage::new);
    }
}
