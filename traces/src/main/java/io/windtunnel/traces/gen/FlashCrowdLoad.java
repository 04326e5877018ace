package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.traces.TraceTimes;

/**
 * A flash crowd: a constant base rate that, at one instant, jumps to {@code multiplier} times itself and decays
 * back exponentially:
 * <pre>
 *   lambda_r(t) = share_r * baseRatePerSec * (1 + (M - 1) exp(-(t - t0) / tau))   for t >= t0
 *   lambda_r(t) = share_r * baseRatePerSec                                          for t &lt;  t0
 * </pre>
 * The excess above base halves every {@code tau ln 2}; over an interval {@code [a, b)} with {@code a >= t0} it
 * integrates to {@code (M - 1) tau (exp(-(a - t0)/tau) - exp(-(b - t0)/tau))} times the base rate, which is what
 * each interval gets (exactly, also for the interval that contains {@code t0}). The event hits all regions at once;
 * the model draws no random numbers (use {@link CountMode#POISSON} for sampled counts).
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> the result arrays.
 *
 * @param baseRatePerSec total base rate, requests per second, {@code >= 0}.
 * @param atNs           the instant of the jump, epoch nanoseconds; must lie within the generated window.
 * @param multiplier     peak rate relative to base, {@code >= 1}.
 * @param decayNs        time constant {@code tau} of the decay, nanoseconds, positive.
 */
public record FlashCrowdLoad(double baseRatePerSec, long atNs, double multiplier, long decayNs) implements LoadModel
{
    /**
     * @param baseRatePerSec base rate, requests per second.
     * @param atNs           instant of the jump, epoch nanoseconds.
     * @param multiplier     peak relative to base.
     * @param decayNs        decay time constant, nanoseconds.
     */
    public FlashCrowdLoad
    {
        GeneratorParameterException.nonNegative("base rate (requests/s)", baseRatePerSec);
        GeneratorParameterException.require(multiplier >= 1 && Double.isFinite(multiplier),
            "multiplier must be a number >= 1, got " + multiplier);
        GeneratorParameterException.require(decayNs > 0, "decay time constant must be positive");
    }

    @Override
    public LoadSeries expectedCounts(final LoadGrid grid, final RegionMix regions, final RandomStreams streams)
    {
        GeneratorParameterException.require(atNs >= grid.startNs() && atNs < grid.endNs(),
            "the flash crowd at " + TraceTimes.formatIso(atNs) + " is outside the window " +
            TraceTimes.formatIso(grid.startNs()) + " .. " + TraceTimes.formatIso(grid.endNs()));
        final double tauSeconds = decayNs / 1e9;
        final double stepSeconds = grid.stepSeconds();
        final double atSeconds = (atNs - grid.startNs()) / 1e9;
        final double[] perBaseRate = new double[grid.steps()];
        for (int step = 0; step < grid.steps(); step++)
        {
            final double from = step * stepSeconds;
            final double to = from + stepSeconds;
            double seconds = stepSeconds;
            if (to > atSeconds)
            {
                final double excessFrom = Math.max(from, atSeconds) - atSeconds;
                final double excessTo = to - atSeconds;
                seconds += (multiplier - 1) * tauSeconds *
                    (StrictMath.exp(-excessFrom / tauSeconds) - StrictMath.exp(-excessTo / tauSeconds));
            }
            perBaseRate[step] = seconds;
        }
        final double[][] counts = new double[regions.size()][grid.steps()];
        for (int r = 0; r < regions.size(); r++)
        {
            final double ratePerSec = regions.region(r).share() * baseRatePerSec;
            for (int step = 0; step < grid.steps(); step++)
            {
                counts[r][step] = ratePerSec * perBaseRate[step];
            }
        }
        return new LoadSeries(regions.names(), counts);
    }
}
