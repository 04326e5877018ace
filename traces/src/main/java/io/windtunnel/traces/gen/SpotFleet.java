package io.windtunnel.traces.gen;

/**
 * A group of running spot instances of one key, exposed to preemption at a hazard rate: the input of
 * {@link HazardPreemptions}.
 * <p>
 * Written {@code PROVIDER/REGION/[ZONE/]TYPE:COUNT[@HAZARD_PER_HOUR]}, e.g.
 * {@code aws/us-east-1/us-east-1a/m5.large:20} or {@code gcp/us-central1/n2-standard-2:10@0.004}; without a hazard
 * the generator's default applies.
 * <p>
 * <b>Threading:</b> immutable.
 *
 * @param provider      provider.
 * @param region        region.
 * @param zone          availability zone, or empty for the whole region.
 * @param instanceType  instance type.
 * @param instances     running instances, kept at this number (preempted ones are replaced), positive.
 * @param hazardPerHour preemption hazard per instance-hour, {@code >= 0}, or NaN for the default.
 */
public record SpotFleet(
    String provider, String region, String zone, String instanceType, int instances, double hazardPerHour)
{
    /**
     * @param provider      provider.
     * @param region        region.
     * @param zone          zone or empty.
     * @param instanceType  instance type.
     * @param instances     running instances.
     * @param hazardPerHour hazard per instance-hour or NaN.
     */
    public SpotFleet
    {
        GeneratorParameterException.require(!provider.isEmpty() && !region.isEmpty() && !instanceType.isEmpty(),
            "a fleet needs a provider, a region and an instance type");
        GeneratorParameterException.require(instances > 0, "a fleet needs at least one instance, got " + instances);
        GeneratorParameterException.require(Double.isNaN(hazardPerHour) ||
            (hazardPerHour >= 0 && Double.isFinite(hazardPerHour)),
            "hazard per instance-hour must be >= 0, got " + hazardPerHour);
    }

    /**
     * @param text {@code PROVIDER/REGION/[ZONE/]TYPE:COUNT[@HAZARD_PER_HOUR]}.
     * @return the fleet.
     * @throws GeneratorParameterException naming the text if it does not parse.
     */
    public static SpotFleet parse(final String text)
    {
        final String usage = "fleet '" + text + "' is not PROVIDER/REGION/[ZONE/]TYPE:COUNT[@HAZARD_PER_HOUR], " +
            "e.g. aws/us-east-1/us-east-1a/m5.large:20 or gcp/us-central1/n2-standard-2:10@0.004";
        final int colon = text.lastIndexOf(':');
        GeneratorParameterException.require(colon > 0, usage);
        final String[] parts = text.substring(0, colon).trim().split("/", -1);
        GeneratorParameterException.require(parts.length == 3 || parts.length == 4, usage);
        final String rest = text.substring(colon + 1).trim();
        final int at = rest.indexOf('@');
        final int count;
        final double hazard;
        try
        {
            count = Integer.parseInt(at < 0 ? rest : rest.substring(0, at).trim());
            hazard = at < 0 ? Double.NaN : Double.parseDouble(rest.substring(at + 1).trim());
        }
        catch (final NumberFormatException e)
        {
            throw new GeneratorParameterException(usage);
        }
        GeneratorParameterException.require(at < 0 || Double.isFinite(hazard), usage);
        final String zone = parts.length == 4 ? parts[2].trim() : "";
        return new SpotFleet(parts[0].trim(), parts[1].trim(), zone, parts[parts.length - 1].trim(), count, hazard);
    }

    /**
     * @return {@code provider/region/zone/type}, for messages and stream names.
     */
    public String describe()
    {
        return provider + "/" + region + "/" + zone + "/" + instanceType;
    }
}
