package io.windtunnel.simulator.policy;

/**
 * Additive Holt-Winters exponential smoothing (level, trend and a seasonal pattern of {@code m} steps), in the error
 * correction form of Hyndman and Athanasopoulos, "Forecasting: Principles and Practice", section 8.3:
 * <pre>
 *   level_t  = alpha (y_t - s_{t-m}) + (1 - alpha) (level_{t-1} + trend_{t-1})
 *   trend_t  = beta (level_t - level_{t-1}) + (1 - beta) trend_{t-1}
 *   s_t      = gamma (y_t - level_{t-1} - trend_{t-1}) + (1 - gamma) s_{t-m}
 *   yhat_{t+h|t} = level_t + h trend_t + s_{t+h-m(k+1)},  k = floor((h - 1) / m)
 * </pre>
 * It starts from its first full season: the level is that season's mean, the trend 0, and each seasonal term the
 * season's value minus the mean; until then it has no forecast ({@link #ready()} is false). Additive rather than
 * multiplicative because a load's night trough can be 0, where a multiplicative season divides by the level.
 * <p>
 * Commons Math has no Holt-Winters, hence this recursion (small, and tested against a hand-computed series).
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> the seasonal array at construction; nothing after.
 */
final class HoltWinters
{
    private final double alpha;
    private final double beta;
    private final double gamma;
    /** The seasonal terms, by step of the season ({@code t mod m}); the first season's raw values until ready. */
    private final double[] season;
    private double level;
    private double trend;
    /** Observations so far. */
    private long count;

    /**
     * @param seasonSteps steps in one season ({@code m}), at least 1.
     * @param alpha       level smoothing, in [0, 1].
     * @param beta        trend smoothing, in [0, 1].
     * @param gamma       seasonal smoothing, in [0, 1].
     */
    HoltWinters(final int seasonSteps, final double alpha, final double beta, final double gamma)
    {
        if (seasonSteps < 1)
        {
            throw new IllegalArgumentException("a season of at least 1 step required");
        }
        checkSmoothing(alpha, beta, gamma);
        this.alpha = alpha;
        this.beta = beta;
        this.gamma = gamma;
        this.season = new double[seasonSteps];
    }

    /**
     * @param alpha level smoothing.
     * @param beta  trend smoothing.
     * @param gamma seasonal smoothing.
     * @throws IllegalArgumentException unless all three are in [0, 1].
     */
    static void checkSmoothing(final double alpha, final double beta, final double gamma)
    {
        if (!(alpha >= 0 && alpha <= 1) || !(beta >= 0 && beta <= 1) || !(gamma >= 0 && gamma <= 1))
        {
            throw new IllegalArgumentException("smoothing factors alpha, beta and gamma in [0, 1] required");
        }
    }

    /**
     * @param y the next observation (step {@link #count()}).
     */
    void observe(final double y)
    {
        final int m = season.length;
        final int i = (int)(count % m);
        if (count < m)
        {
            season[i] = y;
            if (count == m - 1)
            {
                double sum = 0;
                for (final double v : season)
                {
                    sum += v;
                }
                level = sum / m;
                trend = 0;
                for (int j = 0; j < m; j++)
                {
                    season[j] -= level;
                }
            }
        }
        else
        {
            final double previousLevel = level;
            final double previousTrend = trend;
            final double previousSeason = season[i];
            level = alpha * (y - previousSeason) + (1 - alpha) * (previousLevel + previousTrend);
            trend = beta * (level - previousLevel) + (1 - beta) * previousTrend;
            season[i] = gamma * (y - previousLevel - previousTrend) + (1 - gamma) * previousSeason;
        }
        count++;
    }

    /**
     * @return true once a full season has been observed.
     */
    boolean ready()
    {
        return count >= season.length;
    }

    /**
     * @return observations so far.
     */
    long count()
    {
        return count;
    }

    /**
     * @param h steps ahead of the last observation, at least 1.
     * @return the forecast of observation {@code count() - 1 + h}; NaN before {@link #ready()}.
     */
    double forecast(final int h)
    {
        if (!ready())
        {
            return Double.NaN;
        }
        // The seasonal term of step t+h is the latest one stored for its position in the season.
        final int position = (int)((count - 1 + h) % season.length);
        return level + h * trend + season[position];
    }

    /**
     * @return the level (after the last observation).
     */
    double level()
    {
        return level;
    }

    /**
     * @return the trend per step.
     */
    double trend()
    {
        return trend;
    }

    /**
     * @param position a step of the season, in {@code [0, m)}.
     * @return its seasonal term.
     */
    double seasonal(final int position)
    {
        return season[position];
    }
}
