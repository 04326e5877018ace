package io.windtunnel.traces.gen;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How generated load is split over client regions: each region gets a share of the total rate and, for the
 * diurnal model, a UTC offset that shifts its daily cycle.
 * <p>
 * Written as {@code name:share[@utcOffsetHours],...}, e.g. {@code us-east:0.5,eu-west:0.3,ap-south:0.2} or
 * {@code tokyo:0.4@9,paris:0.6@1}. Shares must be positive and sum to 1 (within 1e-6). A region without an
 * explicit offset takes one from a small table of well-known region names, matched by longest prefix
 * ({@link #knownUtcOffsetHours(String)}); standard time is used throughout, daylight saving is ignored.
 * <p>
 * <b>Threading:</b> immutable. <b>Allocation:</b> setup only.
 */
public final class RegionMix
{
    private static final double SHARE_TOLERANCE = 1e-6;

    /** Standard-time UTC offsets of common client-region and cloud-region names, matched by longest prefix. */
    private static final Map<String, Double> KNOWN_OFFSETS = Map.ofEntries(
        Map.entry("us-east", -5.0), Map.entry("us-central", -6.0), Map.entry("us-west", -8.0),
        Map.entry("ca-central", -5.0), Map.entry("sa-east", -3.0), Map.entry("eu-west", 0.0),
        Map.entry("eu-north", 1.0), Map.entry("eu-central", 1.0), Map.entry("eu-south", 1.0),
        Map.entry("me-central", 4.0), Map.entry("af-south", 2.0), Map.entry("ap-south", 5.5),
        Map.entry("ap-southeast", 8.0), Map.entry("ap-southeast-2", 10.0), Map.entry("ap-northeast", 9.0),
        Map.entry("ap-east", 8.0),
        Map.entry("eastus", -5.0), Map.entry("centralus", -6.0), Map.entry("westus", -8.0),
        Map.entry("northeurope", 0.0), Map.entry("westeurope", 1.0), Map.entry("uksouth", 0.0),
        Map.entry("centralindia", 5.5), Map.entry("southeastasia", 8.0), Map.entry("japaneast", 9.0),
        Map.entry("europe-west", 1.0), Map.entry("europe-west2", 0.0), Map.entry("asia-south", 5.5),
        Map.entry("asia-southeast", 8.0), Map.entry("asia-northeast", 9.0));

    private static final RegionMix NONE = new RegionMix(List.of(new Region("", 1.0, 0.0)));

    /**
     * One client region.
     *
     * @param name           region name, used as the trace key; empty for an unsplit trace.
     * @param share          fraction of the total rate, in (0, 1].
     * @param utcOffsetHours offset of its local time from UTC in hours, or NaN when neither given nor known.
     */
    public record Region(String name, double share, double utcOffsetHours)
    {
    }

    private final List<Region> regions;

    private RegionMix(final List<Region> regions)
    {
        this.regions = List.copyOf(regions);
    }

    /**
     * @return one unnamed region with the whole rate and offset 0: the trace has no region column.
     */
    public static RegionMix none()
    {
        return NONE;
    }

    /**
     * @param regions the regions, shares summing to 1.
     * @return the mix.
     * @throws GeneratorParameterException if a share is not positive, the shares do not sum to 1, or names repeat.
     */
    public static RegionMix of(final List<Region> regions)
    {
        GeneratorParameterException.require(!regions.isEmpty(), "regions: give at least one region");
        final Set<String> seen = new HashSet<>();
        double total = 0;
        for (final Region region : regions)
        {
            GeneratorParameterException.require(seen.add(region.name()),
                "regions: '" + region.name() + "' appears twice");
            GeneratorParameterException.require(region.share() > 0 && region.share() <= 1,
                "regions: share of '" + region.name() + "' must be in (0, 1], got " + region.share());
            GeneratorParameterException.require(Double.isNaN(region.utcOffsetHours()) ||
                Math.abs(region.utcOffsetHours()) <= 14,
                "regions: UTC offset of '" + region.name() + "' must be within -14..14 hours, got " +
                region.utcOffsetHours());
            total += region.share();
        }
        GeneratorParameterException.require(Math.abs(total - 1.0) <= SHARE_TOLERANCE,
            "regions: shares must sum to 1, they sum to " + total);
        return new RegionMix(regions);
    }

    /**
     * @param text {@code name:share[@utcOffsetHours],...}.
     * @return the mix; offsets not given are looked up by name (NaN when unknown).
     * @throws GeneratorParameterException naming the offending entry.
     */
    public static RegionMix parse(final String text)
    {
        final List<Region> regions = new ArrayList<>();
        for (final String rawEntry : text.split(",", -1))
        {
            final String entry = rawEntry.trim();
            final int colon = entry.indexOf(':');
            GeneratorParameterException.require(colon > 0,
                "regions: '" + entry + "' is not name:share[@utcOffsetHours], e.g. us-east:0.5 or tokyo:0.2@9");
            final String name = entry.substring(0, colon).trim();
            final String rest = entry.substring(colon + 1);
            final int at = rest.indexOf('@');
            final double share = number(entry, at < 0 ? rest : rest.substring(0, at));
            final double offset = at < 0 ? knownUtcOffsetHours(name) : number(entry, rest.substring(at + 1));
            regions.add(new Region(name, share, offset));
        }
        return of(regions);
    }

    private static double number(final String entry, final String text)
    {
        try
        {
            final double value = Double.parseDouble(text.trim());
            if (Double.isFinite(value))
            {
                return value;
            }
        }
        catch (final NumberFormatException e)
        {
            // reported below
        }
        throw new GeneratorParameterException("regions: cannot read '" + text.trim() + "' in '" + entry +
            "' as a number; write name:share[@utcOffsetHours], e.g. us-east:0.5 or tokyo:0.2@9");
    }

    /**
     * @param name a region name such as {@code us-east}, {@code eu-west-1}, {@code westeurope} or
     *             {@code asia-south1}.
     * @return the standard-time UTC offset of the longest known prefix of the name, or NaN if none matches.
     */
    public static double knownUtcOffsetHours(final String name)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        String best = null;
        for (final String known : KNOWN_OFFSETS.keySet())
        {
            if (lower.startsWith(known) && (best == null || known.length() > best.length()))
            {
                best = known;
            }
        }
        return best == null ? Double.NaN : KNOWN_OFFSETS.get(best);
    }

    /**
     * @return number of regions.
     */
    public int size()
    {
        return regions.size();
    }

    /**
     * @param index region index.
     * @return that region.
     */
    public Region region(final int index)
    {
        return regions.get(index);
    }

    /**
     * @return the regions in the order given.
     */
    public List<Region> regions()
    {
        return regions;
    }

    /**
     * @return true for the single unnamed region of {@link #none()}.
     */
    public boolean isNone()
    {
        return regions.size() == 1 && regions.get(0).name().isEmpty();
    }

    /**
     * @param index region index.
     * @return its UTC offset in hours.
     * @throws GeneratorParameterException if the region has no offset (unknown name and none given).
     */
    public double utcOffsetHours(final int index)
    {
        final Region region = regions.get(index);
        if (Double.isNaN(region.utcOffsetHours()))
        {
            throw new GeneratorParameterException("regions: no UTC offset known for '" + region.name() +
                "'; give one as " + region.name() + ":" + region.share() + "@HOURS, e.g. @-5 or @5.5");
        }
        return region.utcOffsetHours();
    }

    /**
     * @return the region names in order.
     */
    public String[] names()
    {
        final String[] names = new String[regions.size()];
        for (int i = 0; i < names.length; i++)
        {
            names[i] = regions.get(i).name();
        }
        return names;
    }
}
