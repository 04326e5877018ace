package io.windtunnel.simulator.runner;

import org.apache.commons.math3.distribution.TDistribution;

import java.util.List;

/**
 * Student-t confidence intervals for means over independent replications (commons-math).
 * <p>
 * <b>Threading:</b> stateless, thread-safe.
 */
public final class ConfidenceIntervals
{
    private ConfidenceIntervals()
    {
    }

    /**
     * @param values     independent observations.
     * @param confidence e.g. 0.95.
     * @return half-width {@code t(1 - alpha/2, n - 1) * s / sqrt(n)}; NaN for fewer than two values or a NaN value.
     */
    public static double halfWidth(final List<Double> values, final double confidence)
    {
        final int n = values.size();
        if (n < 2)
        {
            return Double.NaN;
        }
        double mean = 0;
        for (final double v : values)
        {
            mean += v;
        }
        mean /= n;
        double squares = 0;
        for (final double v : values)
        {
            squares += (v - mean) * (v - mean);
        }
        final double sd = Math.sqrt(squares / (n - 1));
        final double t = new TDistribution(null, n - 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return t * sd / Math.sqrt(n);
    }

    /**
     * @param values observations.
     * @return their mean (NaN if empty).
     */
    public static double mean(final List<Double> values)
    {
        double sum = 0;
        for (final double v : values)
        {
            sum += v;
        }
        return values.isEmpty() ? Double.NaN : sum / values.size();
    }
}
