package io.windtunnel.simulator.sweep;

import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.scenario.ExplainMode;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.ScenarioReader;
import io.windtunnel.simulator.scenario.TraceCache;
import io.windtunnel.simulator.scenario.YamlNode;
import io.windtunnel.traces.TraceFormatException;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A sweep file read and checked: a base scenario (a file, or inline under {@code base}), axes of values over scenario
 * key paths, combined as a cartesian product or zipped, seeds and replications; expanded into {@link Variant}s, each
 * of which becomes a scenario by grafting its axis values into a fresh copy of the base tree
 * ({@link YamlNode#with}). A grafted value keeps the sweep file's line, so the scenario reader's error about it names
 * the sweep file, the axis value's line and the key. The format is in {@code docs/spark.md}:
 * <pre>
 * name: spot-target               # optional; default the file's name
 * scenario: quickstart.yaml       # the base, relative to this file (or base: {an inline scenario})
 * set:                            # optional: values every variant gets (key path: value)
 *   duration: 6h
 * mode: cartesian                 # or zip: the i-th values of every axis together
 * axes:
 *   stacks.spot-cheapest.autoscaler.target: [0.5, 0.6, 0.7]
 *   load.multiplier: [1, 2]
 * seeds: [1, 2]                   # or {from: 1, count: 2}; default the scenario's seed
 * replications: 1                 # default the scenario's
 * objective: cost.total_usd       # the metric (lower is better) that picks the best stack in the summary
 * </pre>
 * <p>
 * <b>Threading:</b> immutable once read; {@link #tree}, {@link #scenario} and {@link #variants} may be called from
 * any number of threads (each call copies what it changes).
 */
public final class Sweep
{
    /** Most variants one sweep may expand to (axes product times seeds). */
    public static final int MAX_VARIANTS = 1_000_000;
    /** Keys the sweep file may have. */
    private static final Set<String> KEYS = Set.of("name", "scenario", "base", "set", "mode", "axes",
        "seeds", "replications", "objective");

    /** How the axes combine. */
    public enum Mode
    {
        /** Every combination of the axes' values, the first axis varying slowest. */
        CARTESIAN,
        /** The i-th values of all axes together; all axes have the same length. */
        ZIP
    }

    /**
     * One axis.
     *
     * @param path   the scenario key path it sets, as written in the sweep file.
     * @param labels its values as text, in order.
     * @param line   the line of its key in the sweep file.
     */
    public record Axis(String path, List<String> labels, int line)
    {
    }

    private final SweepSource source;
    private final String name;
    private final YamlNode base;
    private final Path baseFolder;
    private final Map<String, String> baseInputs;
    private final Mode mode;
    private final List<Axis> axes;
    private final List<YamlNode> axisKeys;
    private final List<List<YamlNode>> axisValues;
    private final List<Long> seeds;
    private final boolean seedsGiven;
    private final int replications;
    private final String objective;
    private final List<Variant> variants;

    private Sweep(final SweepSource source, final String name, final YamlNode base, final Map<String, String> inputs,
        final Mode mode, final List<YamlNode> axisKeys, final List<List<YamlNode>> axisValues, final List<Long> seeds,
        final boolean seedsGiven, final int replications, final String objective) throws ScenarioException
    {
        this.source = source;
        this.name = name;
        this.base = base;
        this.baseFolder = Path.of(source.baseFolder());
        this.baseInputs = Map.copyOf(inputs);
        this.mode = mode;
        this.axisKeys = List.copyOf(axisKeys);
        this.axisValues = List.copyOf(axisValues);
        final List<Axis> list = new ArrayList<>();
        for (int a = 0; a < axisKeys.size(); a++)
        {
            final List<String> labels = new ArrayList<>();
            for (final YamlNode value : axisValues.get(a))
            {
                labels.add(label(value));
            }
            list.add(new Axis(axisPath(axisKeys.get(a)), List.copyOf(labels), axisKeys.get(a).line()));
        }
        this.axes = List.copyOf(list);
        this.seeds = List.copyOf(seeds);
        this.seedsGiven = seedsGiven;
        this.replications = replications;
        this.objective = objective;
        this.variants = expand();
    }

    /**
     * Read a sweep file and its base scenario file into memory (bounded as scenario files are).
     *
     * @param file the sweep file.
     * @return its source, ready for {@link #read(SweepSource)}.
     * @throws ScenarioException if a file is too large, or the base is named wrongly; the message names the line.
     * @throws IOException       if a file cannot be read.
     */
    public static SweepSource load(final Path file) throws ScenarioException, IOException
    {
        final String shown = file.toString();
        if (Files.isDirectory(file))
        {
            throw new ScenarioException(shown, 0, null, "is a folder, not a sweep file; name the .yaml file");
        }
        final byte[] bytes = bounded(file, shown);
        final Path folder = file.toAbsolutePath().getParent();
        final YamlNode root = YamlNode.parse(shown, bytes);
        if (!root.isMap())
        {
            throw root.error("a sweep must be a mapping of keys to values (see docs/spark.md)");
        }
        final YamlNode scenario = root.get("scenario");
        if (scenario == null)
        {
            return new SweepSource(shown, folder.toString(), bytes, null, folder.toString(), null);
        }
        final Path basePath = folder.resolve(scenario.text());
        final Path baseShown = file.resolveSibling(scenario.text()).normalize();
        if (!Files.isRegularFile(basePath))
        {
            throw scenario.error("no such scenario file: " + baseShown);
        }
        return new SweepSource(shown, folder.toString(), bytes, baseShown.toString(),
            basePath.toAbsolutePath().getParent().toString(), bounded(basePath, baseShown.toString()));
    }

    private static byte[] bounded(final Path path, final String shown) throws ScenarioException, IOException
    {
        try (InputStream in = Files.newInputStream(path))
        {
            final byte[] bytes = in.readNBytes(YamlNode.MAX_FILE_BYTES + 1);
            if (bytes.length > YamlNode.MAX_FILE_BYTES)
            {
                throw new ScenarioException(shown, 0, null, "more than " + YamlNode.MAX_FILE_BYTES +
                    " bytes, more than a sweep or scenario file may have (1 MiB)");
            }
            return bytes;
        }
    }

    /**
     * {@link #load} then {@link #read(SweepSource)}.
     *
     * @param file the sweep file.
     * @return the sweep.
     * @throws ScenarioException if the sweep file is wrong, naming its file, line and key.
     * @throws IOException       if a file cannot be read.
     */
    public static Sweep read(final Path file) throws ScenarioException, IOException
    {
        return read(load(file));
    }

    /**
     * Parse and check a sweep: its keys, the axes' paths (each value grafted into the base once, so a path that
     * names nothing is refused here, naming the axis's line) and the number of variants. The values themselves are
     * checked by {@link #check}, which reads every variant's scenario.
     *
     * @param source what {@link #load} read.
     * @return the sweep.
     * @throws ScenarioException if the sweep is wrong, naming its file, line and key.
     */
    public static Sweep read(final SweepSource source) throws ScenarioException
    {
        final YamlNode root = YamlNode.parse(source.file(), source.bytes());
        if (!root.isMap())
        {
            throw root.error("a sweep must be a mapping of keys to values (see docs/spark.md)");
        }
        for (final String key : root.entries().keySet())
        {
            if (!KEYS.contains(key))
            {
                throw root.require(key).error("unknown key (expected one of: name, scenario, base, set, mode, " +
                    "axes, seeds, replications, objective)");
            }
        }
        final String fallbackName = Path.of(source.file()).getFileName().toString().replaceFirst("\\.ya?ml$", "");
        final String name = root.string("name", fallbackName);
        if (name.length() > ScenarioReader.MAX_NAME_CHARS || !name.matches("[A-Za-z0-9_-][A-Za-z0-9._-]*"))
        {
            throw root.require("name").error("'" + name + "' cannot be a file name: use letters, digits, '-', '_' " +
                "and '.', not starting with '.'");
        }
        final YamlNode scenarioKey = root.get("scenario");
        final YamlNode inline = root.get("base");
        if ((scenarioKey == null) == (inline == null))
        {
            throw scenarioKey != null ? inline.error("give the base scenario once: 'scenario' (a file) or 'base' " +
                "(inline), not both") : root.missing("scenario", "is required: the base scenario file, relative to " +
                "the sweep file (or an inline scenario under 'base')");
        }
        YamlNode base;
        final String inputName;
        final byte[] inputBytes;
        if (scenarioKey != null)
        {
            base = YamlNode.parse(source.baseFile(), source.baseBytes());
            inputName = Path.of(source.baseFile()).getFileName().toString();
            inputBytes = source.baseBytes();
        }
        else
        {
            if (!inline.isMap())
            {
                throw inline.error("must be a scenario: a mapping of keys to values");
            }
            base = inline.copyAsRoot();
            inputName = Path.of(source.file()).getFileName().toString();
            inputBytes = source.bytes();
        }
        final YamlNode set = root.get("set");
        if (set != null)
        {
            if (!set.isMap())
            {
                throw set.error("must map scenario key paths to the values every variant gets, e.g. 'duration: 6h'");
            }
            YamlNode changed = base;
            for (final Map.Entry<String, YamlNode> entry : set.entries().entrySet())
            {
                changed = changed.with(entry.getKey(), entry.getValue(), entry.getValue(),
                    "sweep 'set' of '" + entry.getKey() + "'");
            }
            base = changed;
        }
        final Mode mode = switch (root.string("mode", "cartesian"))
        {
            case "cartesian" -> Mode.CARTESIAN;
            case "zip" -> Mode.ZIP;
            default -> throw root.require("mode").error("must be 'cartesian' (every combination) or 'zip' (the " +
                "i-th values together)");
        };
        final YamlNode axesNode = root.require("axes");
        if (!axesNode.isMap() || axesNode.entries().isEmpty())
        {
            throw axesNode.error("must map scenario key paths to lists of values, e.g. 'load.multiplier: [1, 2]'");
        }
        final List<YamlNode> keys = new ArrayList<>();
        final List<List<YamlNode>> values = new ArrayList<>();
        for (final Map.Entry<String, YamlNode> axis : axesNode.entries().entrySet())
        {
            final YamlNode node = axis.getValue();
            if (!node.isList() || node.items().isEmpty())
            {
                throw node.error("an axis needs a non-empty list of values, e.g. [0.5, 0.6]");
            }
            final String path = axis.getKey();
            if (path.equals("seed") || path.equals("replications"))
            {
                throw node.error("vary the seed with the sweep's 'seeds' and set 'replications' at the sweep's top " +
                    "level, not as an axis");
            }
            keys.add(node);
            values.add(node.items());
            // A path that names nothing fails here, before anything runs, naming the axis.
            for (final YamlNode value : node.items())
            {
                base.copyAsRoot().with(path, value, node, null);
            }
        }
        if (mode == Mode.ZIP)
        {
            for (int a = 1; a < keys.size(); a++)
            {
                if (values.get(a).size() != values.get(0).size())
                {
                    throw keys.get(a).error("has " + values.get(a).size() + " values but '" +
                        axisPath(keys.get(0)) + "' has " + values.get(0).size() + "; zipped axes need lists of " +
                        "the same length");
                }
            }
        }
        final YamlNode seedsNode = root.get("seeds");
        final List<Long> seeds = new ArrayList<>();
        if (seedsNode == null)
        {
            seeds.add(base.copyAsRoot().integer("seed", 1, Long.MIN_VALUE, Long.MAX_VALUE));
        }
        else if (seedsNode.isMap())
        {
            final long from = seedsNode.integer("from", 1, Long.MIN_VALUE, Long.MAX_VALUE - MAX_VARIANTS);
            final long count = seedsNode.require("count").asInteger(1, MAX_VARIANTS);
            seedsNode.rejectUnknownKeys();
            for (long s = 0; s < count; s++)
            {
                seeds.add(from + s);
            }
        }
        else
        {
            if (seedsNode.items().isEmpty())
            {
                throw seedsNode.error("needs at least one seed");
            }
            for (final YamlNode seed : seedsNode.items())
            {
                seeds.add(seed.asInteger(Long.MIN_VALUE, Long.MAX_VALUE));
            }
        }
        final int replications = root.has("replications") ?
            (int)root.require("replications").asInteger(1, Scenario.MAX_REPLICATIONS) : 0;
        final String objective = root.string("objective", SweepReport.DEFAULT_OBJECTIVE);
        long count = mode == Mode.ZIP ? values.get(0).size() : 1;
        if (mode == Mode.CARTESIAN)
        {
            for (final List<YamlNode> axisValues : values)
            {
                count = Math.min(count * axisValues.size(), MAX_VARIANTS + 1L);
            }
        }
        if (count * seeds.size() > MAX_VARIANTS)
        {
            throw axesNode.error("expands to more than " + MAX_VARIANTS + " variants (" +
                (mode == Mode.ZIP ? "zipped" : "the product of the axes") + " times " + seeds.size() + " seed(s))");
        }
        return new Sweep(source, name, base, Map.of(inputName, ScenarioReader.sha256(inputBytes)), mode, keys, values,
            seeds, seedsNode != null, replications, objective);
    }

    /** The axis's key path: the key of its list in the sweep file. */
    private static String axisPath(final YamlNode axisValues)
    {
        final String path = axisValues.path();
        return path.substring("axes.".length());
    }

    private List<Variant> expand()
    {
        final int points = mode == Mode.ZIP ? axisValues.get(0).size() :
            axisValues.stream().mapToInt(List::size).reduce(1, (x, y) -> x * y);
        final List<Variant> out = new ArrayList<>(points * seeds.size());
        for (int p = 0; p < points; p++)
        {
            final List<Integer> indexes = new ArrayList<>();
            final List<String> labels = new ArrayList<>();
            int rest = p;
            for (int a = axisValues.size() - 1; a >= 0; a--)
            {
                final int n = axisValues.get(a).size();
                final int i = mode == Mode.ZIP ? p : rest % n;
                rest /= n;
                indexes.add(0, i);
                labels.add(0, axes.get(a).labels().get(i));
            }
            for (final long seed : seeds)
            {
                out.add(new Variant(out.size(), List.copyOf(indexes), List.copyOf(labels), seed));
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * A value as text for labels and columns: a scalar as written, a list or mapping in flow style.
     *
     * @param value a node of the sweep file.
     * @return its text.
     */
    static String label(final YamlNode value)
    {
        try
        {
            if (value.isList())
            {
                final List<String> parts = new ArrayList<>();
                for (final YamlNode item : value.items())
                {
                    parts.add(label(item));
                }
                return "[" + String.join(", ", parts) + "]";
            }
            if (value.isMap())
            {
                final List<String> parts = new ArrayList<>();
                for (final Map.Entry<String, YamlNode> entry : value.copyAsRoot().entries().entrySet())
                {
                    parts.add(entry.getKey() + ": " + label(entry.getValue()));
                }
                return "{" + String.join(", ", parts) + "}";
            }
            final String text = value.copyAsRoot().scalars().values().iterator().next();
            return text == null ? "~" : text;
        }
        catch (final ScenarioException e)
        {
            throw new IllegalStateException("a node of a parsed tree could not be read", e);
        }
    }

    /**
     * @param variant one of {@link #variants()}.
     * @return the variant's scenario tree: a fresh copy of the base with its axis values grafted in.
     * @throws ScenarioException if a path names nothing (not after {@link #read}, which tried every value).
     */
    public YamlNode tree(final Variant variant) throws ScenarioException
    {
        YamlNode tree = base.copyAsRoot();
        for (int a = 0; a < axes.size(); a++)
        {
            final int i = variant.valueIndexes().get(a);
            tree = tree.with(axes.get(a).path(), axisValues.get(a).get(i), axisKeys.get(a),
                "sweep axis '" + axes.get(a).path() + "' = " + axes.get(a).labels().get(i));
        }
        return tree;
    }

    /**
     * The variant's scenario, with its seed, the sweep's replications and no decision log.
     *
     * @param variant  one of {@link #variants()}.
     * @param registry the policies.
     * @param traces   traces shared between variants, or null.
     * @return the scenario.
     * @throws ScenarioException    if the variant's scenario is wrong; the message names the sweep file's line for a
     *                              value the sweep grafted in, the base file's otherwise.
     * @throws TraceFormatException if a trace is wrong.
     * @throws IOException          if a trace cannot be read.
     */
    public Scenario scenario(final Variant variant, final PolicyRegistry registry, final TraceCache traces)
        throws ScenarioException, TraceFormatException, IOException
    {
        Scenario scenario = ScenarioReader.read(tree(variant), baseFolder, baseInputs, registry, traces);
        if (seedsGiven)
        {
            scenario = scenario.withSeed(variant.seed());
        }
        if (replications > 0)
        {
            scenario = scenario.withReplications(replications);
        }
        return scenario.withExplain(ExplainMode.OFF);
    }

    /**
     * Read every variant's scenario, so that a wrong value stops the sweep before anything runs.
     *
     * @param registry the policies.
     * @param traces   traces shared between variants (each trace is then read once).
     * @throws ScenarioException    naming the file, line and key, and the variant's axis values when the line is not
     *                              the sweep file's.
     * @throws TraceFormatException if a trace is wrong.
     * @throws IOException          if a trace cannot be read.
     */
    public void check(final PolicyRegistry registry, final TraceCache traces)
        throws ScenarioException, TraceFormatException, IOException
    {
        for (final Variant variant : variants)
        {
            try
            {
                scenario(variant, registry, traces);
            }
            catch (final ScenarioException e)
            {
                throw new ScenarioException(e.getMessage(), 0, null, "in " + variant.describe(axes) +
                    " of sweep " + source.file());
            }
        }
    }

    /** @return what the sweep was read from. */
    public SweepSource source()
    {
        return source;
    }

    /** @return the sweep's name. */
    public String name()
    {
        return name;
    }

    /** @return how the axes combine. */
    public Mode mode()
    {
        return mode;
    }

    /** @return the axes, in file order. */
    public List<Axis> axes()
    {
        return axes;
    }

    /** @return every variant, in index order. */
    public List<Variant> variants()
    {
        return variants;
    }

    /** @return replications per stack and variant, or 0 for the scenario's own. */
    public int replications()
    {
        return replications;
    }

    /** @return the metric that picks the best stack, lower is better. */
    public String objective()
    {
        return objective;
    }

    /**
     * @return the SHA-256 of the sweep file and the base scenario file: a resumed sweep must have the same.
     */
    public String fingerprint()
    {
        final byte[] baseBytes = source.baseBytes() == null ? new byte[0] : source.baseBytes();
        return ScenarioReader.sha256((ScenarioReader.sha256(source.bytes()) + ScenarioReader.sha256(baseBytes))
            .getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }
}
