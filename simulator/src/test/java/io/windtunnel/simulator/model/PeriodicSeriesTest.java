package io.windtunnel.simulator.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * A periodic {@link LoadSeries} or {@link ArrivalLog} is indistinguishable, through every accessor the simulation
 * uses, from the same period copied out over the run (checked on seeded random periods).
 */
class PeriodicSeriesTest
{
    @Test
    void shouldMatchTiledCopyWhenLoadSeriesRepeats()
    {
        final SplittableRandom random = new SplittableRandom(41);
        for (int trial = 0; trial < 200; trial++)
        {
            final int n = 1 + random.nextInt(6);
            final long periodNs = n + random.nextLong(1_000);
            final long[] offsets = distinctSorted(random, n, periodNs);
            offsets[0] = 0;
            final double[] rates = new double[n];
            for (int i = 0; i < n; i++)
            {
                rates[i] = random.nextInt(3) == 0 ? 0 : random.nextDouble() * 1e9;
            }
            final long untilNs = 1 + random.nextLong(20 * periodNs);
            final LoadSeries periodic = LoadSeries.periodic(offsets, rates, periodNs, untilNs);

            final long periods = (untilNs + periodNs - 1) / periodNs;
            final long[] starts = new long[(int)(periods * n)];
            final double[] tiledRates = new double[starts.length];
            for (int k = 0; k < starts.length; k++)
            {
                starts[k] = (k / n) * periodNs + offsets[k % n];
                tiledRates[k] = rates[k % n];
            }
            final LoadSeries tiled = new LoadSeries(starts, tiledRates, periods * periodNs);

            assertThat(periodic.steps()).isEqualTo(tiled.steps());
            assertThat(periodic.endNs()).isEqualTo(tiled.endNs()).isGreaterThanOrEqualTo(untilNs);
            for (int k = 0; k < tiled.steps(); k++)
            {
                assertThat(periodic.startNs(k)).isEqualTo(tiled.startNs(k));
                assertThat(periodic.ratePerNs(k)).isEqualTo(tiled.ratePerNs(k));
                assertThat(periodic.cumulative(k + 1)).isCloseTo(tiled.cumulative(k + 1),
                    within(1e-9 * Math.max(1, tiled.cumulative(k + 1))));
            }
            for (int q = 0; q < 20; q++)
            {
                final long a = random.nextLong(-periodNs, periods * periodNs + periodNs);
                final long b = a + random.nextLong(3 * periodNs);
                final double expected = tiled.expectedArrivals(a, b);
                assertThat(periodic.expectedArrivals(a, b)).as("trial %d [%d, %d)", trial, a, b)
                    .isCloseTo(expected, within(1e-9 * Math.max(1, expected)));
            }
        }
    }

    @Test
    void shouldMatchTiledCopyWhenArrivalLogRepeats()
    {
        final SplittableRandom random = new SplittableRandom(43);
        for (int trial = 0; trial < 200; trial++)
        {
            final int n = random.nextInt(8);
            final long periodNs = 1 + random.nextLong(1_000);
            final long[] times = new long[n];
            final long[] work = new long[n];
            for (int i = 0; i < n; i++)
            {
                times[i] = random.nextLong(periodNs);
                work[i] = random.nextInt(4) == 0 ? -1 : random.nextLong(1_000_000);
            }
            Arrays.sort(times);
            final long untilNs = 1 + random.nextLong(10 * periodNs);
            final ArrivalLog log = ArrivalLog.periodic(times, work, periodNs, untilNs);
            final long periods = (untilNs + periodNs - 1) / periodNs;
            assertThat(log.size()).isEqualTo(periods * n);
            long previous = Long.MIN_VALUE;
            for (int i = 0; i < log.size(); i++)
            {
                assertThat(log.timeNs(i)).isEqualTo((i / n) * periodNs + times[i % n])
                    .isGreaterThanOrEqualTo(previous);
                assertThat(log.workNs(i)).isEqualTo(work[i % n]);
                previous = log.timeNs(i);
            }
        }
    }

    @Test
    void shouldKeepSeriesThatDoesNotRepeatAsItWas()
    {
        final LoadSeries series = new LoadSeries(new long[] {0, 10}, new double[] {1e9, 2e9}, 30);
        assertThat(series.steps()).isEqualTo(2);
        assertThat(series.periodNs()).isZero();
        assertThat(series.cumulative(2)).isEqualTo(50.0);
        assertThat(series.expectedArrivals(0, 100)).isEqualTo(50.0);
        assertThat(new ArrivalLog(new long[] {1, 2}, new long[] {-1, 5}).size()).isEqualTo(2);
    }

    @Test
    void shouldRefusePeriodicSeriesWhenItWouldHaveTooManySteps()
    {
        assertThatThrownBy(() -> LoadSeries.periodic(new long[] {0, 1}, new double[] {1, 2}, 2, Long.MAX_VALUE / 4))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("steps are more than");
        assertThatThrownBy(() -> ArrivalLog.periodic(new long[] {0}, new long[] {1}, 1, Long.MAX_VALUE / 4))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("arrivals are more than");
    }

    private static long[] distinctSorted(final SplittableRandom random, final int n, final long below)
    {
        final long[] values = random.longs(0, below).distinct().limit(n).sorted().toArray();
        return values;
    }
}
