package io.windtunnel.engine.random;

/**
 * The random numbers of one scenario run: one seed, split into independent {@link RandomStream}s by component
 * name (and optional index), so that each component's sequence depends only on the seed and its own name.
 * <p>
 * This is what makes comparisons fair (common random numbers): policy stack A and policy stack B, run with the
 * same seed, both take their arrivals from {@code stream("arrivals")} and their service times from
 * {@code stream("service", replica)}, so they see the same requests, whatever other streams either of them
 * creates and in whatever order. Replications use {@link #forReplication(int)}.
 * <pre>{@code
 * RandomStreams streams = new RandomStreams(42);
 * RandomStream arrivals = streams.stream("arrivals");
 * RandomStream service = streams.stream("service", 3);
 * }</pre>
 * Seeds are derived as {@code mix64(mix64(seed) ^ hash(name) + index * gamma)} with a 64-bit FNV-1a hash of the
 * name; streams with distinct names are statistically independent for any practical run length.
 * <p>
 * <b>Threading:</b> immutable, safe to share; the streams it makes are not. <b>Allocation:</b> each call to
 * {@code stream} creates one stream: call at setup.
 */
public final class RandomStreams
{
    private static final long FNV_OFFSET = 0xcbf29ce484222325L;
    private static final long FNV_PRIME = 0x100000001b3L;
    private static final long INDEX_GAMMA = 0x9e3779b97f4a7c15L;

    private final long seed;

    /**
     * @param seed the scenario seed.
     */
    public RandomStreams(final long seed)
    {
        this.seed = seed;
    }

    /**
     * @return the seed these streams derive from.
     */
    public long seed()
    {
        return seed;
    }

    /**
     * @param name component name, e.g. {@code "arrivals"}.
     * @return a new stream for that component, at the start of its sequence.
     */
    public RandomStream stream(final String name)
    {
        return stream(name, 0);
    }

    /**
     * @param name  component name.
     * @param index instance of that component, e.g. a replica number.
     * @return a new stream for that instance, at the start of its sequence.
     */
    public RandomStream stream(final String name, final long index)
    {
        return new RandomStream(seedOf(name, index));
    }

    /**
     * @param replication replication number, from 0.
     * @return the streams of that replication; replication 0 gets other numbers than this object itself.
     */
    public RandomStreams forReplication(final int replication)
    {
        return new RandomStreams(RandomStream.mix64(seed + (replication + 1L) * INDEX_GAMMA) ^ 0x5DEECE66DL);
    }

    long seedOf(final String name, final long index)
    {
        long hash = FNV_OFFSET;
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            hash = (hash ^ (c & 0xFF)) * FNV_PRIME;
            hash = (hash ^ (c >>> 8)) * FNV_PRIME;
        }
        return RandomStream.mix64((RandomStream.mix64(seed) ^ hash) + index * INDEX_GAMMA);
    }
}
