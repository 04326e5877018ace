package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;

/**
 * Bursts: a two-state Markov-modulated Poisson process (MMPP-2). A hidden state alternates between BASE and BURST,
 * staying in each for an exponentially distributed time with mean {@code meanBaseNs} and {@code meanBurstNs};
 * the intensity is {@code baseRatePerSec} or {@code burstRatePerSec} (times the region's share) accordingly.
 * <pre>
 *   generator Q = [ -1/m0   1/m0 ]      stationary mix  pi_base = m0 / (m0 + m1),  pi_burst = m1 / (m0 + m1)
 *                 [  1/m1  -1/m1 ]      long-run mean   lambda  = (lambda0 m0 + lambda1 m1) / (m0 + m1)
 * </pre>
 * The state starts from the stationary mix, so the process is stationary from the first interval. Each region has
 * its own independent state path (stream {@code load.mmpp/REGION}); an interval's expected count is the integral
 * of the intensity along that path, so it can straddle a switch. See Fischer and Meier-Hellstern, "The Markov-
 * modulated Poisson process (MMPP) cookbook", Performance Evaluation 18 (1993).
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> the result arrays.
 *
 * @param baseRatePerSec  total rate in the base state, requests per second, {@code >= 0}.
 * @param burstRatePerSec total rate in the burst state, requests per second, {@code >= 0}.
 * @param meanBaseNs      mean sojourn in the base state, nanoseconds, positive.
 * @param meanBurstNs     mean sojourn in the burst state, nanoseconds, positive.
 */
public record MmppLoad(double baseRatePerSec, double burstRatePerSec, long meanBaseNs, long meanBurstNs)
    implements LoadModel
{
    /** Prefix of the state-path stream names; the region name follows. */
    static final String STREAM = "load.mmpp/";

    /**
     * @param baseRatePerSec  base-state rate, requests per second.
     * @param burstRatePerSec burst-state rate, requests per second.
     * @param meanBaseNs      mean base sojourn, nanoseconds.
     * @param meanBurstNs     mean burst sojourn, nanoseconds.
     */
    public MmppLoad
    {
        GeneratorParameterException.nonNegative("base rate (requests/s)", baseRatePerSec);
        GeneratorParameterException.nonNegative("burst rate (requests/s)", burstRatePerSec);
        GeneratorParameterException.require(meanBaseNs > 0, "mean base sojourn must be positive");
        GeneratorParameterException.require(meanBurstNs > 0, "mean burst sojourn must be positive");
    }

    /**
     * @return the long-run mean rate {@code (lambda0 m0 + lambda1 m1) / (m0 + m1)}, requests per second.
     */
    public double stationaryMeanRatePerSec()
    {
        final double m0 = meanBaseNs;
        final double m1 = meanBurstNs;
        return (baseRatePerSec * m0 + burstRatePerSec * m1) / (m0 + m1);
    }

    @Override
    public LoadSeries expectedCounts(final LoadGrid grid, final RegionMix regions, final RandomStreams streams)
    {
        final double[][] counts = new double[regions.size()][grid.steps()];
        final double burstProbability = (double)meanBurstNs / ((double)meanBaseNs + meanBurstNs);
        for (int r = 0; r < regions.size(); r++)
        {
            final double share = regions.region(r).share();
            final double[] ratePerNs = {share * baseRatePerSec / 1e9, share * burstRatePerSec / 1e9};
            final double[] meanSojournNs = {meanBaseNs, meanBurstNs};
            final RandomStream path = streams.stream(STREAM + regions.region(r).name());
            int state = path.nextDouble() < burstProbability ? 1 : 0;
            // Times relative to the grid start (doubles near epoch ns would lose precision): the current state
            // lasts until switchNs.
            double switchNs = path.exponential(meanSojournNs[state]);
            final double[] row = counts[r];
            for (int step = 0; step < grid.steps(); step++)
            {
                final double fromNs = (double)step * grid.stepNs();
                final double toNs = fromNs + grid.stepNs();
                double atNs = fromNs;
                double count = 0;
                while (switchNs < toNs)
                {
                    count += ratePerNs[state] * (switchNs - atNs);
                    atNs = switchNs;
                    state = 1 - state;
                    switchNs += path.exponential(meanSojournNs[state]);
                }
                count += ratePerNs[state] * (toNs - atNs);
                row[step] = count;
            }
        }
        return new LoadSeries(regions.names(), counts);
    }
}
