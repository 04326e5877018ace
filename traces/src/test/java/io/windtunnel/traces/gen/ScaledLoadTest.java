package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ScaledLoadTest
{
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long START_NS = 1_700_000_000_000_000_000L;

    /** A one-key source: counts 1, 2, 3, 4 per minute. */
    private static TraceTable rampSource()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
        final int key = builder.keys().intern("");
        for (int i = 0; i < 4; i++)
        {
            builder.add(START_NS + i * MINUTE_NS, key, 0, i + 1);
        }
        return builder.build();
    }

    @Test
    void shouldKeepShapeAndHitTargetMeanWhenOnlyRescaling()
    {
        final ScaledLoad model = new ScaledLoad(rampSource(), 1.0);
        final LoadGrid grid = LoadGrid.of(model.sourceStartNs(), model.defaultDurationNs(model.sourceStepNs()),
            model.sourceStepNs());
        final double[] counts = model.expectedCounts(grid, RegionMix.none(), null).expectedCounts()[0];

        // 240 requests over 4 minutes at 1 req/s; the ramp 1:2:3:4 keeps its proportions.
        assertThat(counts).containsExactly(new double[] {24, 48, 72, 96}, within(1e-9));
    }

    @Test
    void shouldConserveRequestsWhenResamplingToCoarserAndFinerSteps()
    {
        final ScaledLoad model = new ScaledLoad(rampSource(), 1.0);
        final double[] coarse = model.expectedCounts(LoadGrid.of(START_NS, 4 * MINUTE_NS, 2 * MINUTE_NS),
            RegionMix.none(), null).expectedCounts()[0];
        final double[] fine = model.expectedCounts(LoadGrid.of(START_NS, 4 * MINUTE_NS, 30_000_000_000L),
            RegionMix.none(), null).expectedCounts()[0];

        assertThat(coarse).containsExactly(new double[] {72, 168}, within(1e-9));
        assertThat(fine).containsExactly(new double[] {12, 12, 24, 24, 36, 36, 48, 48}, within(1e-9));
    }

    @Test
    void shouldRepeatAndCropSourceWhenDurationDiffers()
    {
        final ScaledLoad model = new ScaledLoad(rampSource(), 1.0);
        final double[] repeated = model.expectedCounts(LoadGrid.of(START_NS, 10 * MINUTE_NS, MINUTE_NS),
            RegionMix.none(), null).expectedCounts()[0];
        final double[] cropped = model.expectedCounts(LoadGrid.of(START_NS, 2 * MINUTE_NS, MINUTE_NS),
            RegionMix.none(), null).expectedCounts()[0];

        // Shape 1,2,3,4,1,2,3,4,1,2 (sum 23) scaled to 600 requests over 10 minutes.
        final double unit = 600.0 / 23;
        assertThat(repeated).containsExactly(new double[] {unit, 2 * unit, 3 * unit, 4 * unit, unit, 2 * unit,
            3 * unit, 4 * unit, unit, 2 * unit}, within(1e-9));
        // Shape 1,2 scaled to 120 requests over 2 minutes.
        assertThat(cropped).containsExactly(new double[] {40, 80}, within(1e-9));
    }

    @Test
    void shouldKeepSourceKeysOrSplitTotalWhenRegionsGiven()
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
        final KeyDictionary keys = builder.keys();
        final int north = keys.intern("north");
        final int south = keys.intern("south");
        for (int i = 0; i < 3; i++)
        {
            builder.add(START_NS + i * MINUTE_NS, north, 0, 10);
            builder.add(START_NS + i * MINUTE_NS, south, 0, 30);
        }
        final ScaledLoad model = new ScaledLoad(builder.build(), 2.0);
        final LoadGrid grid = LoadGrid.of(START_NS, 3 * MINUTE_NS, MINUTE_NS);

        final LoadSeries kept = model.expectedCounts(grid, RegionMix.none(), null);
        assertThat(kept.regionNames()).containsExactly("north", "south");
        assertThat(kept.expectedCounts()[0]).containsExactly(new double[] {30, 30, 30}, within(1e-9));
        assertThat(kept.expectedCounts()[1]).containsExactly(new double[] {90, 90, 90}, within(1e-9));

        final LoadSeries split = model.expectedCounts(grid, RegionMix.parse("x:0.5,y:0.5"), null);
        assertThat(split.regionNames()).containsExactly("x", "y");
        assertThat(split.expectedCounts()[0]).containsExactly(new double[] {60, 60, 60}, within(1e-9));
    }

    @Test
    void shouldSpreadRowsOverIrregularIntervalsWhenKeyHasUnevenTimes()
    {
        // Rows at 0 and 3 minutes with step 1m: the first row's 30 requests cover [0, 3m), the second [3m, 4m).
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
        final int key = builder.keys().intern("");
        builder.add(START_NS, key, 0, 30);
        builder.add(START_NS + 3 * MINUTE_NS, key, 0, 10);
        final ScaledLoad model = new ScaledLoad(builder.build(), 40.0 / 240);

        final double[] counts = model.expectedCounts(LoadGrid.of(START_NS, 4 * MINUTE_NS, MINUTE_NS),
            RegionMix.none(), null).expectedCounts()[0];
        assertThat(counts).containsExactly(new double[] {10, 10, 10, 10}, within(1e-9));
    }

    @Test
    void shouldHitTargetMeanForRandomSourcesAndGrids()
    {
        final SplittableRandom random = new SplittableRandom(2024);
        for (int trial = 0; trial < 200; trial++)
        {
            final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
            final int regions = 1 + random.nextInt(3);
            final int rows = 1 + random.nextInt(50);
            for (int r = 0; r < regions; r++)
            {
                builder.keys().intern("r" + r);
            }
            for (int i = 0; i < rows; i++)
            {
                for (int r = 0; r < regions; r++)
                {
                    builder.add(START_NS + i * MINUTE_NS, r, 0, random.nextInt(1000) + 1);
                }
            }
            final double target = 0.01 + random.nextDouble() * 100;
            final ScaledLoad model = new ScaledLoad(builder.build(), target);
            final long stepNs = (1 + random.nextInt(5)) * 30_000_000_000L;
            final int steps = 1 + random.nextInt(200);
            final LoadSeries series = model.expectedCounts(LoadGrid.of(START_NS, steps * stepNs, stepNs),
                RegionMix.none(), new RandomStreams(trial));

            assertThat(series.total() / (steps * stepNs / 1e9)).as("trial %d", trial)
                .isCloseTo(target, within(1e-9 * target));
            for (final double[] row : series.expectedCounts())
            {
                for (final double count : row)
                {
                    assertThat(count).isGreaterThanOrEqualTo(0);
                }
            }
        }
    }

    @Test
    void shouldRejectUnusableSources()
    {
        final TraceTable price = TraceTable.builder(TraceKind.PRICE).build();
        assertThatThrownBy(() -> new ScaledLoad(price, 1)).hasMessageContaining("load-rate");
        final TraceTable empty = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS).build();
        assertThatThrownBy(() -> new ScaledLoad(empty, 1)).hasMessageContaining("no rows");

        final TraceTable.Builder zeros = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
        zeros.add(START_NS, zeros.keys().intern(""), 0, 0);
        assertThatThrownBy(() -> new ScaledLoad(zeros.build(), 1)).hasMessageContaining("no requests");

        final TraceTable.Builder noStep = TraceTable.builder(TraceKind.LOAD_RATE);
        noStep.add(START_NS, noStep.keys().intern(""), 0, 5);
        assertThatThrownBy(() -> new ScaledLoad(noStep.build(), 1)).hasMessageContaining("no step");

        final TraceTable.Builder twice = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(MINUTE_NS);
        final int key = twice.keys().intern("a");
        twice.add(START_NS, key, 0, 5).add(START_NS, key, 0, 6);
        assertThatThrownBy(() -> new ScaledLoad(twice.build(), 1)).hasMessageContaining("two rows for region 'a'");

        assertThatThrownBy(() -> new ScaledLoad(rampSource(), 0)).hasMessageContaining("target mean rate");
        assertThatThrownBy(() -> new ScaledLoad(rampSource(), 1).defaultDurationNs(10 * MINUTE_NS))
            .hasMessageContaining("less than one step");
    }
}
