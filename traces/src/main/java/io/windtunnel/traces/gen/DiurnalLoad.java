package io.windtunnel.traces.gen;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;

/**
 * A daily sinusoid with a weekly pattern and multiplicative noise, per client region in its local time:
 * <pre>
 *   lambda_r(t) = share_r * meanRatePerSec * (1 + a cos(2 pi (h_r(t) - peakHour) / 24)) * w(d_r(t)) / wbar
 *   count_r,i   = eps_r,i * integral of lambda_r over interval i
 *   h_r(t)      = local hour of day at t (UTC plus the region's offset), d_r(t) its local weekday
 *   w(d)        = weekendFactor on Saturday and Sunday, 1 otherwise;  wbar = (5 + 2 weekendFactor) / 7
 *   eps_r,i     = exp(sigma Z - sigma^2 / 2), Z standard normal, independent per region and interval (mean 1)
 * </pre>
 * The cosine averages to zero over a day and {@code w / wbar} to one over a week, and the noise has mean one, so
 * the long-run mean rate is exactly {@code meanRatePerSec}; without noise the peak-to-trough ratio within a
 * weekday is {@code (1 + a) / (1 - a)}. Each interval is integrated exactly (the cosine analytically, split at
 * local midnights so weekend steps are exact for any step and offset). Noise comes from the stream
 * {@code load.diurnal/REGION}.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> the result arrays.
 *
 * @param meanRatePerSec long-run mean rate over all regions, requests per second, {@code >= 0}.
 * @param amplitude      relative daily amplitude {@code a}, in [0, 1).
 * @param peakHourLocal  local hour of the daily peak, in [0, 24).
 * @param weekendFactor  weekend level relative to weekdays, positive (e.g. 0.7: weekends 30% quieter).
 * @param noiseSigma     standard deviation of the log of the noise, in [0, 2]; 0 for none.
 */
public record DiurnalLoad(
    double meanRatePerSec, double amplitude, double peakHourLocal, double weekendFactor, double noiseSigma)
    implements LoadModel
{
    /** Prefix of the noise stream names; the region name follows. */
    static final String STREAM = "load.diurnal/";

    private static final long DAY_NS = 86_400_000_000_000L;
    private static final double DAY_SECONDS = 86_400.0;
    private static final double TWO_PI = 2 * Math.PI;

    /**
     * @param meanRatePerSec long-run mean rate, requests per second.
     * @param amplitude      relative daily amplitude.
     * @param peakHourLocal  local hour of the peak.
     * @param weekendFactor  weekend level relative to weekdays.
     * @param noiseSigma     log-noise standard deviation.
     */
    public DiurnalLoad
    {
        GeneratorParameterException.nonNegative("mean rate (requests/s)", meanRatePerSec);
        GeneratorParameterException.require(amplitude >= 0 && amplitude < 1,
            "amplitude must be in [0, 1) (1 would mean zero load at the trough), got " + amplitude);
        GeneratorParameterException.require(peakHourLocal >= 0 && peakHourLocal < 24,
            "peak hour must be in [0, 24), got " + peakHourLocal);
        GeneratorParameterException.positive("weekend factor", weekendFactor);
        GeneratorParameterException.require(noiseSigma >= 0 && noiseSigma <= 2,
            "noise must be in [0, 2] (standard deviation of the log), got " + noiseSigma);
    }

    @Override
    public LoadSeries expectedCounts(final LoadGrid grid, final RegionMix regions, final RandomStreams streams)
    {
        final double weekMean = (5 + 2 * weekendFactor) / 7;
        final double[][] counts = new double[regions.size()][grid.steps()];
        for (int r = 0; r < regions.size(); r++)
        {
            final long offsetNs = Math.round(regions.utcOffsetHours(r) * 3600e9);
            final double ratePerSec = regions.region(r).share() * meanRatePerSec / weekMean;
            final RandomStream noise = streams.stream(STREAM + regions.region(r).name());
            final double[] row = counts[r];
            for (int step = 0; step < grid.steps(); step++)
            {
                final long localStartNs = grid.stepStartNs(step) + offsetNs;
                final double integral = weightedSeconds(localStartNs, localStartNs + grid.stepNs());
                final double factor = noiseSigma == 0 ? 1.0 :
                    StrictMath.exp(noiseSigma * noise.nextGaussian() - 0.5 * noiseSigma * noiseSigma);
                row[step] = ratePerSec * integral * factor;
            }
        }
        return new LoadSeries(regions.names(), counts);
    }

    /**
     * @param fromNs local time, epoch-ns-like (UTC shifted by the offset).
     * @param toNs   later local time.
     * @return integral of {@code (1 + a cos(...)) * w(day)} over {@code [fromNs, toNs)}, in seconds.
     */
    private double weightedSeconds(final long fromNs, final long toNs)
    {
        final double phase = TWO_PI * peakHourLocal / 24;
        double total = 0;
        long segmentStartNs = fromNs;
        while (segmentStartNs < toNs)
        {
            final long day = Math.floorDiv(segmentStartNs, DAY_NS);
            final long dayStartNs = day * DAY_NS;
            final long segmentEndNs = Math.min(toNs, dayStartNs + DAY_NS);
            final double u = (segmentStartNs - dayStartNs) / 1e9;
            final double v = (segmentEndNs - dayStartNs) / 1e9;
            final double cosineIntegral = amplitude * DAY_SECONDS / TWO_PI *
                (StrictMath.sin(TWO_PI * v / DAY_SECONDS - phase) - StrictMath.sin(TWO_PI * u / DAY_SECONDS - phase));
            final int weekday = (int)Math.floorMod(day + 3, 7L);
            final double weight = weekday >= 5 ? weekendFactor : 1.0;
            total += weight * ((v - u) + cosineIntegral);
            segmentStartNs = segmentEndNs;
        }
        return total;
    }
}
