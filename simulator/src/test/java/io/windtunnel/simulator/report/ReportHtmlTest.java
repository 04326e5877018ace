package io.windtunnel.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.HdrHistogram.EncodableHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code report.html} holds what the result files hold: it is parsed (Jsoup for the HTML, Jackson for the embedded
 * JSON) and compared with {@code summary.json}, {@code timeseries.csv}, {@code latency.hlog} and
 * {@code comparison.md} read back from disk, never with the in-memory result the page was made from.
 */
class ReportHtmlTest
{
    /** A stack name that would end the data's script element and open a bold element if not escaped. */
    private static final String NASTY = "spot </script><b>\"it's\" & <!-- x";
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    /** The quickstart's world for two hours, the first stack renamed {@link #NASTY}. */
    private Path scenario(final String sampleInterval, final int replications) throws Exception
    {
        final String traces = Path.of("../traces/generated").toAbsolutePath().normalize().toString();
        final String yaml = Files.readString(Path.of("../scenarios/quickstart.yaml"))
            .replace("../traces/generated", traces)
            .replace("duration: 2d", "duration: 2h")
            .replace("warmup: 30m", "warmup: 10m")
            .replace("sampleInterval: 10m", "sampleInterval: " + sampleInterval)
            .replace("replications: 3", "replications: " + replications)
            .replace("name: spot-cheapest", "name: " + JSON.writeValueAsString(NASTY));
        return Files.writeString(dir.resolve("report-" + replications + ".yaml"), yaml);
    }

    private static Path run(final Path scenario, final Path out) throws Exception
    {
        return ResultWriter.write(new Runner().run(ScenarioReader.read(scenario), 2), out);
    }

    @Test
    void shouldEmbedTheFilesNumbersWhenStacksHaveReplications() throws Exception
    {
        final Path folder = run(scenario("10m", 2), dir.resolve("out"));
        final String page = Files.readString(folder.resolve("report.html"));
        final Document doc = Jsoup.parse(page);
        final JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
        final JsonNode data = JSON.readTree(doc.getElementById("report-data").data());
        final List<String> stacks = new ArrayList<>();
        summary.get("stacks").forEach(stack -> stacks.add(stack.get("name").asText()));
        assertThat(stacks).contains(NASTY);

        // Escaping: the name is text everywhere, no element came from it, and the JSON reads back to it.
        assertThat(page).doesNotContain("<b>").doesNotContain("<!-- x");
        assertThat(doc.select("b")).isEmpty();
        assertThat(doc.select("script")).hasSize(4);
        assertThat(names(data.get("stacks"))).isEqualTo(stacks);
        // Nothing is fetched: no element refers to another resource, and the policy forbids it anyway.
        assertThat(doc.select("[src], [href], link, img, iframe")).isEmpty();
        assertThat(doc.select("meta[http-equiv=Content-Security-Policy]").attr("content"))
            .startsWith("default-src 'none'");

        // The table is comparison.md's.
        final List<List<String>> table = new ArrayList<>();
        for (final Element row : doc.select("#comparison-table tr"))
        {
            table.add(row.children().eachText());
        }
        assertThat(table).isEqualTo(markdownCells(Files.readString(folder.resolve("comparison.md"))));
        assertThat(table.get(0)).contains(NASTY);

        // Metadata as summary.json has it.
        final Map<String, String> meta = new HashMap<>();
        for (final Element row : doc.select("#metadata table.meta tr"))
        {
            meta.put(row.child(0).text(), row.child(1).text());
        }
        assertThat(meta).containsEntry("scenario", summary.get("scenario").asText())
            .containsEntry("scenario file", summary.get("scenarioFile").asText())
            .containsEntry("seed", summary.get("seed").asText())
            .containsEntry("replications", "2")
            .containsEntry("start", summary.get("start").asText())
            .containsEntry("version", summary.get("version").asText())
            .containsEntry("duration", "2h")
            .containsEntry("sample interval", "10m");
        summary.get("inputs").properties().forEach(input ->
            assertThat(meta).containsEntry(input.getKey(), input.getValue().asText()));
        assertThat(doc.title()).isEqualTo("quickstart: windtunnel report");

        // Outcomes: the summary's means.
        for (int s = 0; s < stacks.size(); s++)
        {
            final JsonNode metrics = summary.get("stacks").get(s).get("metrics");
            final JsonNode counts = data.get("outcomes").get("counts").get(s);
            final String[] keys = {"requests.completed", "requests.timed_out", "requests.rejected", "requests.failed"};
            for (int i = 0; i < keys.length; i++)
            {
                assertClose(counts.get(i), metrics.get(keys[i]).get("mean").asDouble());
            }
        }

        // Time series: per row, the mean over replications of timeseries.csv's values (12 rows: no downsampling).
        final Csv csv = Csv.read(folder.resolve("timeseries.csv"));
        final JsonNode time = data.get("time");
        assertThat(time.get("rowsPerPoint").asInt()).isEqualTo(1);
        for (int s = 0; s < stacks.size(); s++)
        {
            final List<double[]> rows = csv.meanRows(stacks.get(s), 2);
            assertThat(rows).hasSize(12);
            assertThat(time.get("x")).hasSize(12);
            double cost = 0;
            final Map<String, Double> groupCost = new LinkedHashMap<>();
            for (int r = 0; r < rows.size(); r++)
            {
                final double[] row = rows.get(r);
                assertThat(time.get("x").get(r).asDouble())
                    .isEqualTo(Instant.parse(csv.times.get(r)).getEpochSecond());
                assertClose(time.get("latencyP50Ms").get(s).get(r), row[csv.column("latency_p50_ms")]);
                assertClose(time.get("latencyP99Ms").get(s).get(r), row[csv.column("latency_p99_ms")]);
                assertClose(time.get("readyReplicas").get(s).get(r), row[csv.column("ready_replicas")]);
                assertClose(time.get("preemptions").get(s).get(r), row[csv.column("preemptions")]);
                cost += row[csv.column("cost_usd")];
                assertClose(time.get("costUsd").get(s).get(r), cost);
                for (final String column : csv.header)
                {
                    if (column.startsWith("cost_usd:"))
                    {
                        final String[] parts = column.substring("cost_usd:".length()).split("/");
                        groupCost.merge(parts[0] + "/" + parts[2], row[csv.column(column)], Double::sum);
                    }
                }
                for (final JsonNode group : time.get("costGroups"))
                {
                    assertClose(group.get("costUsd").get(s).get(r), groupCost.get(group.get("name").asText()));
                }
            }
            // The warm-up's row has no latency: a gap (null), not 0.
            assertThat(time.get("latencyP99Ms").get(s).get(0).isNull()).isTrue();
        }
        assertThat(names(time.get("costGroups"), "name")).containsExactly("aws/on-demand", "aws/spot",
            "azure/on-demand", "azure/spot", "gcp/on-demand", "gcp/spot");

        // Spectrum: latency.hlog's intervals of each stack, all replications added up.
        final Map<String, Histogram> perTag = hlogTotals(folder.resolve("latency.hlog"));
        final JsonNode spectrum = data.get("spectrum");
        assertThat(spectrum.get("percentiles")).hasSize(101);
        assertThat(spectrum.get("percentiles").get(100).asDouble()).isCloseTo(99.999, within(1e-9));
        for (int s = 0; s < stacks.size(); s++)
        {
            final Histogram merged = new Histogram(3);
            for (int r = 0; r < 2; r++)
            {
                merged.add(perTag.get(stacks.get(s).replaceAll("[\\s,]", "_") + "/r" + r));
            }
            assertThat(merged.getTotalCount()).isPositive();
            for (int i = 0; i <= 100; i++)
            {
                // x is 1 / (1 - percentile): the n-th power of ten is the percentile with n nines.
                final double x = spectrum.get("x").get(i).asDouble();
                assertThat(x).isCloseTo(Math.pow(10, i / 20.0), within(x * 1e-12));
                assertClose(spectrum.get("percentiles").get(i), 100 * (1 - 1 / x));
                assertClose(spectrum.get("ms").get(s).get(i),
                    merged.getValueAtPercentile(ReportHtml.spectrumPercentile(i)) / 1e6);
            }
            assertClose(spectrum.get("ms").get(s).get(100), merged.getValueAtPercentile(99.999) / 1e6);
        }
    }

    @Test
    void shouldDownsampleByTheDocumentedRuleWhenRunHasMoreRowsThanPoints() throws Exception
    {
        // 2 h at 7 s: 1029 rows, the last one partial; more than MAX_POINTS, so 2 rows a point, the last point alone.
        final Path folder = run(scenario("7s", 1), dir.resolve("long"));
        final JsonNode data = JSON.readTree(Jsoup.parse(folder.resolve("report.html").toFile(), "UTF-8")
            .getElementById("report-data").data());
        final Csv csv = Csv.read(folder.resolve("timeseries.csv"));
        final JsonNode time = data.get("time");
        final int rowsPerPoint = time.get("rowsPerPoint").asInt();
        final List<String> stacks = names(data.get("stacks"));
        final int rowCount = csv.meanRows(stacks.get(0), 1).size();
        assertThat(rowCount).isEqualTo(1029).isGreaterThan(ReportHtml.MAX_POINTS);
        assertThat(rowsPerPoint).isEqualTo((rowCount + ReportHtml.MAX_POINTS - 1) / ReportHtml.MAX_POINTS);
        final int points = (rowCount + rowsPerPoint - 1) / rowsPerPoint;
        assertThat(time.get("x")).hasSize(points);
        for (int s = 0; s < stacks.size(); s++)
        {
            final List<double[]> rows = csv.meanRows(stacks.get(s), 1);
            double cost = 0;
            int withLatency = 0;
            for (int p = 0; p < points; p++)
            {
                final int from = p * rowsPerPoint;
                final int to = Math.min(rows.size(), from + rowsPerPoint);
                double maxP99 = Double.NaN;
                double ready = 0;
                double preemptions = 0;
                for (int r = from; r < to; r++)
                {
                    final double p99 = rows.get(r)[csv.column("latency_p99_ms")];
                    maxP99 = Double.isNaN(maxP99) || p99 > maxP99 ? p99 : maxP99;
                    ready += rows.get(r)[csv.column("ready_replicas")];
                    preemptions += rows.get(r)[csv.column("preemptions")];
                    cost += rows.get(r)[csv.column("cost_usd")];
                }
                withLatency += Double.isNaN(maxP99) ? 0 : 1;
                assertThat(time.get("x").get(p).asDouble())
                    .isEqualTo(Instant.parse(csv.times.get(from)).getEpochSecond());
                assertClose(time.get("latencyP99Ms").get(s).get(p), maxP99);
                assertClose(time.get("readyReplicas").get(s).get(p), ready / (to - from));
                assertClose(time.get("preemptions").get(s).get(p), preemptions);
                assertClose(time.get("costUsd").get(s).get(p), cost);
            }
            assertThat(withLatency).isGreaterThan(points / 2);
        }
    }

    @Test
    void shouldStopWithoutAPageWhenThreadIsInterrupted() throws Exception
    {
        final ScenarioResult result = new Runner().run(ScenarioReader.read(scenario("10m", 1)), 2);
        final Path file = dir.resolve("report.html");
        Thread.currentThread().interrupt();
        try
        {
            assertThatThrownBy(() -> ReportHtml.write(result, file)).isInstanceOf(InterruptedIOException.class);
        }
        finally
        {
            assertThat(Thread.interrupted()).as("the interrupt is left set for the caller").isTrue();
        }
        assertThat(file).doesNotExist();
        ReportHtml.write(result, file);
        assertThat(Files.readString(file)).contains("id=\"report-data\"");
    }

    @Test
    void shouldEscapeTextForHtml()
    {
        assertThat(ReportHtml.html("<a href=\"x\">'&'</a>"))
            .isEqualTo("&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;");
    }

    /** Within the six significant digits the page (like the CSV) writes; null where the files have no value. */
    private static void assertClose(final JsonNode actual, final double expected)
    {
        if (Double.isNaN(expected))
        {
            assertThat(actual.isNull()).as("null for NaN").isTrue();
            return;
        }
        assertThat(actual.isNumber()).as("a number for %s", expected).isTrue();
        assertThat(actual.asDouble()).isCloseTo(expected, within(Math.abs(expected) * 2e-5 + 1e-12));
    }

    private static List<String> names(final JsonNode array)
    {
        final List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.asText()));
        return names;
    }

    private static List<String> names(final JsonNode array, final String field)
    {
        final List<String> names = new ArrayList<>();
        array.forEach(n -> names.add(n.get(field).asText()));
        return names;
    }

    private static List<List<String>> markdownCells(final String markdown)
    {
        final List<List<String>> rows = new ArrayList<>();
        for (final String line : markdown.split("\n"))
        {
            if (line.startsWith("|") && !line.startsWith("|---"))
            {
                final List<String> cells = new ArrayList<>();
                for (final String cell : line.substring(1, line.length() - 1).split("\\|"))
                {
                    cells.add(cell.strip());
                }
                rows.add(cells);
            }
        }
        return rows;
    }

    /** Every tagged histogram of the log, added up per tag. */
    private static Map<String, Histogram> hlogTotals(final Path file) throws Exception
    {
        final Map<String, Histogram> totals = new HashMap<>();
        try (HistogramLogReader reader = new HistogramLogReader(file.toFile()))
        {
            EncodableHistogram next;
            while ((next = reader.nextIntervalHistogram()) != null)
            {
                final Histogram h = (Histogram)next;
                totals.computeIfAbsent(h.getTag(), t -> new Histogram(3)).add(h);
            }
        }
        return totals;
    }

    /** timeseries.csv read back (stack names without commas). */
    private static final class Csv
    {
        final List<String> header;
        final List<String[]> lines = new ArrayList<>();
        final List<String> times = new ArrayList<>();

        private Csv(final List<String> header)
        {
            this.header = header;
        }

        static Csv read(final Path file) throws Exception
        {
            final List<String> text = Files.readAllLines(file, StandardCharsets.UTF_8);
            final Csv csv = new Csv(List.of(text.get(0).split(",")));
            for (int i = 1; i < text.size(); i++)
            {
                final String[] fields = text.get(i).split(",", -1);
                csv.lines.add(fields);
                if (fields[1].equals("0") && fields[0].equals(csv.lines.get(0)[0]))
                {
                    csv.times.add(fields[2]);
                }
            }
            return csv;
        }

        int column(final String name)
        {
            final int index = header.indexOf(name);
            assertThat(index).as(name).isNotNegative();
            return index;
        }

        /** The stack's rows, each value the mean over replications of those present (NaN when none is). */
        List<double[]> meanRows(final String stack, final int replications)
        {
            final List<double[]> sums = new ArrayList<>();
            final List<int[]> counts = new ArrayList<>();
            for (final String[] line : lines)
            {
                if (!line[0].equals(stack))
                {
                    continue;
                }
                final int row = (int)(Long.parseLong(line[3]) / Long.parseLong(lines.get(0)[4])); // time_s / interval_s
                while (sums.size() <= row)
                {
                    sums.add(new double[header.size()]);
                    counts.add(new int[header.size()]);
                }
                for (int c = 5; c < line.length; c++)
                {
                    if (!line[c].isEmpty())
                    {
                        sums.get(row)[c] += Double.parseDouble(line[c]);
                        counts.get(row)[c]++;
                    }
                }
                assertThat(Integer.parseInt(line[1])).isLessThan(replications);
            }
            for (int r = 0; r < sums.size(); r++)
            {
                for (int c = 0; c < header.size(); c++)
                {
                    sums.get(r)[c] = counts.get(r)[c] == 0 ? Double.NaN : sums.get(r)[c] / counts.get(r)[c];
                }
            }
            return sums;
        }
    }
}
