package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.ConservationTestModels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class TargetUtilizationAutoscalerTest extends AutoscalerContractTest
{
    @Override
    Autoscaler newAutoscaler()
    {
        return new TargetUtilizationAutoscaler(0.6, 3, 40, 50);
    }

    @Override
    int minReplicas()
    {
        return 3;
    }

    @Override
    int maxReplicas()
    {
        return 40;
    }

    @Test
    void shouldAskForOfferedLoadOverTargetWhenRateIsObserved()
    {
        // service mean 15 ms: 400 requests/s is 6 busy workers; 2 workers per replica at target 0.5 -> 6 replicas
        final FakeView view = new FakeView(ConservationTestModels.small());
        view.active = 3;
        view.activeWorkers = 6;
        view.ratePerSec = 400;
        assertThat(new TargetUtilizationAutoscaler(0.5, 1, 100, 4).desiredReplicas(view)).isEqualTo(6);
        assertThat(new TargetUtilizationAutoscaler(0.5, 1, 5, 4).desiredReplicas(view)).isEqualTo(5);
        view.ratePerSec = 0;
        assertThat(new TargetUtilizationAutoscaler(0.5, 2, 100, 4).desiredReplicas(view)).isEqualTo(2);
    }

    @Test
    void shouldAskForInitialReplicasWhenTimeIsZero()
    {
        final FakeView view = new FakeView(ConservationTestModels.small());
        view.nowNs = 0;
        assertThat(new TargetUtilizationAutoscaler(0.5, 2, 100, 7).desiredReplicas(view)).isEqualTo(7);
    }
}
