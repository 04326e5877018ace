package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;

/**
 * Turns a {@link LoadModel} into a {@link TraceKind#LOAD_RATE} table: one row per region and interval, keyed by
 * region (the empty region when the load is not split), value the expected count or a Poisson sample of it, and
 * {@link TraceTable#stepNs()} set to the grid's step.
 * <pre>{@code
 * TraceTable load = LoadTraceGenerator.generate(
 *     new DiurnalLoad(100, 0.5, 14, 0.7, 0.05), LoadGrid.of(startNs, 2 * DAY_NS, MINUTE_NS),
 *     RegionMix.parse("us-east:0.5,eu-west:0.3,ap-south:0.2"), CountMode.EXPECTED, 42);
 * }</pre>
 * Rows are added time-major, regions in the order given, so the table is sorted without a sort.
 * <p>
 * <b>Threading:</b> stateless, thread-safe. <b>Allocation:</b> the table and the model's arrays.
 */
public final class LoadTraceGenerator
{
    /** Prefix of the stream names Poisson counts are drawn from; the region name follows. */
    static final String COUNTS_STREAM = "load.counts/";

    private LoadTraceGenerator()
    {
    }

    /**
     * @param model   the intensity model.
     * @param grid    the intervals.
     * @param regions how the load is split over client regions.
     * @param mode    expected counts or Poisson samples.
     * @param seed    the seed; equal arguments give bit-identical tables.
     * @return the load-rate table.
     * @throws GeneratorParameterException if a parameter is unusable.
     */
    public static TraceTable generate(
        final LoadModel model, final LoadGrid grid, final RegionMix regions, final CountMode mode, final long seed)
    {
        final RandomStreams streams = new RandomStreams(seed);
        return toTable(model.expectedCounts(grid, regions, streams), grid, mode, streams);
    }

    /**
     * @param series  expected counts per region and interval.
     * @param grid    the intervals they belong to.
     * @param mode    expected counts or Poisson samples.
     * @param streams streams to draw Poisson counts from (one per region).
     * @return the load-rate table.
     */
    static TraceTable toTable(
        final LoadSeries series, final LoadGrid grid, final CountMode mode, final RandomStreams streams)
    {
        final String[] names = series.regionNames();
        final double[][] expected = series.expectedCounts();
        // The grid is the window the trace describes: declared, so a scenario can tell it covers its run.
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(grid.stepNs())
            .span(grid.startNs(), grid.endNs());
        final KeyDictionary keys = builder.keys();
        final int[] keyIds = new int[names.length];
        final PoissonSampler[] samplers = new PoissonSampler[names.length];
        for (int r = 0; r < names.length; r++)
        {
            keyIds[r] = keys.intern(names[r]);
            if (expected[r].length != grid.steps())
            {
                throw new IllegalStateException(
                    "model gave " + expected[r].length + " intervals for a grid of " + grid.steps());
            }
            if (mode == CountMode.POISSON)
            {
                samplers[r] = new PoissonSampler(streams.stream(COUNTS_STREAM + names[r]));
            }
        }
        for (int step = 0; step < grid.steps(); step++)
        {
            final long timeNs = grid.stepStartNs(step);
            for (int r = 0; r < names.length; r++)
            {
                final double mean = expected[r][step];
                if (!(mean >= 0) || !Double.isFinite(mean))
                {
                    throw new GeneratorParameterException("the model's expected count for region '" + names[r] +
                        "' at step " + step + " is " + mean + "; rates must be finite and >= 0");
                }
                builder.add(timeNs, keyIds[r], 0, mode == CountMode.POISSON ? samplers[r].sample(mean) : mean);
            }
        }
        return builder.build();
    }
}
