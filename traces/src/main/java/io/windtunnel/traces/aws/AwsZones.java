package io.windtunnel.traces.aws;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Derives the AWS region from an availability zone name, which AWS builds as region + suffix:
 * <ul>
 *   <li>a standard zone adds one letter: {@code us-east-1b} is in {@code us-east-1},
 *       {@code us-gov-west-1a} in {@code us-gov-west-1};</li>
 *   <li>a Local Zone adds {@code -<location>-<n><letter>}: {@code us-west-2-lax-1a} (Los Angeles) belongs to its
 *       parent region {@code us-west-2}, where it is billed and listed; the zone name is kept whole as the
 *       key's zone, so it stays distinct from the region's standard zones;</li>
 *   <li>a Wavelength Zone adds {@code -wl1-<location>-wlz-<n>}: {@code us-east-1-wl1-bos-wlz-1} belongs to
 *       {@code us-east-1}, the same way.</li>
 * </ul>
 * A region is {@code <partition-area>[-gov|-iso*]-<direction...>-<n>} ({@code ap-southeast-4}, {@code cn-north-1},
 * {@code us-isob-east-1}). Zone IDs such as {@code use1-az2} do not carry the region's name and are rejected.
 * Stateless and thread-safe.
 */
public final class AwsZones
{
    private static final Pattern ZONE = Pattern.compile(
        "([a-z]{2,4}(?:-[a-z]+)+-[0-9]+)([a-z]|-[a-z0-9]+(?:-[a-z0-9]+)*)");
    private static final Pattern ZONE_ID = Pattern.compile("[a-z]{3,5}[0-9]+-az[0-9]+");

    private AwsZones()
    {
    }

    /**
     * @param zone an availability zone name such as {@code us-east-1b} or {@code us-west-2-lax-1a}.
     * @return its region, e.g. {@code us-east-1}.
     * @throws IllegalArgumentException with a message fit for a problem report if the text is not a zone name.
     */
    public static String regionOf(final String zone)
    {
        final Matcher matcher = ZONE.matcher(zone);
        if (matcher.matches())
        {
            return matcher.group(1);
        }
        if (ZONE_ID.matcher(zone).matches())
        {
            throw new IllegalArgumentException("'" + zone + "' is an availability zone ID, which does not name its " +
                "region; use zone names such as us-east-1b");
        }
        throw new IllegalArgumentException("'" + zone + "' is not an availability zone name such as us-east-1b " +
            "or us-west-2-lax-1a");
    }

    /**
     * @param zone a zone name.
     * @return true if {@link #regionOf} accepts it.
     */
    public static boolean isZoneName(final String zone)
    {
        return ZONE.matcher(zone).matches();
    }
}
