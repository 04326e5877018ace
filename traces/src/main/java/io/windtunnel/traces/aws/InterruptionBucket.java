package io.windtunnel.traces.aws;

/**
 * One "frequency of interruption" bucket of the AWS Spot Instance Advisor, e.g. {@code 5-10%}: the share of spot
 * instances of a type AWS reclaimed in a region over the trailing month fell in {@code [lowerPercent,
 * upperPercent)}. Immutable.
 *
 * @param index        the bucket's index, which advisor entries refer to ({@code "r"}).
 * @param label        the label as published, e.g. {@code <5%}, {@code 5-10%}, {@code >20%}.
 * @param lowerPercent lower bound in percent, parsed from the label (0 for {@code <5%}).
 * @param upperPercent upper bound in percent, parsed from the label; {@link Double#POSITIVE_INFINITY} for the
 *                     open bucket {@code >20%}.
 * @param maxPercent   the feed's {@code max} field (5, 11, 16, 22, 100), which sizes the bar on the advisor page
 *                     and is not the label's bound; kept for reference only.
 */
public record InterruptionBucket(int index, String label, double lowerPercent, double upperPercent, double maxPercent)
{
    /**
     * @return true for the open-ended top bucket ({@code >20%}).
     */
    public boolean isOpen()
    {
        return Double.isInfinite(upperPercent);
    }

    /**
     * @return the bucket's midpoint as a probability in [0, 1] (0.025 for {@code <5%}, 0.075 for {@code 5-10%});
     * NaN for the open bucket, whose value is a choice of {@link SpotAdvisor}.
     */
    public double midpointProbability()
    {
        return isOpen() ? Double.NaN : (lowerPercent + upperPercent) / 200.0;
    }
}
