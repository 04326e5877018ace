package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class FixedAutoscalerTest extends AutoscalerContractTest
{
    @Override
    Autoscaler newAutoscaler()
    {
        return new FixedAutoscaler(5);
    }

    @Override
    int minReplicas()
    {
        return 5;
    }

    @Override
    int maxReplicas()
    {
        return 5;
    }

    @Test
    void shouldAskForItsCountWhateverItObserves()
    {
        final FakeView view = new FakeView(ContractRuns.model());
        view.ratePerSec = 1e6;
        view.active = 100;
        assertThat(new FixedAutoscaler(3).desiredReplicas(view)).isEqualTo(3);
        view.nowNs = 0;
        assertThat(new FixedAutoscaler(0).desiredReplicas(view)).isZero();
    }
}
