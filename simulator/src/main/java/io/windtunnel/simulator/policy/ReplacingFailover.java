package io.windtunnel.simulator.policy;

/**
 * What the replacing failovers share: one replacement per lost replica of the autoscaler's (none for a lost spare,
 * which the failover that keeps spares relaunches itself), and a lost request resent while it has made at most
 * {@code retries} retries.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> none.
 */
abstract class ReplacingFailover implements FailoverPolicy
{
    private final int maxRetries;

    /**
     * @param maxRetries retries allowed per request for lost replicas, at least 0.
     */
    ReplacingFailover(final int maxRetries)
    {
        if (maxRetries < 0)
        {
            throw new IllegalArgumentException("retries >= 0 required, not " + maxRetries);
        }
        this.maxRetries = maxRetries;
    }

    @Override
    public int replacements(final SimulationView view, final int replica, final int reason)
    {
        return view.replicaSpare(replica) ? 0 : 1;
    }

    @Override
    public boolean retryLostRequest(final SimulationView view, final int attempts)
    {
        return attempts <= maxRetries;
    }

    /**
     * @return the {@code retries} parameter the replacing failovers share.
     */
    static PolicyParameter retries()
    {
        return PolicyParameter.integer("retries", 0, 100).defaultValue(1).unit("retries")
            .doc("retries a request may make after losing its replica before it fails").build();
    }
}
