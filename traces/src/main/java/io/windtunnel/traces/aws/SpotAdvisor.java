package io.windtunnel.traces.aws;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The AWS Spot Instance Advisor data ({@code spot-advisor-data.json}, read by {@link SpotAdvisorReader}) as an
 * immutable lookup: per (region, OS, instance type) the frequency-of-interruption bucket and the savings over
 * on-demand, plus the instance types' vCPUs and memory.
 * <p>
 * <b>From a bucket to a preemption hazard.</b> AWS publishes only a bucket of the share of spot capacity it
 * reclaimed during the trailing month (its page: "Frequency of interruption represents the rate at which Spot has
 * reclaimed capacity during the trailing month"). {@link #hazardPerHour} turns it into a constant hazard rate
 * per instance-hour under these assumptions:
 * <ol>
 *   <li>the bucket's midpoint is the probability {@code p} that a running spot instance is interrupted within a
 *       month: 2.5% for {@code <5%}, 7.5% for {@code 5-10%}, 12.5%, 17.5%;</li>
 *   <li>the open bucket {@code >20%} is taken as if it were as wide as the bucket below it, [20%, 25%), so
 *       {@code p} = 22.5% by default. This is optimistic (the true rate may be far higher); change it with
 *       {@link #withOpenBucketMonthlyProbability};</li>
 *   <li>interruptions arrive as a Poisson process with constant rate {@code h} over a month of
 *       {@value #HOURS_PER_MONTH} hours (365 &times; 24 / 12), so {@code 1 - exp(-730 h) = p} and
 *       {@code h = -ln(1 - p) / 730} per instance-hour (about 3.47e-5 for 2.5%, 3.49e-4 for 22.5%).</li>
 * </ol>
 * The advisor has no per-zone data and is a snapshot, not a time series.
 * <p>
 * <b>Threading:</b> immutable, safe to share. <b>Allocation:</b> lookups allocate a key string; resolve what the
 * simulation needs at setup, not per event.
 */
public final class SpotAdvisor
{
    /** Hours in the month the advisor's frequency refers to: 365 &times; 24 / 12. */
    public static final double HOURS_PER_MONTH = 730.0;

    private static final char SEPARATOR = '\u001f';

    private final List<InterruptionBucket> buckets;
    private final Map<String, SpotAdvisorEntry> entries;
    private final List<SpotAdvisorEntry> sortedEntries;
    private final Map<String, InstanceSpec> instanceTypes;
    private final Set<String> regions;
    private final String globalRate;
    private final double openBucketMonthlyProbability;

    /**
     * @param buckets       the interruption buckets.
     * @param entries       one entry per (region, OS, type); unique.
     * @param instanceTypes instance type to its specification.
     * @param globalRate    the feed's {@code global_rate} label, or null.
     * @throws IllegalArgumentException if two entries share a (region, OS, type).
     */
    public SpotAdvisor(
        final List<InterruptionBucket> buckets, final List<SpotAdvisorEntry> entries,
        final Map<String, InstanceSpec> instanceTypes, final String globalRate)
    {
        this(buckets, entries, instanceTypes, globalRate, defaultOpenProbability(buckets));
    }

    private SpotAdvisor(
        final List<InterruptionBucket> buckets, final List<SpotAdvisorEntry> entries,
        final Map<String, InstanceSpec> instanceTypes, final String globalRate, final double openProbability)
    {
        this.buckets = List.copyOf(buckets);
        final Map<String, SpotAdvisorEntry> byKey = new HashMap<>(entries.size() * 2);
        final Set<String> regionNames = new TreeSet<>();
        for (final SpotAdvisorEntry entry : entries)
        {
            if (byKey.put(key(entry.region(), entry.os(), entry.instanceType()), entry) != null)
            {
                throw new IllegalArgumentException("two entries for " + entry.region() + "/" + entry.os() + "/" +
                    entry.instanceType());
            }
            regionNames.add(entry.region());
        }
        final List<SpotAdvisorEntry> sorted = new ArrayList<>(entries);
        sorted.sort(Comparator.comparing(SpotAdvisorEntry::region).thenComparing(SpotAdvisorEntry::os)
            .thenComparing(SpotAdvisorEntry::instanceType));
        this.entries = Collections.unmodifiableMap(byKey);
        this.sortedEntries = Collections.unmodifiableList(sorted);
        this.instanceTypes = Map.copyOf(instanceTypes);
        this.regions = Collections.unmodifiableSet(regionNames);
        this.globalRate = globalRate;
        this.openBucketMonthlyProbability = openProbability;
    }

    private SpotAdvisor(final SpotAdvisor from, final double openProbability)
    {
        this.buckets = from.buckets;
        this.entries = from.entries;
        this.sortedEntries = from.sortedEntries;
        this.instanceTypes = from.instanceTypes;
        this.regions = from.regions;
        this.globalRate = from.globalRate;
        this.openBucketMonthlyProbability = openProbability;
    }

    private static double defaultOpenProbability(final List<InterruptionBucket> buckets)
    {
        double lower = Double.NaN;
        double widthBelow = 5.0;
        double highestClosedUpper = Double.NEGATIVE_INFINITY;
        for (final InterruptionBucket bucket : buckets)
        {
            if (bucket.isOpen())
            {
                lower = bucket.lowerPercent();
            }
            else if (bucket.upperPercent() > highestClosedUpper)
            {
                highestClosedUpper = bucket.upperPercent();
                widthBelow = bucket.upperPercent() - bucket.lowerPercent();
            }
        }
        return Double.isNaN(lower) ? Double.NaN : Math.min(0.99, (lower + widthBelow / 2.0) / 100.0);
    }

    /**
     * @param monthlyProbability probability in [0, 1) that an instance is interrupted within a month.
     * @return the constant hazard rate per instance-hour, {@code -ln(1 - p) / 730}.
     */
    public static double hazardPerHour(final double monthlyProbability)
    {
        if (!(monthlyProbability >= 0 && monthlyProbability < 1))
        {
            throw new IllegalArgumentException("monthly probability must be in [0, 1), got " + monthlyProbability);
        }
        return -Math.log1p(-monthlyProbability) / HOURS_PER_MONTH;
    }

    /**
     * @param monthlyProbability the probability used for the open bucket ({@code >20%}), in [0, 1).
     * @return a copy using it.
     */
    public SpotAdvisor withOpenBucketMonthlyProbability(final double monthlyProbability)
    {
        hazardPerHour(monthlyProbability);
        return new SpotAdvisor(this, monthlyProbability);
    }

    /**
     * @return the probability used for the open bucket; 0.225 for the published buckets unless changed.
     */
    public double openBucketMonthlyProbability()
    {
        return openBucketMonthlyProbability;
    }

    /**
     * @param bucket one of {@link #buckets()}.
     * @return the monthly interruption probability assumed for it (midpoint, or the open-bucket choice).
     */
    public double monthlyProbability(final InterruptionBucket bucket)
    {
        return bucket.isOpen() ? openBucketMonthlyProbability : bucket.midpointProbability();
    }

    /**
     * @param region       region, e.g. {@code us-east-1}.
     * @param os           {@code Linux} or {@code Windows}, case-insensitive.
     * @param instanceType instance type, e.g. {@code m5.large}.
     * @return the entry, or null if the advisor has none.
     */
    public SpotAdvisorEntry entry(final String region, final String os, final String instanceType)
    {
        return entries.get(key(region, os, instanceType));
    }

    /**
     * @param region       region.
     * @param os           {@code Linux} or {@code Windows}, case-insensitive.
     * @param instanceType instance type.
     * @return the bucket index ({@code "r"}), or -1 if there is no entry.
     */
    public int bucketIndex(final String region, final String os, final String instanceType)
    {
        final SpotAdvisorEntry entry = entry(region, os, instanceType);
        return entry == null ? -1 : entry.bucket().index();
    }

    /**
     * @param region       region.
     * @param os           {@code Linux} or {@code Windows}, case-insensitive.
     * @param instanceType instance type.
     * @return the assumed probability of interruption within a month (see the class comment).
     * @throws IllegalArgumentException if the advisor has no entry.
     */
    public double monthlyProbability(final String region, final String os, final String instanceType)
    {
        return monthlyProbability(require(region, os, instanceType).bucket());
    }

    /**
     * The preemption hazard the fault generator uses: interruptions per running instance-hour.
     *
     * @param region       region.
     * @param os           {@code Linux} or {@code Windows}, case-insensitive.
     * @param instanceType instance type.
     * @return {@code -ln(1 - p) / 730} with {@code p} from {@link #monthlyProbability(String, String, String)}.
     * @throws IllegalArgumentException if the advisor has no entry.
     */
    public double hazardPerHour(final String region, final String os, final String instanceType)
    {
        return hazardPerHour(monthlyProbability(region, os, instanceType));
    }

    /**
     * @return the buckets, in index order.
     */
    public List<InterruptionBucket> buckets()
    {
        return buckets;
    }

    /**
     * @return every entry, sorted by region, OS and type.
     */
    public List<SpotAdvisorEntry> entries()
    {
        return sortedEntries;
    }

    /**
     * @return number of (region, OS, type) entries.
     */
    public int size()
    {
        return entries.size();
    }

    /**
     * @return the regions with entries, sorted.
     */
    public Set<String> regions()
    {
        return regions;
    }

    /**
     * @param instanceType an instance type.
     * @return its specification from {@code instance_types}, or null.
     */
    public InstanceSpec instanceType(final String instanceType)
    {
        return instanceTypes.get(instanceType);
    }

    /**
     * @return every type in {@code instance_types}.
     */
    public Map<String, InstanceSpec> instanceTypes()
    {
        return instanceTypes;
    }

    /**
     * @return the feed's {@code global_rate} label (e.g. {@code <10%}), or null.
     */
    public String globalRate()
    {
        return globalRate;
    }

    private SpotAdvisorEntry require(final String region, final String os, final String instanceType)
    {
        final SpotAdvisorEntry entry = entry(region, os, instanceType);
        if (entry == null)
        {
            throw new IllegalArgumentException("the Spot Advisor has no entry for " + instanceType + " (" + os +
                ") in " + region + (regions.contains(region) ? "" : "; known regions: " + regions));
        }
        return entry;
    }

    private static String key(final String region, final String os, final String instanceType)
    {
        return region + SEPARATOR + os.toLowerCase(Locale.ROOT) + SEPARATOR + instanceType;
    }

    /**
     * An instance type as the advisor describes it. Immutable.
     *
     * @param vcpus     vCPUs (the feed's {@code cores}).
     * @param memoryGib memory in GiB ({@code ram_gb}).
     * @param emr       whether EMR supports it.
     */
    public record InstanceSpec(int vcpus, double memoryGib, boolean emr)
    {
    }
}
