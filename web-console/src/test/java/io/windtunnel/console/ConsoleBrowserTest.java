package io.windtunnel.console;

import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The console's pages in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver}; skipped with
 * a message when they are not installed): the runs page lists a run, the run page draws the run's report charts, the
 * compare page draws two runs on the same charts, a run started from the New run page shows progress and then
 * appears in the list, and a cancelled one shows as cancelled. Every page is checked for console errors (a script
 * error, a blocked fetch) and saved as a screenshot under {@code target/screenshots/}.
 */
class ConsoleBrowserTest
{
    private static final Path CHROMIUM = Path.of(System.getProperty("windtunnel.chromium", "/usr/bin/chromium"));
    private static final Path CHROMEDRIVER =
        Path.of(System.getProperty("windtunnel.chromedriver", "/usr/bin/chromedriver"));
    private static final Path SHOTS = Path.of("target/screenshots");

    @TempDir
    static Path dir;
    static Vertx vertx;
    static ConsoleFixture fixture;
    static ChromeDriver driver;
    static String base;

    @BeforeAll
    static void start() throws Exception
    {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
            "no browser: ConsoleBrowserTest needs " + CHROMIUM + " and " + CHROMEDRIVER +
                " (apt-get install -y chromium chromium-driver); skipped");
        vertx = Vertx.vertx();
        fixture = new ConsoleFixture(vertx, dir, null);
        fixture.writeRun("tiny-a");
        fixture.writeRun("tiny-b");
        base = "http://127.0.0.1:" + fixture.console.port();
        final ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--user-data-dir=" + dir.resolve("profile"), "--window-size=1400,1000");
        final LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logs);
        driver = new ChromeDriver(new ChromeDriverService.Builder()
            .usingDriverExecutable(new File(CHROMEDRIVER.toString())).usingAnyFreePort().build(), options);
    }

    @AfterAll
    static void stop()
    {
        if (driver != null)
        {
            driver.quit();
        }
        if (fixture != null)
        {
            fixture.close();
            vertx.close().await();
        }
    }

    @Test
    void shouldListTheRunsAndFilterThem() throws Exception
    {
        open("/");
        final WebElement row = waitFor(By.cssSelector("tr.run[data-id='tiny-a']"));
        assertThat(row.getAttribute("data-status")).isEqualTo("complete");
        assertThat(row.getText()).contains("tiny", "spot", "on-demand", "USD");
        final WebElement filter = driver.findElement(By.id("filter"));
        filter.sendKeys("tiny-b");
        assertThat(driver.findElements(By.cssSelector("tr.run")).stream().map(r -> r.getAttribute("data-id")))
            .containsExactly("tiny-b");
        filter.clear();
        filter.sendKeys(" ");
        filter.clear();
        screenshot("runs");
        assertNoConsoleErrors("runs page");
    }

    @Test
    void shouldDrawTheRunsReportChartsOnTheRunPage() throws Exception
    {
        open("/run.html?id=tiny-a");
        waitFor(By.cssSelector("#file-list a.file-link"));
        assertThat(driver.findElements(By.cssSelector("#file-list a.file-link")).stream().map(WebElement::getText))
            .contains("summary.json", "timeseries.csv", "latency.hlog", "comparison.md", "report.html");
        assertThat(driver.findElements(By.cssSelector("#headline-table tr"))).hasSize(3);
        final WebElement frame = waitFor(By.id("report-frame"));
        driver.switchTo().frame(frame);
        try
        {
            waitForCharts(7);
            final List<Map<String, Object>> charts = charts();
            final JsonObject data = fixture.get("/api/runs/tiny-a/chart-data").bodyAsJsonObject();
            for (final Map<String, Object> chart : charts)
            {
                assertThat(chart.get("labels")).as("series of %s", chart.get("id")).isEqualTo(List.of("spot",
                    "on-demand"));
                assertThat(chart.get("canvases")).as("canvas of %s", chart.get("id")).isEqualTo(1L);
            }
            assertThat(charts.stream().map(c -> c.get("id"))).contains("chart-spectrum", "chart-latency-p99",
                "chart-cost", "chart-ready", "chart-outcomes");
            assertThat(chart(charts, "chart-cost").get("data")).isEqualTo(data.getJsonObject("time")
                .getJsonArray("costUsd").getList());
            assertThat(((JavascriptExecutor)driver).executeScript("return window.reportErrors")).isEqualTo(List.of());
        }
        finally
        {
            driver.switchTo().defaultContent();
        }
        screenshot("run");
        assertNoConsoleErrors("run page");
    }

    @Test
    void shouldDrawTwoRunsOnTheSameChartsOnTheComparePage() throws Exception
    {
        open("/compare.html?run=tiny-a&run=tiny-b&pick=tiny-a/spot&pick=tiny-b/spot&pick=tiny-b/on-demand");
        waitForCharts(7);
        final List<Map<String, Object>> charts = charts();
        final JsonObject a = fixture.get("/api/runs/tiny-a/chart-data").bodyAsJsonObject();
        final JsonObject b = fixture.get("/api/runs/tiny-b/chart-data").bodyAsJsonObject();
        for (final Map<String, Object> chart : charts)
        {
            assertThat(chart.get("labels")).as("series of %s", chart.get("id"))
                .isEqualTo(List.of("tiny-a: spot", "tiny-b: spot", "tiny-b: on-demand"));
        }
        final JsonArray p99a = a.getJsonObject("time").getJsonArray("latencyP99Ms");
        final JsonArray p99b = b.getJsonObject("time").getJsonArray("latencyP99Ms");
        assertThat(chart(charts, "chart-latency-p99").get("data")).isEqualTo(List.of(p99a.getList().get(0),
            p99b.getList().get(0), p99b.getList().get(1)));
        assertThat(driver.findElements(By.cssSelector(".pick-stack:checked"))).hasSize(3);
        screenshot("compare");
        assertNoConsoleErrors("compare page");
    }

    @Test
    void shouldShowProgressOfARunStartedFromThePageAndThenListIt() throws Exception
    {
        open("/new.html");
        waitFor(By.cssSelector("#scenario option[value='medium']"));
        new Select(driver.findElement(By.id("scenario"))).selectByValue("medium");
        driver.findElement(By.id("replications")).sendKeys("1");
        driver.findElement(By.id("start")).click();
        final String id = waitFor(By.id("live-run")).getText();
        assertThat(id).startsWith("medium-");
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
            !d.findElements(By.cssSelector("#progress-table tr.progress-stack")).isEmpty());
        assertThat(driver.findElement(By.id("progress-text")).getText()).contains("simulated", "M events/s");
        screenshot("new-run-progress");
        new WebDriverWait(driver, Duration.ofSeconds(120)).until(d ->
            !d.findElements(By.id("open-run")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#outcome .status")).getAttribute("data-status"))
            .isEqualTo("complete");
        assertThat((Long)driver.executeScript("return window.progressEvents")).isPositive();
        screenshot("new-run-complete");
        assertNoConsoleErrors("new run page");

        open("/");
        final WebElement row = waitFor(By.cssSelector("tr.run[data-id='" + id + "']"));
        assertThat(row.getAttribute("data-status")).isEqualTo("complete");
    }

    @Test
    void shouldShowACancelledRunAsCancelled() throws Exception
    {
        open("/new.html");
        waitFor(By.cssSelector("#scenario option[value='long']"));
        new Select(driver.findElement(By.id("scenario"))).selectByValue("long");
        driver.findElement(By.id("start")).click();
        final String id = waitFor(By.id("live-run")).getText();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
            !d.findElements(By.cssSelector("#progress-table tr.progress-stack")).isEmpty());
        driver.findElement(By.id("cancel")).click();
        new WebDriverWait(driver, Duration.ofSeconds(60)).until(d ->
            !d.findElements(By.cssSelector("#outcome .status")).isEmpty());
        assertThat(driver.findElement(By.cssSelector("#outcome .status")).getAttribute("data-status"))
            .isEqualTo("cancelled");
        assertThat(driver.findElement(By.id("outcome")).getText()).contains("cancelled from the console after");
        assertThat(driver.findElements(By.id("open-run"))).isEmpty();
        screenshot("new-run-cancelled");

        open("/");
        final WebElement row = waitFor(By.cssSelector("tr.run[data-id='" + id + "']"));
        assertThat(row.getAttribute("data-status")).isEqualTo("cancelled");
        screenshot("runs-with-cancelled");
        open("/run.html?id=" + id);
        assertThat(waitFor(By.cssSelector("#status-line .status")).getAttribute("data-status"))
            .isEqualTo("cancelled");
        assertThat(driver.findElement(By.id("report")).isDisplayed()).isFalse();
        assertNoConsoleErrors("cancelled run");
    }

    private static void open(final String path)
    {
        driver.manage().window().setSize(new Dimension(1400, 1000));
        driver.get(base + path);
    }

    private static WebElement waitFor(final By by)
    {
        return new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
        {
            final List<WebElement> found = d.findElements(by);
            return found.isEmpty() ? null : found.get(0);
        });
    }

    private static void waitForCharts(final int atLeast)
    {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d ->
        {
            final Object count = ((JavascriptExecutor)d).executeScript("return (window.charts || []).length");
            return count instanceof Long n && n >= atLeast;
        });
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> charts()
    {
        return (List<Map<String, Object>>)driver.executeScript(
            "return window.charts.map(c => ({id: c.id, labels: c.plot.series.slice(1).map(s => s.label)," +
                " data: c.plot.data.slice(1), canvases: c.plot.root.querySelectorAll('canvas').length}))");
    }

    private static Map<String, Object> chart(final List<Map<String, Object>> charts, final String id)
    {
        return charts.stream().filter(c -> id.equals(c.get("id"))).findFirst().orElseThrow();
    }

    private static void assertNoConsoleErrors(final String page)
    {
        final List<String> errors = new ArrayList<>();
        for (final LogEntry entry : driver.manage().logs().get(LogType.BROWSER))
        {
            if (entry.getLevel().intValue() >= Level.WARNING.intValue())
            {
                errors.add(entry.getMessage());
            }
        }
        assertThat(errors).as("console errors on the %s", page).isEmpty();
    }

    /** The whole page: the window is made as tall as the document first (a screenshot shows the viewport). */
    private static void screenshot(final String name) throws Exception
    {
        final long height = (Long)driver.executeScript("return document.documentElement.scrollHeight");
        driver.manage().window().setSize(new Dimension(1400, (int)Math.min(6000, height + 100)));
        Files.createDirectories(SHOTS);
        Files.move(driver.getScreenshotAs(OutputType.FILE).toPath(), SHOTS.resolve(name + ".png"),
            StandardCopyOption.REPLACE_EXISTING);
    }
}
