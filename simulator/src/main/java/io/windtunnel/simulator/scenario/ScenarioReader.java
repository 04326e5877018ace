package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.Autoscaler;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.CheapestPricePlacement;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.ReplaceOnFailureFailover;
import io.windtunnel.simulator.policy.RoundRobinBalancer;
import io.windtunnel.simulator.policy.TargetUtilizationAutoscaler;
import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.KeyDictionary;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Reads a scenario YAML file (schema in {@code docs/simulator.md}) and the traces it names into a {@link Scenario}.
 * Every problem names the file, line and key; trace problems come as {@link TraceFormatException} with file, line
 * and field. Trace paths are relative to the scenario file's folder. The file's YAML is read by {@link YamlNode}
 * (limits, aliases, duplicate keys); the scenario carries a {@link ValueEcho} of every value of the file and every
 * default applied.
 * <p>
 * <b>Threading:</b> stateless apart from one read; use one instance per read.
 */
public final class ScenarioReader
{
    /** Longest scenario name: it becomes a folder name with a timestamp appended. */
    public static final int MAX_NAME_CHARS = 100;
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");

    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final Map<Integer, Integer> regionProviders = new HashMap<>();
    /** Region index to the zones its scenario entry declares; absent when it declares none. */
    private final Map<Integer, List<String>> declaredZones = new HashMap<>();
    /** "region index/zone name" to the model's zone index, filled when the prices are read. */
    private final Map<String, Integer> zoneIndexes = new HashMap<>();
    private String file;
    private Path folder;

    /**
     * @param path the scenario file.
     * @return the compiled scenario.
     * @throws ScenarioException    if the scenario is wrong.
     * @throws TraceFormatException if a trace it names is wrong.
     * @throws IOException          if a file cannot be read.
     */
    public static Scenario read(final Path path) throws ScenarioException, TraceFormatException, IOException
    {
        return new ScenarioReader().readFile(path);
    }

    private Scenario readFile(final Path path) throws ScenarioException, TraceFormatException, IOException
    {
        file = path.toString();
        if (Files.isDirectory(path))
        {
            throw new ScenarioException(file, 0, null, "is a folder, not a scenario file; name the .yaml file");
        }
        folder = path.toAbsolutePath().getParent();
        // Refuse an oversized file before reading it; the bounded read also stops a file that grows meanwhile or a
        // device that never ends.
        final long size = Files.size(path);
        if (size > YamlNode.MAX_FILE_BYTES)
        {
            throw YamlNode.tooLarge(file, size);
        }
        final byte[] bytes;
        try (InputStream in = Files.newInputStream(path))
        {
            bytes = in.readNBytes(YamlNode.MAX_FILE_BYTES + 1);
        }
        if (bytes.length > YamlNode.MAX_FILE_BYTES)
        {
            throw new ScenarioException(file, 0, null, "reading it gave more than " + YamlNode.MAX_FILE_BYTES +
                " bytes, more than a scenario may have (max " + YamlNode.MAX_FILE_BYTES + " bytes = 1 MiB)");
        }
        inputs.put(path.getFileName().toString(), sha256(bytes));
        final YamlNode root = YamlNode.parse(file, bytes);
        if (!root.isMap())
        {
            throw root.error("a scenario must be a mapping of keys to values");
        }
        return compile(root);
    }

    private Scenario compile(final YamlNode root) throws ScenarioException, TraceFormatException, IOException
    {
        final String name = root.string("name", "scenario");
        if (name.length() > MAX_NAME_CHARS || !NAME.matcher(name).matches())
        {
            throw root.require("name").error("'" + name + "' cannot be a result folder name: use 1 to " +
                MAX_NAME_CHARS + " letters (A-Z, a-z), digits, '-', '_' and '.', not starting with '.'");
        }
        final long seed = root.integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE);
        final int replications = (int)root.integer("replications", 1, 1, Scenario.MAX_REPLICATIONS);
        final long durationNs = root.require("duration").asPositiveDurationNs();
        final long warmupNs = root.durationNs("warmup", 0);
        final long controlNs = root.positiveDurationNs("controlInterval", 60_000_000_000L);
        final long sampleNs = root.positiveDurationNs("sampleInterval", 60_000_000_000L);
        if (warmupNs >= durationNs)
        {
            throw root.require("warmup").error("must be shorter than the duration");
        }
        if (durationNs / sampleNs > 10_000_000)
        {
            throw root.require("sampleInterval").error("gives more than 10 million time-series rows");
        }

        final CloudModel.Builder b = CloudModel.builder();
        b.times(durationNs, warmupNs, controlNs, sampleNs);

        final Map<String, Integer> providers = new LinkedHashMap<>();
        final Map<String, Integer> regions = new LinkedHashMap<>();
        final Map<String, Integer> types = new LinkedHashMap<>();
        readProviders(root.require("providers"), b, providers, regions, types);

        final YamlNode load = root.require("load");
        final YamlNode loadFile = load.get("file");
        final TraceTable loadTable = loadFile == null ? null :
            readTrace(loadFile, load.get("format"), TraceKind.LOAD_RATE, TraceKind.ARRIVALS);
        final long startEpochNs = readStart(root.get("start"), loadTable);
        if (!root.has("start"))
        {
            root.recordDefault("start", TraceTimes.formatIso(startEpochNs));
        }

        final Map<String, Integer> clients = new LinkedHashMap<>();
        readClients(root.require("clients"), load, loadTable, startEpochNs, b, regions, clients);
        final YamlNode network = root.section("network");
        b.jitterNs(network.durationNs("jitter", 0));
        network.rejectUnknownKeys();

        readPrices(root.require("prices"), b, providers, regions, types, startEpochNs);
        final YamlNode faults = root.get("faults");
        if (faults != null)
        {
            for (final YamlNode source : faults.items())
            {
                readFaults(source, b, providers, regions, types, startEpochNs);
            }
        }

        readService(root.require("service"), b);
        final YamlNode slo = root.section("slo");
        b.slo(slo.durationNs("latency", 1_000_000_000L), (int)slo.integer("requiredReadyReplicas", 1, 0, 1_000_000));
        slo.rejectUnknownKeys();

        final List<PolicyStack> stacks = readStacks(root.require("stacks"), providers);
        root.rejectUnknownKeys();
        // Every key of the file has been asked for, so the echo below lists only values the reader saw.
        root.rejectUnreadKeys();
        final CloudModel model;
        try
        {
            model = b.build();
        }
        catch (final IllegalArgumentException e)
        {
            throw root.error(e.getMessage());
        }
        return new Scenario(name, file, seed, replications, startEpochNs, model, stacks, inputs,
            new ValueEcho(root.scalars(), root.defaults(), Map.of()));
    }

    private void readProviders(final YamlNode node, final CloudModel.Builder b, final Map<String, Integer> providers,
        final Map<String, Integer> regions, final Map<String, Integer> types) throws ScenarioException
    {
        for (final Map.Entry<String, YamlNode> entry : node.entries().entrySet())
        {
            final YamlNode p = entry.getValue();
            if (p == null || !p.isMap())
            {
                throw node.error("provider '" + entry.getKey() + "' must be a mapping");
            }
            final long noticeNs = p.durationNs("preemptionNotice", 120_000_000_000L);
            final YamlNode bill = p.section("billing");
            final long granularityNs = bill.positiveDurationNs("granularity", 1_000_000_000L);
            final String refund = bill.string("refundOnPreemption", "none");
            final BillingRule.Refund rule;
            switch (refund)
            {
                case "none":
                    rule = BillingRule.Refund.NONE;
                    break;
                case "partial-unit":
                    rule = BillingRule.Refund.PARTIAL_UNIT;
                    break;
                case "first-hour-free":
                    rule = BillingRule.Refund.FIRST_HOUR_FREE;
                    break;
                default:
                    throw bill.require("refundOnPreemption")
                        .error("'" + refund + "' is not one of none, partial-unit, first-hour-free");
            }
            final BillingRule billing = new BillingRule(granularityNs, bill.durationNs("minimum", 60_000_000_000L), rule);
            bill.rejectUnknownKeys();
            final int provider = b.provider(entry.getKey(), noticeNs, billing);
            providers.put(entry.getKey(), provider);
            final YamlNode regionNodes = p.require("regions");
            for (final Map.Entry<String, YamlNode> region : regionNodes.entries().entrySet())
            {
                if (regions.containsKey(region.getKey()))
                {
                    throw regionNodes.error("region '" + region.getKey() + "' is declared twice");
                }
                int quota = Integer.MAX_VALUE;
                List<String> zones = null;
                if (region.getValue() != null)
                {
                    quota = (int)region.getValue().integer("quota", Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
                    final YamlNode zoneList = region.getValue().get("zones");
                    if (zoneList != null)
                    {
                        zones = readZones(zoneList);
                    }
                    region.getValue().rejectUnknownKeys();
                }
                final int regionIndex = b.region(provider, region.getKey(), quota);
                regions.put(region.getKey(), regionIndex);
                regionProviders.put(regionIndex, provider);
                if (zones != null)
                {
                    declaredZones.put(regionIndex, zones);
                }
            }
            final YamlNode typeNodes = p.require("instanceTypes");
            for (final Map.Entry<String, YamlNode> type : typeNodes.entries().entrySet())
            {
                final YamlNode t = type.getValue();
                if (t == null)
                {
                    throw typeNodes.error("instance type '" + type.getKey() + "' needs at least 'workers'");
                }
                final int workers = (int)t.integer("workers", 1, 1, 1_000_000);
                final double speed = t.number("speed", 1.0, 1e-6, 1e6);
                final long bootNs = t.durationNs("boot", 60_000_000_000L);
                t.rejectUnknownKeys();
                types.put(entry.getKey() + "/" + type.getKey(),
                    b.instanceType(provider, type.getKey(), workers, speed, bootNs));
            }
            p.rejectUnknownKeys();
        }
        if (providers.isEmpty())
        {
            throw node.error("needs at least one provider");
        }
    }

    private static List<String> readZones(final YamlNode zoneList) throws ScenarioException
    {
        final List<String> zones = new ArrayList<>();
        for (final YamlNode item : zoneList.items())
        {
            final String zone = item.text();
            if (zone.isEmpty())
            {
                throw item.error("a zone name must not be empty");
            }
            if (zones.contains(zone))
            {
                throw item.error("zone '" + zone + "' is declared twice");
            }
            zones.add(zone);
        }
        if (zones.isEmpty())
        {
            throw zoneList.error("must name at least one zone (or leave 'zones' out)");
        }
        return zones;
    }

    private long readStart(final YamlNode start, final TraceTable load) throws ScenarioException
    {
        if (start != null)
        {
            try
            {
                return TraceTimes.parseEpochNs(start.text(), ZoneOffset.UTC);
            }
            catch (final IllegalArgumentException | java.time.DateTimeException e)
            {
                throw start.error("'" + start.text() + "' is not an ISO-8601 time such as 2024-01-01T00:00:00Z");
            }
        }
        return load != null && load.rowCount() > 0 ? load.timeNs(0) : 0;
    }

    private void readClients(final YamlNode node, final YamlNode load, final TraceTable loadTable,
        final long startEpochNs, final CloudModel.Builder b, final Map<String, Integer> regions,
        final Map<String, Integer> clients) throws ScenarioException
    {
        final double multiplier = load.number("multiplier", 1.0, 0, 1e9);
        final YamlNode constant = load.get("constant");
        load.get("format");
        load.rejectUnknownKeys();
        if ((loadTable == null) == (constant == null))
        {
            throw load.error("needs exactly one of 'file' (a load-rate trace) and 'constant' (requests/s per client)");
        }
        final boolean arrivals = loadTable != null && loadTable.kind() == TraceKind.ARRIVALS;
        if (arrivals && load.has("multiplier"))
        {
            throw load.require("multiplier").error("does not apply to a per-request arrival log");
        }
        final Map<String, List<long[]>> rows = new LinkedHashMap<>();
        if (loadTable != null)
        {
            final KeyDictionary keys = loadTable.keys();
            for (int i = 0; i < loadTable.rowCount(); i++)
            {
                final String region = keys.field(loadTable.keyId(i), 0);
                rows.computeIfAbsent(region, k -> new ArrayList<>()).add(
                    new long[] {loadTable.timeNs(i) - startEpochNs, Double.doubleToRawLongBits(loadTable.value(i))});
            }
        }
        final Map<String, YamlNode> rttNodes = new LinkedHashMap<>();
        for (final Map.Entry<String, YamlNode> entry : node.entries().entrySet())
        {
            final String name = entry.getKey();
            final LoadSeries series;
            if (constant != null)
            {
                final YamlNode rate = constant.get(name);
                if (rate == null)
                {
                    throw constant.error("no rate for client region '" + name + "'");
                }
                series = LoadSeries.constant(rate.asNumber(0, 1e12) * multiplier);
            }
            else
            {
                if (arrivals && rows.size() == 1 && rows.containsKey("") && node.entries().size() == 1)
                {
                    rows.put(name, rows.remove(""));
                }
                final List<long[]> clientRows = rows.get(name);
                if (clientRows == null)
                {
                    throw node.error("client region '" + name + "' has no rows in the load trace (it has: " +
                        String.join(", ", rows.keySet()) + ")");
                }
                series = arrivals ? null : loadSeries(clientRows, loadTable.stepNs(), multiplier, b);
            }
            clients.put(name, arrivals ? b.client(name, arrivalLog(rows.get(name))) : b.client(name, series));
            rttNodes.put(name, entry.getValue());
        }
        if (constant != null)
        {
            constant.rejectUnknownKeys();
        }
        for (final String region : rows.keySet())
        {
            if (!clients.containsKey(region))
            {
                throw node.error("the load trace has client region '" + region + "', which is not listed here");
            }
        }
        for (final Map.Entry<String, YamlNode> entry : rttNodes.entrySet())
        {
            final YamlNode clientNode = entry.getValue();
            if (clientNode == null)
            {
                throw node.error("client region '" + entry.getKey() + "' needs 'rtt' (cloud region: duration)");
            }
            final YamlNode rtt = clientNode.require("rtt");
            final YamlNode fallback = rtt.get("default");
            final int client = clients.get(entry.getKey());
            for (final Map.Entry<String, Integer> region : regions.entrySet())
            {
                final YamlNode value = rtt.get(region.getKey());
                if (value == null && fallback == null)
                {
                    throw rtt.error("no round-trip time to cloud region '" + region.getKey() + "' and no 'default'");
                }
                b.rtt(client, region.getValue(), (value != null ? value : fallback).asDurationNs());
            }
            rtt.rejectUnknownKeys();
            clientNode.rejectUnknownKeys();
        }
    }

    private static io.windtunnel.simulator.model.ArrivalLog arrivalLog(final List<long[]> rows)
    {
        final long[] times = rows.stream().mapToLong(r -> r[0]).filter(t -> t >= 0).toArray();
        final long[] work = new long[times.length];
        int i = 0;
        for (final long[] row : rows)
        {
            if (row[0] < 0)
            {
                continue;
            }
            final double serviceMs = Double.longBitsToDouble(row[1]);
            work[i++] = Double.isNaN(serviceMs) ? -1 : Math.round(serviceMs * 1e6);
        }
        return new io.windtunnel.simulator.model.ArrivalLog(times, work);
    }

    private static LoadSeries loadSeries(final List<long[]> rows, final long stepNs, final double multiplier,
        final CloudModel.Builder b)
    {
        final List<Long> starts = new ArrayList<>();
        final List<Double> rates = new ArrayList<>();
        long endNs = 0;
        for (final long[] row : rows)
        {
            final long t = row[0];
            if (t + stepNs <= 0)
            {
                continue;
            }
            final long startNs = Math.max(0, t);
            if (!starts.isEmpty() && startNs > endNs)
            {
                starts.add(endNs);
                rates.add(0.0);
            }
            if (!starts.isEmpty() && startNs < endNs)
            {
                continue;
            }
            starts.add(startNs);
            rates.add(Double.longBitsToDouble(row[1]) * multiplier * 1e9 / stepNs);
            endNs = t + stepNs;
        }
        if (starts.isEmpty())
        {
            return new LoadSeries(new long[] {0}, new double[] {0}, 1);
        }
        return new LoadSeries(starts.stream().mapToLong(Long::longValue).toArray(),
            rates.stream().mapToDouble(Double::doubleValue).toArray(), endNs);
    }

    private void readPrices(final YamlNode node, final CloudModel.Builder b, final Map<String, Integer> providers,
        final Map<String, Integer> regions, final Map<String, Integer> types, final long startEpochNs)
        throws ScenarioException, TraceFormatException, IOException
    {
        // offer key "region/type/market" -> zone ("" = the whole region) -> (time, price) steps in simulated time
        final Map<String, Map<String, TreeMap<Long, Double>>> steps = new LinkedHashMap<>();
        // zones that price rows name, per region without declared zones
        final Map<Integer, TreeSet<String>> seenZones = new HashMap<>();
        for (final YamlNode source : node.items())
        {
            if (source.has("file"))
            {
                final TraceTable table = readTrace(source.require("file"), source.get("format"), TraceKind.PRICE);
                source.rejectUnknownKeys();
                final KeyDictionary keys = table.keys();
                for (int i = 0; i < table.rowCount(); i++)
                {
                    final String[] f = keys.fields(table.keyId(i));
                    final String provider = f[0];
                    final String region = f[1];
                    final String zone = f[2];
                    final String type = f[3];
                    if (!providers.containsKey(provider) || !regions.containsKey(region) ||
                        !types.containsKey(provider + "/" + type))
                    {
                        continue;
                    }
                    final Market market = Market.parse(f[4]);
                    if (market == null)
                    {
                        continue;
                    }
                    if (!zone.isEmpty())
                    {
                        final int regionIndex = regions.get(region);
                        final List<String> declared = declaredZones.get(regionIndex);
                        if (declared == null)
                        {
                            seenZones.computeIfAbsent(regionIndex, k -> new TreeSet<>()).add(zone);
                        }
                        else if (!declared.contains(zone))
                        {
                            continue;
                        }
                    }
                    final String key = region + "/" + type + "/" + market.label();
                    addStep(steps.computeIfAbsent(key, k -> new LinkedHashMap<>())
                        .computeIfAbsent(zone, k -> new TreeMap<>()), table.timeNs(i) - startEpochNs, table.value(i));
                }
            }
            else
            {
                final String provider = source.require("provider").text();
                final String region = source.require("region").text();
                final YamlNode zoneNode = source.get("zone");
                final String type = source.require("instanceType").text();
                final String marketText = source.string("market", "on-demand");
                final double price = source.require("pricePerHour").asNumber(0, 1e6);
                source.rejectUnknownKeys();
                if (!providers.containsKey(provider))
                {
                    throw source.require("provider").error("unknown provider '" + provider + "'");
                }
                if (!regions.containsKey(region))
                {
                    throw source.require("region").error("unknown region '" + region + "'");
                }
                if (!types.containsKey(provider + "/" + type))
                {
                    throw source.require("instanceType").error("unknown instance type '" + type + "' of " + provider);
                }
                final Market market = Market.parse(marketText);
                if (market == null)
                {
                    throw source.require("market").error("'" + marketText + "' is not on-demand or spot");
                }
                final String zone = zoneNode == null ? "" : zoneNode.text();
                if (zoneNode != null)
                {
                    final List<String> declared = declaredZones.get(regions.get(region));
                    if (declared == null || !declared.contains(zone))
                    {
                        throw zoneNode.error("unknown zone '" + zone + "' of region '" + region + "' (" +
                            (declared == null ? "the region declares no 'zones'" :
                            "declared: " + String.join(", ", declared)) + ")");
                    }
                }
                final TreeMap<Long, Double> constant = new TreeMap<>();
                constant.put(0L, price);
                final Map<String, TreeMap<Long, Double>> byZone =
                    steps.computeIfAbsent(region + "/" + type + "/" + market.label(), k -> new LinkedHashMap<>());
                if (zone.isEmpty())
                {
                    // A region-wide constant replaces what earlier sources gave the key, in every zone.
                    byZone.clear();
                }
                byZone.put(zone, constant);
            }
        }
        // The model's zones: per region the declared ones in declaration order, else those named by price rows, by
        // name. A region without zones keeps offers of the whole region, as before zones existed.
        final Map<Integer, List<String>> regionZones = new HashMap<>();
        for (final int region : regions.values())
        {
            final List<String> names = declaredZones.containsKey(region) ? declaredZones.get(region) :
                seenZones.containsKey(region) ? new ArrayList<>(seenZones.get(region)) : null;
            if (names != null)
            {
                regionZones.put(region, names);
                for (final String name : names)
                {
                    zoneIndexes.put(region + "/" + name, b.zone(region, name));
                }
            }
        }
        for (final Map.Entry<String, Integer> region : regions.entrySet())
        {
            for (final Map.Entry<String, Integer> type : types.entrySet())
            {
                final int provider = providers.get(type.getKey().substring(0, type.getKey().indexOf('/')));
                final String typeName = type.getKey().substring(type.getKey().indexOf('/') + 1);
                if (regionProviders.get(region.getValue()) != provider)
                {
                    continue;
                }
                for (final Market market : Market.values())
                {
                    final Map<String, TreeMap<Long, Double>> byZone =
                        steps.get(region.getKey() + "/" + typeName + "/" + market.label());
                    if (byZone == null)
                    {
                        continue;
                    }
                    final int marketCode = market == Market.SPOT ? CloudModel.SPOT : CloudModel.ON_DEMAND;
                    final List<String> zones = regionZones.get(region.getValue());
                    if (zones == null)
                    {
                        // Without zones in the region every row of the key is region-wide ("").
                        b.offer(region.getValue(), type.getValue(), marketCode, priceSeries(byZone.get("")));
                        continue;
                    }
                    for (final String zone : zones)
                    {
                        // A zone's own prices, else the region-wide ones; no offer in a zone that has neither.
                        final TreeMap<Long, Double> s = byZone.containsKey(zone) ? byZone.get(zone) : byZone.get("");
                        if (s != null)
                        {
                            b.offerInZone(zoneIndexes.get(region.getValue() + "/" + zone), type.getValue(),
                                marketCode, priceSeries(s));
                        }
                    }
                }
            }
        }
        if (steps.isEmpty())
        {
            throw node.error("no price matches a declared provider, region and instance type");
        }
    }

    private static void addStep(final TreeMap<Long, Double> steps, final long timeNs, final double price)
    {
        if (timeNs <= 0)
        {
            steps.headMap(0L, true).clear();
            steps.put(0L, price);
        }
        else
        {
            steps.put(timeNs, price);
        }
    }

    private static PriceSeries priceSeries(final TreeMap<Long, Double> steps)
    {
        final long[] times = new long[steps.size()];
        final double[] prices = new double[steps.size()];
        int i = 0;
        for (final Map.Entry<Long, Double> step : steps.entrySet())
        {
            times[i] = step.getKey();
            prices[i++] = step.getValue();
        }
        return new PriceSeries(times, prices);
    }

    private void readFaults(final YamlNode source, final CloudModel.Builder b, final Map<String, Integer> providers,
        final Map<String, Integer> regions, final Map<String, Integer> types, final long startEpochNs)
        throws ScenarioException, TraceFormatException, IOException
    {
        final TraceTable table = readTrace(source.require("file"), source.get("format"), TraceKind.FAULTS);
        source.rejectUnknownKeys();
        final KeyDictionary keys = table.keys();
        for (int i = 0; i < table.rowCount(); i++)
        {
            final String[] f = keys.fields(table.keyId(i));
            final Integer provider = providers.get(f[0]);
            if (provider == null)
            {
                continue;
            }
            int region = -1;
            if (!f[1].isEmpty())
            {
                final Integer r = regions.get(f[1]);
                if (r == null)
                {
                    continue;
                }
                region = r;
            }
            int zone = CloudModel.NO_ZONE;
            if (!f[2].isEmpty())
            {
                // A zone the model does not have (or a zone without its region) has no replicas to hit.
                final Integer z = region < 0 ? null : zoneIndexes.get(region + "/" + f[2]);
                if (z == null)
                {
                    continue;
                }
                zone = z;
            }
            int type = -1;
            if (!f[3].isEmpty())
            {
                final Integer t = types.get(f[0] + "/" + f[3]);
                if (t == null)
                {
                    continue;
                }
                type = t;
            }
            if (FaultKind.fromCode(table.code(i)) == null)
            {
                continue;
            }
            if (zone == CloudModel.NO_ZONE)
            {
                b.fault(table.timeNs(i) - startEpochNs, table.code(i), provider, region, type, table.value(i));
            }
            else
            {
                b.zoneFault(table.timeNs(i) - startEpochNs, table.code(i), zone, type, table.value(i));
            }
        }
    }

    private static void readService(final YamlNode s, final CloudModel.Builder b) throws ScenarioException
    {
        final String distribution = s.string("distribution", "exponential");
        final int code;
        switch (distribution)
        {
            case "exponential":
                code = CloudModel.EXPONENTIAL;
                break;
            case "lognormal":
                code = CloudModel.LOGNORMAL;
                break;
            case "deterministic":
                code = CloudModel.DETERMINISTIC;
                break;
            default:
                throw s.require("distribution")
                    .error("'" + distribution + "' is not one of exponential, lognormal, deterministic");
        }
        final long meanNs = s.require("mean").asPositiveDurationNs();
        b.service(code, meanNs, s.number("cv", 1.0, 0, 100));
        b.requests((int)s.integer("queueLimit", Integer.MAX_VALUE, 0, Integer.MAX_VALUE), s.durationNs("timeout", 0),
            (int)s.integer("retries", 0, 0, 100));
        s.rejectUnknownKeys();
    }

    private static List<PolicyStack> readStacks(final YamlNode node, final Map<String, Integer> providers)
        throws ScenarioException
    {
        final List<PolicyStack> stacks = new ArrayList<>();
        final List<String> names = new ArrayList<>();
        for (final YamlNode s : node.items())
        {
            final String name = s.require("name").text();
            if (names.contains(name))
            {
                throw s.require("name").error("stack '" + name + "' is declared twice");
            }
            names.add(name);
            final Map<String, String> parameters = new TreeMap<>();
            final Supplier<Autoscaler> autoscaler = autoscaler(s.require("autoscaler"), parameters);
            final Supplier<PlacementPolicy> placement = placement(s.section("placement"), providers, parameters);
            final Supplier<Balancer> balancer = balancer(s.section("balancer"), parameters);
            final Supplier<FailoverPolicy> failover = failover(s.section("failover"), parameters);
            s.rejectUnknownKeys();
            try
            {
                // Build each policy once now, so that inconsistent parameters fail here with a location, not in a run.
                autoscaler.get();
                placement.get();
                balancer.get();
                failover.get();
            }
            catch (final IllegalArgumentException e)
            {
                throw s.error("stack '" + name + "': " + e.getMessage());
            }
            stacks.add(new PolicyStack(name, parameters, autoscaler, placement, balancer, failover));
        }
        if (stacks.isEmpty())
        {
            throw node.error("needs at least one policy stack");
        }
        return stacks;
    }

    private static Supplier<Autoscaler> autoscaler(final YamlNode a, final Map<String, String> parameters)
        throws ScenarioException
    {
        final String type = a.require("type").text();
        parameters.put("autoscaler.type", type);
        switch (type)
        {
            case "fixed":
            {
                final int replicas = (int)a.integer("replicas", 1, 0, 1_000_000);
                parameters.put("autoscaler.replicas", Integer.toString(replicas));
                a.rejectUnknownKeys();
                return () -> new FixedAutoscaler(replicas);
            }
            case "target-utilization":
            {
                final double target = a.number("target", 0.6, 0.01, 1);
                final int min = (int)a.integer("min", 1, 0, 1_000_000);
                final int max = (int)a.integer("max", Math.max(min, 1000), min, 1_000_000);
                final int initial = (int)a.integer("initial", min, 0, 1_000_000);
                parameters.put("autoscaler.target", Double.toString(target));
                parameters.put("autoscaler.min", Integer.toString(min));
                parameters.put("autoscaler.max", Integer.toString(max));
                parameters.put("autoscaler.initial", Integer.toString(initial));
                a.rejectUnknownKeys();
                return () -> new TargetUtilizationAutoscaler(target, min, max, initial);
            }
            default:
                throw a.require("type").error("'" + type + "' is not one of fixed, target-utilization");
        }
    }

    private static Supplier<PlacementPolicy> placement(final YamlNode p, final Map<String, Integer> providers,
        final Map<String, String> parameters) throws ScenarioException
    {
        final boolean[] markets = {true, true};
        final boolean[] allowed = new boolean[providers.size()];
        Arrays.fill(allowed, true);
        parameters.put("placement.type", "cheapest-price");
        final String type = p.string("type", "cheapest-price");
        if (!type.equals("cheapest-price"))
        {
            throw p.require("type").error("'" + type + "' is not one of cheapest-price");
        }
        final YamlNode marketList = p.get("markets");
        if (marketList != null)
        {
            Arrays.fill(markets, false);
            final List<String> names = new ArrayList<>();
            for (final YamlNode m : marketList.items())
            {
                final Market market = Market.parse(m.text());
                if (market == null)
                {
                    throw m.error("'" + m.text() + "' is not on-demand or spot");
                }
                markets[market == Market.SPOT ? CloudModel.SPOT : CloudModel.ON_DEMAND] = true;
                names.add(market.label());
            }
            parameters.put("placement.markets", String.join(",", names));
        }
        else
        {
            p.recordDefault("markets", "[" + Market.ON_DEMAND.label() + ", " + Market.SPOT.label() + "]");
        }
        final YamlNode providerList = p.get("providers");
        if (providerList != null)
        {
            Arrays.fill(allowed, false);
            final List<String> names = new ArrayList<>();
            for (final YamlNode item : providerList.items())
            {
                final Integer provider = providers.get(item.text());
                if (provider == null)
                {
                    throw item.error("unknown provider '" + item.text() + "'");
                }
                allowed[provider] = true;
                names.add(item.text());
            }
            parameters.put("placement.providers", String.join(",", names));
        }
        else
        {
            p.recordDefault("providers", "[" + String.join(", ", providers.keySet()) + "]");
        }
        p.rejectUnknownKeys();
        return () -> new CheapestPricePlacement(markets, allowed);
    }

    private static Supplier<Balancer> balancer(final YamlNode node, final Map<String, String> parameters)
        throws ScenarioException
    {
        parameters.put("balancer.type", "round-robin");
        final String type = node.string("type", "round-robin");
        if (!type.equals("round-robin"))
        {
            throw node.require("type").error("'" + type + "' is not one of round-robin");
        }
        node.rejectUnknownKeys();
        return RoundRobinBalancer::new;
    }

    private static Supplier<FailoverPolicy> failover(final YamlNode node, final Map<String, String> parameters)
        throws ScenarioException
    {
        final String type = node.string("type", "replace-on-failure");
        if (!type.equals("replace-on-failure"))
        {
            throw node.require("type").error("'" + type + "' is not one of replace-on-failure");
        }
        final int retries = (int)node.integer("retries", 1, 0, 100);
        node.rejectUnknownKeys();
        parameters.put("failover.type", "replace-on-failure");
        parameters.put("failover.retries", Integer.toString(retries));
        return () -> new ReplaceOnFailureFailover(retries);
    }

    private TraceTable readTrace(final YamlNode fileNode, final YamlNode formatNode, final TraceKind kind)
        throws ScenarioException, TraceFormatException, IOException
    {
        return readTrace(fileNode, formatNode, kind, kind);
    }

    private TraceTable readTrace(final YamlNode fileNode, final YamlNode formatNode, final TraceKind kind,
        final TraceKind alternative) throws ScenarioException, TraceFormatException, IOException
    {
        final Path path = folder.resolve(fileNode.text());
        if (Files.isDirectory(path))
        {
            throw fileNode.error(path + ": is a folder, expected a trace file");
        }
        if (!Files.isRegularFile(path))
        {
            throw fileNode.error("no such file: " + path);
        }
        final TraceReader reader;
        if (formatNode != null)
        {
            try
            {
                reader = TraceFormats.byName(formatNode.text());
            }
            catch (final IllegalArgumentException e)
            {
                throw formatNode.error(e.getMessage());
            }
        }
        else
        {
            try
            {
                reader = TraceFormats.detect(path);
            }
            catch (final IllegalArgumentException e)
            {
                throw fileNode.error("cannot tell the trace format of " + path + "; add 'format' (one of: " +
                    TraceFormats.names() + ")");
            }
        }
        // A binary file declares its own kind (its reader has none): ask the file, before reading its rows.
        final TraceKind fileKind = reader.kindOf(path);
        if (fileKind != kind && fileKind != alternative)
        {
            throw fileNode.error(path + ": holds a " + fileKind.label() + " trace (" + reader.formatName() +
                "), expected a " + kind.label() + (alternative != kind ? " or " + alternative.label() : "") + " trace");
        }
        inputs.put(fileNode.text(), sha256(Files.readAllBytes(path)));
        try
        {
            return reader.read(path, ImportOptions.defaults());
        }
        catch (final NoSuchFileException e)
        {
            throw fileNode.error("no such file: " + path);
        }
    }

    private static String sha256(final byte[] bytes)
    {
        try
        {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException(e);
        }
    }
}
