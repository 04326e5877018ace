package io.windtunnel.cli.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.nio.charset.MalformedInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;

/**
 * Reads a JMH JSON result file ({@code -rf json}, or what {@code windtunnel bench} has JMH write) into
 * {@link Measurement}s keyed by {@code Class.method(param=value,...)}.
 * <p>
 * A benchmark with a {@code requests} counter ({@code @AuxCounters}, as {@code SimulatorBenchmark} and
 * {@code BareMmcBenchmark} have) is read as requests per second, and its {@code gc.alloc.rate.norm} (bytes per
 * invocation) is divided by the requests per invocation, so its bytes are per request.
 * <p>
 * <b>Threading:</b> stateless.
 */
public final class JmhResults
{
    /** The secondary metric holding bytes per operation under {@code -prof gc}. */
    static final String ALLOC_NORM = "gc.alloc.rate.norm";
    /** The {@code @AuxCounters} field read as the score when present. */
    static final String REQUESTS = "requests";

    private JmhResults()
    {
    }

    /**
     * @param file a JMH JSON result file.
     * @return its benchmarks, by key, sorted.
     * @throws IOException when it cannot be read.
     * @throws BenchInputException when it is not a JMH result file; the message names the file and the line or field.
     */
    public static Map<String, Measurement> read(final Path file) throws IOException
    {
        final JsonNode root = readJson(file);
        if (root == null || !root.isArray())
        {
            throw new BenchInputException(file + ": not a JMH JSON result file (expected a JSON array of benchmark " +
                "results, as 'java -jar benchmarks.jar -rf json' writes)");
        }
        final Map<String, Measurement> measurements = new TreeMap<>();
        for (int i = 0; i < root.size(); i++)
        {
            final Measurement m = measurement(file, "[" + i + "]", root.get(i));
            if (measurements.put(m.key(), m) != null)
            {
                throw new BenchInputException(file + ": field '[" + i + "]': " + m.key() + " appears twice");
            }
        }
        return measurements;
    }

    /**
     * @param file a JSON file.
     * @return its tree.
     * @throws IOException when it cannot be read.
     * @throws BenchInputException when it is not JSON (with the line) or not UTF-8.
     */
    static JsonNode readJson(final Path file) throws IOException
    {
        try
        {
            return new ObjectMapper().readTree(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (final JsonProcessingException e)
        {
            throw new BenchInputException(file + ":" + e.getLocation().getLineNr() + ": not valid JSON: " +
                e.getOriginalMessage());
        }
        catch (final MalformedInputException e)
        {
            throw new BenchInputException(file + ": not UTF-8 text");
        }
    }

    private static Measurement measurement(final Path file, final String path, final JsonNode node)
    {
        if (!node.isObject())
        {
            throw new BenchInputException(file + ": field '" + path + "': not an object");
        }
        final String benchmark = text(file, node, "benchmark", path);
        final String mode = text(file, node, "mode", path);
        final StringBuilder key = new StringBuilder(shortName(benchmark));
        final JsonNode params = node.path("params");
        if (!params.isMissingNode())
        {
            if (!params.isObject())
            {
                throw new BenchInputException(file + ": field '" + path + ".params': not an object");
            }
            final Map<String, String> sorted = new TreeMap<>();
            for (final Iterator<Map.Entry<String, JsonNode>> it = params.fields(); it.hasNext(); )
            {
                final Map.Entry<String, JsonNode> param = it.next();
                sorted.put(param.getKey(), param.getValue().asText());
            }
            key.append(Ratios.paramsSuffix(sorted));
        }
        final JsonNode primary = object(file, node, "primaryMetric", path);
        double score = number(file, primary, "score", path + ".primaryMetric", false);
        double error = number(file, primary, "scoreError", path + ".primaryMetric", true);
        String unit = text(file, primary, "scoreUnit", path + ".primaryMetric");
        double bytesPerOp = Double.NaN;
        final JsonNode secondary = node.path("secondaryMetrics");
        if (secondary.isObject())
        {
            final JsonNode alloc = secondary.path(ALLOC_NORM);
            if (!alloc.isMissingNode())
            {
                bytesPerOp = number(file, object(file, secondary, ALLOC_NORM, path + ".secondaryMetrics"), "score",
                    path + ".secondaryMetrics." + ALLOC_NORM, false);
            }
            final JsonNode requests = secondary.path(REQUESTS);
            if (!requests.isMissingNode())
            {
                final String requestsPath = path + ".secondaryMetrics." + REQUESTS;
                final double requestsPerSec = number(file, requests, "score", requestsPath, false);
                if (!(requestsPerSec > 0) || !"thrpt".equals(mode))
                {
                    throw new BenchInputException(file + ": field '" + requestsPath + ".score': " + requestsPerSec +
                        " requests/s in mode " + mode + "; expected a positive rate in mode thrpt");
                }
                // The primary score is invocations/s: requests per invocation = requests/s / invocations/s.
                bytesPerOp = bytesPerOp * score / requestsPerSec;
                error = number(file, requests, "scoreError", requestsPath, true);
                score = requestsPerSec;
                unit = "requests/s";
            }
        }
        if (!(score > 0) || Double.isInfinite(score))
        {
            throw new BenchInputException(file + ": field '" + path + ".primaryMetric.score': " + score +
                " is not a positive finite score");
        }
        return new Measurement(key.toString(), mode, score, error, unit, bytesPerOp);
    }

    /** {@code io.windtunnel.bench.engine.HoldBenchmark.engine} to {@code HoldBenchmark.engine}. */
    static String shortName(final String benchmark)
    {
        final int method = benchmark.lastIndexOf('.');
        final int type = method <= 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
        return benchmark.substring(type + 1);
    }

    private static JsonNode object(final Path file, final JsonNode parent, final String name, final String path)
    {
        final JsonNode node = parent.path(name);
        if (!node.isObject())
        {
            throw new BenchInputException(file + ": field '" + path + "." + name + "': " +
                (node.isMissingNode() ? "missing" : "not an object"));
        }
        return node;
    }

    private static String text(final Path file, final JsonNode parent, final String name, final String path)
    {
        final JsonNode node = parent.path(name);
        if (!node.isTextual() || node.asText().isEmpty())
        {
            throw new BenchInputException(file + ": field '" + path + "." + name + "': " +
                (node.isMissingNode() ? "missing" : node + " is not a non-empty string"));
        }
        return node.asText();
    }

    /** A number; JMH writes "NaN" (a string) for an error it could not compute, read as NaN where allowed. */
    private static double number(
        final Path file, final JsonNode parent, final String name, final String path, final boolean nanAllowed)
    {
        final JsonNode node = parent.path(name);
        if (node.isNumber())
        {
            return node.asDouble();
        }
        if (nanAllowed && node.isTextual() && "NaN".equals(node.asText()))
        {
            return Double.NaN;
        }
        throw new BenchInputException(file + ": field '" + path + "." + name + "': " +
            (node.isMissingNode() ? "missing" : node + " is not a number"));
    }
}
