package io.windtunnel.traces.gen;

/**
 * Expected request counts per region and interval, as a {@link LoadModel} produces them.
 * <p>
 * <b>Threading:</b> the arrays are shared, not copied; treat them as read-only.
 *
 * @param regionNames    region of each row of {@code expectedCounts} (the trace key; empty for no region).
 * @param expectedCounts {@code expectedCounts[region][step]}, each finite and non-negative.
 */
public record LoadSeries(String[] regionNames, double[][] expectedCounts)
{
    /**
     * @param regionNames    region names.
     * @param expectedCounts one row per region, all of one length.
     */
    public LoadSeries
    {
        if (regionNames.length != expectedCounts.length)
        {
            throw new IllegalArgumentException(
                regionNames.length + " region names for " + expectedCounts.length + " count rows");
        }
    }

    /**
     * @return total expected requests over all regions and intervals.
     */
    public double total()
    {
        double total = 0;
        for (final double[] row : expectedCounts)
        {
            for (final double count : row)
            {
                total += count;
            }
        }
        return total;
    }
}
