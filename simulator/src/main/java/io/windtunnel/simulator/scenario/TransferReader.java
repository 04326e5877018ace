package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.SizeDistribution;
import io.windtunnel.simulator.transfer.TransferModel;
import io.windtunnel.simulator.transfer.TransferPrices;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceRules;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads a scenario's {@code transfer} section (request and response sizes, the data set, transfer prices, bandwidth
 * and read round trips per link class) and the regions' {@code uplink}s into a {@link TransferModel}. Every refusal
 * names the file, line and key (see docs/simulator.md, "Bytes and transfer cost").
 * <p>
 * <b>Threading:</b> stateless. <b>Allocation:</b> setup only.
 */
final class TransferReader
{
    /** Name of the bundled example price table. */
    static final String AWS_EXAMPLE = "aws-example";
    /** The provider of a price trace's rows that apply to every provider without rows of its own. */
    static final String ANY_PROVIDER = "*";
    /** The source of sizes taken from each request's row of its client's request log. */
    static final String LOG = "log";

    private TransferReader()
    {
    }

    /**
     * Reads the section, checking sizes written {@code log} or {@code {from: log, fallback: SIZE}} against the
     * clients' request logs and reading a price trace named by {@code prices: {trace: FILE}}.
     *
     * @param node         the {@code transfer} section.
     * @param regions      region name to index.
     * @param zoneIndexes  {@code "regionIndex/zoneName"} to zone index.
     * @param uplinks      region index to its {@code uplink} node.
     * @param startEpochNs epoch time of simulated time 0.
     * @param logs         the client regions' arrival logs, the providers and a trace reader.
     * @return the model's bytes.
     * @throws ScenarioException   on bad input.
     * @throws TraceFormatException on a bad price trace.
     * @throws IOException          if a price trace cannot be read.
     */
    static TransferModel read(final YamlNode node, final Map<String, Integer> regions,
        final Map<String, Integer> zoneIndexes, final Map<Integer, YamlNode> uplinks, final long startEpochNs,
        final Inputs logs) throws ScenarioException, TraceFormatException, IOException
    {
        if (!node.isMap())
        {
            throw node.error("must be a mapping with request, response, data, prices, bandwidth or readRtt");
        }
        final boolean[] fromLog = new boolean[ArrivalLog.SIZE_COLUMNS];
        final SizeDistribution request = size(node.get("request"), ArrivalLog.REQUEST_BYTES, fromLog, logs,
            startEpochNs);
        final SizeDistribution response = size(node.get("response"), ArrivalLog.RESPONSE_BYTES, fromLog, logs,
            startEpochNs);
        SizeDistribution read = null;
        final List<Integer> dataRegion = new ArrayList<>();
        final List<Integer> dataZone = new ArrayList<>();
        final YamlNode data = node.get("data");
        if (data != null)
        {
            read = size(data.require("read"), ArrivalLog.READ_BYTES, fromLog, logs, startEpochNs);
            // Without locations the data set is a storage section's (ScenarioReader checks there is one).
            final YamlNode locations = data.get("locations");
            for (final YamlNode location : locations == null ? List.<YamlNode>of() : locations.items())
            {
                final String regionName = location.require("region").text();
                final Integer region = regions.get(regionName);
                if (region == null)
                {
                    throw location.require("region").error("unknown region '" + regionName + "'");
                }
                int zone = CloudModel.NO_ZONE;
                if (location.has("zone"))
                {
                    final String zoneName = location.require("zone").text();
                    final Integer z = zoneIndexes.get(region + "/" + zoneName);
                    if (z == null)
                    {
                        throw location.require("zone").error("region '" + regionName + "' has no zone '" +
                            zoneName + "' (zones come from the region's 'zones' list or its offers)");
                    }
                    zone = z;
                }
                location.rejectUnknownKeys();
                dataRegion.add(region);
                dataZone.add(zone);
            }
            if (locations != null && dataRegion.isEmpty())
            {
                throw locations.error("a data set needs at least one location");
            }
            data.rejectUnknownKeys();
        }
        if (request == null && response == null && read == null && !fromLog[ArrivalLog.REQUEST_BYTES] &&
            !fromLog[ArrivalLog.RESPONSE_BYTES] && !fromLog[ArrivalLog.READ_BYTES])
        {
            throw node.error("gives no sizes: set request, response or data (a transfer section without bytes " +
                "moves nothing)");
        }
        final YamlNode pricesNode = node.get("prices");
        final TransferPrices prices = pricesNode != null && pricesNode.isMap() && pricesNode.has("trace") ?
            tracePrices(pricesNode, logs, startEpochNs) : prices(node);
        final double[] bitsPerSec = TransferModel.DEFAULT_BITS_PER_SEC.clone();
        final YamlNode bandwidth = node.get("bandwidth");
        if (bandwidth != null)
        {
            for (final Map.Entry<String, YamlNode> e : classEntries(bandwidth).entrySet())
            {
                bitsPerSec[LinkClass.parse(e.getKey())] = bitsPerSec(e.getValue());
            }
        }
        final long[] readRttNs = TransferModel.DEFAULT_READ_RTT_NS.clone();
        final YamlNode readRtt = node.get("readRtt");
        if (readRtt != null)
        {
            for (final Map.Entry<String, YamlNode> e : classEntries(readRtt).entrySet())
            {
                readRttNs[LinkClass.parse(e.getKey())] = e.getValue().asDurationNs();
            }
        }
        final double[] uplink = new double[regions.size()];
        for (final Map.Entry<Integer, YamlNode> e : uplinks.entrySet())
        {
            uplink[e.getKey()] = bitsPerSec(e.getValue());
        }
        node.rejectUnknownKeys();
        return new TransferModel(request, response, read, dataRegion.stream().mapToInt(Integer::intValue).toArray(),
            dataZone.stream().mapToInt(Integer::intValue).toArray(), prices, bitsPerSec, readRttNs, uplink,
            startEpochNs, fromLog);
    }

    /**
     * What the {@code transfer} section is checked against and reads besides itself: the client regions' arrival
     * logs (for sizes taken from them), the providers and a way to read a price trace.
     *
     * @param logs      per client index: its arrival log, or null (a client fed by a rate).
     * @param names     per client index: its name.
     * @param loadFile  the load file as the scenario names it, or null (a constant load).
     * @param providers per provider index: its name.
     * @param traces    reads a trace file named in the scenario.
     */
    record Inputs(List<ArrivalLog> logs, List<String> names, String loadFile, List<String> providers,
        TraceLoader traces)
    {
    }

    /** Reads a {@link TraceKind#TRANSFER} trace named by a scenario key, refusing other kinds at that key. */
    interface TraceLoader
    {
        /**
         * @param file   the key naming the file.
         * @param format the key naming its format, or null (detected).
         * @return the table.
         * @throws ScenarioException   on a bad reference.
         * @throws TraceFormatException on a bad file.
         * @throws IOException         if it cannot be read.
         */
        TraceTable load(YamlNode file, YamlNode format) throws ScenarioException, TraceFormatException, IOException;
    }

    /**
     * {@code prices: {trace: FILE}}: a {@link TraceKind#TRANSFER} trace, one schedule per provider and class (the
     * provider's rows, else the {@code *} rows); refused if the trace names a provider the scenario lacks, leaves a
     * provider's class without a price, or has no tier from 0 in force at the run's start.
     */
    private static TransferPrices tracePrices(final YamlNode prices, final Inputs inputs, final long startEpochNs)
        throws ScenarioException, TraceFormatException, IOException
    {
        final YamlNode file = prices.require("trace");
        final TraceTable table = inputs.traces().load(file, prices.get("format"));
        prices.rejectUnknownKeys();
        final KeyDictionary keys = table.keys();
        final List<String> providers = inputs.providers();
        for (int key = 0; key < keys.size(); key++)
        {
            final String provider = keys.field(key, 0);
            if (!provider.equals(ANY_PROVIDER) && !providers.contains(provider))
            {
                throw file.error(file.text() + " prices provider '" + provider + "', which the scenario does not " +
                    "have (it has " + String.join(", ", providers) + "); use " + ANY_PROVIDER + " for every provider");
            }
        }
        final int n = providers.size() * LinkClass.COUNT;
        final long[][] starts = new long[n][];
        final long[][][] from = new long[n][][];
        final double[][][] usd = new double[n][][];
        for (int p = 0; p < providers.size(); p++)
        {
            for (int c = 0; c < LinkClass.COUNT; c++)
            {
                final String owner = hasRows(table, providers.get(p), c) ? providers.get(p) :
                    hasRows(table, ANY_PROVIDER, c) ? ANY_PROVIDER : null;
                if (owner == null)
                {
                    throw file.error(file.text() + " gives no price for provider '" + providers.get(p) +
                        "' on link class '" + LinkClass.NAMES[c] + "': add rows for it, or for provider " +
                        ANY_PROVIDER);
                }
                schedule(table, owner, c, startEpochNs, p * LinkClass.COUNT + c, starts, from, usd, file,
                    providers.get(p));
            }
        }
        return TransferPrices.schedule(providers.size(), starts, from, usd, "transfer price trace " + file.text());
    }

    private static boolean hasRows(final TraceTable table, final String provider, final int linkClass)
    {
        final KeyDictionary keys = table.keys();
        for (int key = 0; key < keys.size(); key++)
        {
            if (keys.field(key, 0).equals(provider) && keys.field(key, 1).equals(LinkClass.NAMES[linkClass]))
            {
                return true;
            }
        }
        return false;
    }

    /**
     * One provider's and class's periods from the owner's rows: each row time after the run's start begins a
     * period with every tier's latest price; rows at or before the start make the first period.
     */
    private static void schedule(final TraceTable table, final String owner, final int linkClass,
        final long startEpochNs, final int at, final long[][] starts, final long[][][] from, final double[][][] usd,
        final YamlNode file, final String provider) throws ScenarioException
    {
        final KeyDictionary keys = table.keys();
        final List<Integer> rows = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++)
        {
            final int key = table.keyId(row);
            if (keys.field(key, 0).equals(owner) && keys.field(key, 1).equals(LinkClass.NAMES[linkClass]))
            {
                rows.add(row);
            }
        }
        // Tier start (bytes) to its latest price, in tier order.
        final java.util.TreeMap<Long, Double> current = new java.util.TreeMap<>();
        final List<Long> periodStarts = new ArrayList<>();
        final List<long[]> periodFrom = new ArrayList<>();
        final List<double[]> periodUsd = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++)
        {
            final int row = rows.get(i);
            current.put(Math.round(TraceRules.tierFromGb(keys.field(table.keyId(row), 2)) * ByteUnits.BYTES_PER_GB),
                table.value(row));
            final long atNs = Math.max(0, table.timeNs(row) - startEpochNs);
            final boolean periodComplete = i + 1 == rows.size() ||
                Math.max(0, table.timeNs(rows.get(i + 1)) - startEpochNs) != atNs;
            if (!periodComplete)
            {
                continue;
            }
            if (!current.containsKey(0L))
            {
                throw file.error(file.text() + " has no price for the first tier (tier_from_gb 0) of provider '" +
                    provider + "' on link class '" + LinkClass.NAMES[linkClass] + "' at " +
                    TraceTimes.formatIso(startEpochNs + atNs) + (atNs == 0 ? " (the run's start)" : "") +
                    ": every class needs a price from the month's first byte, from the run's start on");
            }
            periodStarts.add(atNs);
            periodFrom.add(current.keySet().stream().mapToLong(Long::longValue).toArray());
            periodUsd.add(current.values().stream().mapToDouble(Double::doubleValue).toArray());
        }
        if (periodStarts.get(0) != 0)
        {
            throw file.error(file.text() + " has no price for provider '" + provider + "' on link class '" +
                LinkClass.NAMES[linkClass] + "' at the run's start (" + TraceTimes.formatIso(startEpochNs) +
                "): its first row for it is at " + TraceTimes.formatIso(startEpochNs + periodStarts.get(0)));
        }
        starts[at] = periodStarts.stream().mapToLong(Long::longValue).toArray();
        from[at] = periodFrom.toArray(new long[0][]);
        usd[at] = periodUsd.toArray(new double[0][]);
    }

    /**
     * A size that may come from the request log: {@code log} or {@code {from: log, fallback: SIZE}} (flagged in
     * {@code fromLog}, the fallback or null returned), else {@link #size(YamlNode)}. Without a fallback, every client
     * must replay a log with the column, and every row of it must have a value.
     */
    private static SizeDistribution size(final YamlNode node, final int column, final boolean[] fromLog,
        final Inputs logs, final long startEpochNs) throws ScenarioException
    {
        if (node == null || !(node.isMap() ? node.has("from") : node.text().trim().equals(LOG)))
        {
            return size(node);
        }
        SizeDistribution fallback = null;
        if (node.isMap())
        {
            final YamlNode from = node.require("from");
            if (!from.text().trim().equals(LOG))
            {
                throw from.error("'" + from.text() + "' is not a source of sizes: the one source is 'log' (each " +
                    "request's size from its row of the client's request log)");
            }
            fallback = size(node.get("fallback"));
            node.rejectUnknownKeys();
        }
        final String columnName = TraceTable.SIZE_COLUMNS.get(column);
        final String advice = "; give a size for those requests: {from: log, fallback: 2 KB}";
        for (int c = 0; c < logs.names().size() && fallback == null; c++)
        {
            final ArrivalLog log = logs.logs().get(c);
            final String client = logs.names().get(c);
            if (log == null)
            {
                throw node.error("takes sizes from the request log, but client region '" + client + "' has no " +
                    "log (its load is a rate, not a per-request arrival log)" + advice);
            }
            if (!log.hasSizeColumn(column))
            {
                throw node.error("takes sizes from the request log, but " + logs.loadFile() + " has no '" +
                    columnName + "' column (it is read from an arrivals-csv file with that column)" + advice);
            }
            final int unknown = log.firstUnknownSize(column);
            if (unknown >= 0)
            {
                throw node.error("takes sizes from the request log, but in " + logs.loadFile() + " client region '" +
                    client + "' has requests with an empty '" + columnName + "' (the first at " +
                    TraceTimes.formatIso(startEpochNs + log.timeNs(unknown)) + ")" + advice);
            }
        }
        fromLog[column] = true;
        return fallback;
    }

    /** A size: a scalar ({@code 2 KB}, constant) or {@code {distribution, mean, cv}}; null if absent. */
    private static SizeDistribution size(final YamlNode node) throws ScenarioException
    {
        if (node == null)
        {
            return null;
        }
        if (!node.isMap())
        {
            return new SizeDistribution(SizeDistribution.CONSTANT, bytes(node), 0);
        }
        final String distribution = node.string("distribution", "constant");
        final int kind;
        switch (distribution)
        {
            case "constant":
                kind = SizeDistribution.CONSTANT;
                break;
            case "exponential":
                kind = SizeDistribution.EXPONENTIAL;
                break;
            case "lognormal":
                kind = SizeDistribution.LOGNORMAL;
                break;
            default:
                throw node.require("distribution").error("'" + distribution +
                    "' is not one of constant, exponential, lognormal");
        }
        final double meanBytes = bytes(node.require("mean"));
        final double cv = kind == SizeDistribution.LOGNORMAL ? node.number("cv", 1.0, 0, 100) : 0;
        node.rejectUnknownKeys();
        return new SizeDistribution(kind, meanBytes, cv);
    }

    private static double bytes(final YamlNode node) throws ScenarioException
    {
        final double value;
        try
        {
            value = ByteUnits.parseBytes(node.text().trim());
        }
        catch (final IllegalArgumentException e)
        {
            throw node.error(e.getMessage());
        }
        if (value > 1L << 50)
        {
            throw node.error("is larger than 1 PB per request");
        }
        return value;
    }

    private static double bitsPerSec(final YamlNode node) throws ScenarioException
    {
        try
        {
            return ByteUnits.parseBitsPerSec(node.text().trim());
        }
        catch (final IllegalArgumentException e)
        {
            throw node.error(e.getMessage());
        }
    }

    /** @return a mapping whose keys are link class names; an unknown class is refused. */
    private static Map<String, YamlNode> classEntries(final YamlNode node) throws ScenarioException
    {
        if (!node.isMap())
        {
            throw node.error("must map link classes (" + String.join(", ", LinkClass.NAMES) + ") to values");
        }
        final Map<String, YamlNode> entries = node.entries();
        for (final Map.Entry<String, YamlNode> e : entries.entrySet())
        {
            if (LinkClass.parse(e.getKey()) < 0)
            {
                throw e.getValue().error("'" + e.getKey() + "' is not a link class (one of " +
                    String.join(", ", LinkClass.NAMES) + ")");
            }
        }
        return entries;
    }

    /**
     * {@code prices}: absent or {@code aws-example} for the bundled table, or a mapping from link class to a price
     * in USD per GB or a list of tiers {@code {from: SIZE, usdPerGb: N}} (the first from 0); classes left out take
     * the bundled table's price (recorded as defaults).
     */
    private static TransferPrices prices(final YamlNode node) throws ScenarioException
    {
        final TransferPrices example = TransferPrices.awsExample();
        final YamlNode prices = node.get("prices");
        if (prices == null)
        {
            node.recordDefault("prices", AWS_EXAMPLE);
            return example;
        }
        if (!prices.isMap())
        {
            final String name = prices.text();
            if (!name.equals(AWS_EXAMPLE))
            {
                throw prices.error("'" + name + "' is not a bundled price table (" + AWS_EXAMPLE +
                    ") nor a mapping from link class to USD per GB");
            }
            return example;
        }
        final Map<String, YamlNode> entries = classEntries(prices);
        final long[][] from = new long[LinkClass.COUNT][];
        final double[][] usd = new double[LinkClass.COUNT][];
        for (int c = 0; c < LinkClass.COUNT; c++)
        {
            final YamlNode price = entries.get(LinkClass.NAMES[c]);
            if (price == null)
            {
                prices.recordDefault(LinkClass.NAMES[c], AWS_EXAMPLE);
                from[c] = example.tierFromBytes(c);
                usd[c] = example.tierUsdPerGb(c);
            }
            else if (!price.isList())
            {
                from[c] = new long[] {0};
                usd[c] = new double[] {price.asNumber(0, 1e6)};
            }
            else
            {
                final List<YamlNode> tiers = price.items();
                if (tiers.isEmpty())
                {
                    throw price.error("needs at least one tier {from: 0 GB, usdPerGb: N}");
                }
                from[c] = new long[tiers.size()];
                usd[c] = new double[tiers.size()];
                for (int i = 0; i < tiers.size(); i++)
                {
                    final YamlNode tier = tiers.get(i);
                    from[c][i] = (long)bytes(tier.require("from"));
                    usd[c][i] = tier.require("usdPerGb").asNumber(0, 1e6);
                    tier.rejectUnknownKeys();
                    if (i == 0 && from[c][0] != 0)
                    {
                        throw tier.require("from").error("the first tier must start at 0 (the month's first byte)");
                    }
                    if (i > 0 && from[c][i] <= from[c][i - 1])
                    {
                        throw tier.require("from").error("must be above the previous tier's start (" +
                            tiers.get(i - 1).require("from").text() + ")");
                    }
                }
            }
        }
        return new TransferPrices(from, usd, "scenario table " + node.file() + ":" + prices.line());
    }
}
