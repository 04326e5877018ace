package io.windtunnel.simulator.policy;

/**
 * Drain on notice, the default failover: at a preemption notice the replica stops taking new requests at once (it
 * leaves the ready list, finishes what it holds while the notice lasts) and one replacement launches at once,
 * through the placement policy, so it boots during the notice (AWS gives 2 minutes, GCP and Azure 30 s; a provider
 * with no notice loses the replica at once). An instance failure or an outage is replaced at once too. Requests the
 * lost replica held are resent to another replica while they have made at most {@code retries} retries; then they
 * fail. It is what the simulator did for every stack before failover policies could choose; compare with the
 * reactive {@link ReplaceOnFailureFailover}.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
public final class DrainOnNoticeFailover extends ReplacingFailover
{
    /**
     * @param maxRetries retries allowed per request for lost replicas.
     */
    public DrainOnNoticeFailover(final int maxRetries)
    {
        super(maxRetries);
    }

    @Override
    public boolean drainOnNotice(final SimulationView view, final int replica)
    {
        return true;
    }

    /** Registry entry: {@code type: drain-on-notice}. */
    public static final class Provider extends PolicyProvider<FailoverPolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.FAILOVER, "drain-on-notice",
                "at a preemption notice stops sending to the replica and launches its replacement at once",
                ReplacingFailover.retries());
        }

        @Override
        public FailoverPolicy create(final PolicyArguments arguments)
        {
            return new DrainOnNoticeFailover(arguments.getInt("retries"));
        }
    }
}
