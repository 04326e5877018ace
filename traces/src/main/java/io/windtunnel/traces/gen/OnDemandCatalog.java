package io.windtunnel.traces.gen;

import io.windtunnel.traces.ProblemCollector;
import io.windtunnel.traces.TraceFormatException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * On-demand list prices per provider, region and instance type: the constant {@code on-demand} series of a
 * generated price trace and the cap of its {@code spot} series.
 * <p>
 * {@link #builtIn()} holds a small catalog of common general-purpose types, Linux, pay-as-you-go, USD per hour,
 * after the providers' public price pages (AWS EC2 On-Demand pricing, Azure Linux Virtual Machines pricing, Google
 * Compute Engine VM instance pricing) around 2024. They are reference values for synthetic scenarios, not a live
 * feed: list prices change and differ by account and agreement, so for a study that depends on them give your own
 * with {@link #read(Path)}:
 * <pre>
 *   provider,region,instance_type,price_per_hour_usd
 *   aws,us-east-1,m5.large,0.096
 * </pre>
 * An optional {@code zone} column gives an entry per availability zone: its generated series are keyed by that
 * zone, so each zone gets its own spot price path (spot capacity pools, and so spot prices, are per zone).
 * <b>Threading:</b> immutable. <b>Allocation:</b> setup only.
 */
public final class OnDemandCatalog
{
    /**
     * One list price.
     *
     * @param provider         cloud provider, e.g. {@code aws}.
     * @param region           provider region, e.g. {@code us-east-1}.
     * @param zone             availability zone, or empty for a region-wide entry.
     * @param instanceType     instance type, e.g. {@code m5.large}.
     * @param pricePerHourUsd  on-demand price, USD per instance-hour, positive.
     */
    public record Entry(String provider, String region, String zone, String instanceType, double pricePerHourUsd)
    {
        /** Normalizes a null zone to "" (region-wide). */
        public Entry
        {
            zone = zone == null ? "" : zone;
        }

        /**
         * A region-wide entry (empty zone).
         *
         * @param provider        cloud provider.
         * @param region          provider region.
         * @param instanceType    instance type.
         * @param pricePerHourUsd on-demand price, USD per instance-hour.
         */
        public Entry(final String provider, final String region, final String instanceType,
            final double pricePerHourUsd)
        {
            this(provider, region, "", instanceType, pricePerHourUsd);
        }

        /**
         * @return {@code provider/region/instanceType}, or {@code provider/region/zone/instanceType} for a zone's
         * entry, for messages and stream names (region-wide entries keep the name they had before zones, so their
         * generated series do not change).
         */
        public String describe()
        {
            return zone.isEmpty() ? provider + "/" + region + "/" + instanceType :
                provider + "/" + region + "/" + zone + "/" + instanceType;
        }
    }

    private static final OnDemandCatalog BUILT_IN = new OnDemandCatalog(List.of(
        new Entry("aws", "us-east-1", "m5.large", 0.096),
        new Entry("aws", "us-east-1", "m5.xlarge", 0.192),
        new Entry("aws", "eu-west-1", "m5.large", 0.107),
        new Entry("aws", "eu-west-1", "m5.xlarge", 0.214),
        new Entry("azure", "eastus", "Standard_D2s_v3", 0.096),
        new Entry("azure", "eastus", "Standard_D4s_v3", 0.192),
        new Entry("azure", "westeurope", "Standard_D2s_v3", 0.115),
        new Entry("azure", "westeurope", "Standard_D4s_v3", 0.23),
        new Entry("gcp", "us-central1", "n2-standard-2", 0.097118),
        new Entry("gcp", "us-central1", "n2-standard-4", 0.194236),
        new Entry("gcp", "europe-west1", "n2-standard-2", 0.106834),
        new Entry("gcp", "europe-west1", "n2-standard-4", 0.213668)));

    private final List<Entry> entries;

    private OnDemandCatalog(final List<Entry> entries)
    {
        this.entries = List.copyOf(entries);
    }

    /**
     * @return the built-in catalog: 3 providers x 2 regions x 2 instance types (see the class comment).
     */
    public static OnDemandCatalog builtIn()
    {
        return BUILT_IN;
    }

    /**
     * @param entries list prices; each key at most once, prices positive.
     * @return the catalog.
     * @throws GeneratorParameterException if a key repeats, a field is empty or a price is not positive.
     */
    public static OnDemandCatalog of(final List<Entry> entries)
    {
        GeneratorParameterException.require(!entries.isEmpty(), "the catalog has no prices");
        final Set<String> seen = new HashSet<>();
        for (final Entry entry : entries)
        {
            GeneratorParameterException.require(!entry.provider().isEmpty() && !entry.region().isEmpty() &&
                !entry.instanceType().isEmpty(), "catalog entry " + entry.describe() + " has an empty field");
            GeneratorParameterException.require(seen.add(entry.describe()),
                "catalog lists " + entry.describe() + " twice");
            GeneratorParameterException.require(entry.pricePerHourUsd() > 0 &&
                Double.isFinite(entry.pricePerHourUsd()),
                "catalog price of " + entry.describe() + " must be positive, got " + entry.pricePerHourUsd());
        }
        return new OnDemandCatalog(entries);
    }

    /**
     * Read a catalog CSV with the header {@code provider,region,instance_type,price_per_hour_usd} and optionally
     * {@code zone} (any column order, extra columns ignored, {@code #} comments allowed; an empty zone is a
     * region-wide entry).
     *
     * @param file the CSV file.
     * @return the catalog.
     * @throws TraceFormatException with every problem (file, line, field) if the content is wrong.
     * @throws IOException          if the file cannot be read.
     */
    public static OnDemandCatalog read(final Path file) throws TraceFormatException, IOException
    {
        final ProblemCollector problems = new ProblemCollector(file.toString());
        final List<Entry> entries = new ArrayList<>();
        final Set<String> seen = new HashSet<>();
        final CSVFormat format = CSVFormat.DEFAULT.builder()
            .setHeader().setSkipHeaderRecord(true).setCommentMarker('#').setIgnoreSurroundingSpaces(true)
            .setIgnoreEmptyLines(true).get();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            CSVParser parser = CSVParser.builder().setReader(reader).setFormat(format).get())
        {
            final List<String> header = new ArrayList<>();
            parser.getHeaderNames().forEach(name -> header.add(name.toLowerCase(Locale.ROOT)));
            final String[] required = {"provider", "region", "instance_type", "price_per_hour_usd"};
            boolean headerOk = true;
            for (final String column : required)
            {
                if (!header.contains(column))
                {
                    problems.atLine(1, column, "missing column; the header must name provider, region, " +
                        "instance_type and price_per_hour_usd");
                    headerOk = false;
                }
            }
            if (headerOk)
            {
                for (final CSVRecord record : parser)
                {
                    readRecord(record, parser.getCurrentLineNumber(), parser.getHeaderNames(), problems, entries, seen);
                    if (problems.isFull())
                    {
                        break;
                    }
                }
            }
        }
        catch (final UncheckedIOException | IllegalStateException | IllegalArgumentException e)
        {
            problems.atLine(0, null, "cannot parse as CSV: " + e.getMessage());
        }
        catch (final CharacterCodingException e)
        {
            problems.atLine(0, null, "not UTF-8 text");
        }
        if (!problems.hasProblems() && entries.isEmpty())
        {
            problems.atLine(0, null, "the catalog has no prices");
        }
        problems.throwIfAny();
        return new OnDemandCatalog(entries);
    }

    private static void readRecord(
        final CSVRecord record, final long line, final List<String> headerNames, final ProblemCollector problems,
        final List<Entry> entries, final Set<String> seen)
    {
        final String provider = column(record, headerNames, "provider");
        final String region = column(record, headerNames, "region");
        final String type = column(record, headerNames, "instance_type");
        final String zone = column(record, headerNames, "zone");
        final String priceText = column(record, headerNames, "price_per_hour_usd");
        boolean ok = true;
        for (final String[] field : new String[][] {{"provider", provider}, {"region", region},
            {"instance_type", type}})
        {
            if (field[1] == null || field[1].isEmpty())
            {
                problems.atLine(line, field[0], "empty");
                ok = false;
            }
        }
        double price = Double.NaN;
        try
        {
            price = Double.parseDouble(priceText == null ? "" : priceText);
        }
        catch (final NumberFormatException e)
        {
            // reported below
        }
        if (!(price > 0) || !Double.isFinite(price))
        {
            problems.atLine(line, "price_per_hour_usd",
                "'" + priceText + "' is not a positive price in USD per hour");
            ok = false;
        }
        if (ok)
        {
            final Entry entry = new Entry(provider, region, zone == null ? "" : zone, type, price);
            if (seen.add(entry.describe()))
            {
                entries.add(entry);
            }
            else
            {
                problems.atLine(line, null, entry.describe() + " is listed twice");
            }
        }
    }

    private static String column(final CSVRecord record, final List<String> headerNames, final String name)
    {
        for (int i = 0; i < headerNames.size(); i++)
        {
            if (headerNames.get(i).equalsIgnoreCase(name))
            {
                return i < record.size() ? record.get(i).trim() : null;
            }
        }
        return null;
    }

    /**
     * @return every entry, in catalog order.
     */
    public List<Entry> entries()
    {
        return entries;
    }

    /**
     * @param providers     providers to keep (empty: all).
     * @param regions       regions to keep (empty: all).
     * @param instanceTypes instance types to keep (empty: all).
     * @return the matching entries in catalog order.
     * @throws GeneratorParameterException if none match.
     */
    public List<Entry> select(
        final List<String> providers, final List<String> regions, final List<String> instanceTypes)
    {
        return select(providers, regions, List.of(), instanceTypes);
    }

    /**
     * @param providers     providers to keep (empty: all).
     * @param regions       regions to keep (empty: all).
     * @param zones         zones to keep (empty: all; a region-wide entry has the zone "").
     * @param instanceTypes instance types to keep (empty: all).
     * @return the matching entries in catalog order.
     * @throws GeneratorParameterException if none match.
     */
    public List<Entry> select(final List<String> providers, final List<String> regions, final List<String> zones,
        final List<String> instanceTypes)
    {
        final List<Entry> selected = new ArrayList<>();
        for (final Entry entry : entries)
        {
            if ((providers.isEmpty() || providers.contains(entry.provider())) &&
                (regions.isEmpty() || regions.contains(entry.region())) &&
                (zones.isEmpty() || zones.contains(entry.zone())) &&
                (instanceTypes.isEmpty() || instanceTypes.contains(entry.instanceType())))
            {
                selected.add(entry);
            }
        }
        GeneratorParameterException.require(!selected.isEmpty(), "no catalog entry matches providers " + providers +
            ", regions " + regions + (zones.isEmpty() ? "" : ", zones " + zones) + " and instance types " +
            instanceTypes);
        return selected;
    }

    /**
     * @param provider     provider.
     * @param region       region.
     * @param instanceType instance type.
     * @return the list price (of the first entry of that provider, region and type, in any zone), or NaN if the
     * catalog does not have it.
     */
    public double pricePerHourUsd(final String provider, final String region, final String instanceType)
    {
        for (final Entry entry : entries)
        {
            if (entry.provider().equals(provider) && entry.region().equals(region) &&
                entry.instanceType().equals(instanceType))
            {
                return entry.pricePerHourUsd();
            }
        }
        return Double.NaN;
    }
}
