package io.windtunnel.engine.metrics;

/**
 * A {@code double} sum with Neumaier's compensation (improved Kahan-Babuska summation), for quantities summed
 * millions of times, such as cost in USD: the error stays near one rounding of the result instead of growing
 * with the number of terms.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> none.
 */
public final class CompensatedSum
{
    private double sum;
    private double compensation;

    /**
     * @param value term to add; NaN and infinities propagate as in plain addition.
     */
    public void add(final double value)
    {
        final double t = sum + value;
        if (Math.abs(sum) >= Math.abs(value))
        {
            compensation += (sum - t) + value;
        }
        else
        {
            compensation += (value - t) + sum;
        }
        sum = t;
    }

    /**
     * @return the compensated sum.
     */
    public double get()
    {
        return sum + compensation;
    }

    /**
     * Set back to zero.
     */
    public void reset()
    {
        sum = 0;
        compensation = 0;
    }
}
