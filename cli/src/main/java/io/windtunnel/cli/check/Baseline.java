package io.windtunnel.cli.check;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.runner.StackSummary;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * The results a {@code windtunnel check} holds new runs to: per scenario (by name), the seed, replications and input
 * hashes it was taken with, and per stack the mean and 95% half-width of every {@link GatedMetric}.
 * <p>
 * The file is JSON written for review in a pull request: keys sorted, two-space indent, one value per line,
 * numbers at 12 significant digits (so a rerun writes the same bytes, and a changed number is one changed line).
 * <pre>
 * {
 *   "format" : "windtunnel-baseline/1",
 *   "scenarios" : {
 *     "quickstart" : {
 *       "inputs" : { "../traces/generated/load-diurnal-3regions-2d.csv" : "sha256:2b27...", ... },
 *       "replications" : 3,
 *       "scenarioFile" : "quickstart.yaml",
 *       "seed" : 42,
 *       "stacks" : {
 *         "spot-cheapest" : {
 *           "cost.total_usd" : { "ci95" : 0.00451240067312, "mean" : 2.84350466667 },
 * </pre>
 * <b>Threading:</b> immutable.
 *
 * @param scenarios scenario name to its entry, sorted.
 */
public record Baseline(Map<String, Entry> scenarios)
{
    /** The format's name and version, checked on reading. */
    public static final String FORMAT = "windtunnel-baseline/1";
    private static final MathContext DIGITS = new MathContext(12);

    /**
     * One scenario's baseline.
     *
     * @param seed         base seed of the runs.
     * @param replications replications per stack.
     * @param scenarioFile the key of the scenario file itself in {@code inputs}.
     * @param inputs       input files (relative to the scenario's folder) to their SHA-256, sorted.
     * @param stacks       stack name to metric key to its value, sorted.
     */
    public record Entry(long seed, int replications, String scenarioFile, Map<String, String> inputs,
        Map<String, Map<String, Value>> stacks)
    {
    }

    /**
     * One metric of one stack.
     *
     * @param mean mean over replications (NaN when the run had no value, written as null).
     * @param ci95 95% confidence half-width (NaN with one replication, written as null).
     */
    public record Value(double mean, double ci95)
    {
    }

    /**
     * @param result a finished scenario run.
     * @return its baseline entry: the gated metrics of every stack, at the file's precision.
     */
    public static Entry entryOf(final ScenarioResult result)
    {
        final Map<String, Map<String, Value>> stacks = new TreeMap<>();
        for (final StackSummary stack : result.stacks())
        {
            final Map<String, Value> metrics = new TreeMap<>();
            for (final GatedMetric metric : GatedMetric.values())
            {
                final StackSummary.Statistic statistic = stack.metrics().get(metric.key());
                if (statistic != null)
                {
                    metrics.put(metric.key(), new Value(round(statistic.mean()), round(statistic.halfWidth95())));
                }
            }
            stacks.put(stack.stack(), metrics);
        }
        final Map<String, String> inputs = new TreeMap<>();
        result.scenario().inputs().forEach((file, sha256) -> inputs.put(file, hash(sha256)));
        return new Entry(result.scenario().seed(), result.scenario().replications(),
            result.scenario().inputs().keySet().iterator().next(), inputs, stacks);
    }

    /**
     * @param sha256 a file's SHA-256 in hex, as the scenario reader gives it.
     * @return it as baselines (and {@code summary.json}) write it: {@code sha256:HEX}.
     */
    public static String hash(final String sha256)
    {
        return "sha256:" + sha256;
    }

    /**
     * @param value a metric's value.
     * @return the value as the baseline file keeps it: 12 significant digits (non-finite values unchanged).
     */
    public static double round(final double value)
    {
        return Double.isFinite(value) ? new BigDecimal(value).round(DIGITS).doubleValue() : value;
    }

    /**
     * @param file a baseline file.
     * @return its content.
     * @throws IOException when it cannot be read.
     * @throws BaselineException when it is not a baseline this version reads; the message names the file, and the
     *                           line or the field.
     */
    public static Baseline read(final Path file) throws IOException
    {
        final JsonNode root;
        try
        {
            root = new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (final JsonProcessingException e)
        {
            throw new BaselineException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: " +
                e.getOriginalMessage());
        }
        catch (final java.nio.charset.MalformedInputException e)
        {
            throw new BaselineException(file + ": not UTF-8 text; not a Windtunnel baseline");
        }
        if (root == null || !root.isObject())
        {
            throw new BaselineException(file + ": not a Windtunnel baseline (not a JSON object)");
        }
        final JsonNode format = root.path("format");
        if (!format.isTextual() || !format.asText().startsWith("windtunnel-baseline/"))
        {
            throw new BaselineException(file + ": field 'format': " + (format.isMissingNode() ? "missing" : format) +
                "; not a Windtunnel baseline (written by 'windtunnel check --update-baseline')");
        }
        if (!format.asText().equals(FORMAT))
        {
            throw new BaselineException(file + ": field 'format': " + format + " is not a baseline format this " +
                "version reads (" + FORMAT + "); refresh it with --update-baseline");
        }
        final Map<String, Entry> scenarios = new TreeMap<>();
        final JsonNode scenarioNodes = object(file, root, "scenarios", "scenarios");
        for (final Iterator<Map.Entry<String, JsonNode>> it = scenarioNodes.fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> field = it.next();
            scenarios.put(field.getKey(), entry(file, "scenarios." + field.getKey(), field.getValue()));
        }
        return new Baseline(scenarios);
    }

    private static Entry entry(final Path file, final String path, final JsonNode node)
    {
        if (!node.isObject())
        {
            throw new BaselineException(file + ": field '" + path + "': not an object");
        }
        final JsonNode seed = node.path("seed");
        final JsonNode replications = node.path("replications");
        if (!seed.isIntegralNumber())
        {
            throw new BaselineException(file + ": field '" + path + ".seed': missing or not an integer");
        }
        if (!replications.isInt() || replications.asInt() < 1)
        {
            throw new BaselineException(file + ": field '" + path + ".replications': missing or not a positive " +
                "integer");
        }
        final JsonNode scenarioFile = node.path("scenarioFile");
        if (!scenarioFile.isTextual())
        {
            throw new BaselineException(file + ": field '" + path + ".scenarioFile': missing or not a string");
        }
        final Map<String, String> inputs = new TreeMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = object(file, node, "inputs", path + ".inputs").fields();
            it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> input = it.next();
            if (!input.getValue().isTextual())
            {
                throw new BaselineException(file + ": field '" + path + ".inputs." + input.getKey() + "': not a string");
            }
            inputs.put(input.getKey(), input.getValue().asText());
        }
        final Map<String, Map<String, Value>> stacks = new TreeMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = object(file, node, "stacks", path + ".stacks").fields();
            it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> stack = it.next();
            final String stackPath = path + ".stacks." + stack.getKey();
            final Map<String, Value> metrics = new TreeMap<>();
            if (!stack.getValue().isObject())
            {
                throw new BaselineException(file + ": field '" + stackPath + "': not an object");
            }
            for (final Iterator<Map.Entry<String, JsonNode>> m = stack.getValue().fields(); m.hasNext(); )
            {
                final Map.Entry<String, JsonNode> metric = m.next();
                final String metricPath = stackPath + "." + metric.getKey();
                metrics.put(metric.getKey(), new Value(number(file, metric.getValue(), "mean", metricPath),
                    number(file, metric.getValue(), "ci95", metricPath)));
            }
            stacks.put(stack.getKey(), metrics);
        }
        return new Entry(seed.asLong(), replications.asInt(), scenarioFile.asText(), inputs, stacks);
    }

    private static JsonNode object(final Path file, final JsonNode parent, final String name, final String path)
    {
        final JsonNode node = parent.path(name);
        if (!node.isObject())
        {
            throw new BaselineException(file + ": field '" + path + "': " + (node.isMissingNode() ? "missing" :
                "not an object"));
        }
        return node;
    }

    private static double number(final Path file, final JsonNode metric, final String name, final String path)
    {
        final JsonNode node = metric.path(name);
        if (node.isNull())
        {
            return Double.NaN;
        }
        if (!node.isNumber())
        {
            throw new BaselineException(file + ": field '" + path + "." + name + "': " +
                (node.isMissingNode() ? "missing" : node + " is not a number or null"));
        }
        return node.asDouble();
    }

    /**
     * @param name  a scenario's name.
     * @param entry its new entry.
     * @return a baseline with that scenario's entry set (added or replaced), the others kept.
     */
    public Baseline with(final String name, final Entry entry)
    {
        final Map<String, Entry> updated = new TreeMap<>(scenarios);
        updated.put(name, entry);
        return new Baseline(updated);
    }

    /**
     * @return the file's text (the command writes it beside the file and renames it into place).
     */
    public String text()
    {
        return ReviewJson.text(g ->
        {
            g.writeStartObject();
            g.writeStringField("format", FORMAT);
            g.writeObjectFieldStart("scenarios");
            for (final Map.Entry<String, Entry> scenario : scenarios.entrySet())
            {
                final Entry e = scenario.getValue();
                g.writeObjectFieldStart(scenario.getKey());
                g.writeObjectFieldStart("inputs");
                for (final Map.Entry<String, String> input : e.inputs().entrySet())
                {
                    g.writeStringField(input.getKey(), input.getValue());
                }
                g.writeEndObject();
                g.writeNumberField("replications", e.replications());
                g.writeStringField("scenarioFile", e.scenarioFile());
                g.writeNumberField("seed", e.seed());
                g.writeObjectFieldStart("stacks");
                for (final Map.Entry<String, Map<String, Value>> stack : e.stacks().entrySet())
                {
                    g.writeObjectFieldStart(stack.getKey());
                    for (final Map.Entry<String, Value> metric : stack.getValue().entrySet())
                    {
                        g.writeObjectFieldStart(metric.getKey());
                        writeNumber(g, "ci95", metric.getValue().ci95());
                        writeNumber(g, "mean", metric.getValue().mean());
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                }
                g.writeEndObject();
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeEndObject();
        });
    }

    private static void writeNumber(final JsonGenerator g, final String name, final double value) throws IOException
    {
        ReviewJson.writeNumber(g, name, value, DIGITS);
    }

    /** A baseline file that cannot be used; the message names the file and the line or field. */
    public static final class BaselineException extends RuntimeException
    {
        private static final long serialVersionUID = 1L;

        BaselineException(final String message)
        {
            super(message);
        }
    }
}
