package io.windtunnel.traces.gen;

import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import org.apache.commons.math3.analysis.MultivariateFunction;
import org.apache.commons.math3.optim.InitialGuess;
import org.apache.commons.math3.optim.MaxEval;
import org.apache.commons.math3.optim.PointValuePair;
import org.apache.commons.math3.optim.nonlinear.scalar.GoalType;
import org.apache.commons.math3.optim.nonlinear.scalar.ObjectiveFunction;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.NelderMeadSimplex;
import org.apache.commons.math3.optim.nonlinear.scalar.noderiv.SimplexOptimizer;
import org.apache.commons.math3.stat.regression.SimpleRegression;

import java.math.BigDecimal;

/**
 * Fits a {@link SpotPriceModel} to an observed spot price series of one key.
 * <p>
 * <b>Estimator.</b> With {@code y_i = log(p_i / onDemand)} at quote times {@code t_i} and gaps
 * {@code D_i = t_(i+1) - t_i} (days), the model says each transition is
 * <pre>
 *   y_(i+1) = mu + (y_i - mu) e^(-theta D_i) + eps_i + (J_i with probability q)
 *   eps_i ~ N(0, s_i^2),  s_i^2 = sigma^2 (1 - e^(-2 theta D_i)) / (2 theta),  J_i ~ Exponential(mean m)
 * </pre>
 * so the residual {@code r_i} has the density {@code (1 - q) N(r; 0, s_i) + q EMG(r; s_i, m)}, EMG being the
 * exponentially modified Gaussian {@code (1/m) exp(s^2/(2m^2) - r/m) Phi(r/s - s/m)}. The calibrator maximizes
 * this exact likelihood (the OU transition density at irregular times, plus the jump mixture) over
 * {@code (log theta, mu, log sigma, logit q, log m)} with Nelder-Mead (Apache Commons Math, deterministic),
 * restarted twice from its own optimum. The start comes from an AR(1) regression {@code y_(i+1) = a + b y_i}
 * (OLS): {@code theta0 = -ln(b) / mean(D)}, {@code mu0 = a / (1 - b)}, {@code sigma0} from the residual variance.
 * The quote rate gives the rest: {@code nu_total = (n - 1) / (t_n - t_1)}, {@code jumpsPerDay = q nu_total},
 * {@code changesPerDay = (1 - q) nu_total}. Decimals are the most seen in the prices (2 to 10).
 * <p>
 * A price at the on-demand cap ({@code y >= 0}) only says the latent value is at least 0: such a quote enters as
 * the probability of reaching the cap (censoring, as in a Tobit model), and the transition out of it, whose
 * starting value is unknown, is left out. Without this the largest jumps, cut off by the cap, bias the jump size
 * down.
 * <p>
 * Caveats: rounded prices are taken as exact; repeated equal prices (which a source may or may not list) lower
 * the quote rate; small jumps cannot be told from diffusion, so with a jump mean close to the per-quote noise the
 * split between {@code sigma} and the jumps is weakly identified. {@code Phi} uses the
 * erfc approximation of Press et al., Numerical Recipes, 2nd ed., section 6.2 (fractional error below 1.2e-7).
 * <p>
 * <b>Threading:</b> stateless, thread-safe. <b>Allocation:</b> arrays of the series' length.
 */
public final class SpotCalibrator
{
    /** Fewest quotes a series must have to be calibrated on. */
    public static final int MIN_QUOTES = 30;

    private static final double LOG_SQRT_TWO_PI = 0.5 * StrictMath.log(2 * Math.PI);
    private static final double LOG_HALF = StrictMath.log(0.5);
    private static final double MIN_VARIANCE = 1e-14;

    private SpotCalibrator()
    {
    }

    /**
     * The fitted model and how well it is supported.
     *
     * @param model         the fitted parameters.
     * @param quotes        number of quotes used.
     * @param spanDays      time from the first to the last quote, days.
     * @param logLikelihood maximized log-likelihood of the transitions.
     */
    public record Calibration(SpotPriceModel model, int quotes, double spanDays, double logLikelihood)
    {
    }

    /**
     * Calibrate on one key of a price table.
     *
     * @param prices      a price trace.
     * @param spotKeyId   the key of the spot series.
     * @param onDemandUsd the on-demand price of that key, or NaN to take it from the table's on-demand key with the
     *                    same provider, region, zone and instance type (its last price).
     * @return the fitted model.
     * @throws GeneratorParameterException if the table is not a price trace, the series is too short or has
     *                                     non-positive prices, or no on-demand price is known.
     */
    public static Calibration calibrate(final TraceTable prices, final int spotKeyId, final double onDemandUsd)
    {
        GeneratorParameterException.require(prices.kind() == TraceKind.PRICE,
            "calibration needs a price trace, got a " + prices.kind().label() + " trace");
        GeneratorParameterException.require(spotKeyId >= 0 && spotKeyId < prices.keys().size(),
            "no key " + spotKeyId + " in the price trace");
        double onDemand = onDemandUsd;
        if (Double.isNaN(onDemand))
        {
            onDemand = onDemandFor(prices, spotKeyId);
            GeneratorParameterException.require(!Double.isNaN(onDemand),
                "the price trace has no on-demand price for " + prices.keys().describe(spotKeyId) +
                "; give the on-demand price explicitly");
        }
        int n = 0;
        for (int row = 0; row < prices.rowCount(); row++)
        {
            if (prices.keyId(row) == spotKeyId)
            {
                n++;
            }
        }
        final long[] timeNs = new long[n];
        final double[] values = new double[n];
        int i = 0;
        for (int row = 0; row < prices.rowCount(); row++)
        {
            if (prices.keyId(row) == spotKeyId)
            {
                timeNs[i] = prices.timeNs(row);
                values[i++] = prices.value(row);
            }
        }
        return calibrate(timeNs, values, onDemand);
    }

    /**
     * @param prices    a price trace.
     * @param spotKeyId a key of it.
     * @return the last price of the on-demand key with the same provider, region, zone and instance type, or NaN.
     */
    public static double onDemandFor(final TraceTable prices, final int spotKeyId)
    {
        final KeyDictionary keys = prices.keys();
        final String[] spot = keys.fields(spotKeyId);
        double found = Double.NaN;
        for (int row = 0; row < prices.rowCount(); row++)
        {
            final int key = prices.keyId(row);
            if (key != spotKeyId && Market.parse(keys.field(key, 4)) == Market.ON_DEMAND &&
                keys.field(key, 0).equals(spot[0]) && keys.field(key, 1).equals(spot[1]) &&
                keys.field(key, 2).equals(spot[2]) && keys.field(key, 3).equals(spot[3]))
            {
                found = prices.value(row);
            }
        }
        return found;
    }

    /**
     * @param timeNs          quote times, epoch nanoseconds, strictly ascending.
     * @param pricePerHourUsd prices, positive.
     * @param onDemandUsd     the on-demand price, positive.
     * @return the fitted model.
     * @throws GeneratorParameterException if the series is too short, not ascending or has a non-positive price.
     */
    public static Calibration calibrate(final long[] timeNs, final double[] pricePerHourUsd, final double onDemandUsd)
    {
        final int n = timeNs.length;
        GeneratorParameterException.require(n >= MIN_QUOTES,
            "calibration needs at least " + MIN_QUOTES + " spot prices, the series has " + n);
        GeneratorParameterException.positive("on-demand price (USD/h)", onDemandUsd);
        final double[] y = new double[n];
        final double[] gapDays = new double[n - 1];
        int decimals = 2;
        for (int i = 0; i < n; i++)
        {
            final double price = pricePerHourUsd[i];
            if (!(price > 0) || !Double.isFinite(price))
            {
                throw new GeneratorParameterException("spot price " + price + " at " +
                    TraceTimes.formatIso(timeNs[i]) + " is not positive");
            }
            y[i] = StrictMath.log(price / onDemandUsd);
            decimals = Math.max(decimals, Math.min(10, BigDecimal.valueOf(price).stripTrailingZeros().scale()));
            if (i > 0)
            {
                if (timeNs[i] <= timeNs[i - 1])
                {
                    throw new GeneratorParameterException("spot prices at " + TraceTimes.formatIso(timeNs[i]) +
                        " are not in strictly ascending time order");
                }
                gapDays[i - 1] = (timeNs[i] - timeNs[i - 1]) / 1e9 / SpotPriceModel.DAY_SECONDS;
            }
        }
        final double spanDays = (timeNs[n - 1] - timeNs[0]) / 1e9 / SpotPriceModel.DAY_SECONDS;
        final double quotesPerDay = (n - 1) / spanDays;

        final double[] start = startingPoint(y, gapDays);
        final MultivariateFunction negativeLogLikelihood = p -> -logLikelihood(p, y, gapDays);
        final SimplexOptimizer optimizer = new SimplexOptimizer(1e-10, 1e-10);
        PointValuePair best = new PointValuePair(start, negativeLogLikelihood.value(start));
        for (int round = 0; round < 3; round++)
        {
            final PointValuePair found = optimizer.optimize(
                new MaxEval(20_000), new ObjectiveFunction(negativeLogLikelihood), GoalType.MINIMIZE,
                new InitialGuess(best.getPoint()), new NelderMeadSimplex(new double[] {0.3, 0.1, 0.3, 1.0, 0.3}));
            if (found.getValue() <= best.getValue())
            {
                best = found;
            }
        }
        final double[] p = clamp(best.getPoint());
        final double theta = StrictMath.exp(p[0]);
        final double q = 1 / (1 + StrictMath.exp(-p[3]));
        final double meanRatio = Math.min(1.0, StrictMath.exp(p[1]));
        final SpotPriceModel model = new SpotPriceModel(
            meanRatio, theta, StrictMath.exp(p[2]), (1 - q) * quotesPerDay, q * quotesPerDay, StrictMath.exp(p[4]),
            decimals);
        return new Calibration(model, n, spanDays, -best.getValue());
    }

    private static double[] startingPoint(final double[] y, final double[] gapDays)
    {
        final SimpleRegression regression = new SimpleRegression(true);
        double meanGap = 0;
        for (int i = 0; i + 1 < y.length; i++)
        {
            regression.addData(y[i], y[i + 1]);
            meanGap += gapDays[i];
        }
        meanGap /= gapDays.length;
        final double b = Math.min(0.999, Math.max(0.01, regression.getSlope()));
        final double theta = -StrictMath.log(b) / meanGap;
        final double mu = regression.getIntercept() / (1 - b);
        final double residualVariance = Math.max(MIN_VARIANCE, regression.getMeanSquareError());
        final double sigma = Math.sqrt(residualVariance * 2 * theta / (1 - b * b));
        final double jumpMean = 3 * Math.sqrt(residualVariance);
        return new double[] {StrictMath.log(theta), Double.isFinite(mu) ? mu : 0, StrictMath.log(sigma),
            StrictMath.log(0.05 / 0.95), StrictMath.log(jumpMean)};
    }

    private static double[] clamp(final double[] p)
    {
        return new double[] {
            Math.max(StrictMath.log(1e-4), Math.min(StrictMath.log(1e4), p[0])),
            Math.max(-30, Math.min(30, p[1])),
            Math.max(StrictMath.log(1e-6), Math.min(StrictMath.log(100), p[2])),
            Math.max(-30, Math.min(30, p[3])),
            Math.max(StrictMath.log(1e-4), Math.min(StrictMath.log(100), p[4]))};
    }

    /**
     * @param raw     {@code (log theta, mu, log sigma, logit q, log m)}.
     * @param y       log ratios; 0 (or above) marks a price at the on-demand cap.
     * @param gapDays gaps between consecutive quotes, days.
     * @return the log-likelihood of the transitions: the mixture density for an uncapped quote, the probability
     * of reaching the cap ({@code y >= 0}) for a capped one, nothing for a transition from a capped quote (whose
     * latent value is unknown).
     */
    static double logLikelihood(final double[] raw, final double[] y, final double[] gapDays)
    {
        final double[] p = clamp(raw);
        final double theta = StrictMath.exp(p[0]);
        final double mu = p[1];
        final double sigma = StrictMath.exp(p[2]);
        final double q = 1 / (1 + StrictMath.exp(-p[3]));
        final double m = StrictMath.exp(p[4]);
        final double logNoJump = StrictMath.log1p(-q);
        final double logJump = StrictMath.log(q);
        final double logM = StrictMath.log(m);
        double total = 0;
        for (int i = 0; i + 1 < y.length; i++)
        {
            if (y[i] >= 0)
            {
                continue;
            }
            final double decay = StrictMath.exp(-theta * gapDays[i]);
            final double variance = Math.max(MIN_VARIANCE, sigma * sigma * (1 - decay * decay) / (2 * theta));
            final double s = Math.sqrt(variance);
            final double mean = mu + (y[i] - mu) * decay;
            final double a;
            final double b;
            if (y[i + 1] >= 0)
            {
                // Censored: P(r >= c) with c = -mean. Normal tail Phi(-c/s);
                // EMG tail Phi(-c/s) + e^(s^2/2m^2 - c/m) Phi(c/s - s/m).
                final double c = -mean;
                final double normalTail = logNormalCdf(-c / s);
                final double emgExtra = variance / (2 * m * m) - c / m + logNormalCdf(c / s - s / m);
                a = logNoJump + normalTail;
                b = logJump + logSumExp(normalTail, emgExtra);
            }
            else
            {
                final double r = y[i + 1] - mean;
                a = logNoJump - LOG_SQRT_TWO_PI - StrictMath.log(s) - r * r / (2 * variance);
                b = logJump - logM + variance / (2 * m * m) - r / m + logNormalCdf(r / s - s / m);
            }
            total += logSumExp(a, b);
        }
        return Double.isFinite(total) ? total : -Double.MAX_VALUE;
    }

    private static double logSumExp(final double a, final double b)
    {
        final double max = Math.max(a, b);
        if (max == Double.NEGATIVE_INFINITY)
        {
            return max;
        }
        return max + StrictMath.log(StrictMath.exp(a - max) + StrictMath.exp(b - max));
    }

    /**
     * @param z any real.
     * @return {@code log Phi(z)} for the standard normal CDF, without underflow in the lower tail.
     */
    static double logNormalCdf(final double z)
    {
        final double x = -z / Math.sqrt(2);
        if (x >= 0)
        {
            return LOG_HALF + logErfcNonNegative(x);
        }
        return StrictMath.log1p(-0.5 * StrictMath.exp(logErfcNonNegative(-x)));
    }

    /**
     * @param x a non-negative real.
     * @return {@code log erfc(x)}, by the Chebyshev-fitted approximation of Numerical Recipes (fractional error of
     * erfc below 1.2e-7).
     */
    static double logErfcNonNegative(final double x)
    {
        final double t = 1 / (1 + 0.5 * x);
        final double poly = -x * x - 1.26551223 + t * (1.00002368 + t * (0.37409196 + t * (0.09678418 +
            t * (-0.18628806 + t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 +
            t * (-0.82215223 + t * 0.17087277))))))));
        return StrictMath.log(t) + poly;
    }
}
