package io.windtunnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.jsoup.Jsoup;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The quickstart's {@code report.html}, as the CLI writes it, opened from {@code file://} in real headless Chromium
 * (Debian's {@code chromium} and {@code chromium-driver}; skipped with a message when they are not installed): every
 * chart is drawn with one series per stack holding the embedded data, the page logs no error and fetches nothing.
 * A screenshot goes to {@code target/screenshots/report-quickstart.png}. The first stack is renamed to a name that
 * would inject markup if it were not escaped.
 * <p>
 * The quickstart runs once for the class, with one replication instead of three: the page shows the mean over
 * replications, so its size and its charts' shapes do not depend on their number, and the run takes a third of the
 * time.
 */
class ReportBrowserTest
{
    private static final String NASTY = "spot </script><b>cheapest";
    private static final Path CHROMIUM = Chromium.BINARY;
    private static final Path CHROMEDRIVER = Chromium.DRIVER;
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dir;
    static Path folder;
    static CliRun run;

    @BeforeAll
    static void runQuickstart() throws Exception
    {
        final String traces = Path.of("../traces/generated").toAbsolutePath().normalize().toString();
        final String yaml = Files.readString(Path.of("../scenarios/quickstart.yaml"))
            .replace("../traces/generated", traces)
            .replace("name: spot-cheapest", "name: " + JSON.writeValueAsString(NASTY));
        final Path scenario = Files.writeString(dir.resolve("quickstart.yaml"), yaml);
        folder = dir.resolve("result");
        run = CliRun.of("run", scenario.toString(), "--out", folder.toString(), "--replications", "1",
            "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
    }

    @Test
    void shouldWriteASmallReportAndNameItWhenRunFinishes() throws Exception
    {
        assertThat(run.out()).contains("comparison.md, report.html, decisions.jsonl)");
        final long bytes = Files.size(folder.resolve("report.html"));
        // uPlot is about 50 KB; two days of ten-minute rows for three stacks about 60 KB more.
        assertThat(bytes).as("report.html of the quickstart, bytes").isLessThan(1_000_000);
        System.out.printf("quickstart report.html: %,d bytes%n", bytes);
    }

    @Test
    void shouldDrawEveryChartFromDiskWithoutNetworkWhenOpenedInChromium() throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "no browser: ReportBrowserTest needs " + CHROMIUM + " and " + CHROMEDRIVER +
                " (apt-get install -y chromium chromium-driver); skipped");
        final Path report = folder.resolve("report.html");
        final JsonNode data =
            JSON.readTree(Jsoup.parse(report.toFile(), "UTF-8").getElementById("report-data").data());
        final List<String> stacks = new ArrayList<>();
        data.get("stacks").forEach(s -> stacks.add(s.asText()));

        final ChromeDriver driver = chromium(dir.resolve("profile"));
        try
        {
            driver.get(report.toUri().toString());
            final JavascriptExecutor js = driver;

            assertThat(js.executeScript("return window.reportErrors")).as("errors on the page").isEqualTo(List.of());
            assertThat(js.executeScript("return performance.getEntriesByType('resource').map(e => e.name)"))
                .as("resources fetched").isEqualTo(List.of());
            assertThat(driver.findElements(org.openqa.selenium.By.tagName("b"))).as("markup from a stack name")
                .isEmpty();
            assertThat(driver.findElement(org.openqa.selenium.By.cssSelector("#comparison-table th:nth-child(2)"))
                .getText()).isEqualTo(NASTY);

            @SuppressWarnings("unchecked")
            final List<Map<String, Object>> charts = (List<Map<String, Object>>)js.executeScript(
                "return window.charts.map(c => ({id: c.id, title: c.title," +
                    " labels: c.plot.series.slice(1).map(s => s.label)," +
                    " data: c.plot.data.slice(1)," +
                    " canvases: c.plot.root.querySelectorAll('canvas').length," +
                    " width: c.plot.root.querySelector('canvas').width}))");
            final List<String> ids = new ArrayList<>();
            for (final Map<String, Object> chart : charts)
            {
                ids.add((String)chart.get("id"));
                assertThat(chart.get("labels")).as("series of %s", chart.get("id")).isEqualTo(stacks);
                assertThat((Long)chart.get("canvases")).as("canvas of %s", chart.get("id")).isEqualTo(1);
                assertThat((Long)chart.get("width")).isGreaterThan(300);
            }
            assertThat(ids).contains("chart-spectrum", "chart-latency-p50", "chart-latency-p99", "chart-cost",
                "chart-ready", "chart-preemptions", "chart-outcomes");
            // The quickstart's stacks buy AWS on-demand, and spot somewhere: those markets have charts.
            assertThat(charts).anySatisfy(c -> assertThat(c.get("title")).asString().endsWith("aws/on-demand"));
            assertThat(charts).anySatisfy(c -> assertThat(c.get("title")).asString().endsWith("/spot"));

            // Every provider and market has a chart, or is named in the note as unpaid for.
            final List<String> markets = new ArrayList<>();
            for (final JsonNode group : data.get("time").get("costGroups"))
            {
                final String name = group.get("name").asText();
                markets.add(name);
                final boolean charted = charts.stream()
                    .anyMatch(c -> c.get("title").equals("Cost over time (cumulative): " + name));
                final String unpaid = driver.findElements(org.openqa.selenium.By.id("unused-markets")).isEmpty() ? "" :
                    driver.findElement(org.openqa.selenium.By.id("unused-markets")).getText();
                assertThat(charted != unpaid.contains(name)).as("%s charted or noted (%s)", name, unpaid).isTrue();
            }
            assertThat(markets).hasSize(6);

            assertSeries(chart(charts, "chart-spectrum"), data.get("spectrum").get("ms"));
            assertSeries(chart(charts, "chart-latency-p50"), data.get("time").get("latencyP50Ms"));
            assertSeries(chart(charts, "chart-latency-p99"), data.get("time").get("latencyP99Ms"));
            assertSeries(chart(charts, "chart-cost"), data.get("time").get("costUsd"));
            assertSeries(chart(charts, "chart-ready"), data.get("time").get("readyReplicas"));
            assertSeries(chart(charts, "chart-preemptions"), data.get("time").get("preemptions"));

            // Each stack's colour is on the canvas of the main charts: the lines were painted, not only set up.
            for (final String id : List.of("chart-spectrum", "chart-latency-p99", "chart-cost", "chart-outcomes"))
            {
                for (int s = 0; s < stacks.size(); s++)
                {
                    final Object pixels = js.executeScript(
                        "const c = window.charts.find(c => c.id === arguments[0]).plot;" +
                            "const rgb = c.series[arguments[1] + 1].stroke();" +
                            "const want = [1, 3, 5].map(i => parseInt(rgb.substr(i, 2), 16));" +
                            "const cv = c.root.querySelector('canvas');" +
                            // A copy made for reading: reading the chart's own canvas makes Chromium warn.
                            "const copy = document.createElement('canvas');" +
                            "copy.width = cv.width; copy.height = cv.height;" +
                            "const g = copy.getContext('2d', {willReadFrequently: true});" +
                            "g.drawImage(cv, 0, 0);" +
                            "const px = g.getImageData(0, 0, cv.width, cv.height).data;" +
                            "let n = 0;" +
                            "for (let i = 0; i < px.length; i += 4) {" +
                            "  if (px[i + 3] > 200 && Math.abs(px[i] - want[0]) < 8" +
                            "    && Math.abs(px[i + 1] - want[1]) < 8 && Math.abs(px[i + 2] - want[2]) < 8) n++; }" +
                            "return n;", id, s);
                    assertThat((Long)pixels).as("pixels of %s in %s", stacks.get(s), id).isGreaterThan(20L);
                }
            }

            screenshot(driver, Path.of("target/screenshots/report-quickstart.png"));
            final List<String> severe = new ArrayList<>();
            for (final LogEntry entry : driver.manage().logs().get(LogType.BROWSER))
            {
                if (entry.getLevel().intValue() >= Level.WARNING.intValue())
                {
                    severe.add(entry.getMessage());
                }
            }
            assertThat(severe).as("browser console warnings and errors").isEmpty();
        }
        finally
        {
            driver.quit();
        }
    }

    /** Headless Chromium from the given paths: nothing is downloaded, no Selenium Manager is run. */
    private static ChromeDriver chromium(final Path profile)
    {
        return Chromium.start(profile);
    }

    /** The whole page: the window is made as tall as the document first (a screenshot shows the viewport). */
    private static void screenshot(final ChromeDriver driver, final Path file) throws Exception
    {
        final long height = (Long)driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new org.openqa.selenium.Dimension(1400, (int)height + 200));
        Files.createDirectories(file.getParent());
        Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }

    private static Map<String, Object> chart(final List<Map<String, Object>> charts, final String id)
    {
        return charts.stream().filter(c -> id.equals(c.get("id"))).findFirst().orElseThrow();
    }

    /** The plot's series hold the embedded arrays, value for value (null for a gap). */
    private static void assertSeries(final Map<String, Object> chart, final JsonNode expected)
    {
        @SuppressWarnings("unchecked")
        final List<List<Object>> series = (List<List<Object>>)chart.get("data");
        assertThat(series).hasSize(expected.size());
        for (int s = 0; s < series.size(); s++)
        {
            final List<Object> values = series.get(s);
            final JsonNode want = expected.get(s);
            assertThat(values).as("%s series %d", chart.get("id"), s).hasSize(want.size());
            int drawn = 0;
            for (int i = 0; i < values.size(); i++)
            {
                if (want.get(i).isNull())
                {
                    assertThat(values.get(i)).isNull();
                }
                else
                {
                    assertThat(((Number)values.get(i)).doubleValue()).isEqualTo(want.get(i).asDouble());
                    drawn++;
                }
            }
            assertThat(drawn).as("%s series %d has values", chart.get("id"), s).isPositive();
        }
    }
}
