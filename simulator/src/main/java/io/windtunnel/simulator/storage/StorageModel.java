package io.windtunnel.simulator.storage;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.transfer.ByteUnits;

import java.util.Arrays;

/**
 * A scenario's {@code storage:} section: the candidate storage locations of its data set (provider and region through
 * the model's region, an optional zone, a storage class, a price per GB-month and optional prices per 1,000 read and
 * write requests) and the data set's size over time (a step series: the size from each time until the next).
 * Held by {@link CloudModel#storage}; a model without it (null) has no storage placement, and its runs are those of
 * before it existed.
 * <p>
 * <b>Units.</b> A GB is {@link ByteUnits#BYTES_PER_GB} (2^30) bytes, as the transfer prices count it; a month is
 * {@link #HOURS_PER_MONTH} hours for the GB-month price (the convention the big providers' storage pages use to
 * prorate it).
 * <p>
 * <b>Threading:</b> immutable; shared by every run of a scenario. <b>Allocation:</b> none after construction.
 */
public final class StorageModel
{
    /** Hours in the month a GB-month price is prorated over. */
    public static final double HOURS_PER_MONTH = 730.0;

    /** Location names, as the scenario gives them (unique). */
    public final String[] locationName;
    /** Per location: the model's region index. */
    public final int[] locationRegion;
    /** Per location: the zone index, or {@link CloudModel#NO_ZONE}. */
    public final int[] locationZone;
    /** Per location: its storage class (free text, e.g. {@code standard}, {@code infrequent}), for reports. */
    public final String[] locationClass;
    /** Per location: USD per GB-month stored. */
    public final double[] gbMonthUsd;
    /** Per location: USD per 1,000 read requests (0 if free). */
    public final double[] readPer1kUsd;
    /** Per location: USD per 1,000 write requests (0 if free). */
    public final double[] writePer1kUsd;
    /** The data set's size steps: simulated time from which each size holds, ns, ascending, the first 0. */
    public final long[] sizeFromNs;
    /** The data set's size from {@link #sizeFromNs}[i], bytes. */
    public final long[] sizeBytes;
    /** Bytes per write request when the data set grows (growth / this, rounded up, per holding location). */
    public final long objectBytes;

    /**
     * @param locationName  names (unique, non-empty).
     * @param locationRegion regions.
     * @param locationZone  zones or {@link CloudModel#NO_ZONE}.
     * @param locationClass storage classes.
     * @param gbMonthUsd    USD per GB-month.
     * @param readPer1kUsd  USD per 1,000 reads.
     * @param writePer1kUsd USD per 1,000 writes.
     * @param sizeFromNs    size step times, ascending, the first 0.
     * @param sizeBytes     sizes, bytes, >= 0.
     * @param objectBytes   bytes per write request, > 0.
     */
    public StorageModel(final String[] locationName, final int[] locationRegion, final int[] locationZone,
        final String[] locationClass, final double[] gbMonthUsd, final double[] readPer1kUsd,
        final double[] writePer1kUsd, final long[] sizeFromNs, final long[] sizeBytes, final long objectBytes)
    {
        final int n = locationName.length;
        if (n == 0 || locationRegion.length != n || locationZone.length != n || locationClass.length != n ||
            gbMonthUsd.length != n || readPer1kUsd.length != n || writePer1kUsd.length != n)
        {
            throw new IllegalArgumentException("storage locations: tables of different lengths or none");
        }
        if (sizeFromNs.length == 0 || sizeFromNs.length != sizeBytes.length || sizeFromNs[0] != 0)
        {
            throw new IllegalArgumentException("data-set size: a step series starting at time 0 is needed");
        }
        for (int i = 1; i < sizeFromNs.length; i++)
        {
            if (sizeFromNs[i] <= sizeFromNs[i - 1])
            {
                throw new IllegalArgumentException("data-set size: step times must ascend");
            }
        }
        if (objectBytes <= 0)
        {
            throw new IllegalArgumentException("objectBytes must be > 0");
        }
        this.locationName = locationName.clone();
        this.locationRegion = locationRegion.clone();
        this.locationZone = locationZone.clone();
        this.locationClass = locationClass.clone();
        this.gbMonthUsd = gbMonthUsd.clone();
        this.readPer1kUsd = readPer1kUsd.clone();
        this.writePer1kUsd = writePer1kUsd.clone();
        this.sizeFromNs = sizeFromNs.clone();
        this.sizeBytes = sizeBytes.clone();
        this.objectBytes = objectBytes;
    }

    /**
     * @return the number of candidate locations.
     */
    public int locations()
    {
        return locationName.length;
    }

    /**
     * @param nowNs simulated time, ns (>= 0).
     * @return the data set's size then, bytes.
     */
    public long sizeAt(final long nowNs)
    {
        int i = Arrays.binarySearch(sizeFromNs, nowNs);
        if (i < 0)
        {
            i = -i - 2;
        }
        return sizeBytes[Math.max(i, 0)];
    }

    /**
     * @param location a location.
     * @param bytes    the data set's size.
     * @return USD per hour of holding the data set there at that size (storage only, no requests).
     */
    public double storageUsdPerHour(final int location, final long bytes)
    {
        return gbMonthUsd[location] * ((double)bytes / ByteUnits.BYTES_PER_GB) / HOURS_PER_MONTH;
    }
}
