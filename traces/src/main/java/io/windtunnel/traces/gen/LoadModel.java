package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStreams;

/**
 * A model of request intensity over time. It gives, for each client region and each interval of a
 * {@link LoadGrid}, the expected number of requests: the integral of its intensity (requests per second) over the
 * interval. {@link LoadTraceGenerator} turns that into a {@link io.windtunnel.traces.TraceKind#LOAD_RATE} table,
 * optionally sampling Poisson counts.
 * <p>
 * Models whose intensity is random (noise, a Markov-modulated state) draw from streams named after the model and
 * the region, so that a region's series depends only on the seed, the model and that region.
 * <p>
 * <b>Threading:</b> implementations are immutable. <b>Allocation:</b> each call allocates its result.
 */
public interface LoadModel
{
    /**
     * @param grid    the intervals.
     * @param regions how to split the load over client regions.
     * @param streams the random streams of this generation run.
     * @return expected counts and the region names they belong to.
     * @throws GeneratorParameterException if the model cannot work with these regions (e.g. an unknown offset).
     */
    LoadSeries expectedCounts(LoadGrid grid, RegionMix regions, RandomStreams streams);
}
