package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStream;
import org.apache.commons.math3.random.RandomGenerator;

/**
 * Lets Apache Commons Math samplers draw from one of our seeded {@link RandomStream}s, so that everything a
 * generator samples comes from the run's seed and nothing from Commons Math's own default (time-seeded)
 * generators.
 * <p>
 * <b>Threading:</b> not thread-safe, like the stream. <b>Allocation:</b> none per sample.
 */
final class StreamRandomGenerator implements RandomGenerator
{
    private RandomStream stream;

    /**
     * @param stream the stream to draw from.
     */
    StreamRandomGenerator(final RandomStream stream)
    {
        this.stream = stream;
    }

    @Override
    public void setSeed(final int seed)
    {
        stream = new RandomStream(seed);
    }

    @Override
    public void setSeed(final int[] seed)
    {
        long combined = 0;
        for (final int part : seed)
        {
            combined = RandomStream.mix64(combined ^ part);
        }
        stream = new RandomStream(combined);
    }

    @Override
    public void setSeed(final long seed)
    {
        stream = new RandomStream(seed);
    }

    @Override
    public void nextBytes(final byte[] bytes)
    {
        stream.nextBytes(bytes);
    }

    @Override
    public int nextInt()
    {
        return stream.nextInt();
    }

    @Override
    public int nextInt(final int n)
    {
        return stream.nextInt(n);
    }

    @Override
    public long nextLong()
    {
        return stream.nextLong();
    }

    @Override
    public boolean nextBoolean()
    {
        return stream.nextBoolean();
    }

    @Override
    public float nextFloat()
    {
        return stream.nextFloat();
    }

    @Override
    public double nextDouble()
    {
        return stream.nextDouble();
    }

    @Override
    public double nextGaussian()
    {
        return stream.nextGaussian();
    }
}
