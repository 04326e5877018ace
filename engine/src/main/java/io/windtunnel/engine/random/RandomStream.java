package io.windtunnel.engine.random;

import java.util.random.RandomGenerator;

/**
 * One seeded stream of random numbers for one component of a model: SplitMix64 (Steele, Lea and Flood,
 * "Fast splittable pseudorandom number generators", OOPSLA 2014), the generator behind
 * {@link java.util.SplittableRandom}, with a 64-bit state and period 2^64.
 * <p>
 * Streams come from {@link RandomStreams}, which derives each stream's seed from the scenario seed and the
 * component's name, so two policies run on one trace draw the same numbers in the same components (common
 * random numbers) however many other streams exist.
 * <p>
 * Sampling: {@link #nextDouble()} has 53 random bits; {@link #nextExponential()} and {@link #nextGaussian()}
 * are the JDK's {@link RandomGenerator} defaults, which use McFarland's modified ziggurat (no logarithm on the
 * fast path). The distribution helpers below scale those.
 * <p>
 * <b>Threading:</b> not thread-safe; one stream belongs to one component on one thread.
 * <b>Allocation:</b> none per sample.
 */
public final class RandomStream implements RandomGenerator
{
    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;
    private long state;

    /**
     * @param seed initial state; equal seeds give equal sequences.
     */
    public RandomStream(final long seed)
    {
        state = seed;
    }

    @Override
    public long nextLong()
    {
        return mix64(state += GOLDEN_GAMMA);
    }

    @Override
    public int nextInt()
    {
        return (int)(nextLong() >>> 32);
    }

    /**
     * @param bound exclusive upper bound, positive.
     * @return a uniform int in {@code [0, bound)}, without modulo bias (Lemire's multiply-shift with rejection).
     */
    @Override
    public int nextInt(final int bound)
    {
        if (bound <= 0)
        {
            throw new IllegalArgumentException("bound must be positive: " + bound);
        }
        long m = (nextLong() >>> 32) * bound;
        long low = m & 0xFFFF_FFFFL;
        if (low < bound)
        {
            final long threshold = (0x1_0000_0000L - bound) % bound;
            while (low < threshold)
            {
                m = (nextLong() >>> 32) * bound;
                low = m & 0xFFFF_FFFFL;
            }
        }
        return (int)(m >>> 32);
    }

    /**
     * @return a uniform double in {@code [0, 1)} with 53 random bits.
     */
    @Override
    public double nextDouble()
    {
        return (nextLong() >>> 11) * 0x1.0p-53;
    }

    /**
     * @param low  inclusive lower bound.
     * @param high exclusive upper bound.
     * @return a uniform double in {@code [low, high)}.
     */
    public double uniform(final double low, final double high)
    {
        return low + (high - low) * nextDouble();
    }

    /**
     * @param mean mean of the distribution, positive.
     * @return an exponentially distributed double with that mean.
     */
    public double exponential(final double mean)
    {
        return mean * nextExponential();
    }

    /**
     * Exponential delay rounded to whole nanoseconds, the usual inter-arrival or service time.
     *
     * @param meanNs mean in nanoseconds, positive.
     * @return a non-negative delay in nanoseconds.
     */
    public long exponentialNs(final double meanNs)
    {
        return (long)(meanNs * nextExponential() + 0.5);
    }

    /**
     * @param mu    mean of the underlying normal (of the logarithm).
     * @param sigma standard deviation of the underlying normal.
     * @return {@code exp(mu + sigma * Z)} for a standard normal {@code Z}.
     */
    public double lognormal(final double mu, final double sigma)
    {
        return Math.exp(mu + sigma * nextGaussian());
    }

    /**
     * @param mean mean of the normal.
     * @param standardDeviation its standard deviation.
     * @return a normally distributed double.
     */
    public double normal(final double mean, final double standardDeviation)
    {
        return mean + standardDeviation * nextGaussian();
    }

    /**
     * @param probability chance of true, in [0, 1].
     * @return true with that probability.
     */
    public boolean bernoulli(final double probability)
    {
        return nextDouble() < probability;
    }

    /**
     * The SplitMix64 finalizer (a variant of MurmurHash3's fmix64): a bijection on 64-bit values that spreads
     * every input bit over every output bit.
     *
     * @param z any value.
     * @return its mix.
     */
    public static long mix64(final long z)
    {
        long x = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
