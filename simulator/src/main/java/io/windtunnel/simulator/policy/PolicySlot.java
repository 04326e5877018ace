package io.windtunnel.simulator.policy;

import java.util.List;

/**
 * One of the places of a {@link PolicyStack} a policy fills, with the interface its policies implement and the
 * YAML key of a stack that configures it ({@code stacks[i].autoscaler}, {@code .placement}, {@code .balancer},
 * {@code .failover}, and {@code .storage} in a scenario with a storage section).
 * <p>
 * <b>Threading:</b> immutable constants.
 *
 * @param <T> the interface the slot's policies implement.
 */
public final class PolicySlot<T>
{
    /** Autoscaler: how much capacity; {@code type} is required. */
    public static final PolicySlot<Autoscaler> AUTOSCALER = new PolicySlot<>("autoscaler", Autoscaler.class, null);
    /** Placement: where a replica is launched; {@code type} defaults to {@code cheapest-price}. */
    public static final PolicySlot<PlacementPolicy> PLACEMENT =
        new PolicySlot<>("placement", PlacementPolicy.class, "cheapest-price");
    /** Balancer: which replica serves a request; {@code type} defaults to {@code round-robin}. */
    public static final PolicySlot<Balancer> BALANCER = new PolicySlot<>("balancer", Balancer.class, "round-robin");
    /** Failover: what happens when capacity is lost; {@code type} defaults to {@code drain-on-notice}. */
    public static final PolicySlot<FailoverPolicy> FAILOVER =
        new PolicySlot<>("failover", FailoverPolicy.class, "drain-on-notice");

    /**
     * Storage: which candidate locations hold the data set ({@code storage:} scenarios only); {@code type} defaults
     * to {@code cheapest-storage}. Last in {@link #all()}, so the other slots' random streams keep their indices; read
     * only in a scenario with a storage section.
     */
    public static final PolicySlot<StoragePolicy> STORAGE =
        new PolicySlot<>("storage", StoragePolicy.class, "cheapest-storage");

    private static final List<PolicySlot<?>> ALL = List.of(AUTOSCALER, PLACEMENT, BALANCER, FAILOVER, STORAGE);

    private final String key;
    private final Class<T> policyInterface;
    private final String defaultType;

    private PolicySlot(final String key, final Class<T> policyInterface, final String defaultType)
    {
        this.key = key;
        this.policyInterface = policyInterface;
        this.defaultType = defaultType;
    }

    /**
     * @return the slots in the order a stack lists them (storage last).
     */
    public static List<PolicySlot<?>> all()
    {
        return ALL;
    }

    /**
     * @return the slot's key in a stack, also its name in messages ({@code autoscaler}).
     */
    public String key()
    {
        return key;
    }

    /**
     * @return the interface the slot's policies implement.
     */
    public Class<T> policyInterface()
    {
        return policyInterface;
    }

    /**
     * @return the {@code type} used when a stack does not name one, or null if the stack must name it.
     */
    public String defaultType()
    {
        return defaultType;
    }

    @Override
    public String toString()
    {
        return key;
    }
}
