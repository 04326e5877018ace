package io.windtunnel.traces;

import java.time.ZoneId;

/**
 * What a user tells an importer that the file itself does not say. Immutable; start from {@link #defaults()}
 * and change with the {@code with...} methods.
 *
 * @param zone          zone of timestamps without an offset; null rejects them.
 * @param sort          sort rows by time when the file is out of order (otherwise unsorted input is an error,
 *                      except in formats known to be newest-first, which are always sorted).
 * @param gapPolicy     what to do with gaps in load-rate series.
 * @param stepNs        declared interval of a load-rate series (0: infer from the rows), or the step of a
 *                      single-column count series (required there).
 * @param startNs       epoch ns of the first row, for formats whose times are relative (single-column counts,
 *                      spot availability step functions); {@link Long#MIN_VALUE} when not given.
 * @param provider      provider for formats that do not name it (e.g. a spot availability trace), or null.
 * @param region        region for formats that do not name it, or null.
 * @param zoneName      availability zone for formats that do not name it, or null.
 * @param instanceType  instance type for formats that do not name it, or null.
 * @param timeUnitNs    length of one unit of relative time, e.g. 1e9 for seconds or 3.6e12 for hours.
 * @param problemLimit  most problems kept before only counting.
 */
public record ImportOptions(
    ZoneId zone,
    boolean sort,
    GapPolicy gapPolicy,
    long stepNs,
    long startNs,
    String provider,
    String region,
    String zoneName,
    String instanceType,
    long timeUnitNs,
    int problemLimit)
{
    /** Value of {@link #startNs()} when no start was given. */
    public static final long NO_START = Long.MIN_VALUE;

    /**
     * @return no zone, no sorting, gaps are errors, step inferred, no start, seconds, 100 problems.
     */
    public static ImportOptions defaults()
    {
        return new ImportOptions(
            null, false, GapPolicy.ERROR, 0, NO_START, null, null, null, null, 1_000_000_000L,
            ProblemCollector.DEFAULT_LIMIT);
    }

    /**
     * @param newZone zone for offset-less timestamps.
     * @return a copy with that zone.
     */
    public ImportOptions withZone(final ZoneId newZone)
    {
        return new ImportOptions(newZone, sort, gapPolicy, stepNs, startNs, provider, region, zoneName, instanceType,
            timeUnitNs, problemLimit);
    }

    /**
     * @param newSort whether to sort out-of-order input.
     * @return a copy.
     */
    public ImportOptions withSort(final boolean newSort)
    {
        return new ImportOptions(zone, newSort, gapPolicy, stepNs, startNs, provider, region, zoneName, instanceType,
            timeUnitNs, problemLimit);
    }

    /**
     * @param newPolicy gap policy.
     * @return a copy.
     */
    public ImportOptions withGapPolicy(final GapPolicy newPolicy)
    {
        return new ImportOptions(zone, sort, newPolicy, stepNs, startNs, provider, region, zoneName, instanceType,
            timeUnitNs, problemLimit);
    }

    /**
     * @param newStepNs declared step.
     * @return a copy.
     */
    public ImportOptions withStepNs(final long newStepNs)
    {
        return new ImportOptions(zone, sort, gapPolicy, newStepNs, startNs, provider, region, zoneName, instanceType,
            timeUnitNs, problemLimit);
    }

    /**
     * @param newStartNs start of relative time, epoch ns.
     * @return a copy.
     */
    public ImportOptions withStartNs(final long newStartNs)
    {
        return new ImportOptions(zone, sort, gapPolicy, stepNs, newStartNs, provider, region, zoneName, instanceType,
            timeUnitNs, problemLimit);
    }

    /**
     * @param newProvider   provider, or null.
     * @param newRegion     region, or null.
     * @param newZoneName   availability zone, or null.
     * @param newInstanceType instance type, or null.
     * @return a copy with those key fields.
     */
    public ImportOptions withKey(
        final String newProvider, final String newRegion, final String newZoneName, final String newInstanceType)
    {
        return new ImportOptions(zone, sort, gapPolicy, stepNs, startNs, newProvider, newRegion, newZoneName,
            newInstanceType, timeUnitNs, problemLimit);
    }

    /**
     * @param newTimeUnitNs length of one unit of relative time.
     * @return a copy.
     */
    public ImportOptions withTimeUnitNs(final long newTimeUnitNs)
    {
        return new ImportOptions(zone, sort, gapPolicy, stepNs, startNs, provider, region, zoneName, instanceType,
            newTimeUnitNs, problemLimit);
    }

    /**
     * @param newLimit most problems kept.
     * @return a copy.
     */
    public ImportOptions withProblemLimit(final int newLimit)
    {
        return new ImportOptions(zone, sort, gapPolicy, stepNs, startNs, provider, region, zoneName, instanceType,
            timeUnitNs, newLimit);
    }
}
