package io.windtunnel.simulator.policy;

/**
 * Replace on failure, the reactive baseline: a replica under a preemption notice keeps serving and taking new
 * requests until the notice ends; it is replaced (one replica, at once, through the placement policy) only when it is
 * gone, as is a replica lost to an instance failure or an outage. Requests a lost replica held are resent to another
 * replica while they have made at most {@code retries} retries; then they fail. Until issue 12 this type drained on
 * notice; that behaviour is now {@link DrainOnNoticeFailover}, the default.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
public final class ReplaceOnFailureFailover extends ReplacingFailover
{
    /**
     * @param maxRetries retries allowed per request for lost replicas.
     */
    public ReplaceOnFailureFailover(final int maxRetries)
    {
        super(maxRetries);
    }

    @Override
    public boolean drainOnNotice(final SimulationView view, final int replica)
    {
        return false;
    }

    /** Registry entry: {@code type: replace-on-failure}. */
    public static final class Provider extends PolicyProvider<FailoverPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.FAILOVER, "replace-on-failure",
                "keeps a replica under notice serving until it is gone, then replaces it and resends its requests",
                ReplacingFailover.retries());
        }

        @Override
        public FailoverPolicy create(final PolicyArguments arguments)
        {
            return new ReplaceOnFailureFailover(arguments.getInt("retries"));
        }
    }
}
