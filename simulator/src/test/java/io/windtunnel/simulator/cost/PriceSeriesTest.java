package io.windtunnel.simulator.cost;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * A periodic price series ({@code beyond: repeat}) prices and integrates like the same period copied out over
 * time, before time 0 as well (checked on seeded random periods), and like a hand-computed case.
 */
class PriceSeriesTest
{
    private static final long HOUR_NS = 3_600_000_000_000L;

    @Test
    void shouldIntegrateHandComputedCaseWhenSeriesRepeats()
    {
        // 1 USD/h for the first hour of a 3 h period, then 2: one period costs 5 USD.
        final PriceSeries series = PriceSeries.periodic(new long[] {0, HOUR_NS}, new double[] {1, 2}, 3 * HOUR_NS);
        assertThat(series.integrateUsd(0, 3 * HOUR_NS)).isCloseTo(5.0, within(1e-12));
        assertThat(series.integrateUsd(0, 30 * HOUR_NS)).isCloseTo(50.0, within(1e-9));
        // From the middle of the first hour to the middle of the first hour 10 periods later: 0.5 + 2 * 2 + 9 * 5 + 0.5.
        assertThat(series.integrateUsd(HOUR_NS / 2, 30 * HOUR_NS + HOUR_NS / 2)).isCloseTo(50.0, within(1e-9));
        assertThat(series.integrateUsd(-HOUR_NS, 0)).isCloseTo(2.0, within(1e-12));
        assertThat(series.pricePerHourUsdAt(-HOUR_NS)).isEqualTo(2.0);
        assertThat(series.pricePerHourUsdAt(3 * HOUR_NS)).isEqualTo(1.0);
        assertThat(series.periodNs()).isEqualTo(3 * HOUR_NS);
    }

    @Test
    void shouldMatchTiledCopyWhenSeriesRepeats()
    {
        final SplittableRandom random = new SplittableRandom(47);
        for (int trial = 0; trial < 300; trial++)
        {
            final int n = 1 + random.nextInt(5);
            final long periodNs = n + random.nextLong(10_000);
            final long[] offsets = random.longs(1, periodNs).distinct().limit(n - 1).sorted().toArray();
            final long[] steps = new long[n];
            System.arraycopy(offsets, 0, steps, 1, n - 1);
            final double[] prices = random.doubles(n, 0, 5).toArray();
            final PriceSeries periodic = PriceSeries.periodic(steps, prices, periodNs);

            // Copies of the period from -4 to +6 periods; checked well inside them.
            final int copies = 10;
            final long[] times = new long[copies * n];
            final double[] tiledPrices = new double[times.length];
            for (int k = 0; k < times.length; k++)
            {
                times[k] = (k / n - 4) * periodNs + steps[k % n];
                tiledPrices[k] = prices[k % n];
            }
            final PriceSeries tiled = new PriceSeries(times, tiledPrices);
            for (int q = 0; q < 30; q++)
            {
                final long a = random.nextLong(-3 * periodNs, 3 * periodNs);
                final long b = a + random.nextLong(3 * periodNs);
                final double expected = tiled.integrateUsd(a, b);
                assertThat(periodic.integrateUsd(a, b)).as("trial %d [%d, %d)", trial, a, b)
                    .isCloseTo(expected, within(1e-12 + 1e-9 * expected));
                assertThat(periodic.pricePerHourUsdAt(a)).isEqualTo(tiled.pricePerHourUsdAt(a));
            }
        }
    }
}
