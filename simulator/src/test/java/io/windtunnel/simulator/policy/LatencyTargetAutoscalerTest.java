package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.ConservationTestModels;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LatencyTargetAutoscalerTest extends AutoscalerContractTest
{
    private static final long MS = 1_000_000L;
    private static final long MINUTE = 60_000 * MS;

    @Override
    Autoscaler newAutoscaler()
    {
        return new LatencyTargetAutoscaler(200 * MS, 95, 3, 0.5, 2, 2, 30, 4, 0, 0);
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

    /** A view at time 0 with {@code ready} ready replicas and nothing booting. */
    private static FakeView view(final int ready)
    {
        final FakeView view = new FakeView(ConservationTestModels.small());
        view.nowNs = 0;
        setFleet(view, ready, ready);
        return view;
    }

    private static void setFleet(final FakeView view, final int active, final int ready)
    {
        view.active = active;
        view.activeWorkers = 2 * active;
        view.ready = new int[ready];
    }

    /** {@code count} completed attempts of {@code latencyNs} each, then the next decision a minute later. */
    private static int decideAfter(final Autoscaler autoscaler, final FakeView view, final int count,
        final long latencyNs)
    {
        for (int i = 0; i < count; i++)
        {
            autoscaler.onResponse(view, 0, ResponseListener.COMPLETED, latencyNs);
        }
        view.nowNs += MINUTE;
        return autoscaler.desiredReplicas(view);
    }

    @Test
    void shouldRiseByTheRatioCappedAtMaxStepAndFallOneAtATime()
    {
        final FakeView view = view(4);
        final Autoscaler autoscaler = new LatencyTargetAutoscaler(200 * MS, 95, 1, 0.5, 2, 1, 100, 4, 0, 0);
        assertThat(autoscaler.desiredReplicas(view)).as("initial").isEqualTo(4);
        // p95 290 ms against 200 ms: 4 x 1.45 = 5.8, 6 (the histograms resolve 1%: 300 ms could read as 1.51).
        assertThat(decideAfter(autoscaler, view, 100, 290 * MS)).isEqualTo(6);
        setFleet(view, 6, 6);
        // p95 2 s is 10x the target, capped at maxStep 2: 12.
        assertThat(decideAfter(autoscaler, view, 100, 2_000 * MS)).isEqualTo(12);
        setFleet(view, 12, 12);
        // Between half the target and the target: hold.
        assertThat(decideAfter(autoscaler, view, 100, 150 * MS)).isEqualTo(12);
        // Under half: one fewer per decision.
        assertThat(decideAfter(autoscaler, view, 100, 60 * MS)).isEqualTo(11);
        assertThat(decideAfter(autoscaler, view, 100, 60 * MS)).isEqualTo(10);
        // Just over the target still rises by at least one replica.
        assertThat(decideAfter(autoscaler, view, 100, 201 * MS)).isEqualTo(11);
    }

    @Test
    void shouldHoldTheRiseWhileReplicasAreStillBooting()
    {
        final FakeView view = view(4);
        final Autoscaler autoscaler = new LatencyTargetAutoscaler(200 * MS, 95, 1, 0.5, 2, 1, 100, 4, 0, 0);
        autoscaler.desiredReplicas(view);
        assertThat(decideAfter(autoscaler, view, 100, 400 * MS)).isEqualTo(8);
        // Eight asked for, four of them booting: the latencies still show four, so it waits.
        setFleet(view, 8, 4);
        assertThat(decideAfter(autoscaler, view, 100, 400 * MS)).as("booting: hold").isEqualTo(8);
        assertThat(decideAfter(autoscaler, view, 100, 400 * MS)).as("still booting").isEqualTo(8);
        setFleet(view, 8, 8);
        assertThat(decideAfter(autoscaler, view, 100, 400 * MS)).as("booted, still slow").isEqualTo(16);
    }

    @Test
    void shouldHoldThePercentileOfTheWholeWindowToTheTarget()
    {
        // 90 fast and 10 slow attempts: p95 is slow (rise), p80 fast (hold).
        for (final double percentile : new double[] {95, 80})
        {
            final FakeView view = view(4);
            final LatencyTargetAutoscaler autoscaler =
                new LatencyTargetAutoscaler(200 * MS, percentile, 2, 0.5, 2, 1, 100, 4, 0, 0);
            autoscaler.desiredReplicas(view);
            for (int i = 0; i < 90; i++)
            {
                autoscaler.onResponse(view, 0, ResponseListener.COMPLETED, 120 * MS);
            }
            view.nowNs += MINUTE;
            final int desired = decideAfter(autoscaler, view, 10, 900 * MS);
            // The 90 fast ones were in the previous interval: the window of 2 intervals holds them all.
            assertThat(desired).as("p%s", percentile).isEqualTo(percentile == 95 ? 8 : 4);
        }
        // With a one-interval window the slow attempts alone set the percentile.
        final FakeView view = view(4);
        final LatencyTargetAutoscaler one = new LatencyTargetAutoscaler(200 * MS, 80, 1, 0.5, 2, 1, 100, 4, 0, 0);
        one.desiredReplicas(view);
        decideAfter(one, view, 90, 120 * MS);
        assertThat(one.windowPercentileNs()).isBetween(119 * MS, 121 * MS);
        decideAfter(one, view, 10, 900 * MS);
        assertThat(one.windowPercentileNs()).isBetween(890 * MS, 910 * MS);
    }

    @Test
    void shouldCountRejectionsAsOverloadAndLeaveLostAttemptsOut()
    {
        // Scaled to zero, then traffic: rejections (replica -1) read as far above the target.
        final FakeView view = view(0);
        final Autoscaler autoscaler = new LatencyTargetAutoscaler(200 * MS, 95, 1, 0.5, 4, 0, 100, 0, 0, 0);
        assertThat(autoscaler.desiredReplicas(view)).isZero();
        view.nowNs += MINUTE;
        assertThat(autoscaler.desiredReplicas(view)).as("no traffic, nothing recorded").isZero();
        autoscaler.onResponse(view, -1, ResponseListener.REJECTED, 0);
        view.nowNs += MINUTE;
        assertThat(autoscaler.desiredReplicas(view)).as("from zero").isEqualTo(1);
        setFleet(view, 1, 1);
        // Attempts lost with a failed replica say nothing about load: with only those, the ratio is 0, one fewer.
        for (int i = 0; i < 50; i++)
        {
            autoscaler.onResponse(view, 0, ResponseListener.FAILED, 5_000 * MS);
        }
        view.nowNs += MINUTE;
        assertThat(autoscaler.desiredReplicas(view)).isZero();
    }

    @Test
    void shouldWaitForTheDownCooldownAfterAChange()
    {
        final FakeView view = view(4);
        final Autoscaler autoscaler =
            new LatencyTargetAutoscaler(200 * MS, 95, 1, 0.5, 2, 1, 100, 4, 0, 5 * MINUTE);
        autoscaler.desiredReplicas(view);
        assertThat(decideAfter(autoscaler, view, 100, 290 * MS)).isEqualTo(6);
        setFleet(view, 6, 6);
        for (int minute = 1; minute < 5; minute++)
        {
            assertThat(decideAfter(autoscaler, view, 100, 10 * MS)).as("minute %d", minute).isEqualTo(6);
        }
        assertThat(decideAfter(autoscaler, view, 100, 10 * MS)).as("5 minutes after the rise").isEqualTo(5);
        assertThat(decideAfter(autoscaler, view, 100, 10 * MS)).as("cool-down again after a fall").isEqualTo(5);
    }

    @Test
    void shouldRefuseInconsistentParameters()
    {
        assertThatThrownBy(() -> new LatencyTargetAutoscaler(0, 95, 1, 0.5, 2, 1, 2, 1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyTargetAutoscaler(MS, 100, 1, 0.5, 2, 1, 2, 1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyTargetAutoscaler(MS, 95, 1, 0.5, 0.5, 1, 2, 1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LatencyTargetAutoscaler(MS, 95, 1, 0.5, 2, 3, 2, 1, 0, 0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
