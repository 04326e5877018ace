package io.windtunnel.cli;

import io.vertx.core.Vertx;
import io.windtunnel.console.ConsoleOptions;
import io.windtunnel.console.ConsoleServer;
import org.apache.commons.math3.distribution.TDistribution;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The sweep view in real headless Chromium (skipped with a message without {@code chromium} and
 * {@code chromium-driver}): a sweep's {@code report.html} opened from {@code file://}, and the console's sweep page
 * over the same folder. Each draws one chart with one series per stack, whose points are the means this test
 * computes from {@code results.csv} (per seed the mean of the variants with the value, then the mean over seeds,
 * with the Student-t interval over seeds), for the default choice and after fixing the other axis and picking
 * another metric. The first stack's name would inject markup if it were not escaped. Screenshots go to
 * {@code target/screenshots/sweep-report.png} and {@code sweep-console.png}.
 */
class SweepBrowserTest
{
    private static final String NASTY = "spot </script><b>cheapest";
    private static final Path CHROMIUM = Chromium.BINARY;
    private static final Path CHROMEDRIVER = Chromium.DRIVER;
    private static final List<String> STACKS = List.of(NASTY, "on-demand-cheapest", "aws-fixed-on-demand");

    @TempDir
    static Path dir;
    static Path results;
    static Path folder;
    static ChromeDriver driver;

    @BeforeAll
    static void runASweep() throws Exception
    {
        final Path repo = BadInputCorpusTest.repoRoot();
        Files.writeString(dir.resolve("quickstart.yaml"), Files.readString(repo.resolve("scenarios/quickstart.yaml"))
            .replace("../traces/generated", repo.resolve("traces/generated").toString())
            .replace("name: spot-cheapest", "name: \"" + NASTY + "\""));
        final Path sweep = Files.writeString(dir.resolve("browser-sweep.yaml"), """
            name: browser
            scenario: quickstart.yaml
            set: {duration: 20m, warmup: 2m, sampleInterval: 5m}
            axes:
              load.multiplier: [4, 1, 2]
              stacks[0].autoscaler.target: [0.4, 0.8]
            seeds: [1, 2]
            replications: 1
            """);
        results = dir.resolve("results");
        folder = results.resolve("browser-sweep");
        final CliRun run = CliRun.of("sweep", sweep.toString(), "--out", folder.toString(), "--threads", "2");
        assertThat(run.exitCode()).as(run.err()).isZero();
        if (Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER))
        {
            driver = Chromium.start(dir.resolve("profile"));
        }
    }

    @AfterAll
    static void quit()
    {
        if (driver != null)
        {
            driver.quit();
        }
    }

    @Test
    void shouldDrawOneLinePerStackFromDiskWithoutNetwork() throws Exception
    {
        assumeBrowser();
        driver.get(folder.resolve("report.html").toUri().toString());
        final JavascriptExecutor js = driver;
        assertThat(js.executeScript("return window.reportErrors")).as("errors on the page").isEqualTo(List.of());
        assertThat(js.executeScript("return performance.getEntriesByType('resource').map(e => e.name)"))
            .as("resources fetched").isEqualTo(List.of());
        assertThat(driver.findElements(By.tagName("b"))).as("markup from a stack name").isEmpty();
        assertThat(driver.findElement(By.cssSelector("#sweep-table tr th:nth-child(2)")).getText()).isEqualTo(NASTY);
        assertThat(driver.findElements(By.cssSelector("table.sweep-summary"))).hasSize(4);

        checkTheView("sweep-report");
        assertNoBrowserWarnings();
    }

    @Test
    void shouldShowTheSameChartOnTheConsolesSweepPage() throws Exception
    {
        assumeBrowser();
        final Vertx vertx = Vertx.vertx();
        try
        {
            final ConsoleServer console = ConsoleServer.start(vertx, ConsoleOptions.defaults(results,
                dir.resolve("scenarios")).withPort(0)).await();
            driver.get("http://127.0.0.1:" + console.port() + "/");
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
                !d.findElements(By.cssSelector("tr.sweep[data-id='browser-sweep'] a.sweep-link")).isEmpty());
            assertThat(driver.findElement(By.cssSelector("tr.sweep[data-id='browser-sweep']")).getText())
                .contains("browser", "complete", "12 ran of 12", "load.multiplier");
            assertThat(driver.findElements(By.cssSelector("tr.run[data-id='browser-sweep']"))).as("not a run")
                .isEmpty();
            driver.findElement(By.cssSelector("tr.sweep[data-id='browser-sweep'] a.sweep-link")).click();
            new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> ((JavascriptExecutor)d).executeScript(
                "return window.charts && window.charts.length === 1"));
            assertThat(driver.findElements(By.tagName("b"))).as("markup from a stack name").isEmpty();
            assertThat(driver.findElements(By.cssSelector("#file-list a.file-link"))).isNotEmpty();
            checkTheView("sweep-console");
            assertNoBrowserWarnings();
            console.close().await();
        }
        finally
        {
            vertx.close().await();
        }
    }

    /**
     * The default view (the sweep's objective, cost, against the first axis, the other averaged), then the other
     * axis fixed at its second value and p99 picked: each time one series per stack holding the expected points.
     */
    private static void checkTheView(final String screenshot) throws Exception
    {
        final Results csv = new Results(Files.readAllLines(folder.resolve("results.csv")));
        assertView("cost.total_usd", 0, -1, csv);
        assertThat(driver.findElement(By.id("sweep-note")).getText()).contains("stacks[0].autoscaler.target " +
            "averaged over its values", "95% Student-t interval over the 2 seeds");
        screenshot(driver, Path.of("target/screenshots/" + screenshot + ".png"));

        new Select(driver.findElement(By.id("sweep-fix-1"))).selectByIndex(2);  // 0: averaged; 2: the value 0.8
        new Select(driver.findElement(By.id("sweep-metric"))).selectByValue("latency.p99_ms");
        assertView("latency.p99_ms", 0, 1, csv);
        assertThat(driver.findElement(By.id("sweep-note")).getText()).contains("stacks[0].autoscaler.target fixed " +
            "at 0.8");

        new Select(driver.findElement(By.id("sweep-axis"))).selectByValue("1");
        assertView("latency.p99_ms", 1, -1, csv);
    }

    /** The chart against {@code axis}, the other axis averaged ({@code fixed} -1) or fixed at that value index. */
    @SuppressWarnings("unchecked")
    private static void assertView(final String metric, final int axis, final int fixed, final Results csv)
    {
        final Map<String, Object> chart = (Map<String, Object>)((JavascriptExecutor)driver).executeScript(
            "const c = window.charts[0];" +
                "return {id: c.id, labels: c.plot.series.slice(1).map(s => s.label), x: c.plot.data[0]," +
                " data: c.plot.data.slice(1), canvases: c.plot.root.querySelectorAll('canvas').length," +
                " half: window.sweepPoints.stacks.map(s => s.half), count: window.charts.length," +
                // Every point lies inside the plotting area: the scales hold the data, not only the arrays.
                " inside: c.plot.data[0].every(v => { const p = c.plot.valToPos(v, 'x');" +
                "   return p >= 0 && p <= c.plot.over.clientWidth; }) &&" +
                "   c.plot.data.slice(1).every(s => s.every(v => { const p = c.plot.valToPos(v, 'y');" +
                "   return v != null && p >= 0 && p <= c.plot.over.clientHeight; }))};");
        assertThat(chart.get("count")).isEqualTo(1L);
        assertThat(chart.get("id")).isEqualTo("sweep-chart");
        assertThat(chart.get("labels")).as("one series per stack").isEqualTo(STACKS);
        assertThat(chart.get("canvases")).isEqualTo(1L);
        assertThat(chart.get("inside")).as("every point inside the plot").isEqualTo(true);
        // Numeric axis values are drawn to scale, in ascending order (the load axis is written 4, 1, 2).
        final List<String> values = csv.values(axis);
        final List<Integer> order = new ArrayList<>();
        for (int i = 0; i < values.size(); i++)
        {
            order.add(i);
        }
        order.sort((a, b) -> Double.compare(Double.parseDouble(values.get(a)), Double.parseDouble(values.get(b))));
        assertThat(((List<Number>)chart.get("x")).stream().map(Number::doubleValue).toList())
            .isEqualTo(order.stream().map(i -> Double.parseDouble(values.get(i))).toList());
        final List<List<Number>> data = (List<List<Number>>)chart.get("data");
        final List<List<Number>> half = (List<List<Number>>)chart.get("half");
        final double t = new TDistribution(null, 1).inverseCumulativeProbability(0.975);
        for (int s = 0; s < STACKS.size(); s++)
        {
            for (int p = 0; p < order.size(); p++)
            {
                final double[] perSeed = csv.perSeedMeans(STACKS.get(s), metric, axis, order.get(p), fixed);
                final double mean = (perSeed[0] + perSeed[1]) / 2;
                final double sd = Math.abs(perSeed[0] - perSeed[1]) / Math.sqrt(2);
                assertThat(data.get(s).get(p).doubleValue()).as("%s %s at %s", STACKS.get(s), metric,
                    values.get(order.get(p))).isCloseTo(mean, within(1e-9 * Math.abs(mean)));
                assertThat(half.get(s).get(p).doubleValue()).isCloseTo(t * sd / Math.sqrt(2),
                    within(1e-9 * Math.abs(mean) + 1e-12));
            }
        }
    }

    /** results.csv of the sweep, read back. */
    private record Results(List<String> header, List<String[]> rows)
    {
        Results(final List<String> lines)
        {
            this(List.of(lines.get(0).split(",")), lines.subList(1, lines.size()).stream()
                .map(l -> l.replace("\"" + NASTY + "\"", NASTY).split(",", -1)).toList());
        }

        List<String> values(final int axis)
        {
            final List<String> out = new ArrayList<>();
            rows.forEach(r -> {
                if (!out.contains(r[1 + axis]))
                {
                    out.add(r[1 + axis]);
                }
            });
            return out;
        }

        /** Per seed (1, 2): the mean of the metric over the stack's rows with the value (and the fixed one). */
        double[] perSeedMeans(final String stack, final String metric, final int axis, final int value,
            final int fixed)
        {
            final int column = header.indexOf(metric);
            final int other = 1 - axis;
            final double[] sum = new double[2];
            final int[] n = new int[2];
            for (final String[] r : rows)
            {
                if (r[4].equals(stack) && r[1 + axis].equals(values(axis).get(value)) &&
                    (fixed < 0 || r[1 + other].equals(values(other).get(fixed))))
                {
                    final int seed = Integer.parseInt(r[3]) - 1;
                    sum[seed] += Double.parseDouble(r[column]);
                    n[seed]++;
                }
            }
            assertThat(n[0]).isEqualTo(n[1]).isEqualTo(fixed < 0 ? values(other).size() : 1);
            return new double[] {sum[0] / n[0], sum[1] / n[1]};
        }
    }

    private static void assumeBrowser()
    {
        assumeTrue(driver != null, "no browser: SweepBrowserTest needs " + CHROMIUM + " and " + CHROMEDRIVER +
            " (apt-get install -y chromium chromium-driver); skipped");
    }

    private static void assertNoBrowserWarnings()
    {
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

    private static void screenshot(final ChromeDriver driver, final Path file) throws Exception
    {
        Files.createDirectories(file.getParent());
        Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), file, StandardCopyOption.REPLACE_EXISTING);
    }
}
