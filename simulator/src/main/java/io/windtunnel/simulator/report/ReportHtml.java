package io.windtunnel.simulator.report;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.runner.RunResult;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.runner.StackSummary;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceTimes;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes {@code report.html}: one self-contained page per result folder that opens from disk, offline, with the run's
 * metadata, the comparison table ({@link ComparisonTable}'s cells, the numbers of {@code comparison.md}) and uPlot
 * charts with one line per policy stack. uPlot's script and style (the {@code org.webjars.npm:uplot} jar) and the
 * page's own ({@code report.js}, {@code report.css} next to this class) are inlined; the data is embedded as JSON in
 * a {@code <script type="application/json">} element. A Content-Security-Policy meta tag forbids every fetch, so the
 * page cannot reach the network even by mistake.
 * <p>
 * <b>What the charts hold</b> (the embedded JSON's format is in {@code docs/report.md}):
 * <ul>
 * <li>latency percentile spectrum, as HdrHistogram plots it: the stack's histograms of measured latency summed over
 * replications, read at percentiles {@code 100 (1 - 10^(-i/20))} for {@code i = 0..100} (0 to 99.999%), drawn
 * against {@code 1 / (1 - percentile)} on a log axis;</li>
 * <li>time series from the runs' rows (the rows of {@code timeseries.csv}): per row, the mean over replications
 * (latency over the replications that have a value in the row; none gives a gap, not 0); cost is cumulative from
 * the run's start, in total and per provider and market (regions added up).</li>
 * <li>request outcomes: the mean counts of {@code summary.json} (after the warm-up).</li>
 * </ul>
 * <b>Downsampling (the page only; the files keep every row).</b> A run with more than {@link #MAX_POINTS} rows is
 * drawn from buckets of {@code k = ceil(rows / MAX_POINTS)} consecutive rows, the last bucket possibly shorter; a
 * point is at its bucket's first row's start and holds: counts (preemptions) summed over the bucket; cumulative cost
 * at the bucket's last row (exact); ready replicas the mean of the rows; latency p50 and p99 the highest of the rows
 * that have a value (so a spike is never averaged away; a gap when none has one). With at most {@code MAX_POINTS}
 * rows, {@code k = 1} and the points are the rows. Numbers are written with six significant digits like the CSV.
 * This bounds the page: 30 days of one-minute rows gave 132 KB, the quickstart 118 KB (docs/report.md).
 * <p>
 * <b>Escaping.</b> Stack names, the scenario's name and file come from the user: HTML text is escaped
 * ({@link #html(String)}), the JSON escapes {@code <}, {@code >} and {@code &} as {@code \\u003c} etc. so that no
 * {@code </script>} can end its element, and the page's script puts names into the DOM only as text.
 * <p>
 * <b>Threading:</b> stateless. <b>Allocation:</b> the page is built in memory (its size is bounded as above); the
 * points are computed straight from the runs' rows, so nothing per row is copied.
 */
public final class ReportHtml
{
    /** Most points per time series on the page; longer runs are downsampled (see the class comment). */
    public static final int MAX_POINTS = 1000;
    /** Spectrum points per decade of {@code 1 / (1 - percentile)}. */
    static final int SPECTRUM_STEPS_PER_DECADE = 20;
    /** Decades of the spectrum: up to the 99.999th percentile. */
    static final int SPECTRUM_DECADES = 5;

    /** The uPlot webjar's version, from its pom.properties, so a version bump in the pom needs no code change. */
    private static final String UPLOT_VERSION = uplotVersion();
    private static final String UPLOT = "META-INF/resources/webjars/uplot/" + UPLOT_VERSION + "/";
    private static final String[] OUTCOMES = {"requests.completed", "requests.timed_out", "requests.rejected",
        "requests.failed"};
    private static final String[] OUTCOME_LABELS = {"completed", "timed out", "rejected", "failed"};
    private static final int COL_PREEMPTIONS = column("preemptions");
    private static final int COL_READY = column("ready_replicas");
    private static final int COL_COST = column("cost_usd");
    private static final int COL_P50 = column("latency_p50_ms");
    private static final int COL_P99 = column("latency_p99_ms");

    private ReportHtml()
    {
    }

    /**
     * Write the page.
     *
     * @param result the runs.
     * @param file   where to write it.
     * @throws IOException if writing fails or the thread was interrupted.
     */
    public static void write(final ScenarioResult result, final Path file) throws IOException
    {
        Files.writeString(file, page(result), StandardCharsets.UTF_8);
    }

    /**
     * @param result the runs.
     * @return the page's HTML.
     * @throws IOException if the thread was interrupted while building it.
     */
    public static String page(final ScenarioResult result) throws IOException
    {
        final Scenario s = result.scenario();
        final CloudModel model = s.model();
        final String data = data(result);
        final StringBuilder out = new StringBuilder(data.length() + 80_000);
        open(out, s.name() + ": windtunnel report");
        out.append("<h1>").append(html(s.name())).append("</h1>\n");
        out.append("<p class=\"lead\">").append(result.stacks().size()).append(" policy stack(s), ")
            .append(s.replications()).append(" replication(s) each, on the same traces and random numbers.</p>\n");
        metadata(out, s, model);
        table(out, result.stacks(), result.scenario().baselineStack());
        out.append("<section id=\"charts\">\n<h2>Charts</h2>\n<p class=\"note\" id=\"chart-note\"></p>\n")
            .append("<div id=\"chart-grid\"></div>\n</section>\n");
        close(out, "report-data", data, "io/windtunnel/simulator/report/report.js");
        return out.toString();
    }

    /**
     * Start a self-contained page (shared by the run report and the sweep report): the doctype, a
     * Content-Security-Policy that forbids every fetch (the page works from disk, offline, and cannot leak a
     * request), the title, an error collector tests read ({@code window.reportErrors}), uPlot's style and
     * {@code report.css}, inlined; ends after {@code <body>}.
     *
     * @param out   the page so far (empty).
     * @param title the page's title, plain text (escaped here).
     */
    public static void open(final StringBuilder out, final String title)
    {
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; ")
            .append("script-src 'unsafe-inline'; style-src 'unsafe-inline'; img-src data:\">\n")
            .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .append("<meta name=\"generator\" content=\"windtunnel ").append(html(ResultWriter.VERSION)).append("\">\n")
            .append("<title>").append(html(title)).append("</title>\n")
            .append("<script>window.reportErrors = [];\n")
            .append("window.addEventListener('error', function (e) {\n")
            .append("  window.reportErrors.push(String(e.message)); });\n")
            .append("document.addEventListener('securitypolicyviolation', function (e) {\n")
            .append("  window.reportErrors.push('blocked ' + e.blockedURI); });</script>\n")
            .append("<style>\n").append(resource(UPLOT + "dist/uPlot.min.css")).append("\n</style>\n")
            .append("<style>\n").append(resource("io/windtunnel/simulator/report/report.css")).append("</style>\n")
            .append("</head>\n<body>\n");
    }

    /**
     * End a page {@link #open} started: the data as {@code <script type="application/json">} (it must come from
     * {@link #scriptSafeJson()}, so that it cannot end its element), uPlot with its licence, then the page's script.
     *
     * @param out    the page so far.
     * @param dataId the id of the data element the script reads.
     * @param data   the data, JSON written with {@link #scriptSafeJson()}.
     * @param script the class-path resource of the page's script.
     */
    public static void close(final StringBuilder out, final String dataId, final String data, final String script)
    {
        out.append("<script type=\"application/json\" id=\"").append(html(dataId)).append("\">").append(data)
            .append("</script>\n")
            // uPlot's MIT licence travels with the copy of uPlot the page carries.
            .append("<script>\n/* uPlot ").append(UPLOT_VERSION).append('\n')
            .append(resource(UPLOT + "LICENSE").replace("*/", "* /")).append("*/\n")
            .append(resource(UPLOT + "dist/uPlot.iife.min.js")).append("\n</script>\n")
            .append("<script>\n").append(resource(script)).append("</script>\n")
            .append("</body>\n</html>\n");
    }

    /**
     * @return a JSON factory whose strings escape {@code <}, {@code >} and {@code &}, for data embedded in a page.
     */
    public static JsonFactory scriptSafeJson()
    {
        final JsonFactory factory = new JsonFactory();
        factory.setCharacterEscapes(new ScriptSafeEscapes());
        return factory;
    }

    private static void metadata(final StringBuilder out, final Scenario s, final CloudModel model)
    {
        out.append("<section id=\"metadata\">\n<h2>Run</h2>\n<table class=\"meta\">\n");
        row(out, "scenario", s.name());
        row(out, "scenario file", s.file());
        row(out, "seed", Long.toString(s.seed()));
        row(out, "replications", Integer.toString(s.replications()));
        row(out, "start", TraceTimes.formatIso(s.startEpochNs()));
        row(out, "duration", TraceDurations.format(model.durationNs));
        row(out, "warm-up", TraceDurations.format(model.warmupNs));
        row(out, "sample interval", TraceDurations.format(model.sampleIntervalNs));
        row(out, "version", ResultWriter.VERSION);
        out.append("</table>\n<h3>Input files</h3>\n<table class=\"meta\" id=\"inputs\">\n");
        for (final Map.Entry<String, String> input : s.inputs().entrySet())
        {
            out.append("<tr><th>").append(html(input.getKey())).append("</th><td><code>sha256:")
                .append(html(input.getValue())).append("</code></td></tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    private static void row(final StringBuilder out, final String key, final String value)
    {
        out.append("<tr><th>").append(html(key)).append("</th><td>").append(html(value)).append("</td></tr>\n");
    }

    private static void table(final StringBuilder out, final List<StackSummary> stacks, final String baseline)
    {
        out.append("<section id=\"comparison\">\n<h2>Policy stacks compared</h2>\n")
            .append("<p class=\"note\">Cells: mean &plusmn; half-width of the 95% Student-t interval over ")
            .append("replications (the numbers of comparison.md).</p>\n<table id=\"comparison-table\">\n");
        final List<String[]> rows = ComparisonTable.cells(stacks, baseline);
        for (int r = 0; r < rows.size(); r++)
        {
            final String tag = r == 0 ? "th" : "td";
            out.append("<tr>");
            final String[] cells = rows.get(r);
            for (int i = 0; i < cells.length; i++)
            {
                final String t = i == 0 ? "th" : tag;
                out.append('<').append(t).append('>').append(html(cells[i])).append("</").append(t).append('>');
            }
            out.append("</tr>\n");
        }
        out.append("</table>\n</section>\n");
    }

    /** The embedded JSON (its format in docs/report.md). */
    static String data(final ScenarioResult result) throws IOException
    {
        final Scenario s = result.scenario();
        final CloudModel model = s.model();
        final List<StackSummary> stacks = result.stacks();
        final int replications = s.replications();
        final List<String> groups = Simulation.costGroups(model);
        final Map<String, List<Integer>> providerMarkets = providerMarkets(groups);
        final double[][] first = result.runs().get(0).series();
        final int rows = first.length;
        final int k = Math.max(1, (rows + MAX_POINTS - 1) / MAX_POINTS);
        final int points = (rows + k - 1) / k;
        final CsvNumbers numbers = new CsvNumbers();
        final StringBuilder scratch = new StringBuilder(32);

        final StringWriter text = new StringWriter(64 * 1024);
        try (JsonGenerator g = scriptSafeJson().createGenerator(text))
        {
            g.writeStartObject();
            g.writeStringField("scenario", s.name());
            g.writeArrayFieldStart("stacks");
            for (final StackSummary stack : stacks)
            {
                g.writeString(stack.stack());
            }
            g.writeEndArray();

            g.writeObjectFieldStart("spectrum");
            final int steps = SPECTRUM_STEPS_PER_DECADE * SPECTRUM_DECADES;
            g.writeArrayFieldStart("x");
            for (int i = 0; i <= steps; i++)
            {
                // 1 / (1 - percentile / 100): the log axis HdrHistogram's plots use.
                g.writeNumber(Math.pow(10.0, (double)i / SPECTRUM_STEPS_PER_DECADE));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("percentiles");
            for (int i = 0; i <= steps; i++)
            {
                number(g, numbers, scratch, spectrumPercentile(i));
            }
            g.writeEndArray();
            g.writeArrayFieldStart("ms");
            for (int st = 0; st < stacks.size(); st++)
            {
                final Histogram merged = mergedLatency(result.runs(), st * replications, replications);
                g.writeStartArray();
                for (int i = 0; i <= steps; i++)
                {
                    number(g, numbers, scratch, merged.getTotalCount() == 0 ? Double.NaN :
                        merged.getValueAtPercentile(spectrumPercentile(i)) / 1e6);
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeObjectFieldStart("time");
            g.writeNumberField("rowsPerPoint", k);
            g.writeNumberField("intervalSeconds", model.sampleIntervalNs / 1e9);
            g.writeArrayFieldStart("x");
            for (int p = 0; p < points; p++)
            {
                // Full precision: epoch seconds need more than the six digits of the values.
                g.writeNumber((s.startEpochNs() + (long)p * k * model.sampleIntervalNs) / 1e9);
            }
            g.writeEndArray();
            // The page's lines: latency, replicas, preemptions, total cost, then cost per provider and market.
            final List<Line> lines = new ArrayList<>(List.of(
                new Line(new int[] {COL_P50}, Bucket.MAX), new Line(new int[] {COL_P99}, Bucket.MAX),
                new Line(new int[] {COL_READY}, Bucket.MEAN), new Line(new int[] {COL_PREEMPTIONS}, Bucket.SUM),
                new Line(new int[] {COL_COST}, Bucket.CUMULATIVE)));
            for (final List<Integer> group : providerMarkets.values())
            {
                lines.add(new Line(group.stream().mapToInt(Integer::intValue).toArray(), Bucket.CUMULATIVE));
            }
            final double[][][] perStack = new double[stacks.size()][][];
            for (int st = 0; st < stacks.size(); st++)
            {
                perStack[st] = points(result.runs(), st * replications, replications, lines, k);
                ResultWriter.checkInterrupt();
            }
            final String[] names = {"latencyP50Ms", "latencyP99Ms", "readyReplicas", "preemptions", "costUsd"};
            for (int line = 0; line < names.length; line++)
            {
                line(g, numbers, scratch, names[line], perStack, line);
            }
            g.writeArrayFieldStart("costGroups");
            int line = names.length;
            for (final String group : providerMarkets.keySet())
            {
                g.writeStartObject();
                g.writeStringField("name", group);
                line(g, numbers, scratch, "costUsd", perStack, line++);
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();

            g.writeObjectFieldStart("outcomes");
            g.writeArrayFieldStart("labels");
            for (final String label : OUTCOME_LABELS)
            {
                g.writeString(label);
            }
            g.writeEndArray();
            g.writeArrayFieldStart("counts");
            for (final StackSummary stack : stacks)
            {
                g.writeStartArray();
                for (final String metric : OUTCOMES)
                {
                    final StackSummary.Statistic statistic = stack.metrics().get(metric);
                    number(g, numbers, scratch, statistic == null ? Double.NaN : statistic.mean());
                }
                g.writeEndArray();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeEndObject();
        }
        return text.toString();
    }

    /** The spectrum's i-th percentile: {@code 100 (1 - 10^(-i / SPECTRUM_STEPS_PER_DECADE))}. */
    static double spectrumPercentile(final int i)
    {
        return 100.0 * (1.0 - Math.pow(10.0, -(double)i / SPECTRUM_STEPS_PER_DECADE));
    }

    /** Provider/market (e.g. {@code aws/spot}) to the indexes of its {@code provider/region/market} cost columns. */
    private static Map<String, List<Integer>> providerMarkets(final List<String> groups)
    {
        final Map<String, List<Integer>> byProviderMarket = new LinkedHashMap<>();
        for (int i = 0; i < groups.size(); i++)
        {
            final String group = groups.get(i);
            final String key = group.substring(0, group.indexOf('/')) + group.substring(group.lastIndexOf('/'));
            byProviderMarket.computeIfAbsent(key, x -> new ArrayList<>()).add(Simulation.COLUMNS.length + i);
        }
        return byProviderMarket;
    }

    private static Histogram mergedLatency(final List<RunResult> runs, final int from, final int count)
    {
        final Histogram merged = runs.get(from).latency().copy();
        for (int r = from + 1; r < from + count; r++)
        {
            merged.add(runs.get(r).latency());
        }
        return merged;
    }

    /** How a bucket of rows becomes one point. */
    private enum Bucket
    {
        /** The sum of the rows. */
        SUM,
        /** The mean of the rows. */
        MEAN,
        /** The highest of the rows that have a value; NaN when none has. */
        MAX,
        /** The running sum from the run's start, at the bucket's last row. */
        CUMULATIVE
    }

    /**
     * One line of the page: per row, the sum of {@code columns} (e.g. a provider's regions), averaged over the
     * replications that have a value; then bucketed.
     */
    private record Line(int[] columns, Bucket bucket)
    {
    }

    /**
     * One stack's points of every line, straight from its runs' rows (nothing per row is kept, so a year of rows
     * costs no memory here).
     *
     * @return {@code [line][point]}.
     */
    private static double[][] points(final List<RunResult> runs, final int from, final int count,
        final List<Line> lines, final int k)
    {
        final int rows = runs.get(from).series().length;
        final double[][] out = new double[lines.size()][(rows + k - 1) / k];
        final double[] acc = new double[lines.size()];
        final double[] running = new double[lines.size()];
        for (int row = 0; row < rows; row++)
        {
            final boolean first = row % k == 0;
            for (int l = 0; l < lines.size(); l++)
            {
                final Line line = lines.get(l);
                double sum = 0;
                int present = 0;
                for (int r = from; r < from + count; r++)
                {
                    double v = 0;
                    for (final int c : line.columns())
                    {
                        v += runs.get(r).series()[row][c];
                    }
                    if (v == v)
                    {
                        sum += v;
                        present++;
                    }
                }
                final double mean = present == 0 ? Double.NaN : sum / present;
                switch (line.bucket())
                {
                    case SUM, MEAN -> acc[l] = (first ? 0 : acc[l]) + mean;
                    case MAX -> acc[l] = first || !(acc[l] >= mean) && mean == mean ? mean : acc[l];
                    case CUMULATIVE -> acc[l] = running[l] += mean;
                    default -> throw new IllegalStateException(line.bucket().name());
                }
                if ((row + 1) % k == 0 || row == rows - 1)
                {
                    out[l][row / k] = line.bucket() == Bucket.MEAN ? acc[l] / (row % k + 1) : acc[l];
                }
            }
        }
        return out;
    }

    /** One line's points for every stack, as an array of arrays. */
    private static void line(final JsonGenerator g, final CsvNumbers numbers, final StringBuilder scratch,
        final String name, final double[][][] perStack, final int line) throws IOException
    {
        g.writeArrayFieldStart(name);
        for (final double[][] stack : perStack)
        {
            g.writeStartArray();
            for (final double v : stack[line])
            {
                number(g, numbers, scratch, v);
            }
            g.writeEndArray();
        }
        g.writeEndArray();
    }

    /** A number as the CSV writes it (six significant digits), or null for NaN and infinities. */
    private static void number(final JsonGenerator g, final CsvNumbers numbers, final StringBuilder scratch,
        final double value) throws IOException
    {
        if (!Double.isFinite(value))
        {
            g.writeNull();
            return;
        }
        scratch.setLength(0);
        numbers.append(scratch, value);
        g.writeNumber(scratch.toString());
    }

    private static int column(final String name)
    {
        final int index = Arrays.asList(Simulation.COLUMNS).indexOf(name);
        if (index < 0)
        {
            throw new IllegalStateException("no time-series column " + name);
        }
        return index;
    }

    /**
     * @param text any text.
     * @return the text escaped for HTML element content and quoted attribute values.
     */
    public static String html(final String text)
    {
        final StringBuilder out = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            switch (c)
            {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String uplotVersion()
    {
        final Properties properties = new Properties();
        try (Reader in = new StringReader(resource("META-INF/maven/org.webjars.npm/uplot/pom.properties")))
        {
            properties.load(in);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    private static String resource(final String name)
    {
        try (InputStream in = ReportHtml.class.getClassLoader().getResourceAsStream(name))
        {
            if (in == null)
            {
                throw new IllegalStateException("resource " + name + " is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * JSON string escapes safe inside an HTML {@code <script>} element: {@code <}, {@code >} and {@code &} become
     * {@code \\u003c}, {@code \\u003e}, {@code \\u0026}, so no {@code </script>} or {@code <!--} can appear.
     */
    private static final class ScriptSafeEscapes extends CharacterEscapes
    {
        private static final long serialVersionUID = 1L;
        private final int[] escapes;

        ScriptSafeEscapes()
        {
            escapes = CharacterEscapes.standardAsciiEscapesForJSON();
            escapes['<'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['>'] = CharacterEscapes.ESCAPE_STANDARD;
            escapes['&'] = CharacterEscapes.ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii()
        {
            return escapes;
        }

        @Override
        public SerializableString getEscapeSequence(final int ch)
        {
            return null;
        }
    }
}
