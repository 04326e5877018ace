package io.windtunnel.simulator.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Merges a sweep's variant results, in variant order, into its result files:
 * <ul>
 *   <li>{@code results.csv}: one row per variant x stack: the variant, its axis values and seed, the stack, status
 *       and error, and every summary metric (each the mean over the variant's replications; a metric a variant does
 *       not have is empty); a failed variant has one row with its error.</li>
 *   <li>{@code histograms.jsonl}: per stack, the latency histogram of all variants together (axis {@code *}) and per
 *       axis value the variants with that value, added exactly from the variants' histograms; each line has the
 *       count, p50/p99/p99.9 in ms and the histogram, compressed and base64-encoded (HdrHistogram's encoding:
 *       {@code Histogram.decodeFromCompressedByteBuffer}).</li>
 *   <li>{@code report.html}: the sweep view and the summary's tables ({@link SweepPage}).</li>
 *   <li>{@code summary.md} and {@code summary.json}: per axis value the best stack (lowest mean of the objective,
 *       {@code cost.total_usd} unless the sweep says otherwise) with each stack's mean cost and merged p99; and per
 *       axis and stack the <b>sensitivity</b> of cost and p99: (largest - smallest) / mean over the axis's values of
 *       the per-value figure (mean cost; merged p99). 0 means the axis does not move the metric; 0.5 means it swings
 *       by half its mean across the axis.</li>
 * </ul>
 * Everything is a function of the results in variant order, so serial, parallel and Spark runs write the same bytes.
 * <p>
 * <b>Threading:</b> stateless; setup-time.
 */
public final class SweepReport
{
    /** The metric that picks the best stack unless the sweep names another. */
    public static final String DEFAULT_OBJECTIVE = "cost.total_usd";
    /** The cost metric the summary reports beside the objective. */
    static final String COST = "cost.total_usd";
    /** The summary's key for the p99 of a merged histogram. */
    static final String P99 = "latency.p99_ms";
    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
    private static final ObjectMapper LINES = JsonMapper.builder().build();

    private SweepReport()
    {
    }

    /**
     * Write the result files into {@code out}, each atomically.
     *
     * @param out     the sweep's folder.
     * @param sweep   the sweep.
     * @param results its variants' results, in index order.
     * @throws IOException if a file cannot be written.
     */
    public static void write(final Path out, final Sweep sweep, final List<VariantResult> results) throws IOException
    {
        SweepStore.writeAtomically(out.resolve("results.csv"), csv(sweep, results).getBytes(StandardCharsets.UTF_8));
        final List<Merged> merged = merge(sweep, results);
        final StringBuilder lines = new StringBuilder();
        for (final Merged m : merged)
        {
            final Map<String, Object> line = new LinkedHashMap<>();
            line.put("stack", m.stack);
            line.put("axis", m.axis);
            line.put("value", m.value);
            line.put("variants", m.variants);
            line.put("count", m.latency.getTotalCount());
            line.put("p50_ms", percentileMs(m.latency, 50));
            line.put("p99_ms", percentileMs(m.latency, 99));
            line.put("p999_ms", percentileMs(m.latency, 99.9));
            line.put("histogram", Base64.getEncoder().encodeToString(VariantResult.StackResult.encode(m.latency)));
            lines.append(LINES.writeValueAsString(line)).append('\n');
        }
        SweepStore.writeAtomically(out.resolve("histograms.jsonl"), lines.toString().getBytes(StandardCharsets.UTF_8));
        final Map<String, Object> summary = summary(sweep, results, merged);
        SweepStore.writeAtomically(out.resolve("summary.json"), JSON.writeValueAsBytes(summary));
        SweepStore.writeAtomically(out.resolve("summary.md"), markdown(sweep, summary).getBytes(StandardCharsets.UTF_8));
        SweepStore.writeAtomically(out.resolve("report.html"),
            SweepPage.page(sweep, results, summary).getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @param sweep   the sweep.
     * @param results its results in index order.
     * @return the metric names of all stacks of all variants that ran, in first-seen order.
     */
    public static List<String> metricNames(final Sweep sweep, final List<VariantResult> results)
    {
        final Set<String> names = new LinkedHashSet<>();
        for (final VariantResult result : results)
        {
            for (final VariantResult.StackResult stack : result.stacks())
            {
                names.addAll(stack.metrics().keySet());
            }
        }
        return List.copyOf(names);
    }

    static String csv(final Sweep sweep, final List<VariantResult> results)
    {
        final List<String> metrics = metricNames(sweep, results);
        final StringBuilder sb = new StringBuilder("variant");
        for (final Sweep.Axis axis : sweep.axes())
        {
            sb.append(',').append(quote(axis.path()));
        }
        sb.append(",seed,stack,status,error,replications");
        for (final String metric : metrics)
        {
            sb.append(',').append(quote(metric));
        }
        sb.append('\n');
        for (final VariantResult result : results)
        {
            final List<VariantResult.StackResult> stacks = result.ok() ? result.stacks() :
                java.util.Collections.singletonList(null);
            for (final VariantResult.StackResult stack : stacks)
            {
                sb.append(result.variant().index());
                for (final String label : result.variant().labels())
                {
                    sb.append(',').append(quote(label));
                }
                sb.append(',').append(result.variant().seed()).append(',')
                    .append(stack == null ? "" : quote(stack.stack())).append(',')
                    .append(result.ok() ? "ok" : "failed").append(',')
                    .append(result.ok() ? "" : quote(result.error())).append(',')
                    .append(stack == null ? "" : Integer.toString(stack.replications()));
                for (final String metric : metrics)
                {
                    final Double value = stack == null ? null : stack.metrics().get(metric);
                    sb.append(',').append(value == null || value.isNaN() ? "" : number(value));
                }
                sb.append('\n');
            }
        }
        return sb.toString();
    }

    /** Shortest text that reads back as the same double, so the CSV holds the exact numbers. */
    private static String number(final double value)
    {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long)value) :
            Double.toString(value);
    }

    private static String quote(final String text)
    {
        if (text.indexOf(',') < 0 && text.indexOf('"') < 0 && text.indexOf('\n') < 0 && text.indexOf('\r') < 0)
        {
            return text;
        }
        return '"' + text.replace("\"", "\"\"") + '"';
    }

    /** A histogram added up over a set of variants, for one stack. */
    private record Merged(String stack, String axis, String value, int variants, Histogram latency)
    {
    }

    private static List<Merged> merge(final Sweep sweep, final List<VariantResult> results)
    {
        final List<String> stacks = stackNames(results);
        final List<Merged> out = new ArrayList<>();
        for (final String stack : stacks)
        {
            out.add(mergeWhere(stack, "*", "*", results, -1, -1));
            for (int a = 0; a < sweep.axes().size(); a++)
            {
                final Sweep.Axis axis = sweep.axes().get(a);
                for (int v = 0; v < axis.labels().size(); v++)
                {
                    out.add(mergeWhere(stack, axis.path(), axis.labels().get(v), results, a, v));
                }
            }
        }
        return out;
    }

    private static Merged mergeWhere(final String stack, final String axisPath, final String label,
        final List<VariantResult> results, final int axis, final int value)
    {
        Histogram sum = null;
        int variants = 0;
        for (final VariantResult result : results)
        {
            if (axis >= 0 && result.variant().valueIndexes().get(axis) != value)
            {
                continue;
            }
            for (final VariantResult.StackResult s : result.stacks())
            {
                if (s.stack().equals(stack))
                {
                    final Histogram h = s.latency();
                    if (sum == null)
                    {
                        sum = h;
                    }
                    else
                    {
                        sum.add(h);
                    }
                    variants++;
                }
            }
        }
        return new Merged(stack, axisPath, label, variants, sum == null ? new Histogram(3) : sum);
    }

    /**
     * @param results results in index order.
     * @return the stack names of all variants that ran, in first-seen order.
     */
    static List<String> stackNames(final List<VariantResult> results)
    {
        final Set<String> names = new LinkedHashSet<>();
        for (final VariantResult result : results)
        {
            for (final VariantResult.StackResult s : result.stacks())
            {
                names.add(s.stack());
            }
        }
        return List.copyOf(names);
    }

    private static Double percentileMs(final Histogram h, final double percentile)
    {
        return h.getTotalCount() == 0 ? null : h.getValueAtPercentile(percentile) / 1e6;
    }

    private static Map<String, Object> summary(final Sweep sweep, final List<VariantResult> results,
        final List<Merged> merged)
    {
        final List<String> stacks = stackNames(results);
        final Map<String, Object> out = new LinkedHashMap<>();
        out.put("sweep", sweep.name());
        out.put("variants", sweep.variants().size());
        out.put("ran", results.stream().filter(VariantResult::ok).count());
        out.put("objective", sweep.objective());
        final List<Map<String, Object>> failed = new ArrayList<>();
        for (final VariantResult result : results)
        {
            if (!result.ok())
            {
                final Map<String, Object> f = new LinkedHashMap<>();
                f.put("variant", result.variant().index());
                f.put("values", values(sweep, result.variant()));
                f.put("seed", result.variant().seed());
                f.put("error", result.error());
                failed.add(f);
            }
        }
        out.put("failed", failed);
        final List<Map<String, Object>> axes = new ArrayList<>();
        for (int a = 0; a < sweep.axes().size(); a++)
        {
            final Sweep.Axis axis = sweep.axes().get(a);
            final Map<String, Object> axisOut = new LinkedHashMap<>();
            axisOut.put("axis", axis.path());
            final List<Map<String, Object>> rows = new ArrayList<>();
            final Map<String, List<Double>> costs = new LinkedHashMap<>();
            final Map<String, List<Double>> p99s = new LinkedHashMap<>();
            for (int v = 0; v < axis.labels().size(); v++)
            {
                final Map<String, Object> row = new LinkedHashMap<>();
                row.put("value", axis.labels().get(v));
                final Map<String, Object> perStack = new LinkedHashMap<>();
                String best = null;
                double bestObjective = Double.NaN;
                for (final String stack : stacks)
                {
                    final double objective = meanOf(results, a, v, stack, sweep.objective());
                    final double cost = meanOf(results, a, v, stack, COST);
                    final Double p99 = p99Of(merged, stack, axis.path(), axis.labels().get(v));
                    final Map<String, Object> cell = new LinkedHashMap<>();
                    cell.put(sweep.objective(), finite(objective));
                    cell.put(COST, finite(cost));
                    cell.put(P99, p99);
                    perStack.put(stack, cell);
                    costs.computeIfAbsent(stack, k -> new ArrayList<>()).add(cost);
                    p99s.computeIfAbsent(stack, k -> new ArrayList<>()).add(p99 == null ? Double.NaN : p99);
                    if (!Double.isNaN(objective) && (best == null || objective < bestObjective))
                    {
                        best = stack;
                        bestObjective = objective;
                    }
                }
                row.put("best", best);
                row.put("stacks", perStack);
                rows.add(row);
            }
            axisOut.put("values", rows);
            final Map<String, Object> sensitivity = new LinkedHashMap<>();
            for (final String stack : stacks)
            {
                final Map<String, Object> s = new LinkedHashMap<>();
                s.put(COST, finite(sensitivity(costs.get(stack))));
                s.put(P99, finite(sensitivity(p99s.get(stack))));
                sensitivity.put(stack, s);
            }
            axisOut.put("sensitivity", sensitivity);
            axes.add(axisOut);
        }
        out.put("axes", axes);
        return out;
    }

    private static Map<String, String> values(final Sweep sweep, final Variant variant)
    {
        final Map<String, String> values = new LinkedHashMap<>();
        for (int a = 0; a < sweep.axes().size(); a++)
        {
            values.put(sweep.axes().get(a).path(), variant.labels().get(a));
        }
        return values;
    }

    private static Double finite(final double value)
    {
        return Double.isFinite(value) ? value : null;
    }

    /** Mean of a metric over the variants that ran with the axis's value, for one stack; NaN if none has it. */
    private static double meanOf(final List<VariantResult> results, final int axis, final int value,
        final String stack, final String metric)
    {
        double sum = 0;
        int n = 0;
        for (final VariantResult result : results)
        {
            if (result.variant().valueIndexes().get(axis) != value)
            {
                continue;
            }
            for (final VariantResult.StackResult s : result.stacks())
            {
                final Double x = s.metrics().get(metric);
                if (s.stack().equals(stack) && x != null && !x.isNaN())
                {
                    sum += x;
                    n++;
                }
            }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    private static Double p99Of(final List<Merged> merged, final String stack, final String axis, final String value)
    {
        for (final Merged m : merged)
        {
            if (m.stack.equals(stack) && m.axis.equals(axis) && m.value.equals(value))
            {
                return percentileMs(m.latency, 99);
            }
        }
        return null;
    }

    /**
     * @param perValue a stack's figure at each value of an axis (NaN where none ran).
     * @return (largest - smallest) / mean over the values that have one; NaN with fewer than two or a zero mean.
     */
    static double sensitivity(final List<Double> perValue)
    {
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        double sum = 0;
        int n = 0;
        for (final double x : perValue)
        {
            if (!Double.isNaN(x))
            {
                min = Math.min(min, x);
                max = Math.max(max, x);
                sum += x;
                n++;
            }
        }
        return n < 2 || sum == 0 ? Double.NaN : (max - min) / (sum / n);
    }

    @SuppressWarnings("unchecked")
    static String markdown(final Sweep sweep, final Map<String, Object> summary)
    {
        final StringBuilder sb = new StringBuilder();
        sb.append("# Sweep ").append(sweep.name()).append("\n\n");
        sb.append(summary.get("ran")).append(" of ").append(summary.get("variants")).append(" variants ran");
        final List<Map<String, Object>> failed = (List<Map<String, Object>>)summary.get("failed");
        sb.append(failed.isEmpty() ? ".\n" : "; " + failed.size() + " failed (below).\n");
        sb.append("Best stack: the lowest mean `").append(sweep.objective()).append("` over the variants with that " +
            "value. p99: of the merged latency histogram. Sensitivity: (max - min) / mean of the per-value figure " +
            "across the axis.\n");
        for (final Map<String, Object> axis : (List<Map<String, Object>>)summary.get("axes"))
        {
            sb.append("\n## ").append(axis.get("axis")).append("\n\n| value | best stack |");
            final List<Map<String, Object>> rows = (List<Map<String, Object>>)axis.get("values");
            final Set<String> stacks = ((Map<String, Object>)rows.get(0).get("stacks")).keySet();
            for (final String stack : stacks)
            {
                sb.append(' ').append(stack).append(" cost USD | ").append(stack).append(" p99 ms |");
            }
            sb.append("\n|---|---|").append("---|---|".repeat(stacks.size())).append('\n');
            for (final Map<String, Object> row : rows)
            {
                sb.append("| ").append(row.get("value")).append(" | ").append(row.get("best") == null ? "-" :
                    row.get("best")).append(" |");
                for (final String stack : stacks)
                {
                    final Map<String, Object> cell = (Map<String, Object>)((Map<String, Object>)row.get("stacks"))
                        .get(stack);
                    sb.append(' ').append(fixed((Double)cell.get(COST))).append(" | ")
                        .append(fixed((Double)cell.get(P99))).append(" |");
                }
                sb.append('\n');
            }
            sb.append("\nSensitivity | cost | p99\n---|---|---\n");
            ((Map<String, Object>)axis.get("sensitivity")).forEach((stack, s) -> sb.append(stack).append(" | ")
                .append(fixed((Double)((Map<String, Object>)s).get(COST))).append(" | ")
                .append(fixed((Double)((Map<String, Object>)s).get(P99))).append('\n'));
        }
        if (!failed.isEmpty())
        {
            sb.append("\n## Failed variants\n\n");
            for (final Map<String, Object> f : failed)
            {
                sb.append("- variant ").append(f.get("variant")).append(' ').append(f.get("values"))
                    .append(" seed ").append(f.get("seed")).append(": ").append(f.get("error")).append('\n');
            }
        }
        return sb.toString();
    }

    /** A figure with three decimals, as the summary tables show it; "-" for none. */
    static String fixed(final Double value)
    {
        return value == null ? "-" : String.format(Locale.ROOT, "%.3f", value);
    }
}
