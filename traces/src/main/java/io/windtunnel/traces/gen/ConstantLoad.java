package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStreams;

import java.util.Arrays;

/**
 * Constant intensity: {@code lambda_r(t) = share_r * ratePerSec}, so each interval of length {@code dt} expects
 * {@code share_r * ratePerSec * dt} requests (with {@link CountMode#POISSON}, a homogeneous Poisson process
 * counted per interval). Draws no random numbers itself.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> the result arrays.
 *
 * @param ratePerSec total mean rate over all regions, requests per second, {@code >= 0}.
 */
public record ConstantLoad(double ratePerSec) implements LoadModel
{
    /**
     * @param ratePerSec total rate, requests per second.
     */
    public ConstantLoad
    {
        GeneratorParameterException.nonNegative("rate (requests/s)", ratePerSec);
    }

    @Override
    public LoadSeries expectedCounts(final LoadGrid grid, final RegionMix regions, final RandomStreams streams)
    {
        final double[][] counts = new double[regions.size()][grid.steps()];
        for (int r = 0; r < regions.size(); r++)
        {
            final double perStep = regions.region(r).share() * ratePerSec * grid.stepSeconds();
            Arrays.fill(counts[r], perStep);
        }
        return new LoadSeries(regions.names(), counts);
    }
}
