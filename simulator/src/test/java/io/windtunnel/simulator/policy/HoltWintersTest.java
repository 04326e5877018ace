package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class HoltWintersTest
{
    @Test
    void shouldFollowTheRecursionWhenComputedByHand()
    {
        // m = 2, alpha = beta = gamma = 0.5 on 10, 20, 14, 22, 16 (worked on paper):
        // start: level 15, trend 0, seasons -5, 5;
        // 14: level 0.5(14 + 5) + 0.5(15 + 0) = 17, trend 0.5(2) = 1, s0 = 0.5(14 - 15) + 0.5(-5) = -3;
        // 22: level 0.5(22 - 5) + 0.5(18) = 17.5, trend 0.5(0.5) + 0.5(1) = 0.75, s1 = 0.5(22 - 18) + 0.5(5) = 4.5;
        // 16: level 0.5(16 + 3) + 0.5(18.25) = 18.625, trend 0.5(1.125) + 0.5(0.75) = 0.9375,
        //     s0 = 0.5(16 - 18.25) + 0.5(-3) = -2.625.
        final HoltWinters hw = new HoltWinters(2, 0.5, 0.5, 0.5);
        hw.observe(10);
        assertThat(hw.ready()).isFalse();
        assertThat(hw.forecast(1)).isNaN();
        hw.observe(20);
        assertThat(hw.ready()).isTrue();
        assertThat(hw.level()).isEqualTo(15);
        assertThat(hw.seasonal(0)).isEqualTo(-5);
        assertThat(hw.seasonal(1)).isEqualTo(5);
        hw.observe(14);
        assertThat(hw.level()).isEqualTo(17);
        assertThat(hw.trend()).isEqualTo(1);
        assertThat(hw.seasonal(0)).isEqualTo(-3);
        hw.observe(22);
        assertThat(hw.level()).isEqualTo(17.5);
        assertThat(hw.trend()).isEqualTo(0.75);
        assertThat(hw.seasonal(1)).isEqualTo(4.5);
        // Forecasts from here: level + h trend + the season of step t + h.
        assertThat(hw.forecast(1)).isEqualTo(17.5 + 0.75 - 3);
        assertThat(hw.forecast(2)).isEqualTo(17.5 + 1.5 + 4.5);
        assertThat(hw.forecast(3)).isEqualTo(17.5 + 2.25 - 3);
        hw.observe(16);
        assertThat(hw.level()).isEqualTo(18.625);
        assertThat(hw.trend()).isEqualTo(0.9375);
        assertThat(hw.seasonal(0)).isEqualTo(-2.625);
        assertThat(hw.count()).isEqualTo(5);
    }

    @Test
    void shouldForecastARepeatingSeasonExactlyWhenItHasNoNoise()
    {
        final int m = 24;
        final HoltWinters hw = new HoltWinters(m, 0.3, 0.05, 0.4);
        for (int t = 0; t < 5 * m; t++)
        {
            hw.observe(pattern(t));
        }
        for (int h = 1; h <= 2 * m; h++)
        {
            assertThat(hw.forecast(h)).as("h = %d", h).isCloseTo(pattern(5 * m - 1 + h), within(1e-9));
        }
    }

    @Test
    void shouldLearnATrendWhenTheLoadGrows()
    {
        // The defaults of the predictive autoscaler. (Large trend and seasonal factors together, such as 0.3 and
        // 0.3, let trend and seasons trade off against each other and drift: the trend ends near -4 here.)
        final int m = 24;
        final HoltWinters hw = new HoltWinters(m, 0.3, 0.01, 0.3);
        for (int t = 0; t < 40 * m; t++)
        {
            hw.observe(pattern(t) + 0.5 * t);
        }
        final int last = 40 * m - 1;
        assertThat(hw.trend()).isCloseTo(0.5, within(0.01));
        assertThat(hw.forecast(6)).isCloseTo(pattern(last + 6) + 0.5 * (last + 6), within(0.5));
    }

    @Test
    void shouldRefuseSmoothingOutsideZeroToOne()
    {
        assertThatThrownBy(() -> new HoltWinters(4, 1.5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new HoltWinters(0, 0.5, 0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> HoltWinters.checkSmoothing(0.5, 0.5, Double.NaN))
            .isInstanceOf(IllegalArgumentException.class);
    }

    private static double pattern(final int t)
    {
        return 100 + 60 * Math.sin(2 * Math.PI * t / 24.0) + (t % 24 == 7 ? 25 : 0);
    }
}
