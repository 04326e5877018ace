package io.windtunnel.simulator.transfer;

import io.windtunnel.simulator.model.CloudModel;

/**
 * The classes of network link a transfer can cross, by where its two ends are, as providers price them. Codes are
 * {@code int}s (indexes into per-class tables); {@link #NAMES} holds their names as written in scenarios and outputs.
 * <ul>
 * <li>{@link #SAME_ZONE}: both ends in one region, in the same zone or with no zone named (a region-wide store read
 * from the region: providers do not bill it);</li>
 * <li>{@link #OTHER_ZONE}: one region, two different zones;</li>
 * <li>{@link #OTHER_REGION}: two regions of the same provider;</li>
 * <li>{@link #INTERNET}: another provider, or a client region (clients are on the internet);</li>
 * <li>{@link #EDGE}: either end is an edge site ({@link CloudModel#regionEdge}): the site's own link, whatever the
 * other end is.</li>
 * </ul>
 * <b>Threading:</b> stateless. <b>Allocation:</b> none.
 */
public final class LinkClass
{
    /** Same region, same zone (or no zone named). */
    public static final int SAME_ZONE = 0;
    /** Same region, another zone. */
    public static final int OTHER_ZONE = 1;
    /** Another region of the same provider. */
    public static final int OTHER_REGION = 2;
    /** Another provider, or the internet (client regions). */
    public static final int INTERNET = 3;
    /** Into or out of an edge site. */
    public static final int EDGE = 4;
    /** Number of classes. */
    public static final int COUNT = 5;
    /** Names by code, as written in scenarios, {@code summary.json} and the time series. */
    public static final String[] NAMES = {"same-zone", "other-zone", "other-region", "internet", "edge"};

    private LinkClass()
    {
    }

    /**
     * @param name a class name.
     * @return its code, or -1 if it is not one of {@link #NAMES}.
     */
    public static int parse(final String name)
    {
        for (int i = 0; i < COUNT; i++)
        {
            if (NAMES[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The class of a link between a cloud region (or zone) and a client region.
     *
     * @param model  the model.
     * @param region the cloud region.
     * @return {@link #EDGE} if the region is an edge site, else {@link #INTERNET}.
     */
    public static int ofClient(final CloudModel model, final int region)
    {
        return model.regionEdge[region] ? EDGE : INTERNET;
    }

    /**
     * The class of a link between two places in the cloud.
     *
     * @param model   the model.
     * @param regionA one end's region.
     * @param zoneA   its zone, or {@link CloudModel#NO_ZONE}.
     * @param regionB the other end's region.
     * @param zoneB   its zone, or {@link CloudModel#NO_ZONE}.
     * @return the class.
     */
    public static int between(final CloudModel model, final int regionA, final int zoneA, final int regionB,
        final int zoneB)
    {
        if (model.regionEdge[regionA] || model.regionEdge[regionB])
        {
            return EDGE;
        }
        if (regionA == regionB)
        {
            return zoneA == CloudModel.NO_ZONE || zoneB == CloudModel.NO_ZONE || zoneA == zoneB ? SAME_ZONE
                : OTHER_ZONE;
        }
        return model.regionProvider[regionA] == model.regionProvider[regionB] ? OTHER_REGION : INTERNET;
    }

    /**
     * The nearest of some places to one place: the included place on the lowest link class, then the lowest index.
     * This is how a replica picks the data location it reads from and a copy picks its source. Allocates nothing.
     *
     * @param model       the model.
     * @param region      the place's region.
     * @param zone        its zone, or {@link CloudModel#NO_ZONE}.
     * @param placeRegion the candidate places' regions.
     * @param placeZone   their zones.
     * @param included    per candidate: may it be chosen (same length).
     * @return the index of the nearest included place, or -1 if none is included.
     */
    public static int nearest(final CloudModel model, final int region, final int zone, final int[] placeRegion,
        final int[] placeZone, final boolean[] included)
    {
        int best = -1;
        int bestClass = Integer.MAX_VALUE;
        for (int i = 0; i < placeRegion.length; i++)
        {
            if (included[i])
            {
                final int linkClass = between(model, region, zone, placeRegion[i], placeZone[i]);
                if (linkClass < bestClass)
                {
                    best = i;
                    bestClass = linkClass;
                }
            }
        }
        return best;
    }
}
