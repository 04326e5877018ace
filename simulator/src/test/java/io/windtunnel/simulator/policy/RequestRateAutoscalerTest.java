package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RequestRateAutoscalerTest extends AutoscalerContractTest
{
    private static final long SECOND = 1_000_000_000L;

    @Override
    Autoscaler newAutoscaler()
    {
        return new RequestRateAutoscaler(2.0, 2, 30, 120 * SECOND, 300 * SECOND, 60 * SECOND);
    }

    @Override
    int minReplicas()
    {
        return 2;
    }

    @Override
    int maxReplicas()
    {
        return 30;
    }

    /** A model whose control interval (SkyServe's decision interval) is {@code intervalSec}. */
    private static FakeView view(final long intervalSec)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int provider = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int region = b.region(provider, "r", 100);
        final int type = b.instanceType(provider, "t", 1, 1.0, 0);
        b.offer(region, type, CloudModel.ON_DEMAND, PriceSeries.constant(1.0));
        b.client("c", LoadSeries.constant(1));
        b.service(CloudModel.EXPONENTIAL, 1e8, 1);
        b.times(3600 * SECOND, 0, intervalSec * SECOND, 60 * SECOND);
        final FakeView view = new FakeView(b.build());
        view.nowNs = 0;
        return view;
    }

    /** One control decision, {@code intervalSec} after the last, that saw {@code ratePerSec} arrivals per second. */
    private static int decide(final Autoscaler autoscaler, final FakeView view, final long intervalSec,
        final double ratePerSec)
    {
        view.nowNs += intervalSec * SECOND;
        view.ratePerSec = ratePerSec;
        return autoscaler.desiredReplicas(view);
    }

    @Test
    void shouldAskForRequestsOfTheLastWindowOverTargetQpsWhenDelaysAreZero()
    {
        final FakeView view = view(20);
        final Autoscaler autoscaler = new RequestRateAutoscaler(2.0, 1, 100, 0, 0, 60 * SECOND);
        assertThat(autoscaler.desiredReplicas(view)).as("time 0: min").isEqualTo(1);
        // 10/s for 20 s: 200 requests in a 60 s window are 3.33/s, over 2 per replica -> 2.
        assertThat(decide(autoscaler, view, 20, 10)).isEqualTo(2);
        // 400 requests -> 6.67/s -> 4; 600 -> 10/s -> 5.
        assertThat(decide(autoscaler, view, 20, 10)).isEqualTo(4);
        assertThat(decide(autoscaler, view, 20, 10)).isEqualTo(5);
        // The window holds three intervals: the oldest 10/s interval leaves as a quiet one enters (400 -> 4).
        assertThat(decide(autoscaler, view, 20, 0)).isEqualTo(4);
        assertThat(decide(autoscaler, view, 20, 0)).isEqualTo(2);
        assertThat(decide(autoscaler, view, 20, 0)).isEqualTo(1);
        // ceil: 120 requests in the window are 2/s, exactly one replica's worth; one more request needs a second.
        assertThat(decide(autoscaler, view, 20, 6.0)).isEqualTo(1);
        assertThat(decide(autoscaler, view, 20, 0.05)).isEqualTo(2);
    }

    @Test
    void shouldRoundTheWindowToWholeControlIntervalsAndDivideByThatSpan()
    {
        // 70 s over 20 s intervals is 3.5 -> 4 intervals, 80 s: four intervals of 8/s are 640 requests, 8/s -> 8.
        final FakeView view = view(20);
        final Autoscaler autoscaler = new RequestRateAutoscaler(1.0, 1, 100, 0, 0, 70 * SECOND);
        autoscaler.desiredReplicas(view);
        assertThat(decide(autoscaler, view, 20, 8)).as("160 of 80 s").isEqualTo(2);
        decide(autoscaler, view, 20, 8);
        decide(autoscaler, view, 20, 8);
        assertThat(decide(autoscaler, view, 20, 8)).isEqualTo(8);
        // The fifth interval pushes the first out: still 8.
        assertThat(decide(autoscaler, view, 20, 8)).isEqualTo(8);
        assertThat(decide(autoscaler, view, 20, 0)).isEqualTo(6);

        // A window shorter than the interval counts one interval: 60 s at 5 min intervals is the last 5 minutes.
        final FakeView slow = view(300);
        final Autoscaler oneSlot = new RequestRateAutoscaler(1.0, 0, 100, 0, 0, 60 * SECOND);
        oneSlot.desiredReplicas(slow);
        assertThat(decide(oneSlot, slow, 300, 3.5)).isEqualTo(4);
        assertThat(decide(oneSlot, slow, 300, 1)).isEqualTo(1);
    }

    @Test
    void shouldClampToMinAndMax()
    {
        final FakeView view = view(20);
        final Autoscaler autoscaler = new RequestRateAutoscaler(1.0, 3, 7, 0, 0, 20 * SECOND);
        assertThat(autoscaler.desiredReplicas(view)).isEqualTo(3);
        assertThat(decide(autoscaler, view, 20, 1_000)).isEqualTo(7);
        assertThat(decide(autoscaler, view, 20, 0)).isEqualTo(3);
        assertThat(decide(autoscaler, view, 20, 5)).isEqualTo(5);
    }

    @Test
    void shouldScaleUpOnlyAfterUpscaleDelayOfAgreeingDecisions()
    {
        // SkyServe's defaults at its 20 s decision interval: 300 s is 15 decisions, 1200 s is 60.
        final FakeView view = view(20);
        final Autoscaler autoscaler = new RequestRateAutoscaler(1.0, 1, 100, 300 * SECOND, 1200 * SECOND,
            20 * SECOND);
        assertThat(autoscaler.desiredReplicas(view)).isEqualTo(1);
        for (int decision = 1; decision < 15; decision++)
        {
            assertThat(decide(autoscaler, view, 20, 4)).as("decision %d", decision).isEqualTo(1);
        }
        assertThat(decide(autoscaler, view, 20, 4)).as("the 15th agreeing decision").isEqualTo(4);

        // A decision that agrees with the current target resets the counter: 14 up, one level, then 15 again.
        for (int decision = 1; decision < 15; decision++)
        {
            assertThat(decide(autoscaler, view, 20, 9)).isEqualTo(4);
        }
        assertThat(decide(autoscaler, view, 20, 4)).as("level: counter reset").isEqualTo(4);
        for (int decision = 1; decision < 15; decision++)
        {
            assertThat(decide(autoscaler, view, 20, 9)).as("decision %d after the reset", decision).isEqualTo(4);
        }
        assertThat(decide(autoscaler, view, 20, 9)).isEqualTo(9);

        // A decision asking for fewer resets the up counter too (and starts the down one).
        for (int decision = 1; decision < 15; decision++)
        {
            decide(autoscaler, view, 20, 12);
        }
        assertThat(decide(autoscaler, view, 20, 2)).isEqualTo(9);
        assertThat(decide(autoscaler, view, 20, 12)).as("up counter restarted at 1").isEqualTo(9);
    }

    @Test
    void shouldScaleDownOnlyAfterDownscaleDelayOfAgreeingDecisions()
    {
        final FakeView view = view(20);
        final Autoscaler autoscaler = new RequestRateAutoscaler(1.0, 1, 100, 0, 1200 * SECOND, 20 * SECOND);
        autoscaler.desiredReplicas(view);
        assertThat(decide(autoscaler, view, 20, 10)).as("no upscale delay").isEqualTo(10);
        for (int decision = 1; decision < 60; decision++)
        {
            assertThat(decide(autoscaler, view, 20, 3)).as("decision %d", decision).isEqualTo(10);
        }
        assertThat(decide(autoscaler, view, 20, 3)).as("the 60th agreeing decision").isEqualTo(3);
    }

    @Test
    void shouldJumpAtOnceFromZeroReplicasWhatEverTheDelay()
    {
        final FakeView view = view(20);
        final Autoscaler autoscaler = new RequestRateAutoscaler(1.0, 0, 100, 3600 * SECOND, 3600 * SECOND,
            20 * SECOND);
        assertThat(autoscaler.desiredReplicas(view)).isZero();
        assertThat(decide(autoscaler, view, 20, 0)).isZero();
        assertThat(decide(autoscaler, view, 20, 5)).as("target 0: no hysteresis").isEqualTo(5);
        assertThat(decide(autoscaler, view, 20, 0)).as("down waits an hour").isEqualTo(5);
    }

    @Test
    void shouldRefuseInconsistentParameters()
    {
        assertThatThrownBy(() -> new RequestRateAutoscaler(0, 1, 2, 0, 0, SECOND))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestRateAutoscaler(1, 3, 2, 0, 0, SECOND))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RequestRateAutoscaler(1, 1, 2, 0, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
