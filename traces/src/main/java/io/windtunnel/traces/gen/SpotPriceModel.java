package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStream;
import org.eclipse.collections.impl.list.mutable.primitive.DoubleArrayList;
import org.eclipse.collections.impl.list.mutable.primitive.LongArrayList;

/**
 * Spot price as a mean-reverting process with upward jumps on the log of the spot/on-demand ratio, observed as a
 * piecewise-constant price that changes at random times.
 * <pre>
 *   X(t)   = log(spot / on-demand), latent
 *   dX     = theta (mu - X) dt + sigma dW + dJ          (Ornstein-Uhlenbeck plus a compound Poisson process)
 *   mu     = log(meanRatio);  J: jumps at rate lambdaJ, sizes exponential with mean m (spikes upward)
 *   price  = onDemand if X >= 0, else round(onDemand * exp(X), decimals) clamped to [10^-decimals, onDemand]
 * </pre>
 * The price is re-quoted at the points of a Poisson process of rate {@code changesPerDay + jumpsPerDay}; each
 * point is a jump with probability {@code jumpsPerDay / (changesPerDay + jumpsPerDay)}, so jumps are always
 * visible. Between points the price is constant: since AWS moved to smoothed spot prices in late 2017 (AWS Compute
 * Blog, "New Amazon EC2 Spot pricing model", December 2017), prices follow longer-term supply and demand and change
 * a few times a day rather than by the minute. Gaps are whole seconds (rounded up, at least one second). {@code X}
 * moves between points by the exact OU transition (Gillespie, Phys. Rev. E 54, 1996):
 * <pre>
 *   X' = mu + (X - mu) e^(-theta D) + sigma sqrt((1 - e^(-2 theta D)) / (2 theta)) Z   (+ J if a jump)
 * </pre>
 * and starts from the stationary law of the OU part, {@code N(mu, sigma^2 / (2 theta))}. Without jumps the
 * long-run mean of {@code X} is {@code mu} and the lag-1 autocorrelation of consecutive quotes is
 * {@code E[e^(-theta D)] = nu / (nu + theta)} for exponential gaps of rate {@code nu}. Jumps raise the long-run
 * mean of {@code X} to {@code mu + lambdaJ m / theta}; a quote holds the value just after its event, so the
 * quoted log ratio averages {@code q m} more, {@code q = lambdaJ / (nu + lambdaJ)}. The cap at on-demand (spot
 * never costs more) and the rounding act on the observed price only. A quote equal to the previous one is not
 * written.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> the result arrays.
 *
 * @param meanRatio            {@code exp(mu)}: long-run level of spot / on-demand without jumps, in (0, 1].
 * @param reversionPerDay      {@code theta}, per day, positive (half-life of a deviation: {@code ln 2 / theta}).
 * @param volatilityPerSqrtDay {@code sigma}, per square root of a day, {@code >= 0}.
 * @param changesPerDay        rate of ordinary re-quotes, per day, positive.
 * @param jumpsPerDay          {@code lambdaJ}, rate of jumps, per day, {@code >= 0}.
 * @param jumpMeanLog          {@code m}, mean jump size in log units (0.5 raises the price by about 65%), positive.
 * @param decimals             decimal places prices are rounded to, 2 to 10.
 */
public record SpotPriceModel(
    double meanRatio, double reversionPerDay, double volatilityPerSqrtDay, double changesPerDay, double jumpsPerDay,
    double jumpMeanLog, int decimals)
{
    /** Seconds per day, the time unit of the rates. */
    static final double DAY_SECONDS = 86_400.0;

    /**
     * @param meanRatio            long-run spot / on-demand level.
     * @param reversionPerDay      mean-reversion speed, per day.
     * @param volatilityPerSqrtDay volatility, per square root of a day.
     * @param changesPerDay        ordinary re-quotes per day.
     * @param jumpsPerDay          jumps per day.
     * @param jumpMeanLog          mean jump size, log units.
     * @param decimals             decimal places of prices.
     */
    public SpotPriceModel
    {
        GeneratorParameterException.require(meanRatio > 0 && meanRatio <= 1,
            "mean spot/on-demand ratio must be in (0, 1], got " + meanRatio);
        GeneratorParameterException.positive("reversion (per day)", reversionPerDay);
        GeneratorParameterException.nonNegative("volatility (per sqrt day)", volatilityPerSqrtDay);
        GeneratorParameterException.positive("price changes per day", changesPerDay);
        GeneratorParameterException.nonNegative("jumps per day", jumpsPerDay);
        GeneratorParameterException.positive("mean jump size (log)", jumpMeanLog);
        GeneratorParameterException.require(decimals >= 2 && decimals <= 10,
            "price decimals must be 2..10, got " + decimals);
    }

    /**
     * @return the defaults: ratio 0.35, reversion 1/day, volatility 0.15/sqrt(day), 4 changes and 0.1 jumps per
     * day, jump mean 0.5, 4 decimals.
     */
    public static SpotPriceModel defaults()
    {
        return new SpotPriceModel(0.35, 1.0, 0.15, 4.0, 0.1, 0.5, 4);
    }

    /**
     * @return the long-run mean of {@code X = log(spot/on-demand)} including jumps, before the cap.
     */
    public double stationaryLogMean()
    {
        return StrictMath.log(meanRatio) + jumpsPerDay * jumpMeanLog / reversionPerDay;
    }

    /**
     * @return the long-run (time-weighted) mean of the quoted {@code log(spot/on-demand)} before the cap:
     * {@link #stationaryLogMean()} plus {@code q m}, because each quote holds the value just after its event.
     */
    public double quotedLogMean()
    {
        return stationaryLogMean() + jumpsPerDay / (changesPerDay + jumpsPerDay) * jumpMeanLog;
    }

    /**
     * A price path for one key.
     *
     * @param timeNs          quote times, epoch nanoseconds, ascending, the first at the start.
     * @param pricePerHourUsd the price from each time on.
     */
    public record Path(long[] timeNs, double[] pricePerHourUsd)
    {
    }

    /**
     * @param onDemandUsd on-demand price, USD per hour, at least {@code 10^-decimals}.
     * @param startNs     start, epoch nanoseconds: the first quote.
     * @param endNs       end (exclusive), epoch nanoseconds: no quote at or after it.
     * @param stream      where randomness comes from.
     * @return the quotes.
     */
    public Path simulate(final double onDemandUsd, final long startNs, final long endNs, final RandomStream stream)
    {
        final double scale = StrictMath.pow(10, decimals);
        final double tick = 1 / scale;
        GeneratorParameterException.require(onDemandUsd >= tick && Double.isFinite(onDemandUsd),
            "on-demand price " + onDemandUsd + " is below one unit of the last of " + decimals + " decimals");
        GeneratorParameterException.require(endNs > startNs, "the price window is empty");
        final double mu = StrictMath.log(meanRatio);
        final double theta = reversionPerDay;
        final double sigma = volatilityPerSqrtDay;
        final double eventsPerDay = changesPerDay + jumpsPerDay;
        final double jumpProbability = jumpsPerDay / eventsPerDay;
        final double meanGapSeconds = DAY_SECONDS / eventsPerDay;
        RowLimit.check("spot prices", eventsPerDay * (endNs - startNs) / 1e9 / DAY_SECONDS);

        final LongArrayList times = new LongArrayList();
        final DoubleArrayList prices = new DoubleArrayList();
        double x = mu + sigma * StrictMath.sqrt(1 / (2 * theta)) * stream.nextGaussian();
        long timeNs = startNs;
        double last = Double.NaN;
        while (true)
        {
            final double price = observe(x, onDemandUsd, scale, tick);
            if (price != last)
            {
                times.add(timeNs);
                prices.add(price);
                last = price;
            }
            final long gapSeconds = Math.max(1L, (long)Math.ceil(stream.exponential(meanGapSeconds)));
            // Compare in seconds first so that a huge gap cannot overflow the addition.
            if (gapSeconds > (endNs - timeNs) / 1_000_000_000L)
            {
                break;
            }
            timeNs += gapSeconds * 1_000_000_000L;
            if (timeNs >= endNs)
            {
                break;
            }
            final double gapDays = gapSeconds / DAY_SECONDS;
            final double decay = StrictMath.exp(-theta * gapDays);
            x = mu + (x - mu) * decay +
                sigma * StrictMath.sqrt((1 - decay * decay) / (2 * theta)) * stream.nextGaussian();
            if (stream.nextDouble() < jumpProbability)
            {
                x += stream.exponential(jumpMeanLog);
            }
        }
        return new Path(times.toArray(), prices.toArray());
    }

    private static double observe(final double x, final double onDemandUsd, final double scale, final double tick)
    {
        if (x >= 0)
        {
            return onDemandUsd;
        }
        final double rounded = Math.round(onDemandUsd * StrictMath.exp(x) * scale) / scale;
        return Math.min(onDemandUsd, Math.max(tick, rounded));
    }
}
