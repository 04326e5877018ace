package io.windtunnel.simulator.sweep;

import com.fasterxml.jackson.core.JsonGenerator;
import io.windtunnel.simulator.report.ReportHtml;
import org.apache.commons.math3.distribution.TDistribution;

import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a sweep's {@code report.html}: a self-contained page (the run report's frame, {@link ReportHtml#open} and
 * {@link ReportHtml#close}: uPlot inlined, no fetch allowed) with the <b>sweep view</b>, a metric against an axis,
 * one line per stack, and the summary's tables (best stack per axis value, sensitivities, failed variants).
 * <p>
 * The page embeds the variants' metrics ({@link #data}, format in {@code docs/spark.md}) and its script
 * ({@code sweep.js} beside {@code report.js}) computes the lines in the browser, so the reader picks the metric
 * (any numeric column of {@code results.csv}, whatever metrics the summary has), the axis, and for every other axis
 * whether it is averaged over or fixed at one value. The console's sweep page draws the same chart with the same
 * script from the same data.
 * <p>
 * <b>Size:</b> the data holds one number per variant x stack x metric (about 15 bytes each), so a sweep of 1,000
 * variants of the quickstart (3 stacks, about 70 metrics) gives a page of about 3 MB.
 * <p>
 * <b>Threading:</b> stateless; setup-time.
 */
public final class SweepPage
{
    /** Degrees of freedom the embedded table of Student-t quantiles covers; more seeds use its last entry (1.962). */
    static final int MAX_T_TABLE = 1000;

    private SweepPage()
    {
    }

    /**
     * @param sweep   the sweep.
     * @param results its variants' results, in index order.
     * @param summary the summary {@link SweepReport} wrote to {@code summary.json}.
     * @return the page's HTML.
     * @throws IOException never in practice (the page is built in memory).
     */
    static String page(final Sweep sweep, final List<VariantResult> results, final Map<String, Object> summary)
        throws IOException
    {
        final String data = data(sweep, results);
        final StringBuilder out = new StringBuilder(data.length() + 80_000);
        ReportHtml.open(out, sweep.name() + ": windtunnel sweep");
        final long ran = results.stream().filter(VariantResult::ok).count();
        out.append("<h1>Sweep ").append(ReportHtml.html(sweep.name())).append("</h1>\n<p class=\"lead\">")
            .append(sweep.variants().size()).append(" variant(s), ").append(ran).append(" ran")
            .append(ran < results.size() ? ", " + (results.size() - ran) + " failed" : "")
            .append("; axes: ");
        for (int a = 0; a < sweep.axes().size(); a++)
        {
            final Sweep.Axis axis = sweep.axes().get(a);
            out.append(a == 0 ? "" : ", ").append("<code>").append(ReportHtml.html(axis.path())).append("</code> (")
                .append(axis.labels().size()).append(" values)");
        }
        out.append(sweep.mode() == Sweep.Mode.ZIP ? ", zipped" : "").append(".</p>\n");
        out.append("<section id=\"sweep\">\n<h2>A metric against an axis</h2>\n")
            .append("<div id=\"sweep-view\"></div>\n</section>\n");
        summaryTables(out, summary);
        ReportHtml.close(out, "sweep-data", data, "io/windtunnel/simulator/report/sweep.js");
        return out.toString();
    }

    /**
     * The data the sweep view draws from: {@code sweep}, {@code objective}, {@code mode}; {@code axes} (each its
     * {@code path}, {@code values} as written and {@code numbers}: the values as numbers when all are, else null);
     * {@code seeds}; {@code stacks}; {@code metrics} (the metric names, {@link SweepReport#metricNames});
     * {@code t95} (the two-sided 95% Student-t quantile for {@code i} degrees of freedom at index {@code i}, index 0
     * null); and {@code variants}: per variant that ran, {@code i} its index, {@code v} its value index per axis,
     * {@code s} its seed's index, {@code m} per stack the metrics in {@code metrics} order (each the mean over the
     * variant's replications, exact; null where a stack has no such metric).
     *
     * @param sweep   the sweep.
     * @param results its results, in index order.
     * @return the JSON, safe to embed in a {@code <script>} element.
     * @throws IOException never in practice.
     */
    public static String data(final Sweep sweep, final List<VariantResult> results) throws IOException
    {
        final List<String> metrics = SweepReport.metricNames(sweep, results);
        final List<String> stacks = SweepReport.stackNames(results);
        final List<Long> seeds = new ArrayList<>();
        for (final Variant variant : sweep.variants())
        {
            if (!seeds.contains(variant.seed()))
            {
                seeds.add(variant.seed());
            }
        }
        final StringWriter text = new StringWriter(64 * 1024);
        try (JsonGenerator g = ReportHtml.scriptSafeJson().createGenerator(text))
        {
            g.writeStartObject();
            g.writeStringField("sweep", sweep.name());
            g.writeStringField("objective", sweep.objective());
            g.writeStringField("mode", sweep.mode().name().toLowerCase(Locale.ROOT));
            g.writeNumberField("variantCount", sweep.variants().size());
            g.writeArrayFieldStart("axes");
            for (final Sweep.Axis axis : sweep.axes())
            {
                g.writeStartObject();
                g.writeStringField("path", axis.path());
                g.writeArrayFieldStart("values");
                for (final String label : axis.labels())
                {
                    g.writeString(label);
                }
                g.writeEndArray();
                final double[] numbers = numbers(axis.labels());
                g.writeFieldName("numbers");
                if (numbers == null)
                {
                    g.writeNull();
                }
                else
                {
                    g.writeArray(numbers, 0, numbers.length);
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeArrayFieldStart("seeds");
            for (final long seed : seeds)
            {
                g.writeNumber(seed);
            }
            g.writeEndArray();
            strings(g, "stacks", stacks);
            strings(g, "metrics", metrics);
            g.writeArrayFieldStart("t95");
            g.writeNull();
            for (int df = 1; df < Math.min(seeds.size(), MAX_T_TABLE); df++)
            {
                g.writeNumber(new TDistribution(null, df).inverseCumulativeProbability(0.975));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("variants");
            for (final VariantResult result : results)
            {
                if (!result.ok())
                {
                    continue;
                }
                g.writeStartObject();
                g.writeNumberField("i", result.variant().index());
                g.writeArrayFieldStart("v");
                for (final int value : result.variant().valueIndexes())
                {
                    g.writeNumber(value);
                }
                g.writeEndArray();
                g.writeNumberField("s", seeds.indexOf(result.variant().seed()));
                g.writeArrayFieldStart("m");
                for (final String stack : stacks)
                {
                    final VariantResult.StackResult found = result.stacks().stream()
                        .filter(s -> s.stack().equals(stack)).findFirst().orElse(null);
                    if (found == null)
                    {
                        g.writeNull();
                        continue;
                    }
                    g.writeStartArray();
                    for (final String metric : metrics)
                    {
                        final Double value = found.metrics().get(metric);
                        if (value == null || !Double.isFinite(value))
                        {
                            g.writeNull();
                        }
                        else
                        {
                            g.writeNumber(value);
                        }
                    }
                    g.writeEndArray();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        return text.toString();
    }

    /** The labels as numbers when every one is a finite number (so the axis is drawn to scale), else null. */
    static double[] numbers(final List<String> labels)
    {
        final double[] out = new double[labels.size()];
        for (int i = 0; i < out.length; i++)
        {
            try
            {
                out[i] = Double.parseDouble(labels.get(i).trim());
            }
            catch (final NumberFormatException e)
            {
                return null;
            }
            if (!Double.isFinite(out[i]) || labels.get(i).trim().matches(".*[dDfFxX].*"))
            {
                return null;  // "1d", "0x10", "Infinity": not plain numbers as written
            }
        }
        return out;
    }

    private static void strings(final JsonGenerator g, final String field, final List<String> values)
        throws IOException
    {
        g.writeArrayFieldStart(field);
        for (final String value : values)
        {
            g.writeString(value);
        }
        g.writeEndArray();
    }

    /** The summary's tables, as summary.md has them. */
    @SuppressWarnings("unchecked")
    private static void summaryTables(final StringBuilder out, final Map<String, Object> summary)
    {
        out.append("<section id=\"summary\">\n<h2>Summary</h2>\n<p class=\"note\">Best stack: the lowest mean <code>")
            .append(ReportHtml.html(String.valueOf(summary.get("objective"))))
            .append("</code> over the variants with that value. p99: of the merged latency histogram. Sensitivity: ")
            .append("(max - min) / mean of the per-value figure across the axis (the numbers of summary.md).</p>\n");
        for (final Map<String, Object> axis : (List<Map<String, Object>>)summary.get("axes"))
        {
            final List<Map<String, Object>> rows = (List<Map<String, Object>>)axis.get("values");
            final List<String> stacks = new ArrayList<>(((Map<String, Object>)rows.get(0).get("stacks")).keySet());
            out.append("<h3><code>").append(ReportHtml.html(String.valueOf(axis.get("axis"))))
                .append("</code></h3>\n<table class=\"sweep-summary\">\n<tr><th>value</th><th>best stack</th>");
            for (final String stack : stacks)
            {
                out.append("<th>").append(ReportHtml.html(stack)).append(" cost USD</th><th>")
                    .append(ReportHtml.html(stack)).append(" p99 ms</th>");
            }
            out.append("</tr>\n");
            for (final Map<String, Object> row : rows)
            {
                out.append("<tr><td>").append(ReportHtml.html(String.valueOf(row.get("value"))))
                    .append("</td><td class=\"name\">")
                    .append(row.get("best") == null ? "-" : ReportHtml.html((String)row.get("best"))).append("</td>");
                final Map<String, Object> cells = (Map<String, Object>)row.get("stacks");
                for (final String stack : stacks)
                {
                    final Map<String, Object> cell = (Map<String, Object>)cells.get(stack);
                    out.append("<td>").append(SweepReport.fixed((Double)cell.get(SweepReport.COST)))
                        .append("</td><td>").append(SweepReport.fixed((Double)cell.get(SweepReport.P99)))
                        .append("</td>");
                }
                out.append("</tr>\n");
            }
            out.append("</table>\n<table class=\"sweep-summary\">\n<tr><th>sensitivity</th><th>cost</th><th>p99</th>" +
                "</tr>\n");
            ((Map<String, Object>)axis.get("sensitivity")).forEach((stack, s) -> out.append("<tr><td>")
                .append(ReportHtml.html(stack)).append("</td><td>")
                .append(SweepReport.fixed((Double)((Map<String, Object>)s).get(SweepReport.COST)))
                .append("</td><td>")
                .append(SweepReport.fixed((Double)((Map<String, Object>)s).get(SweepReport.P99)))
                .append("</td></tr>\n"));
            out.append("</table>\n");
        }
        final List<Map<String, Object>> failed = (List<Map<String, Object>>)summary.get("failed");
        if (!failed.isEmpty())
        {
            out.append("<h3>Failed variants</h3>\n<ul id=\"failed\">\n");
            for (final Map<String, Object> f : failed)
            {
                out.append("<li>variant ").append(f.get("variant")).append(' ')
                    .append(ReportHtml.html(String.valueOf(f.get("values")))).append(" seed ").append(f.get("seed"))
                    .append(": ").append(ReportHtml.html(String.valueOf(f.get("error")))).append("</li>\n");
            }
            out.append("</ul>\n");
        }
        out.append("</section>\n");
    }
}
