package io.windtunnel.cli.bench;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import io.windtunnel.cli.check.ReviewJson;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The saved results of one {@code windtunnel bench} run: how it ran, on what machine, every benchmark's score and
 * bytes per operation, and the ratios ({@link Ratios}) the gate compares.
 * <p>
 * The file is JSON laid out for diffs: keys sorted at every level, two-space indent, one value per line, numbers at
 * 6 significant digits (a benchmark's score is not known better than that), NaN written as {@code null}.
 * <pre>
 * {
 *   "benchmarks" : {
 *     "HoldBenchmark.engine(pending=1000)" : {
 *       "bytesPerOp" : 0.000455755,
 *       "error" : 0.412,
 *       "mode" : "thrpt",
 *       "score" : 25.4703,
 *       "unit" : "ops/us"
 *     }, ...
 *   },
 *   "format" : "windtunnel-bench/1",
 *   "machine" : { "cores" : "2", "cpu" : "AMD EPYC ...", "java" : "17.0.15+6", "os" : "Linux 6.1.0 amd64" },
 *   "ratios" : { "hold: engine / PriorityQueue (pending=1000)" : 3.19, ... },
 *   "settings" : "quick: 1 fork, 1 x 1 s warm-up, 2 x 1 s measured, -prof gc"
 * }
 * </pre>
 * <b>Threading:</b> immutable.
 *
 * @param settings   how the suite ran, in words.
 * @param machine    what it ran on (cores, cpu, java, os), sorted.
 * @param benchmarks benchmarks by key, sorted.
 * @param ratios     ratio name to value, sorted.
 */
public record BenchResults(
    String settings, Map<String, String> machine, Map<String, Measurement> benchmarks, Map<String, Double> ratios)
{
    /** The format's name and version, checked on reading. */
    public static final String FORMAT = "windtunnel-bench/1";
    private static final MathContext DIGITS = new MathContext(6);

    /**
     * @param settings     how the suite ran.
     * @param machine      what it ran on.
     * @param measurements the benchmarks.
     * @return the results with their ratios computed.
     */
    public static BenchResults of(
        final String settings, final Map<String, String> machine, final Map<String, Measurement> measurements)
    {
        final Map<String, Double> ratios = new TreeMap<>();
        for (final Ratios.Ratio ratio : Ratios.compute(measurements).values())
        {
            ratios.put(ratio.name(), round(ratio.value()));
        }
        final Map<String, Measurement> rounded = new TreeMap<>();
        for (final Measurement m : measurements.values())
        {
            rounded.put(m.key(), new Measurement(m.key(), m.mode(), round(m.score()), round(m.error()), m.unit(),
                round(m.bytesPerOp())));
        }
        return new BenchResults(settings, new TreeMap<>(machine), rounded, ratios);
    }

    /**
     * @return this JVM's machine: cores, CPU model (from {@code /proc/cpuinfo} when readable), Java and OS.
     */
    public static Map<String, String> thisMachine()
    {
        final Map<String, String> machine = new TreeMap<>();
        machine.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
        String cpu = System.getProperty("os.arch");
        try
        {
            for (final String line : java.nio.file.Files.readAllLines(Path.of("/proc/cpuinfo")))
            {
                if (line.startsWith("model name"))
                {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        }
        catch (final IOException | RuntimeException e)
        {
            // Not Linux, or not readable: the architecture is all we say.
        }
        machine.put("cpu", cpu);
        machine.put("java", System.getProperty("java.vm.version"));
        machine.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch"));
        return machine;
    }

    /**
     * @param value a number.
     * @return it at the file's precision (what reading the file back gives), NaN and infinities unchanged.
     */
    static double round(final double value)
    {
        return Double.isFinite(value) ? new BigDecimal(value).round(DIGITS).doubleValue() : value;
    }

    /**
     * @return the file's text.
     */
    public String text()
    {
        return ReviewJson.text(g ->
        {
            g.writeStartObject();
            g.writeObjectFieldStart("benchmarks");
            for (final Measurement m : benchmarks.values())
            {
                g.writeObjectFieldStart(m.key());
                writeNumber(g, "bytesPerOp", m.bytesPerOp());
                writeNumber(g, "error", m.error());
                g.writeStringField("mode", m.mode());
                writeNumber(g, "score", m.score());
                g.writeStringField("unit", m.unit());
                g.writeEndObject();
            }
            g.writeEndObject();
            g.writeStringField("format", FORMAT);
            g.writeObjectFieldStart("machine");
            for (final Map.Entry<String, String> e : machine.entrySet())
            {
                g.writeStringField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
            g.writeObjectFieldStart("ratios");
            for (final Map.Entry<String, Double> ratio : ratios.entrySet())
            {
                writeNumber(g, ratio.getKey(), ratio.getValue());
            }
            g.writeEndObject();
            g.writeStringField("settings", settings);
            g.writeEndObject();
        });
    }

    private static void writeNumber(final JsonGenerator g, final String name, final double value) throws IOException
    {
        ReviewJson.writeNumber(g, name, value, DIGITS);
    }

    /**
     * @param file a file written by {@code windtunnel bench --out}.
     * @return its content.
     * @throws IOException when it cannot be read.
     * @throws BenchInputException when it is not a results file this version reads; the message names the file and
     *                             the line or the field.
     */
    public static BenchResults read(final Path file) throws IOException
    {
        final JsonNode root = JmhResults.readJson(file);
        if (root == null || !root.isObject())
        {
            throw new BenchInputException(file + ": not a Windtunnel bench results file (not a JSON object)");
        }
        final JsonNode format = root.path("format");
        if (!format.isTextual() || !format.asText().startsWith("windtunnel-bench/"))
        {
            throw new BenchInputException(file + ": field 'format': " + (format.isMissingNode() ? "missing" : format) +
                "; not a Windtunnel bench results file (written by 'windtunnel bench --out')");
        }
        if (!format.asText().equals(FORMAT))
        {
            throw new BenchInputException(file + ": field 'format': " + format + " is not a format this version " +
                "reads (" + FORMAT + "); save a new run with 'windtunnel bench --out'");
        }
        final JsonNode settings = root.path("settings");
        if (!settings.isTextual())
        {
            throw new BenchInputException(file + ": field 'settings': missing or not a string");
        }
        final Map<String, String> machine = new TreeMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = object(file, root, "machine").fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().isTextual())
            {
                throw new BenchInputException(file + ": field 'machine." + e.getKey() + "': not a string");
            }
            machine.put(e.getKey(), e.getValue().asText());
        }
        final Map<String, Measurement> benchmarks = new TreeMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = object(file, root, "benchmarks").fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> e = it.next();
            final String path = "benchmarks." + e.getKey();
            final JsonNode b = e.getValue();
            if (!b.isObject())
            {
                throw new BenchInputException(file + ": field '" + path + "': not an object");
            }
            final JsonNode mode = b.path("mode");
            final JsonNode unit = b.path("unit");
            if (!mode.isTextual() || !unit.isTextual())
            {
                throw new BenchInputException(file + ": field '" + path + (mode.isTextual() ? ".unit" : ".mode") +
                    "': missing or not a string");
            }
            benchmarks.put(e.getKey(), new Measurement(e.getKey(), mode.asText(),
                positive(file, b.path("score"), path + ".score"), nullable(file, b.path("error"), path + ".error"),
                unit.asText(), nullable(file, b.path("bytesPerOp"), path + ".bytesPerOp")));
        }
        final Map<String, Double> ratios = new TreeMap<>();
        for (final Iterator<Map.Entry<String, JsonNode>> it = object(file, root, "ratios").fields(); it.hasNext(); )
        {
            final Map.Entry<String, JsonNode> e = it.next();
            ratios.put(e.getKey(), positive(file, e.getValue(), "ratios." + e.getKey()));
        }
        return new BenchResults(settings.asText(), machine, benchmarks, ratios);
    }

    private static JsonNode object(final Path file, final JsonNode parent, final String name)
    {
        final JsonNode node = parent.path(name);
        if (!node.isObject())
        {
            throw new BenchInputException(file + ": field '" + name + "': " +
                (node.isMissingNode() ? "missing" : "not an object"));
        }
        return node;
    }

    private static double positive(final Path file, final JsonNode node, final String path)
    {
        if (!node.isNumber() || !(node.asDouble() > 0) || Double.isInfinite(node.asDouble()))
        {
            throw new BenchInputException(file + ": field '" + path + "': " +
                (node.isMissingNode() ? "missing" : node + " is not a positive number"));
        }
        return node.asDouble();
    }

    private static double nullable(final Path file, final JsonNode node, final String path)
    {
        if (node.isNull() || node.isMissingNode())
        {
            return Double.NaN;
        }
        if (!node.isNumber())
        {
            throw new BenchInputException(file + ": field '" + path + "': " + node + " is not a number or null");
        }
        return node.asDouble();
    }

    /**
     * @return the table of benchmarks and the table of ratios, as Markdown (what the command prints).
     */
    public String table()
    {
        final StringBuilder out = new StringBuilder();
        out.append("Benchmarks (").append(settings).append(")\n\n");
        out.append("| benchmark | score | unit | B/op |\n|---|---:|---|---:|\n");
        for (final Measurement m : benchmarks.values())
        {
            out.append("| ").append(m.key()).append(" | ").append(score(m)).append(" | ").append(m.unit())
                .append(" | ").append(bytes(m.bytesPerOp())).append(" |\n");
        }
        out.append("\nRatios (speed of the subject / speed of its baseline in this run; higher is better)\n\n");
        out.append("| ratio | value | subject B/op | baseline B/op |\n|---|---:|---:|---:|\n");
        final Map<String, Ratios.Ratio> computed = Ratios.compute(benchmarks);
        for (final Map.Entry<String, Double> ratio : ratios.entrySet())
        {
            final Ratios.Ratio r = computed.get(ratio.getKey());
            out.append("| ").append(ratio.getKey()).append(" | ").append(ratio(ratio.getValue())).append(" | ")
                .append(r == null ? "" : bytes(r.subject().bytesPerOp())).append(" | ")
                .append(r == null ? "" : bytes(r.baseline().bytesPerOp())).append(" |\n");
        }
        return out.toString();
    }

    /** Score with its error, 4 significant digits. */
    private static String score(final Measurement m)
    {
        final String score = String.format(Locale.ROOT, "%.4g", m.score());
        return Double.isNaN(m.error()) ? score : score + " ± " + String.format(Locale.ROOT, "%.2g", m.error());
    }

    static String ratio(final double value)
    {
        return value >= 100 ? String.format(Locale.ROOT, "%.0fx", value) : value >= 10 ?
            String.format(Locale.ROOT, "%.1fx", value) : String.format(Locale.ROOT, "%.3gx", value);
    }

    /** Bytes per op: below 1 is "< 1" (JMH's noise: the profiler's own allocation spread over the operations). */
    private static String bytes(final double value)
    {
        if (Double.isNaN(value))
        {
            return "-";
        }
        return value < 1 ? "< 1" : String.format(Locale.ROOT, "%.0f", value);
    }
}
