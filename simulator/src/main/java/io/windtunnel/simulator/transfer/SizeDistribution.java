package io.windtunnel.simulator.transfer;

import io.windtunnel.engine.random.RandomStream;

/**
 * The size of a request, a response or a data-set read: a constant, or drawn per request from an exponential or a
 * lognormal distribution with a mean and (lognormal) a coefficient of variation, as the service time is drawn.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> none per draw.
 */
public final class SizeDistribution
{
    /** Every request has the mean. */
    public static final int CONSTANT = 0;
    /** Exponential with the mean. */
    public static final int EXPONENTIAL = 1;
    /** Lognormal with the mean and coefficient of variation. */
    public static final int LOGNORMAL = 2;

    private final int kind;
    private final double meanBytes;
    private final double cv;
    private final double mu;
    private final double sigma;

    /**
     * @param kind      {@link #CONSTANT}, {@link #EXPONENTIAL} or {@link #LOGNORMAL}.
     * @param meanBytes mean size, bytes, at least 0.
     * @param cv        coefficient of variation (lognormal only), at least 0.
     */
    public SizeDistribution(final int kind, final double meanBytes, final double cv)
    {
        if (kind < CONSTANT || kind > LOGNORMAL || !(meanBytes >= 0) || !(cv >= 0))
        {
            throw new IllegalArgumentException("bad size distribution " + kind + " " + meanBytes + " " + cv);
        }
        this.kind = kind;
        this.meanBytes = meanBytes;
        this.cv = cv;
        this.sigma = Math.sqrt(Math.log(1 + cv * cv));
        this.mu = meanBytes > 0 ? Math.log(meanBytes) - sigma * sigma / 2 : 0;
    }

    /**
     * @param bytes the size of every request.
     * @return a constant size.
     */
    public static SizeDistribution constant(final long bytes)
    {
        return new SizeDistribution(CONSTANT, bytes, 0);
    }

    /**
     * @return true if every draw is the mean (no random numbers are used).
     */
    public boolean isConstant()
    {
        return kind == CONSTANT || meanBytes == 0;
    }

    /**
     * @return the mean size, bytes.
     */
    public double meanBytes()
    {
        return meanBytes;
    }

    /**
     * @return the coefficient of variation.
     */
    public double cv()
    {
        return cv;
    }

    /**
     * @return the kind code.
     */
    public int kind()
    {
        return kind;
    }

    /**
     * @param stream the stream to draw from (untouched for a constant size).
     * @return a size, bytes, rounded to the nearest byte.
     */
    public long sample(final RandomStream stream)
    {
        if (isConstant())
        {
            return (long)(meanBytes + 0.5);
        }
        if (kind == LOGNORMAL)
        {
            return (long)(stream.lognormal(mu, sigma) + 0.5);
        }
        return (long)(stream.exponential(meanBytes) + 0.5);
    }
}
