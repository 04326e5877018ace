package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.storage.StorageModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.traces.TraceDurations;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a scenario's {@code storage} section (candidate locations and the data set, with an optional growth file)
 * into a {@link StorageModel}, and checks how it fits the {@code transfer} section: reads need
 * {@code transfer.data.read}, and {@code transfer.data.locations} is refused (the storage policy decides where the
 * data is). Every refusal names the file, line and key (see docs/simulator.md, "Storage placement").
 * <p>
 * <b>Growth file.</b> No generic trace format of the {@code traces} module is a step series of sizes (a
 * {@code rate-csv} is requests per grid interval), so the growth file is a small CSV read here: a header
 * {@code time,size}, then rows of an offset from the run's start ({@code 30m}, {@code 6h}, any duration) and the data
 * set's size from then on ({@code 320 GB}); times ascend strictly, after 0 (the size at 0 is the section's
 * {@code size}); {@code #} lines and blank lines are skipped. Errors read {@code file:line: key 'size': ...}.
 * <p>
 * <b>Threading:</b> stateless. <b>Allocation:</b> setup only.
 */
final class StorageReader
{
    /** Bytes per write request when the data set grows, if {@code objectSize} is not given. */
    static final String DEFAULT_OBJECT_SIZE = "64 MB";

    private StorageReader()
    {
    }

    /**
     * @param node        the {@code storage} section.
     * @param transfer    the {@code transfer} section, or null.
     * @param regions     region name to index.
     * @param zoneIndexes {@code "regionIndex/zoneName"} to zone index.
     * @param folder      the scenario's folder (the growth file is relative to it).
     * @param inputs      the scenario's input files: the growth file's SHA-256 is added under its name.
     * @return the candidate locations and the data set's size steps.
     * @throws ScenarioException on bad input.
     */
    static StorageModel read(final YamlNode node, final YamlNode transfer, final Map<String, Integer> regions,
        final Map<String, Integer> zoneIndexes, final Path folder, final Map<String, String> inputs)
        throws ScenarioException
    {
        if (!node.isMap())
        {
            throw node.error("must be a mapping with locations and data");
        }
        final YamlNode data = transfer == null ? null : transfer.get("data");
        if (data == null || !data.isMap() || !data.has("read"))
        {
            throw node.error("the data set's reads need 'transfer.data.read' (the bytes each request reads); add " +
                "it to the transfer section");
        }
        final YamlNode dataLocations = data.get("locations");
        if (dataLocations != null)
        {
            throw dataLocations.error("'transfer.data.locations' and 'storage' both say where the data set is: " +
                "with a storage section the storage policy decides; remove 'transfer.data.locations' and list the " +
                "candidates in 'storage.locations'");
        }
        final List<YamlNode> items = node.require("locations").items();
        if (items.isEmpty())
        {
            throw node.require("locations").error("needs at least one candidate location");
        }
        final int n = items.size();
        final String[] name = new String[n];
        final int[] region = new int[n];
        final int[] zone = new int[n];
        final String[] storageClass = new String[n];
        final double[] gbMonthUsd = new double[n];
        final double[] readPer1k = new double[n];
        final double[] writePer1k = new double[n];
        final Set<String> names = new HashSet<>();
        for (int i = 0; i < n; i++)
        {
            final YamlNode location = items.get(i);
            if (!location.isMap())
            {
                throw location.error("must be a mapping {name, region, zone?, class?, usdPerGbMonth, readPer1k?, " +
                    "writePer1k?}");
            }
            name[i] = location.require("name").text();
            if (!names.add(name[i]))
            {
                throw location.require("name").error("location '" + name[i] + "' is listed twice");
            }
            final String regionName = location.require("region").text();
            final Integer r = regions.get(regionName);
            if (r == null)
            {
                throw location.require("region").error("unknown region '" + regionName + "'");
            }
            region[i] = r;
            zone[i] = CloudModel.NO_ZONE;
            if (location.has("zone"))
            {
                final String zoneName = location.require("zone").text();
                final Integer z = zoneIndexes.get(r + "/" + zoneName);
                if (z == null)
                {
                    throw location.require("zone").error("region '" + regionName + "' has no zone '" + zoneName +
                        "' (zones come from the region's 'zones' list or its offers)");
                }
                zone[i] = z;
            }
            storageClass[i] = location.string("class", "standard");
            gbMonthUsd[i] = location.require("usdPerGbMonth").asNumber(0, 1e6);
            readPer1k[i] = location.number("readPer1k", 0, 0, 1e6);
            writePer1k[i] = location.number("writePer1k", 0, 0, 1e6);
            location.rejectUnknownKeys();
        }
        final YamlNode dataSet = node.require("data");
        if (!dataSet.isMap())
        {
            throw dataSet.error("must be a mapping {size, growth?, objectSize?}");
        }
        final long size = bytes(dataSet.require("size"));
        final YamlNode objectNode = dataSet.get("objectSize");
        if (objectNode == null)
        {
            dataSet.recordDefault("objectSize", DEFAULT_OBJECT_SIZE);
        }
        final long objectBytes = objectNode == null ? (long)ByteUnits.parseBytes(DEFAULT_OBJECT_SIZE) :
            bytes(objectNode);
        if (objectBytes <= 0)
        {
            throw objectNode.error("must be above 0 B (the bytes each write request carries)");
        }
        final List<long[]> steps = new ArrayList<>();
        steps.add(new long[] {0, size});
        final YamlNode growth = dataSet.get("growth");
        if (growth != null)
        {
            readGrowth(growth, folder, steps, inputs);
        }
        dataSet.rejectUnknownKeys();
        node.rejectUnknownKeys();
        final long[] fromNs = new long[steps.size()];
        final long[] sizeBytes = new long[steps.size()];
        for (int i = 0; i < fromNs.length; i++)
        {
            fromNs[i] = steps.get(i)[0];
            sizeBytes[i] = steps.get(i)[1];
        }
        return new StorageModel(name, region, zone, storageClass, gbMonthUsd, readPer1k, writePer1k, fromNs,
            sizeBytes, objectBytes);
    }

    /**
     * Refuses a stack's {@code storage} key in a scenario without a storage section.
     *
     * @param stack a stack.
     * @throws ScenarioException if it has one.
     */
    static void refuseStackKey(final YamlNode stack) throws ScenarioException
    {
        final YamlNode key = stack.get("storage");
        if (key != null)
        {
            throw key.error("a storage policy places the data set of a 'storage' section, and this scenario has " +
                "none: add a top-level 'storage' section or remove this key");
        }
    }

    private static long bytes(final YamlNode node) throws ScenarioException
    {
        try
        {
            return Math.round(ByteUnits.parseBytes(node.text().trim()));
        }
        catch (final IllegalArgumentException e)
        {
            throw node.error(e.getMessage());
        }
    }

    /** The growth file's rows, after the step at 0. */
    private static void readGrowth(final YamlNode fileNode, final Path folder, final List<long[]> steps,
        final Map<String, String> inputs) throws ScenarioException
    {
        final Path path = folder.resolve(fileNode.text());
        if (!Files.isRegularFile(path))
        {
            throw fileNode.error("no such file: " + path);
        }
        final List<String> lines;
        try
        {
            final byte[] bytes = Files.readAllBytes(path);
            inputs.put(fileNode.text(), ScenarioReader.sha256(bytes));
            lines = new String(bytes, StandardCharsets.UTF_8).lines().toList();
        }
        catch (final IOException e)
        {
            throw fileNode.error("cannot read " + path + ": " + e.getMessage());
        }
        final String file = path.toString();
        boolean header = false;
        for (int i = 0; i < lines.size(); i++)
        {
            final String line = lines.get(i).trim();
            final int lineNo = i + 1;
            if (line.isEmpty() || line.startsWith("#"))
            {
                continue;
            }
            final String[] fields = line.split(",", -1);
            if (!header)
            {
                if (fields.length != 2 || !fields[0].trim().equalsIgnoreCase("time") ||
                    !fields[1].trim().equalsIgnoreCase("size"))
                {
                    throw new ScenarioException(file, lineNo, null, "the header must be 'time,size'");
                }
                header = true;
                continue;
            }
            if (fields.length != 2)
            {
                throw new ScenarioException(file, lineNo, null, "row has " + fields.length +
                    " values but the header has 2 columns");
            }
            final long timeNs;
            try
            {
                timeNs = TraceDurations.parseNs(fields[0]);
            }
            catch (final IllegalArgumentException e)
            {
                throw new ScenarioException(file, lineNo, "time", e.getMessage() +
                    " (an offset from the run's start)");
            }
            final long previousNs = steps.get(steps.size() - 1)[0];
            if (timeNs <= previousNs)
            {
                throw new ScenarioException(file, lineNo, "time", "must be after " +
                    TraceDurations.format(previousNs) + (steps.size() == 1 ?
                    " (the size at 0 is the scenario's 'storage.data.size')" : " (the previous row's time)"));
            }
            final long sizeBytes;
            try
            {
                sizeBytes = Math.round(ByteUnits.parseBytes(fields[1].trim()));
            }
            catch (final IllegalArgumentException e)
            {
                throw new ScenarioException(file, lineNo, "size", e.getMessage());
            }
            steps.add(new long[] {timeNs, sizeBytes});
        }
        if (!header)
        {
            throw new ScenarioException(file, 1, null, "the header 'time,size' is missing (the file has no rows)");
        }
    }
}
