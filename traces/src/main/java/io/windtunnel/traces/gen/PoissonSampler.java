package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStream;
import org.apache.commons.math3.distribution.PoissonDistribution;

/**
 * Draws Poisson counts from a seeded stream, for load traces with {@link CountMode#POISSON}.
 * <p>
 * Means up to {@value #NORMAL_APPROXIMATION_MEAN} use Apache Commons Math's {@link PoissonDistribution} (inversion
 * for small means, Devroye's rejection method above 40) driven by our stream; larger means use the normal
 * approximation {@code round(max(0, mean + sqrt(mean) Z))}, whose relative error in any moment is far below what a
 * load trace can show, and which avoids the {@code int} range of the Commons Math sampler.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> one small Commons Math object per sample below the
 * normal-approximation threshold; generation is a setup-time job.
 */
public final class PoissonSampler
{
    /** Means above this are sampled with the normal approximation. */
    public static final double NORMAL_APPROXIMATION_MEAN = 1e7;

    private final RandomStream stream;
    private final StreamRandomGenerator generator;

    /**
     * @param stream the stream to draw from.
     */
    public PoissonSampler(final RandomStream stream)
    {
        this.stream = stream;
        this.generator = new StreamRandomGenerator(stream);
    }

    /**
     * @param mean the mean, finite and non-negative.
     * @return a Poisson sample: 0 when the mean is 0.
     */
    public long sample(final double mean)
    {
        if (!(mean >= 0) || !Double.isFinite(mean))
        {
            throw new IllegalArgumentException("Poisson mean must be finite and >= 0, got " + mean);
        }
        if (mean == 0)
        {
            return 0;
        }
        if (mean > NORMAL_APPROXIMATION_MEAN)
        {
            return Math.max(0L, Math.round(mean + StrictMath.sqrt(mean) * stream.nextGaussian()));
        }
        return new PoissonDistribution(generator, mean, PoissonDistribution.DEFAULT_EPSILON,
            PoissonDistribution.DEFAULT_MAX_ITERATIONS).sample();
    }
}
