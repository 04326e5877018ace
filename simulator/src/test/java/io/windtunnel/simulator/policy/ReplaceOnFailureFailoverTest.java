package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ReplaceOnFailureFailoverTest extends FailoverContractTest
{
    @Override
    FailoverPolicy newFailover()
    {
        return new ReplaceOnFailureFailover(1);
    }

    @Test
    void shouldReplaceEachLostReplicaAndRetryWhileRetriesAreLeft()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        final FailoverPolicy failover = new ReplaceOnFailureFailover(2);
        assertThat(failover.replacements(view, 3, FailoverPolicy.PREEMPTION)).isEqualTo(1);
        assertThat(failover.replacements(view, 3, FailoverPolicy.FAILURE)).isEqualTo(1);
        // attempts so far: the first try plus the retries made.
        assertThat(failover.retryLostRequest(view, 1)).isTrue();
        assertThat(failover.retryLostRequest(view, 2)).isTrue();
        assertThat(failover.retryLostRequest(view, 3)).isFalse();
    }
}
