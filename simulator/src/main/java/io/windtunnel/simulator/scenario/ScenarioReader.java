package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.Autoscaler;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.CheapestStorage;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.PolicyContext;
import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.policy.PolicySlot;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.StoragePolicy;
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
    /** A trace path with a URI scheme of two or more letters ({@code hdfs://}, {@code s3a://}; not {@code C:\\}). */
    private static final Pattern REMOTE = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]+://");
    /** Most fault events a repeated fault trace may give over a run (they are held in memory). */
    private static final long MAX_REPEATED_FAULTS = 10_000_000;

    private final PolicyRegistry registry;
    private final Map<String, String> inputs = new LinkedHashMap<>();
    private final Map<Integer, Integer> regionProviders = new HashMap<>();
    /** Region index to the zones its scenario entry declares; absent when it declares none. */
    private final Map<Integer, List<String>> declaredZones = new HashMap<>();
    /** "region index/zone name" to the model's zone index, filled when the prices are read. */
    private final Map<String, Integer> zoneIndexes = new HashMap<>();
    /** Regions with an {@code uplink}: region index to its node (read with the {@code transfer} section). */
    private final Map<Integer, YamlNode> uplinks = new LinkedHashMap<>();
    private String file;
    private Path folder;
    /** The run's length: the window every trace must cover is [0, durationNs) in simulated time. */
    private long durationNs;
    /** How each trace read covers the window, in reading order, for the summary. */
    private final List<TraceCoverage> coverage = new ArrayList<>();
    /** Traces shared with other reads, or null. */
    private TraceCache traces;

    /**
     * @param path the scenario file.
     * @return the compiled scenario.
     * @throws ScenarioException    if the scenario is wrong.
     * @throws TraceFormatException if a trace it names is wrong.
     * @throws IOException          if a file cannot be read.
     * @throws io.windtunnel.simulator.policy.PolicyRegistryException if the registered policies (the class path's,
     *                              {@link PolicyRegistry#standard()}) cannot be loaded.
     */
    public static Scenario read(final Path path) throws ScenarioException, TraceFormatException, IOException
    {
        return read(path, PolicyRegistry.standard());
    }

    /**
     * @param path     the scenario file.
     * @param registry the policies its stacks may name.
     * @return the compiled scenario.
     * @throws ScenarioException    if the scenario is wrong.
     * @throws TraceFormatException if a trace it names is wrong.
     * @throws IOException          if a file cannot be read.
     */
    public static Scenario read(final Path path, final PolicyRegistry registry)
        throws ScenarioException, TraceFormatException, IOException
    {
        return new ScenarioReader(registry).readFile(path);
    }

    /**
     * Reads a scenario from a tree already parsed (and perhaps changed: a sweep variant is its base scenario with
     * values grafted in by {@link YamlNode#with}); errors name each node's own file and line.
     *
     * @param root     the scenario's root mapping, fresh (nothing read from it yet, e.g. {@link YamlNode#copyAsRoot()}).
     * @param folder   the folder trace paths are relative to.
     * @param inputs   input file name to SHA-256 for the summary (the scenario file's own hash), copied.
     * @param registry the policies its stacks may name.
     * @param traces   trace tables shared with other reads, or null to read every trace anew.
     * @return the compiled scenario.
     * @throws ScenarioException    if the scenario is wrong.
     * @throws TraceFormatException if a trace it names is wrong.
     * @throws IOException          if a file cannot be read.
     */
    public static Scenario read(final YamlNode root, final Path folder, final Map<String, String> inputs,
        final PolicyRegistry registry, final TraceCache traces) throws ScenarioException, TraceFormatException,
        IOException
    {
        final ScenarioReader reader = new ScenarioReader(registry);
        reader.traces = traces;
        reader.file = root.file();
        reader.folder = folder.toAbsolutePath();
        reader.inputs.putAll(inputs);
        if (!root.isMap())
        {
            throw root.error("a scenario must be a mapping of keys to values");
        }
        return reader.compile(root);
    }

    private ScenarioReader(final PolicyRegistry registry)
    {
        this.registry = registry;
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
        this.durationNs = durationNs;

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

        final YamlNode transfer = root.get("transfer");
        final YamlNode storage = root.get("storage");
        if (storage != null)
        {
            b.storage(StorageReader.read(storage, transfer, regions, zoneIndexes, folder, inputs));
        }
        if (transfer != null)
        {
            b.transfer(TransferReader.read(transfer, regions, zoneIndexes, uplinks, startEpochNs,
                new TransferReader.Inputs(b.clientArrivals(), b.clientNames(),
                    loadFile == null ? null : loadFile.text(), byIndex(providers),
                    (file, format) -> readTrace(file, format, TraceKind.TRANSFER))));
            final YamlNode data = transfer.get("data");
            if (storage == null && data != null && !data.has("locations"))
            {
                throw data.missing("locations", "is required: where the data set lives (or add a 'storage' " +
                    "section, whose storage policy places it)");
            }
        }
        else if (!uplinks.isEmpty())
        {
            throw uplinks.values().iterator().next().error("an uplink limits the time bytes take: it needs a " +
                "'transfer' section with request, response or data-set sizes");
        }

        final List<PolicyStack> stacks = readStacks(root.require("stacks"),
            new PolicyContext(byIndex(providers), byIndex(regions), byIndex(clients), startEpochNs), storage != null);
        final ExplainMode explain = ExplainMode.read(root);
        final String baselineStack = readCompare(root.get("compare"), stacks);
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
            new ValueEcho(root.scalars(), root.defaults(), Map.of()), List.copyOf(coverage), explain,
            baselineStack);
    }

    /**
     * The optional {@code compare} section: {@code baseline}, the stack the others' cost saving is measured against
     * in the comparison table. Absent means no saving row (and no default recorded, so scenarios without it echo
     * exactly what they did before).
     *
     * @return the baseline stack's name, or null without a {@code compare} section.
     */
    private static String readCompare(final YamlNode compare, final List<PolicyStack> stacks)
        throws ScenarioException
    {
        if (compare == null)
        {
            return null;
        }
        final YamlNode baseline = compare.require("baseline");
        final String name = baseline.text();
        final List<String> names = stacks.stream().map(PolicyStack::name).toList();
        if (!names.contains(name))
        {
            throw baseline.error("no stack is named '" + name + "'; the baseline must be one of the stacks: " +
                String.join(", ", names));
        }
        compare.rejectUnknownKeys();
        return name;
    }

    /**
     * A region's optional {@code edge} section: {@code {}} for an edge site without random outages, or
     * {@code {mtbf: 3d, repair: 30m}}. An edge site needs a quota (its hard capacity).
     *
     * @return null for a cloud region, else {mean time between outages ns (0: none), repair ns}.
     */
    private static long[] readEdgeSite(final YamlNode region, final int quota) throws ScenarioException
    {
        final YamlNode edge = region.get("edge");
        if (edge == null)
        {
            return null;
        }
        if (!edge.isMap())
        {
            throw edge.error("must be a mapping: {} for an edge site without random outages, or " +
                "{mtbf: 3d, repair: 30m}");
        }
        if (quota == Integer.MAX_VALUE || quota == 0)
        {
            throw region.missing("quota", "an edge site needs a positive 'quota': its hard capacity in replicas");
        }
        final long mtbfNs = edge.durationNs("mtbf", 0);
        final YamlNode repair = edge.get("repair");
        final long repairNs;
        if (mtbfNs == 0)
        {
            if (repair != null)
            {
                throw repair.error("'repair' needs 'mtbf' (the mean time between the site's outages) beside it");
            }
            repairNs = 0;
        }
        else
        {
            if (repair == null)
            {
                throw edge.missing("repair", "an edge site with 'mtbf' needs 'repair': how long each outage lasts");
            }
            repairNs = repair.asPositiveDurationNs();
        }
        edge.rejectUnknownKeys();
        return new long[] {mtbfNs, repairNs};
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
                long[] edge = null;
                YamlNode uplink = null;
                if (region.getValue() != null)
                {
                    quota = (int)region.getValue().integer("quota", Integer.MAX_VALUE, 0, Integer.MAX_VALUE);
                    final YamlNode zoneList = region.getValue().get("zones");
                    if (zoneList != null)
                    {
                        zones = readZones(zoneList);
                    }
                    edge = readEdgeSite(region.getValue(), quota);
                    uplink = region.getValue().get("uplink");
                    region.getValue().rejectUnknownKeys();
                }
                final int regionIndex = b.region(provider, region.getKey(), quota);
                if (edge != null)
                {
                    b.edgeSite(regionIndex, edge[0], edge[1]);
                }
                if (uplink != null)
                {
                    uplinks.put(regionIndex, uplink);
                }
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
        final YamlNode format = load.get("format");
        if (format != null && constant != null)
        {
            throw format.error("applies to a load 'file' only; a 'constant' load has no format");
        }
        final Beyond beyond = Beyond.read(load);
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
        if (constant != null && load.has("beyond"))
        {
            throw load.require("beyond").error("applies to a load file (a trace with a span); a constant load " +
                "holds at all times");
        }
        if (arrivals && beyond == Beyond.HOLD_LAST)
        {
            throw load.require("beyond").error("'hold-last' does not apply to a per-request arrival log: it lists " +
                "single requests, not a rate to hold; use 'zero' (no requests outside the log's span) or 'repeat' " +
                "(the log again), or give a load-rate trace");
        }
        final List<TraceCoverage.Key> coveredKeys = new ArrayList<>();
        final Map<String, List<long[]>> rows = new LinkedHashMap<>();
        if (loadTable != null)
        {
            final KeyDictionary keys = loadTable.keys();
            for (int i = 0; i < loadTable.rowCount(); i++)
            {
                final String region = keys.field(loadTable.keyId(i), 0);
                final long[] row = new long[] {loadTable.timeNs(i) - startEpochNs,
                    Double.doubleToRawLongBits(loadTable.value(i))};
                rows.computeIfAbsent(region, k -> new ArrayList<>()).add(loadTable.hasSizeColumns() ?
                    withSizes(row, loadTable, i) : row);
            }
        }
        final Map<String, YamlNode> rttNodes = new LinkedHashMap<>();
        for (final Map.Entry<String, YamlNode> entry : node.entries().entrySet())
        {
            final String name = entry.getKey();
            final int client;
            if (constant != null)
            {
                final YamlNode rate = constant.get(name);
                if (rate == null)
                {
                    throw constant.error("no rate for client region '" + name + "'");
                }
                client = b.client(name, LoadSeries.constant(rate.asNumber(0, 1e12) * multiplier));
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
                client = traceClient(name, clientRows, load, loadTable, beyond, multiplier, startEpochNs, b,
                    coveredKeys);
            }
            clients.put(name, client);
            rttNodes.put(name, entry.getValue());
        }
        if (constant != null)
        {
            constant.rejectUnknownKeys();
        }
        else
        {
            addCoverage(load.require("file").text(), loadTable, beyond, coveredKeys);
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

    /**
     * One client region fed by the load trace: its span checked against the run's window and, where the window goes
     * outside it, the scenario's {@code beyond} applied.
     *
     * @return the client's index.
     */
    private int traceClient(final String name, final List<long[]> rows, final YamlNode load, final TraceTable table,
        final Beyond beyond, final double multiplier, final long startEpochNs, final CloudModel.Builder b,
        final List<TraceCoverage.Key> coveredKeys) throws ScenarioException
    {
        final boolean arrivals = table.kind() == TraceKind.ARRIVALS;
        final YamlNode fileNode = load.require("file");
        final long[] span = loadSpan(table, rows, startEpochNs);
        final boolean outside = span[0] > 0 || span[1] < durationNs;
        if (outside && beyond == Beyond.ERROR)
        {
            throw fileNode.error(TraceSpans.notCovered(arrivals ? "the arrival log" : "the load trace",
                fileNode.text(), " for client region '" + name + "'", table.spanDeclared(), span[0], span[1],
                startEpochNs, durationNs, "under 'load'", arrivals ?
                "zero (no requests there) or repeat (the log again, its span as the period)" :
                "zero (no requests there), repeat (the trace again, its span as the period) or hold-last (the " +
                "first step's rate before the span, the last step's after it)"));
        }
        if (outside && beyond == Beyond.REPEAT && arrivals && !table.spanDeclared())
        {
            throw load.require("beyond").error(repeatNeedsSpan("arrival log", fileNode.text()));
        }
        coveredKeys.add(new TraceCoverage.Key(name, startEpochNs + span[0], startEpochNs + span[1],
            Math.max(0, span[0]), Math.max(0, durationNs - span[1])));
        // Inside the window the trace is read as it is: rows where it has them, no requests between them.
        final Beyond applied = outside ? beyond : Beyond.ZERO;
        try
        {
            return arrivals ? b.client(name, arrivalLog(rows, sizeColumns(table), span[0], span[1], applied,
                durationNs)) :
                b.client(name, loadSeries(rows, table.stepNs(), multiplier, span[0], span[1], applied, durationNs));
        }
        catch (final IllegalArgumentException e)
        {
            if (applied != Beyond.REPEAT)
            {
                throw fileNode.error(e.getMessage());
            }
            throw load.require("beyond").error("repeating " + fileNode.text() + " over the run's window: " +
                e.getMessage() + "; use a shorter 'duration' or a trace with a longer span or step");
        }
    }

    /**
     * @return the span of one client region's rows in simulated ns: the declared one, else from the first row to
     * the end of the last (a rate row lasts one step; an arrival log extends by its largest gap between consecutive
     * arrivals at both ends, so that a log cut at the window's edges covers it).
     */
    private static long[] loadSpan(final TraceTable table, final List<long[]> rows, final long startEpochNs)
    {
        if (table.spanDeclared())
        {
            return new long[] {table.spanStartNs() - startEpochNs, table.spanEndNs() - startEpochNs};
        }
        final long firstNs = rows.get(0)[0];
        final long lastNs = rows.get(rows.size() - 1)[0];
        if (table.kind() == TraceKind.LOAD_RATE)
        {
            return new long[] {firstNs, lastNs + table.stepNs()};
        }
        long gapNs = 1;
        for (int i = 1; i < rows.size(); i++)
        {
            gapNs = Math.max(gapNs, rows.get(i)[0] - rows.get(i - 1)[0]);
        }
        return new long[] {firstNs - gapNs, lastNs + gapNs};
    }

    private static String repeatNeedsSpan(final String what, final String file)
    {
        return "'repeat' needs the period of the " + what + ", and " + file + " does not declare its span: add a " +
            "'# span: START/END' line before its header (ISO-8601 times, end exclusive; 'windtunnel trace convert' " +
            "turns other formats into the generic CSV first), or use another 'beyond'";
    }

    /**
     * A client's arrival log in simulated time: the logged requests from time 0 on, or for {@link Beyond#REPEAT}
     * the span's requests repeated with the span as the period.
     */
    private static ArrivalLog arrivalLog(final List<long[]> rows, final boolean[] sizeColumns,
        final long spanStartNs, final long spanEndNs, final Beyond applied, final long durationNs)
    {
        if (applied == Beyond.REPEAT)
        {
            // One period, rotated so that it starts at time 0: a request at t recurs at t + k * period.
            final long periodNs = spanEndNs - spanStartNs;
            final int n = rows.size();
            final long[] offsets = new long[n];
            for (int i = 0; i < n; i++)
            {
                offsets[i] = Math.floorMod(rows.get(i)[0], periodNs);
            }
            final Integer[] order = new Integer[n];
            for (int i = 0; i < n; i++)
            {
                order[i] = i;
            }
            Arrays.sort(order, (x, y) -> Long.compare(offsets[x], offsets[y]));
            final long[] times = new long[n];
            final long[] work = new long[n];
            final long[][] sizes = sizeArrays(sizeColumns, n);
            for (int i = 0; i < n; i++)
            {
                times[i] = offsets[order[i]];
                work[i] = workNs(rows.get(order[i]));
                copySizes(rows.get(order[i]), sizes, i);
            }
            return ArrivalLog.periodic(times, work, sizes, periodNs, durationNs);
        }
        final long[] times = rows.stream().mapToLong(r -> r[0]).filter(t -> t >= 0).toArray();
        final long[] work = new long[times.length];
        final long[][] sizes = sizeArrays(sizeColumns, times.length);
        int i = 0;
        for (final long[] row : rows)
        {
            if (row[0] >= 0)
            {
                copySizes(row, sizes, i);
                work[i++] = workNs(row);
            }
        }
        return new ArrivalLog(times, work, sizes);
    }

    /** @return which of {@link ArrivalLog}'s size columns an arrivals table has. */
    private static boolean[] sizeColumns(final TraceTable table)
    {
        final boolean[] present = new boolean[ArrivalLog.SIZE_COLUMNS];
        for (int c = 0; c < present.length; c++)
        {
            present[c] = table.hasSizeColumn(c);
        }
        return present;
    }

    /** @return a load row {time, value bits} extended with the table row's sizes (-1 unknown). */
    private static long[] withSizes(final long[] row, final TraceTable table, final int i)
    {
        final long[] extended = Arrays.copyOf(row, 2 + ArrivalLog.SIZE_COLUMNS);
        for (int c = 0; c < ArrivalLog.SIZE_COLUMNS; c++)
        {
            extended[2 + c] = table.sizeBytes(c, i);
        }
        return extended;
    }

    private static long[][] sizeArrays(final boolean[] present, final int n)
    {
        final long[][] sizes = new long[ArrivalLog.SIZE_COLUMNS][];
        for (int c = 0; c < sizes.length; c++)
        {
            sizes[c] = present[c] ? new long[n] : null;
        }
        return sizes;
    }

    private static void copySizes(final long[] row, final long[][] sizes, final int i)
    {
        for (int c = 0; c < sizes.length; c++)
        {
            if (sizes[c] != null)
            {
                sizes[c][i] = row[2 + c];
            }
        }
    }

    private static long workNs(final long[] row)
    {
        final double serviceMs = Double.longBitsToDouble(row[1]);
        return Double.isNaN(serviceMs) ? -1 : Math.round(serviceMs * 1e6);
    }

    /**
     * A client's rate series in simulated time from its rows (time, requests per step): the rows' steps over the
     * span, no requests in gaps between them, and outside the span what {@code applied} says: nothing
     * ({@link Beyond#ZERO}), the first and last step's rates ({@link Beyond#HOLD_LAST}), or the span again and again
     * ({@link Beyond#REPEAT}).
     */
    private static LoadSeries loadSeries(final List<long[]> rows, final long stepNs, final double multiplier,
        final long spanStartNs, final long spanEndNs, final Beyond applied, final long durationNs)
    {
        // The span's steps, gaps (also at its edges) as steps of rate 0; times may lie before 0.
        final long[] starts = new long[2 * rows.size() + 2];
        final double[] rates = new double[starts.length];
        int n = 0;
        long endNs = spanStartNs;
        for (final long[] row : rows)
        {
            final long t = row[0];
            if (t < endNs)
            {
                continue;
            }
            if (t > endNs)
            {
                starts[n] = endNs;
                rates[n++] = 0.0;
            }
            starts[n] = t;
            rates[n++] = Double.longBitsToDouble(row[1]) * multiplier * 1e9 / stepNs;
            endNs = t + stepNs;
        }
        if (endNs < spanEndNs)
        {
            starts[n] = endNs;
            rates[n++] = 0.0;
            endNs = spanEndNs;
        }
        if (applied == Beyond.REPEAT)
        {
            return periodicLoad(starts, rates, n, spanStartNs, spanEndNs, durationNs);
        }
        final boolean hold = applied == Beyond.HOLD_LAST;
        // Clipped to time 0: steps that end by 0 go, the first one left starts at 0; held rates extend the ends.
        final long[] clippedStarts = new long[n + 1];
        final double[] clippedRates = new double[n + 1];
        int m = 0;
        if (hold && spanStartNs > 0)
        {
            clippedStarts[m] = 0;
            clippedRates[m++] = rates[0];
        }
        for (int i = 0; i < n; i++)
        {
            final long stepEndNs = i + 1 < n ? starts[i + 1] : endNs;
            if (stepEndNs <= 0)
            {
                continue;
            }
            clippedStarts[m] = Math.max(0, starts[i]);
            clippedRates[m++] = rates[i];
        }
        if (hold)
        {
            if (m == 0)
            {
                return LoadSeries.constant(rates[n - 1]);
            }
            // The last step's rate holds on: the last step of the span runs to the end of time.
            return new LoadSeries(Arrays.copyOf(clippedStarts, m), Arrays.copyOf(clippedRates, m), Long.MAX_VALUE);
        }
        if (m == 0)
        {
            return new LoadSeries(new long[] {0}, new double[] {0}, 1);
        }
        return new LoadSeries(Arrays.copyOf(clippedStarts, m), Arrays.copyOf(clippedRates, m), endNs);
    }

    /**
     * The span's steps (tiling {@code [spanStartNs, spanEndNs)}) as one period rotated to start at time 0, where
     * the step covering the period's boundary is split in two.
     */
    private static LoadSeries periodicLoad(final long[] starts, final double[] rates, final int n,
        final long spanStartNs, final long spanEndNs, final long durationNs)
    {
        final long periodNs = spanEndNs - spanStartNs;
        final long[] offsets = new long[n + 1];
        final double[] offsetRates = new double[n + 1];
        int m = 0;
        for (int i = 0; i < n; i++)
        {
            final long lengthNs = (i + 1 < n ? starts[i + 1] : spanEndNs) - starts[i];
            final long offsetNs = Math.floorMod(starts[i], periodNs);
            offsets[m] = offsetNs;
            offsetRates[m++] = rates[i];
            if (offsetNs + lengthNs > periodNs)
            {
                offsets[m] = 0;
                offsetRates[m++] = rates[i];
            }
        }
        final Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(offsets[x], offsets[y]));
        final long[] sortedOffsets = new long[m];
        final double[] sortedRates = new double[m];
        for (int i = 0; i < m; i++)
        {
            sortedOffsets[i] = offsets[order[i]];
            sortedRates[i] = offsetRates[order[i]];
        }
        return LoadSeries.periodic(sortedOffsets, sortedRates, periodNs, durationNs);
    }

    /**
     * Record how a trace covers the window, from its keys' spans (the trace's own when it declares one).
     */
    private void addCoverage(final String traceFile, final TraceTable table, final Beyond beyond,
        final List<TraceCoverage.Key> keys)
    {
        long startNs = Long.MAX_VALUE;
        long endNs = Long.MIN_VALUE;
        long beforeNs = 0;
        long afterNs = 0;
        for (final TraceCoverage.Key key : keys)
        {
            startNs = Math.min(startNs, key.spanStartEpochNs());
            endNs = Math.max(endNs, key.spanEndEpochNs());
            beforeNs = Math.max(beforeNs, key.beforeNs());
            afterNs = Math.max(afterNs, key.afterNs());
        }
        if (table.spanDeclared())
        {
            startNs = table.spanStartNs();
            endNs = table.spanEndNs();
        }
        else if (keys.isEmpty())
        {
            startNs = table.rowCount() == 0 ? 0 : table.timeNs(0);
            endNs = table.rowCount() == 0 ? 0 : table.timeNs(table.rowCount() - 1);
        }
        coverage.add(new TraceCoverage(traceFile, table.kind().label(), table.spanDeclared(), startNs, endNs, beyond,
            beforeNs, afterNs, table.spanDeclared() && table.kind() != TraceKind.PRICE ? List.of() :
            List.copyOf(keys)));
    }

    private void readPrices(final YamlNode node, final CloudModel.Builder b, final Map<String, Integer> providers,
        final Map<String, Integer> regions, final Map<String, Integer> types, final long startEpochNs)
        throws ScenarioException, TraceFormatException, IOException
    {
        // offer key "region/type/market" -> zone ("" = the whole region) -> (time, price) steps in simulated time
        final Map<String, Map<String, PriceSteps>> steps = new LinkedHashMap<>();
        final List<PriceSource> sources = new ArrayList<>();
        // zones that price rows name, per region without declared zones
        final Map<Integer, TreeSet<String>> seenZones = new HashMap<>();
        for (final YamlNode source : node.items())
        {
            if (source.has("file"))
            {
                final TraceTable table = readTrace(source.require("file"), source.get("format"), TraceKind.PRICE);
                final Beyond beyond = Beyond.read(source);
                if (beyond == Beyond.ZERO)
                {
                    throw source.require("beyond").error("'zero' does not apply to prices: a price of 0 is not a " +
                        "reading of a missing price (it would make instances free); use 'hold-last' (the first " +
                        "price before the trace, the last after it) or 'repeat' (the trace again)");
                }
                source.rejectUnknownKeys();
                final PriceSource priceSource = new PriceSource(source, table, beyond, startEpochNs);
                sources.add(priceSource);
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
                    steps.computeIfAbsent(key, k -> new LinkedHashMap<>())
                        .computeIfAbsent(zone, k -> new PriceSteps(provider + "/" + key + (zone.isEmpty() ? "" :
                            " in zone " + zone)))
                        .add(table.timeNs(i) - startEpochNs, table.value(i), priceSource);
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
                if (source.has("beyond"))
                {
                    throw source.require("beyond").error("applies to a price file (a trace with a span); a constant " +
                        "price holds at all times");
                }
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
                final PriceSteps constant = PriceSteps.constant(price);
                final Map<String, PriceSteps> byZone =
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
                    final Map<String, PriceSteps> byZone =
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
                        b.offer(region.getValue(), type.getValue(), marketCode, priceSeries(byZone.get(""), startEpochNs));
                        continue;
                    }
                    for (final String zone : zones)
                    {
                        // A zone's own prices, else the region-wide ones; no offer in a zone that has neither.
                        final PriceSteps s = byZone.containsKey(zone) ? byZone.get(zone) : byZone.get("");
                        if (s != null)
                        {
                            b.offerInZone(zoneIndexes.get(region.getValue() + "/" + zone), type.getValue(),
                                marketCode, priceSeries(s, startEpochNs));
                        }
                    }
                }
            }
        }
        if (steps.isEmpty())
        {
            throw node.error("no price matches a declared provider, region and instance type");
        }
        for (final PriceSource source : sources)
        {
            addCoverage(source.fileNode.text(), source.table, source.beyond, source.keys);
        }
    }

    /**
     * The price series of an offer in simulated time, checked against the run's window (once per series; a
     * region-wide series may serve several zones): where the window goes outside what its traces cover, the
     * sources' {@code beyond} applies, the same for all of them.
     */
    private PriceSeries priceSeries(final PriceSteps s, final long startEpochNs) throws ScenarioException
    {
        if (s.series != null)
        {
            return s.series;
        }
        Beyond applied = Beyond.HOLD_LAST;
        if (!s.constant && !s.sources.isEmpty())
        {
            long endNs = Long.MIN_VALUE;
            for (final PriceSource source : s.sources)
            {
                endNs = Math.max(endNs, source.endNs);
            }
            final long beforeNs = Math.max(0, s.firstNs);
            final long afterNs = Math.max(0, durationNs - endNs);
            final TraceCoverage.Key key = new TraceCoverage.Key(s.label, startEpochNs + s.firstNs,
                startEpochNs + endNs, beforeNs, afterNs);
            for (final PriceSource source : s.sources)
            {
                source.keys.add(key);
            }
            if (beforeNs > 0 || afterNs > 0)
            {
                applied = appliedBeyond(s, endNs, startEpochNs);
            }
        }
        s.series = applied == Beyond.REPEAT ? periodicPrices(s) : heldPrices(s.steps);
        return s.series;
    }

    private Beyond appliedBeyond(final PriceSteps s, final long endNs, final long startEpochNs)
        throws ScenarioException
    {
        final PriceSource first = s.sources.get(0);
        for (final PriceSource source : s.sources)
        {
            if (source.beyond != first.beyond)
            {
                throw source.beyondNode().error("the price files " + first.fileNode.text() + " and " +
                    source.fileNode.text() + " both price " + s.label + ", with different 'beyond' (" +
                    first.beyond.label() + ", " + source.beyond.label() + "); give them the same");
            }
        }
        if (first.beyond == Beyond.ERROR)
        {
            final List<String> names = new ArrayList<>();
            for (final PriceSource source : s.sources)
            {
                names.add(source.fileNode.text());
            }
            final String files = String.join(" + ", names);
            final boolean declared = s.sources.stream().allMatch(x -> x.table.spanDeclared());
            throw first.fileNode.error(TraceSpans.notCovered("the price trace", files, " for " + s.label,
                declared, s.firstNs, endNs, startEpochNs, durationNs, "on this price source",
                "hold-last (the first price before the trace, the last one after it) or repeat (the trace again, " +
                "its span as the period)") + (s.firstNs > 0 ? " (a trace that starts after the run's start gives " +
                "no price at the start: its span starts at its first price for that offer)" : ""));
        }
        if (first.beyond == Beyond.REPEAT)
        {
            for (final PriceSource source : s.sources)
            {
                if (!source.table.spanDeclared())
                {
                    throw source.beyondNode().error(repeatNeedsSpan("price trace", source.fileNode.text()));
                }
            }
        }
        return first.beyond;
    }

    /**
     * The steps clipped to time 0 (the price in force at 0 is the last one at or before it); before the first step
     * the first price holds, after the last the last ({@link PriceSeries}).
     */
    private static PriceSeries heldPrices(final TreeMap<Long, Double> steps)
    {
        final Map.Entry<Long, Double> atStart = steps.floorEntry(0L);
        final java.util.NavigableMap<Long, Double> later = steps.tailMap(0L, false);
        final int n = later.size() + (atStart != null ? 1 : 0);
        final long[] times = new long[n];
        final double[] prices = new double[n];
        int i = 0;
        if (atStart != null)
        {
            times[i] = 0;
            prices[i++] = atStart.getValue();
        }
        for (final Map.Entry<Long, Double> step : later.entrySet())
        {
            times[i] = step.getKey();
            prices[i++] = step.getValue();
        }
        return new PriceSeries(times, prices);
    }

    /**
     * The price over the sources' declared span, {@code [S, E)}, as one period rotated to start at time 0: the
     * price at {@code t} is the span's price at {@code S + (t - S) mod (E - S)}. Within the span, the first price
     * holds back to the span's start.
     */
    private static PriceSeries periodicPrices(final PriceSteps s)
    {
        long spanStartNs = Long.MAX_VALUE;
        long spanEndNs = Long.MIN_VALUE;
        for (final PriceSource source : s.sources)
        {
            spanStartNs = Math.min(spanStartNs, source.startNs);
            spanEndNs = Math.max(spanEndNs, source.endNs);
        }
        final long periodNs = spanEndNs - spanStartNs;
        final TreeMap<Long, Double> rotated = new TreeMap<>();
        rotated.put(Math.floorMod(spanStartNs, periodNs), s.steps.firstEntry().getValue());
        for (final Map.Entry<Long, Double> step : s.steps.tailMap(spanStartNs, false).entrySet())
        {
            rotated.put(Math.floorMod(step.getKey(), periodNs), step.getValue());
        }
        if (!rotated.containsKey(0L))
        {
            // Offset 0 falls inside a step of the span: the price in force at that point of the span.
            final long atNs = spanStartNs + Math.floorMod(-spanStartNs, periodNs);
            final Map.Entry<Long, Double> inForce = s.steps.floorEntry(atNs);
            rotated.put(0L, inForce != null ? inForce.getValue() : s.steps.firstEntry().getValue());
        }
        final long[] offsets = new long[rotated.size()];
        final double[] prices = new double[rotated.size()];
        int i = 0;
        for (final Map.Entry<Long, Double> step : rotated.entrySet())
        {
            offsets[i] = step.getKey();
            prices[i++] = step.getValue();
        }
        return PriceSeries.periodic(offsets, prices, periodNs);
    }

    /** One {@code prices} file source: its trace, its {@code beyond} and its span in simulated ns. */
    private static final class PriceSource
    {
        final YamlNode node;
        final YamlNode fileNode;
        final TraceTable table;
        final Beyond beyond;
        /** Declared span start, or the first row. */
        final long startNs;
        /** Declared span end, or the file's last row (any key): the trace says nothing after it. */
        final long endNs;
        final List<TraceCoverage.Key> keys = new ArrayList<>();

        PriceSource(final YamlNode node, final TraceTable table, final Beyond beyond, final long startEpochNs)
            throws ScenarioException
        {
            this.node = node;
            this.fileNode = node.require("file");
            this.table = table;
            this.beyond = beyond;
            final int rows = table.rowCount();
            this.startNs = (table.spanDeclared() ? table.spanStartNs() : rows == 0 ? 0 : table.timeNs(0)) -
                startEpochNs;
            this.endNs = (table.spanDeclared() ? table.spanEndNs() : rows == 0 ? 0 : table.timeNs(rows - 1)) -
                startEpochNs;
        }

        YamlNode beyondNode() throws ScenarioException
        {
            return node.has("beyond") ? node.require("beyond") : fileNode;
        }
    }

    /**
     * The (time, price) steps of one offer series from every source that prices it, in simulated ns, with the
     * first row's time and the sources for the span check. A constant covers all time.
     */
    private static final class PriceSteps
    {
        final String label;
        final TreeMap<Long, Double> steps = new TreeMap<>();
        final List<PriceSource> sources = new ArrayList<>();
        boolean constant;
        long firstNs = Long.MAX_VALUE;
        PriceSeries series;

        PriceSteps(final String label)
        {
            this.label = label;
        }

        static PriceSteps constant(final double price)
        {
            final PriceSteps steps = new PriceSteps("");
            steps.constant = true;
            // Before every row: a later source's row at or before time 0 still replaces it there.
            steps.steps.put(Long.MIN_VALUE, price);
            return steps;
        }

        void add(final long timeNs, final double price, final PriceSource source)
        {
            steps.put(timeNs, price);
            firstNs = Math.min(firstNs, timeNs);
            if (!sources.contains(source))
            {
                sources.add(source);
            }
        }
    }

    private void readFaults(final YamlNode source, final CloudModel.Builder b, final Map<String, Integer> providers,
        final Map<String, Integer> regions, final Map<String, Integer> types, final long startEpochNs)
        throws ScenarioException, TraceFormatException, IOException
    {
        final YamlNode fileNode = source.require("file");
        final TraceTable table = readTrace(fileNode, source.get("format"), TraceKind.FAULTS);
        final Beyond beyond = Beyond.read(source);
        if (beyond == Beyond.HOLD_LAST)
        {
            throw source.require("beyond").error("'hold-last' does not apply to faults: a fault is an event, not a " +
                "level, so there is no last value to hold (an outage still open at the trace's end stays open " +
                "anyway); use 'zero' (no faults outside the trace's span) or 'repeat' (the events again)");
        }
        source.rejectUnknownKeys();
        final long[] shiftsNs = faultShifts(source, fileNode, table, beyond, startEpochNs);
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
            final long timeNs = table.timeNs(i) - startEpochNs;
            for (final long shiftNs : shiftsNs)
            {
                // Repeated events outside the window are dropped, except the state changes (outages, spot capacity)
                // before it, which the simulation replays at its start.
                if (shiftsNs.length > 1 && (timeNs + shiftNs >= durationNs ||
                    (timeNs + shiftNs < 0 && !Simulation.setsState(table.code(i)))))
                {
                    continue;
                }
                if (zone == CloudModel.NO_ZONE)
                {
                    b.fault(timeNs + shiftNs, table.code(i), provider, region, type, table.value(i));
                }
                else
                {
                    b.zoneFault(timeNs + shiftNs, table.code(i), zone, type, table.value(i));
                }
            }
        }
    }

    /**
     * Check a fault trace's span against the run's window and record it.
     *
     * @return the shifts at which its events apply: {0} (as given), or for {@link Beyond#REPEAT} every multiple of
     * the span's length that lands some event in the window.
     */
    private long[] faultShifts(final YamlNode source, final YamlNode fileNode, final TraceTable table,
        final Beyond beyond, final long startEpochNs) throws ScenarioException
    {
        final int rows = table.rowCount();
        final boolean declared = table.spanDeclared();
        // Without a declaration the span is first to last event; with no events and no declaration it is empty (and
        // the whole window lies outside it).
        final long spanStartNs = (declared ? table.spanStartNs() : rows == 0 ? startEpochNs : table.timeNs(0)) -
            startEpochNs;
        final long spanEndNs = (declared ? table.spanEndNs() : rows == 0 ? startEpochNs :
            table.timeNs(rows - 1)) - startEpochNs;
        final boolean empty = rows == 0 && !declared;
        final long beforeNs = empty ? durationNs : Math.max(0, Math.min(spanStartNs, durationNs));
        final long afterNs = empty ? durationNs : Math.max(0, Math.min(durationNs - spanEndNs, durationNs));
        final boolean outside = beforeNs > 0 || afterNs > 0;
        coverage.add(new TraceCoverage(fileNode.text(), table.kind().label(), declared, startEpochNs + spanStartNs,
            startEpochNs + spanEndNs, beyond, beforeNs, afterNs, List.of()));
        if (!outside || beyond == Beyond.ZERO || (beyond == Beyond.REPEAT && rows == 0))
        {
            return new long[] {0};
        }
        if (beyond == Beyond.ERROR)
        {
            throw fileNode.error(empty ? "the fault trace " + fileNode.text() + " has no events " +
                "and declares no span, so it does not say whether the run's window " +
                TraceSpans.span(0, durationNs, startEpochNs) + " is free of faults; declare its span with a " +
                "'# span: START/END' line before its header, or say 'beyond: zero' on this fault source" :
                TraceSpans.notCovered("the fault trace", fileNode.text(), "", declared, spanStartNs, spanEndNs,
                startEpochNs, durationNs, "on this fault source", "zero (no faults outside the span: the events " +
                "as given) or repeat (the events again, the span as the period)"));
        }
        if (!declared)
        {
            throw source.require("beyond").error(repeatNeedsSpan("fault trace", fileNode.text()));
        }
        final long periodNs = spanEndNs - spanStartNs;
        // Shift k * period moves the span [S, E) onto the window's periods; keep those that overlap [0, duration).
        final long firstK = Math.floorDiv(-spanEndNs, periodNs) + 1;
        final long lastK = Math.floorDiv(durationNs - 1 - spanStartNs, periodNs);
        final long count = lastK - firstK + 1;
        if (count > MAX_REPEATED_FAULTS / rows)
        {
            throw source.require("beyond").error("repeating " + fileNode.text() + " (" + rows + " events over " +
                TraceSpans.duration(periodNs) + ") over the run's window gives " + count * rows + " fault events, " +
                "more than " + MAX_REPEATED_FAULTS + "; use a shorter 'duration' or a trace with a longer span");
        }
        // One more period before the first: an outage it opens may still be open when the window starts.
        final long[] shifts = new long[(int)count + 1];
        for (int k = 0; k < shifts.length; k++)
        {
            shifts[k] = (firstK - 1 + k) * periodNs;
        }
        return shifts;
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

    private List<PolicyStack> readStacks(final YamlNode node, final PolicyContext context, final boolean storage)
        throws ScenarioException
    {
        final PolicyReader policies = new PolicyReader(registry, context);
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
            final Supplier<Autoscaler> autoscaler = policies.read(s, name, PolicySlot.AUTOSCALER, parameters);
            final Supplier<PlacementPolicy> placement = policies.read(s, name, PolicySlot.PLACEMENT, parameters);
            final Supplier<Balancer> balancer = policies.read(s, name, PolicySlot.BALANCER, parameters);
            final Supplier<FailoverPolicy> failover = policies.read(s, name, PolicySlot.FAILOVER, parameters);
            // Only a scenario with a storage section has the slot: the others read, echo and run as before it.
            if (!storage)
            {
                StorageReader.refuseStackKey(s);
            }
            final Supplier<StoragePolicy> storagePolicy = storage ?
                policies.read(s, name, PolicySlot.STORAGE, parameters) : CheapestStorage::new;
            s.rejectUnknownKeys();
            stacks.add(new PolicyStack(name, parameters, autoscaler, placement, balancer, failover, storagePolicy));
        }
        if (stacks.isEmpty())
        {
            throw node.error("needs at least one policy stack");
        }
        return stacks;
    }

    /** Names by index, from a name-to-index map. */
    private static List<String> byIndex(final Map<String, Integer> indexes)
    {
        final String[] names = new String[indexes.size()];
        indexes.forEach((name, index) -> names[index] = name);
        return Arrays.asList(names);
    }

    private TraceTable readTrace(final YamlNode fileNode, final YamlNode formatNode, final TraceKind kind)
        throws ScenarioException, TraceFormatException, IOException
    {
        return readTrace(fileNode, formatNode, kind, kind);
    }

    private TraceTable readTrace(final YamlNode fileNode, final YamlNode formatNode, final TraceKind kind,
        final TraceKind alternative) throws ScenarioException, TraceFormatException, IOException
    {
        final Path path;
        if (REMOTE.matcher(fileNode.text()).lookingAt())
        {
            if (traces == null || traces.remote() == null)
            {
                throw fileNode.error("'" + fileNode.text() + "' is a URI; traces on HDFS, S3 and other Hadoop file " +
                    "systems are read by sweeps on Spark (docs/spark.md); here name a local file");
            }
            try
            {
                path = traces.remote().fetch(fileNode.text());
            }
            catch (final IOException e)
            {
                throw fileNode.error("cannot fetch '" + fileNode.text() + "': " + e);
            }
        }
        else
        {
            path = folder.resolve(fileNode.text());
        }
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
        final TraceCache.Key key = traces == null ? null : TraceCache.Key.of(path, reader.formatName());
        final TraceCache.Entry cached = key == null ? null : traces.get(key);
        // A binary file declares its own kind (its reader has none): ask the file, before reading its rows.
        final TraceKind fileKind = cached != null ? cached.kind() : reader.kindOf(path);
        if (fileKind != kind && fileKind != alternative)
        {
            throw fileNode.error(path + ": holds a " + fileKind.label() + " trace (" + reader.formatName() +
                "), expected a " + kind.label() + (alternative != kind ? " or " + alternative.label() : "") + " trace");
        }
        if (cached != null)
        {
            inputs.put(fileNode.text(), cached.sha256());
            return cached.table();
        }
        final String sha = sha256(Files.readAllBytes(path));
        inputs.put(fileNode.text(), sha);
        try
        {
            final TraceTable table = reader.read(path, ImportOptions.defaults());
            if (key != null)
            {
                traces.put(key, new TraceCache.Entry(fileKind, sha, table));
            }
            return table;
        }
        catch (final NoSuchFileException e)
        {
            throw fileNode.error("no such file: " + path);
        }
    }

    /**
     * @param bytes any bytes.
     * @return their SHA-256, lower-case hex, as scenario summaries name inputs.
     */
    public static String sha256(final byte[] bytes)
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
