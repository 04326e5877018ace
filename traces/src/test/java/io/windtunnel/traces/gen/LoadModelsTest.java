package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class LoadModelsTest
{
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long HOUR_NS = 60 * MINUTE_NS;
    private static final long DAY_NS = 24 * HOUR_NS;
    /** A Monday, so that whole weeks from here start on a weekday. */
    private static final long START_NS = TraceTimes.parseEpochNs("2024-01-01T00:00:00Z", null);

    @Test
    void shouldDeclareGridAsSpanWhenGeneratingLoad()
    {
        final LoadGrid grid = LoadGrid.of(START_NS, 3 * HOUR_NS, HOUR_NS);
        final TraceTable table = LoadTraceGenerator.generate(new ConstantLoad(10), grid, RegionMix.none(),
            CountMode.EXPECTED, 1);
        assertThat(table.spanDeclared()).isTrue();
        assertThat(table.spanStartNs()).isEqualTo(START_NS);
        assertThat(table.spanEndNs()).isEqualTo(START_NS + 3 * HOUR_NS);
    }

    @Test
    void shouldWriteOneRowPerRegionAndStepSortedWithStepWhenGenerating()
    {
        final TraceTable table = LoadTraceGenerator.generate(new ConstantLoad(10), LoadGrid.of(START_NS, HOUR_NS,
            MINUTE_NS), RegionMix.parse("a:0.25,b:0.75"), CountMode.EXPECTED, 1);

        assertThat(table.kind()).isEqualTo(TraceKind.LOAD_RATE);
        assertThat(table.stepNs()).isEqualTo(MINUTE_NS);
        assertThat(table.rowCount()).isEqualTo(120);
        assertThat(table.keys().size()).isEqualTo(2);
        assertThat(table.keys().field(0, 0)).isEqualTo("a");
        for (int row = 0; row < table.rowCount(); row++)
        {
            assertThat(table.timeNs(row)).isEqualTo(START_NS + row / 2 * MINUTE_NS);
            assertThat(table.value(row)).isEqualTo(table.keyId(row) == 0 ? 150.0 : 450.0);
        }
    }

    @Test
    void shouldMatchMeanAndPoissonDispersionWhenSamplingConstantLoad()
    {
        final double ratePerSec = 3.0;
        final TraceTable table = LoadTraceGenerator.generate(new ConstantLoad(ratePerSec),
            LoadGrid.of(START_NS, 20 * DAY_NS, MINUTE_NS), RegionMix.none(), CountMode.POISSON, 7);

        final int n = table.rowCount();
        final double expectedPerStep = ratePerSec * 60;
        double sum = 0;
        double sumSquares = 0;
        for (int row = 0; row < n; row++)
        {
            final double count = table.value(row);
            assertThat(count).isEqualTo(Math.rint(count)).isGreaterThanOrEqualTo(0);
            sum += count;
            sumSquares += count * count;
        }
        final double mean = sum / n;
        final double variance = sumSquares / n - mean * mean;
        // The total is Poisson(n * 180): within 4 standard errors.
        assertThat(sum).isCloseTo(n * expectedPerStep, within(4 * Math.sqrt(n * expectedPerStep)));
        // Poisson: variance equals the mean; the sample variance's relative SE is about sqrt(2 / n).
        assertThat(variance / mean).isCloseTo(1.0, within(4 * Math.sqrt(2.0 / n)));
    }

    @Test
    void shouldHaveExactMeanAndPeakTroughRatioWhenDiurnalHasNoNoise()
    {
        final double amplitude = 0.5;
        final DiurnalLoad model = new DiurnalLoad(100, amplitude, 14, 1.0, 0);
        final LoadSeries series = model.expectedCounts(
            LoadGrid.of(START_NS, 7 * DAY_NS, MINUTE_NS), RegionMix.none(), new RandomStreams(1));

        final double[] counts = series.expectedCounts()[0];
        double max = 0;
        double min = Double.MAX_VALUE;
        int peakStep = -1;
        for (int step = 0; step < counts.length; step++)
        {
            if (counts[step] > max)
            {
                max = counts[step];
                peakStep = step;
            }
            min = Math.min(min, counts[step]);
        }
        assertThat(series.total() / (7 * 86_400.0)).isCloseTo(100.0, within(1e-9));
        assertThat(max / min).isCloseTo((1 + amplitude) / (1 - amplitude), within(1e-3));
        // The peak interval is the one centred on 14:00 UTC (13:59 or 14:00 start).
        assertThat(peakStep % 1440).isBetween(13 * 60 + 59, 14 * 60);
    }

    @Test
    void shouldShiftPeakByRegionOffsetAndSplitSharesWhenRegionsGiven()
    {
        final DiurnalLoad model = new DiurnalLoad(60, 0.8, 12.5, 1.0, 0);
        final LoadSeries series = model.expectedCounts(LoadGrid.of(START_NS, DAY_NS, HOUR_NS),
            RegionMix.parse("tokyo:0.25@9,us-east:0.75"), new RandomStreams(1));

        assertThat(series.regionNames()).containsExactly("tokyo", "us-east");
        // Local 12:30 is 03:30 UTC in Tokyo (+9) and 17:30 UTC in us-east (-5): the hourly steps 3 and 17.
        assertThat(argMax(series.expectedCounts()[0])).isEqualTo(3);
        assertThat(argMax(series.expectedCounts()[1])).isEqualTo(17);
        double tokyo = 0;
        double usEast = 0;
        for (int step = 0; step < 24; step++)
        {
            tokyo += series.expectedCounts()[0][step];
            usEast += series.expectedCounts()[1][step];
        }
        assertThat(tokyo / (tokyo + usEast)).isCloseTo(0.25, within(1e-6));
    }

    @Test
    void shouldLowerWeekendsAndKeepWeeklyMeanWhenWeekendFactorGiven()
    {
        final double weekendFactor = 0.6;
        final LoadSeries series = new DiurnalLoad(50, 0.3, 15, weekendFactor, 0)
            .expectedCounts(LoadGrid.of(START_NS, 14 * DAY_NS, 5 * MINUTE_NS), RegionMix.none(), new RandomStreams(1));

        final double[] counts = series.expectedCounts()[0];
        final int perDay = 288;
        final double monday = sum(counts, 0, perDay);
        final double saturday = sum(counts, 5 * perDay, 6 * perDay);
        final double sunday = sum(counts, 6 * perDay, 7 * perDay);
        assertThat(saturday / monday).isCloseTo(weekendFactor, within(1e-9));
        assertThat(sunday / monday).isCloseTo(weekendFactor, within(1e-9));
        assertThat(series.total() / (14 * 86_400.0)).isCloseTo(50.0, within(1e-9));
    }

    @Test
    void shouldSplitWeekendAtLocalMidnightWhenStepStraddlesIt()
    {
        // Offset 5.5 h with hourly steps: local midnight falls in the middle of a step.
        final LoadSeries series = new DiurnalLoad(10, 0.0, 0, 0.5, 0)
            .expectedCounts(LoadGrid.of(START_NS, 14 * DAY_NS, HOUR_NS), RegionMix.parse("ap-south:1"),
                new RandomStreams(1));

        final double[] counts = series.expectedCounts()[0];
        final double weekdayRate = 10 / ((5 + 2 * 0.5) / 7);
        // Friday 2024-01-05 18:00 UTC = 23:30 local: half weekday, half Saturday.
        final int step = 4 * 24 + 18;
        assertThat(counts[step]).isCloseTo(weekdayRate * 3600 * 0.75, within(1e-6));
        assertThat(series.total() / (14 * 86_400.0)).isCloseTo(10.0, within(1e-9));
    }

    @Test
    void shouldKeepMeanWhenDiurnalHasNoise()
    {
        final double sigma = 0.2;
        final LoadGrid grid = LoadGrid.of(START_NS, 28 * DAY_NS, MINUTE_NS);
        final TraceTable table = LoadTraceGenerator.generate(new DiurnalLoad(20, 0.5, 14, 0.7, sigma), grid,
            RegionMix.none(), CountMode.EXPECTED, 3);

        double total = 0;
        for (int row = 0; row < table.rowCount(); row++)
        {
            total += table.value(row);
        }
        // Noise has mean 1 and relative SD about sigma per step (the diurnal weights vary by at most a factor 3).
        final double relativeSe = 3 * sigma / Math.sqrt(grid.steps());
        assertThat(total / (28 * 86_400.0) / 20).isCloseTo(1.0, within(4 * relativeSe));
    }

    @Test
    void shouldConvergeToStationaryMixWhenMmppRunsLong()
    {
        final double base = 10;
        final double burst = 100;
        final long meanBaseNs = HOUR_NS;
        final long meanBurstNs = 10 * MINUTE_NS;
        final MmppLoad model = new MmppLoad(base, burst, meanBaseNs, meanBurstNs);
        final LoadGrid grid = LoadGrid.of(START_NS, 100 * DAY_NS, MINUTE_NS);
        final TraceTable table = LoadTraceGenerator.generate(model, grid, RegionMix.none(), CountMode.EXPECTED, 11);

        double total = 0;
        int allBase = 0;
        int allBurst = 0;
        for (int row = 0; row < table.rowCount(); row++)
        {
            final double count = table.value(row);
            total += count;
            allBase += Math.abs(count - base * 60) < 1e-6 ? 1 : 0;
            allBurst += Math.abs(count - burst * 60) < 1e-6 ? 1 : 0;
            assertThat(count).isBetween(base * 60 - 1e-6, burst * 60 + 1e-6);
        }
        final double stationary = (base * 60 + burst * 10) / 70;
        assertThat(model.stationaryMeanRatePerSec()).isCloseTo(stationary, within(1e-12));
        // SE of a time average of a two-state Markov intensity: Var = (l1-l0)^2 p0 p1, correlation time
        // m0 m1 / (m0 + m1), so Var(mean over T) ~ 2 Var tau / T.
        final double p0 = 6.0 / 7;
        final double tauSeconds = 3600.0 * 600 / 4200;
        final double seconds = 100 * 86_400.0;
        final double se = Math.sqrt(2 * (burst - base) * (burst - base) * p0 * (1 - p0) * tauSeconds / seconds);
        assertThat(total / seconds).isCloseTo(stationary, within(4 * se));
        // Both states occur, in roughly the stationary proportion of whole steps.
        assertThat((double)allBase / allBurst).isBetween(4.0, 12.0);
    }

    @Test
    void shouldJumpAndDecayExponentiallyWhenFlashCrowdHits()
    {
        final double base = 10;
        final double multiplier = 8;
        final long decayNs = 30 * MINUTE_NS;
        final long atNs = START_NS + 6 * HOUR_NS;
        final LoadSeries series = new FlashCrowdLoad(base, atNs, multiplier, decayNs)
            .expectedCounts(LoadGrid.of(START_NS, DAY_NS, MINUTE_NS), RegionMix.none(), new RandomStreams(1));

        final double[] counts = series.expectedCounts()[0];
        final int hit = 6 * 60;
        assertThat(counts[hit - 1]).isEqualTo(base * 60);
        final double expectedPeak = base * (60 + (multiplier - 1) * 1800 * (1 - Math.exp(-60.0 / 1800)));
        assertThat(counts[hit]).isCloseTo(expectedPeak, within(1e-9));
        assertThat(argMax(counts)).isEqualTo(hit);
        for (int step = hit; step < hit + 120; step++)
        {
            final double excessRatio = (counts[step + 1] - base * 60) / (counts[step] - base * 60);
            assertThat(excessRatio).isCloseTo(Math.exp(-60.0 / 1800), within(1e-9));
        }
        // All excess requests: (M - 1) * base * tau (the tail after the day is negligible).
        assertThat(series.total() - base * 86_400).isCloseTo((multiplier - 1) * base * 1800, within(1e-3));
    }

    @Test
    void shouldIntegrateExactlyWhenFlashCrowdStartsMidStep()
    {
        final long atNs = START_NS + 30 * 1_000_000_000L;
        final LoadSeries series = new FlashCrowdLoad(1, atNs, 3, MINUTE_NS)
            .expectedCounts(LoadGrid.of(START_NS, HOUR_NS, MINUTE_NS), RegionMix.none(), new RandomStreams(1));

        assertThat(series.expectedCounts()[0][0]).isCloseTo(60 + 2 * 60 * (1 - Math.exp(-0.5)), within(1e-9));
    }

    @Test
    void shouldGiveEqualTablesForEqualSeedsAndDifferentForDifferentSeeds()
    {
        final LoadGrid grid = LoadGrid.of(START_NS, DAY_NS, MINUTE_NS);
        final RegionMix regions = RegionMix.parse("us-east:0.5,eu-west:0.5");
        final LoadModel[] models = {new ConstantLoad(5), new DiurnalLoad(5, 0.5, 14, 0.7, 0.1),
            new MmppLoad(2, 20, HOUR_NS, 5 * MINUTE_NS), new FlashCrowdLoad(5, START_NS + HOUR_NS, 5, HOUR_NS)};
        for (final LoadModel model : models)
        {
            final TraceTable a = LoadTraceGenerator.generate(model, grid, regions, CountMode.POISSON, 99);
            final TraceTable b = LoadTraceGenerator.generate(model, grid, regions, CountMode.POISSON, 99);
            final TraceTable c = LoadTraceGenerator.generate(model, grid, regions, CountMode.POISSON, 100);
            assertThat(a).as(model.toString()).isEqualTo(b);
            assertThat(a).as(model.toString()).isNotEqualTo(c);
        }
    }

    @Test
    void shouldKeepRegionSeriesWhenOtherRegionsAreAdded()
    {
        final LoadGrid grid = LoadGrid.of(START_NS, DAY_NS, MINUTE_NS);
        final DiurnalLoad model = new DiurnalLoad(10, 0.5, 14, 0.7, 0.1);
        final double[] alone = model.expectedCounts(grid, RegionMix.parse("eu-west:1"),
            new RandomStreams(5)).expectedCounts()[0];
        final double[] withOthers = model.expectedCounts(grid, RegionMix.parse("us-east:0.5,eu-west:0.5"),
            new RandomStreams(5)).expectedCounts()[1];

        for (int step = 0; step < alone.length; step++)
        {
            assertThat(withOthers[step]).isCloseTo(alone[step] / 2, within(1e-9 * alone[step]));
        }
    }

    @Test
    void shouldRejectBadParametersWithClearMessages()
    {
        assertThatThrownBy(() -> new ConstantLoad(-1)).isInstanceOf(GeneratorParameterException.class)
            .hasMessageContaining("rate");
        assertThatThrownBy(() -> new DiurnalLoad(1, 1.0, 14, 1, 0)).hasMessageContaining("amplitude");
        assertThatThrownBy(() -> new DiurnalLoad(1, 0.5, 24, 1, 0)).hasMessageContaining("peak hour");
        assertThatThrownBy(() -> new DiurnalLoad(1, 0.5, 14, 0, 0)).hasMessageContaining("weekend");
        assertThatThrownBy(() -> new MmppLoad(1, 2, 0, 1)).hasMessageContaining("sojourn");
        assertThatThrownBy(() -> new FlashCrowdLoad(1, START_NS, 0.5, 1)).hasMessageContaining("multiplier");
        assertThatThrownBy(() -> LoadGrid.of(START_NS, 90_000_000_000L, MINUTE_NS))
            .hasMessageContaining("not a whole number of 1m steps");
        assertThatThrownBy(() -> LoadGrid.of(START_NS, 365 * DAY_NS, 1_000_000L)).hasMessageContaining("at most");
        assertThatThrownBy(() -> new FlashCrowdLoad(1, START_NS + 2 * DAY_NS, 2, HOUR_NS)
            .expectedCounts(LoadGrid.of(START_NS, DAY_NS, HOUR_NS), RegionMix.none(), new RandomStreams(1)))
            .hasMessageContaining("outside the window");
        assertThatThrownBy(() -> new DiurnalLoad(1, 0.5, 14, 1, 0)
            .expectedCounts(LoadGrid.of(START_NS, DAY_NS, HOUR_NS), RegionMix.parse("mars:1"), new RandomStreams(1)))
            .hasMessageContaining("no UTC offset known for 'mars'");
        assertThatThrownBy(() -> CountMode.parse("sampled")).hasMessageContaining("'expected' or 'poisson'");
    }

    private static int argMax(final double[] values)
    {
        int best = 0;
        for (int i = 1; i < values.length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }
        return best;
    }

    private static double sum(final double[] values, final int from, final int to)
    {
        double total = 0;
        for (int i = from; i < to; i++)
        {
            total += values[i];
        }
        return total;
    }
}
