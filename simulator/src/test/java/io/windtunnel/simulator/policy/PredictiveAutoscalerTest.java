package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class PredictiveAutoscalerTest extends AutoscalerContractTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    /** The test season: 10 one-minute intervals, 10 requests/s for 5 minutes then 100/s for 5. */
    private static final long SEASON = 10 * MINUTE;

    @Override
    Autoscaler newAutoscaler()
    {
        return predictive(PredictiveAutoscaler.OBSERVED, 0, 2, 25);
    }

    @Override
    int minReplicas()
    {
        return 2;
    }

    @Override
    int maxReplicas()
    {
        return 25;
    }

    private static PredictiveAutoscaler predictive(final String train, final long horizonNs, final int min,
        final int max)
    {
        return new PredictiveAutoscaler(0.6, train, SEASON, horizonNs, SEASON, 0.3, 0.01, 0.3, min, max, min, 0, 0);
    }

    private static double pattern(final long step)
    {
        return step % 10 < 5 ? 10 : 100;
    }

    /**
     * Boot 90 s, 1-minute intervals, 100 ms per request, 2-worker replicas: 100 requests/s need 9 replicas at 0.6,
     * 10/s need 1. The client's load is the pattern (for the prefix).
     */
    private static FakeView view()
    {
        final FakeView view = AutoscalerViews.oneType(90 * SECOND, MINUTE, 10 * SEASON,
            LoadSeries.periodic(new long[] {0, 5 * MINUTE}, new double[] {10, 100}, SEASON, 10 * SEASON));
        view.nowNs = 0;
        view.active = 1;
        view.activeWorkers = 2;
        return view;
    }

    /** Decision {@code k} (at k minutes), having observed the pattern's step k - 1. */
    private static int decision(final Autoscaler autoscaler, final FakeView view, final int k)
    {
        view.nowNs = k * MINUTE;
        view.ratePerSec = k == 0 ? 0 : pattern(k - 1);
        return autoscaler.desiredReplicas(view);
    }

    @Test
    void shouldProvisionForTheRiseOneBootTimeAheadOnceASeasonIsObserved()
    {
        final FakeView view = view();
        final Autoscaler predictive = predictive(PredictiveAutoscaler.OBSERVED, 0, 1, 100);
        final int[] answers = new int[31];
        for (int k = 0; k <= 30; k++)
        {
            answers[k] = decision(predictive, view, k);
        }
        // First season: no model yet, the observed rate alone (steps 5-9 are seen one interval late).
        assertThat(answers[4]).isEqualTo(1);
        assertThat(answers[5]).isEqualTo(1);
        assertThat(answers[6]).isEqualTo(9);
        // From the second season: horizon = 90 s boot + 60 s = 3 intervals, so the rise at step 15 is asked for at
        // decision 13, and the fall waits until the high steps have been observed and none is forecast.
        assertThat(answers[12]).isEqualTo(1);
        assertThat(answers[13]).as("steps 13-15 forecast, 15 high").isEqualTo(9);
        assertThat(answers[20]).as("step 19 observed high").isEqualTo(9);
        assertThat(answers[21]).isEqualTo(1);
        assertThat(answers[23]).isEqualTo(9);

        // The target-utilization rule on the same observations sees the rise one interval after it happened.
        final TargetUtilizationAutoscaler reactive = new TargetUtilizationAutoscaler(0.6, 1, 100, 1);
        decision(reactive, view, 0);
        assertThat(decision(reactive, view, 13)).isEqualTo(1);
        assertThat(decision(reactive, view, 16)).isEqualTo(9);
    }

    @Test
    void shouldForecastFromTheFirstDecisionWhenTrainedOnAPrefix()
    {
        final FakeView view = view();
        final Autoscaler predictive = predictive(PredictiveAutoscaler.PREFIX, 0, 1, 100);
        assertThat(decision(predictive, view, 0)).isEqualTo(1);
        assertThat(decision(predictive, view, 1)).isEqualTo(1);
        assertThat(decision(predictive, view, 2)).as("steps 2-4 forecast low").isEqualTo(1);
        assertThat(decision(predictive, view, 3)).as("step 5 forecast high, in the first season").isEqualTo(9);
    }

    @Test
    void shouldLookFurtherAheadWithALongerHorizon()
    {
        final FakeView view = view();
        final Autoscaler predictive = predictive(PredictiveAutoscaler.PREFIX, 5 * MINUTE, 1, 100);
        decision(predictive, view, 0);
        assertThat(decision(predictive, view, 1)).as("steps 1-5: step 5 high").isEqualTo(9);
        final Autoscaler oneStep = predictive(PredictiveAutoscaler.PREFIX, MINUTE, 1, 100);
        for (int k = 0; k <= 4; k++)
        {
            assertThat(decision(oneStep, view, k)).as("decision %d", k).isEqualTo(1);
        }
        // One step ahead is the interval starting now: step 5 is forecast at decision 5, step 4 observed low.
        assertThat(decision(oneStep, view, 5)).isEqualTo(9);
    }

    @Test
    void shouldFollowTheObservedRateWhenItIsAboveTheForecast()
    {
        final FakeView view = view();
        final Autoscaler predictive = predictive(PredictiveAutoscaler.PREFIX, 0, 1, 100);
        decision(predictive, view, 0);
        view.nowNs = MINUTE;
        view.ratePerSec = 200;
        assertThat(predictive.desiredReplicas(view)).as("a burst the season does not know").isEqualTo(17);
    }

    @Test
    void shouldSumTheClientsExpectedArrivalsPerIntervalForThePrefix()
    {
        final double[] rates = PredictiveAutoscaler.prefixRates(view().model(), MINUTE, 12);
        for (int k = 0; k < 12; k++)
        {
            assertThat(rates[k]).as("step %d", k).isCloseTo(pattern(k), within(1e-9));
        }
    }

    @Test
    void shouldRefuseInconsistentParameters()
    {
        assertThatThrownBy(() -> new PredictiveAutoscaler(0.6, "prefix", MINUTE, 0, SEASON, 0.3, 0.01, 0.3, 1, 2, 1,
            0, 0)).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one season");
        assertThatThrownBy(() -> new PredictiveAutoscaler(0.6, "observed", 0, 0, SEASON, 1.3, 0.01, 0.3, 1, 2, 1,
            0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PredictiveAutoscaler(0, "observed", 0, 0, SEASON, 0.3, 0.01, 0.3, 1, 2, 1,
            0, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
