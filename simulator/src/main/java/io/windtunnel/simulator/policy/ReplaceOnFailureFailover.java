package io.windtunnel.simulator.policy;

/**
 * Default failover: replaces every lost replica at once (on the preemption notice, so the replacement boots
 * during the notice), and resends each request the lost replica still held to another replica while the request
 * has made at most {@code maxRetries} retries; after that the request fails.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
public final class ReplaceOnFailureFailover implements FailoverPolicy
{
    private final int maxRetries;

    /**
     * @param maxRetries retries allowed per request for lost replicas.
     */
    public ReplaceOnFailureFailover(final int maxRetries)
    {
        this.maxRetries = maxRetries;
    }

    @Override
    public int replacements(final SimulationView view, final int replica, final int reason)
    {
        return 1;
    }

    @Override
    public boolean retryLostRequest(final SimulationView view, final int attempts)
    {
        return attempts <= maxRetries;
    }

    /** Registry entry: {@code type: replace-on-failure}. */
    public static final class Provider extends PolicyProvider<FailoverPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.FAILOVER, "replace-on-failure",
                "replaces a lost replica at once and resends the requests it held",
                PolicyParameter.integer("retries", 0, 100).defaultValue(1).unit("retries")
                    .doc("retries a request may make after losing its replica before it fails").build());
        }

        @Override
        public FailoverPolicy create(final PolicyArguments arguments)
        {
            return new ReplaceOnFailureFailover(arguments.getInt("retries"));
        }
    }
}
