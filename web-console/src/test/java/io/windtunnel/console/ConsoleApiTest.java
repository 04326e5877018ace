package io.windtunnel.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** The JSON API over WebClient on port 0: the store, the files, starting, progress, cancelling, and the errors. */
@ExtendWith(VertxExtension.class)
class ConsoleApiTest
{
    @TempDir
    Path dir;

    private ConsoleFixture fixture;

    @BeforeEach
    void start(final Vertx vertx) throws Exception
    {
        fixture = new ConsoleFixture(vertx, dir, null);
    }

    @AfterEach
    void stop()
    {
        fixture.close();
    }

    @Test
    void shouldListARunWrittenByTheCliWithoutARestartWithItsHeadlineNumbers() throws Exception
    {
        assertThat(fixture.get("/api/runs").bodyAsJsonObject().getJsonArray("runs")).isEmpty();
        final Path folder = fixture.writeRun("tiny-cli");

        final HttpResponse<Buffer> response = fixture.get("/api/runs");
        assertThat(response.statusCode()).isEqualTo(200);
        final JsonArray runs = response.bodyAsJsonObject().getJsonArray("runs");
        assertThat(runs).hasSize(1);
        final JsonObject run = runs.getJsonObject(0);
        assertThat(run.getString("id")).isEqualTo("tiny-cli");
        assertThat(run.getString("status")).isEqualTo("complete");
        assertThat(run.getString("scenario")).isEqualTo("tiny");
        assertThat(run.getDouble("durationSeconds")).isEqualTo(1800.0);
        final JsonObject summary = new JsonObject(Files.readString(folder.resolve("summary.json")));
        final JsonArray stacks = run.getJsonArray("stacks");
        assertThat(stacks).hasSize(2);
        for (int s = 0; s < 2; s++)
        {
            final JsonObject metrics = summary.getJsonArray("stacks").getJsonObject(s).getJsonObject("metrics");
            final JsonObject headline = stacks.getJsonObject(s);
            assertThat(headline.getString("name")).isEqualTo(s == 0 ? "spot" : "on-demand");
            assertThat(headline.getDouble("costUsd")).isEqualTo(metrics.getJsonObject("cost.total_usd")
                .getDouble("mean")).isPositive();
            assertThat(headline.getDouble("p99Ms")).isEqualTo(metrics.getJsonObject("latency.p99_ms")
                .getDouble("mean")).isPositive();
            assertThat(headline.getDouble("availability")).isEqualTo(metrics
                .getJsonObject("availability.request_share").getDouble("mean"));
        }
        // An empty folder is a run being written (or killed): listed, never as complete; other folders are no runs.
        Files.createDirectory(fixture.results.resolve("half"));
        Files.createDirectories(fixture.results.resolve("notes/sub"));
        final JsonArray after = fixture.get("/api/runs").bodyAsJsonObject().getJsonArray("runs");
        assertThat(after.stream().map(o -> ((JsonObject)o).getString("id") + "=" + ((JsonObject)o).getString("status")))
            .containsExactlyInAnyOrder("tiny-cli=complete", "half=incomplete");
    }

    @Test
    void shouldServeSummaryTimeSeriesPercentilesChartDataAndFilesOfARun() throws Exception
    {
        final Path folder = fixture.writeRun("tiny-cli");

        final JsonObject run = fixture.get("/api/runs/tiny-cli").bodyAsJsonObject();
        assertThat(run.getJsonObject("summary")).isEqualTo(new JsonObject(Files.readString(
            folder.resolve("summary.json"))));
        assertThat(run.getJsonArray("files").stream().map(f -> ((JsonObject)f).getString("name")))
            .contains("summary.json", "timeseries.csv", "latency.hlog", "comparison.md", "report.html");

        final JsonObject series = fixture.get("/api/runs/tiny-cli/timeseries?stack=on-demand").bodyAsJsonObject();
        final List<String> csv = Files.readAllLines(folder.resolve("timeseries.csv"));
        assertThat(series.getJsonArray("columns").getList()).containsExactly((Object[])csv.get(0).split(","));
        final List<String> onDemand = csv.stream().filter(l -> l.startsWith("on-demand,")).toList();
        assertThat(series.getJsonArray("rows")).hasSize(onDemand.size()).hasSize(6);
        final int cost = series.getJsonArray("columns").getList().indexOf("cost_usd");
        assertThat(series.getJsonArray("rows").getJsonArray(2).getDouble(cost))
            .isEqualTo(Double.parseDouble(onDemand.get(2).split(",")[cost]));

        final JsonObject percentiles = fixture.get("/api/runs/tiny-cli/percentiles?p=50,99").bodyAsJsonObject();
        final Histogram spot = new Histogram(3);
        final HistogramLogReader reader = new HistogramLogReader(folder.resolve("latency.hlog").toFile());
        for (Object h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram())
        {
            if ("spot/r0".equals(((Histogram)h).getTag()))
            {
                spot.add((Histogram)h);
            }
        }
        reader.close();
        final JsonObject spotPercentiles = percentiles.getJsonArray("stacks").getJsonObject(0);
        assertThat(spotPercentiles.getLong("count")).isEqualTo(spot.getTotalCount()).isPositive();
        assertThat(spotPercentiles.getJsonArray("ms").getDouble(1)).isEqualTo(spot.getValueAtPercentile(99) / 1e6);
        // The hlog's intervals add up to the run's own histogram: the summary's p99.
        final double summaryP99 = run.getJsonObject("summary").getJsonArray("stacks").getJsonObject(0)
            .getJsonObject("metrics").getJsonObject("latency.p99_ms").getDouble("mean");
        assertThat(spotPercentiles.getJsonArray("ms").getDouble(1)).isCloseTo(summaryP99, within(1e-9));

        final String report = Files.readString(folder.resolve("report.html"));
        final JsonObject charts = fixture.get("/api/runs/tiny-cli/chart-data").bodyAsJsonObject();
        assertThat(charts.getJsonArray("stacks").getList()).containsExactly("spot", "on-demand");
        assertThat(report).contains(charts.getJsonObject("time").getJsonArray("x").encode().replace("[", "")
            .replace("]", ""));

        final HttpResponse<Buffer> file = fixture.get("/api/runs/tiny-cli/files/comparison.md?download");
        assertThat(file.statusCode()).isEqualTo(200);
        assertThat(file.bodyAsString()).isEqualTo(Files.readString(folder.resolve("comparison.md")));
        assertThat(file.getHeader("Content-Disposition")).contains("comparison.md");
        final HttpResponse<Buffer> page = fixture.get("/api/runs/tiny-cli/files/report.html");
        assertThat(page.getHeader("Content-Type")).startsWith("text/html");
        assertThat(page.getHeader("Content-Security-Policy")).isEqualTo("sandbox allow-scripts");
        assertThat(page.body().getBytes()).isEqualTo(Files.readAllBytes(folder.resolve("report.html")));
    }

    @Test
    void shouldServeNothingOutsideTheResultsFolder() throws Exception
    {
        final Path folder = fixture.writeRun("tiny-cli");
        final String secret = "top secret " + System.nanoTime();
        final Path outsideFile = fixture.outside("secret.txt");
        Files.writeString(outsideFile, secret);
        Files.createSymbolicLink(folder.resolve("link.txt"), outsideFile);
        Files.createSymbolicLink(fixture.results.resolve("linked-run"), outsideFile.getParent());
        final Path work = Files.createDirectory(fixture.results.resolve(".tmp-x"));
        Files.writeString(work.resolve("secret.txt"), secret);

        final List<String> attempts = List.of(
            "/api/runs/tiny-cli/files/../../secret.txt",
            "/api/runs/tiny-cli/files/..%2f..%2fsecret.txt",
            "/api/runs/tiny-cli/files/%2e%2e/%2e%2e/secret.txt",
            "/api/runs/tiny-cli/files/%2E%2E%2F%2E%2E%2Fsecret.txt",
            "/api/runs/tiny-cli/files/%252e%252e/%252e%252e/secret.txt",
            "/api/runs/tiny-cli/files/%252e%252e%252f%252e%252e%252fsecret.txt",
            "/api/runs/tiny-cli/files/%25252e%25252e%25252fsecret.txt",
            "/api/runs/tiny-cli/files/link.txt",
            "/api/runs/tiny-cli/files/" + outsideFile.toString().replace("/", "%2f"),
            "/api/runs/tiny-cli/files//" + outsideFile,
            "/api/runs/tiny-cli/files/..\\..\\secret.txt",
            "/api/runs/%2e%2e/files/secret.txt",
            "/api/runs/%252e%252e/files/secret.txt",
            "/api/runs/.tmp-x/files/secret.txt",
            "/api/runs/linked-run/files/secret.txt",
            "/api/runs/linked-run",
            "/api/runs/tiny-cli/files/.",
            "/api/runs/tiny-cli/files/");
        fixture.assertNothingServed(attempts, secret);
        // The handler's own refusals say why.
        final HttpResponse<Buffer> encoded = fixture.get("/api/runs/tiny-cli/files/%252e%252e/secret.txt");
        assertThat(encoded.statusCode()).isEqualTo(400);
        assertThat(encoded.bodyAsJsonObject().getString("error")).contains("plain files");
        final HttpResponse<Buffer> link = fixture.get("/api/runs/tiny-cli/files/link.txt");
        assertThat(link.bodyAsJsonObject().getString("error")).contains("outside the results folder");
    }

    @Test
    void shouldRefuseBadRequestsWithStatusMessageAndLine() throws Exception
    {
        final HttpResponse<Buffer> badJson = fixture.postText("/api/runs", "application/json",
            "{\n  \"scenario\": \"tiny\",\n  \"seed\": 7,,\n}");
        assertThat(badJson.statusCode()).isEqualTo(400);
        assertThat(badJson.bodyAsJsonObject().getString("error")).startsWith("the request body is not valid JSON");
        assertThat(badJson.bodyAsJsonObject().getInteger("line")).isEqualTo(3);

        final String yaml = ConsoleFixture.TINY.replace("duration: 30m", "duration: 30 minutes");
        final HttpResponse<Buffer> badYaml = fixture.post("/api/runs", new JsonObject().put("yaml", yaml)
            .put("fileName", "mine.yaml"));
        assertThat(badYaml.statusCode()).isEqualTo(400);
        final JsonObject yamlError = badYaml.bodyAsJsonObject();
        assertThat(yamlError.getString("error")).startsWith("mine.yaml:4: key 'duration'");
        assertThat(yamlError.getInteger("line")).isEqualTo(4);
        final HttpResponse<Buffer> brokenYaml = fixture.postText("/api/runs?name=raw.yaml", "application/yaml",
            "name: x\nseed: [1,\n");
        assertThat(brokenYaml.statusCode()).isEqualTo(400);
        assertThat(brokenYaml.bodyAsJsonObject().getString("error")).startsWith("raw.yaml:");
        assertThat(brokenYaml.bodyAsJsonObject().getInteger("line")).isPositive();

        final HttpResponse<Buffer> tooBig = fixture.postText("/api/runs", "application/yaml",
            "#".repeat(70 * 1024));
        assertThat(tooBig.statusCode()).isEqualTo(413);
        assertThat(tooBig.bodyAsJsonObject().getString("error")).contains("over the limit of 65536 bytes");

        assertThat(fixture.post("/api/runs", new JsonObject().put("scenario", "tiny").put("colour", "red"))
            .bodyAsJsonObject().getString("error")).startsWith("field 'colour': unknown");
        final HttpResponse<Buffer> reps = fixture.post("/api/runs", new JsonObject().put("scenario", "tiny")
            .put("replications", 0));
        assertThat(reps.statusCode()).isEqualTo(400);
        assertThat(reps.bodyAsJsonObject().getString("error")).contains("out of range [1, 10000]");
        assertThat(fixture.post("/api/runs", new JsonObject().put("scenario", "tiny").put("seed", 1.5))
            .bodyAsJsonObject().getString("error")).isEqualTo("field 'seed': 1.5 is not an integer");
        assertThat(fixture.post("/api/runs", new JsonObject().put("scenario", "nope")).statusCode()).isEqualTo(404);

        for (final String path : List.of("/api/runs/nope", "/api/runs/nope/timeseries", "/api/runs/nope/progress",
            "/api/runs/nope/files/summary.json", "/api/nothing"))
        {
            final HttpResponse<Buffer> response = fixture.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(404);
            assertThat(response.bodyAsJsonObject().getString("error")).as(path).isNotBlank();
        }
        assertThat(fixture.post("/api/runs/nope/cancel", new JsonObject()).statusCode()).isEqualTo(404);
        fixture.writeRun("done");
        final HttpResponse<Buffer> finished = fixture.post("/api/runs/done/cancel", new JsonObject());
        assertThat(finished.statusCode()).isEqualTo(409);
        assertThat(finished.bodyAsJsonObject().getString("error")).contains("is complete");
        assertThat(Files.list(fixture.scenarios).filter(p -> p.getFileName().toString().startsWith(".upload")))
            .as("uploads are removed once read").isEmpty();
    }

    @Test
    void shouldRunAnUploadedScenarioWithOverridesStreamItsProgressAndListItComplete() throws Exception
    {
        final HttpResponse<Buffer> started = fixture.post("/api/runs", new JsonObject()
            .put("yaml", ConsoleFixture.scenario("uploaded", "1h")).put("fileName", "uploaded.yaml")
            .put("seed", 11).put("replications", 2));
        assertThat(started.statusCode()).isEqualTo(202);
        final String id = started.bodyAsJsonObject().getString("id");
        assertThat(id).startsWith("uploaded-");

        final List<JsonObject> progress = new ArrayList<>();
        final JsonObject end = Sse.read(fixture, "/api/runs/" + id + "/progress", progress);
        assertThat(end.getString("status")).isEqualTo("complete");
        assertThat(progress).isNotEmpty();
        final JsonObject last = progress.get(progress.size() - 1);
        assertThat(last.getDouble("totalSimulatedSeconds")).isEqualTo(2 * 2 * 3600.0);
        assertThat(last.getJsonArray("stacks")).hasSize(2);

        final JsonObject run = fixture.get("/api/runs/" + id).bodyAsJsonObject();
        assertThat(run.getString("status")).isEqualTo("complete");
        assertThat(run.getJsonObject("summary").getLong("seed")).isEqualTo(11);
        assertThat(run.getJsonObject("summary").getInteger("replications")).isEqualTo(2);
        assertThat(fixture.results.resolve(id).resolve("summary.json")).exists();
        assertThat(fixture.results.resolve(id).resolve("status.json")).doesNotExist();
    }

    @Test
    void shouldRefuseAStartWhenTheQueueIsFullAndMarkCancelledRunsAsCancelled() throws Exception
    {
        // One running and two waiting is the fixture's limit.
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < 3; i++)
        {
            final HttpResponse<Buffer> started = fixture.post("/api/runs", new JsonObject().put("scenario", "long"));
            assertThat(started.statusCode()).isEqualTo(202);
            ids.add(started.bodyAsJsonObject().getString("id"));
        }
        final HttpResponse<Buffer> refused = fixture.post("/api/runs", new JsonObject().put("scenario", "long"));
        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat(refused.bodyAsJsonObject().getString("error")).contains("queue is full");

        final JsonArray listed = fixture.get("/api/runs").bodyAsJsonObject().getJsonArray("runs");
        assertThat(listed.stream().map(o -> ((JsonObject)o).getString("status")))
            .containsExactlyInAnyOrder("running", "queued", "queued");

        // The queued ones first (never started), then the running one (stops at its next slice).
        for (int i = 2; i >= 0; i--)
        {
            final HttpResponse<Buffer> cancelled = fixture.post("/api/runs/" + ids.get(i) + "/cancel",
                new JsonObject());
            assertThat(cancelled.statusCode()).isEqualTo(202);
        }
        final JsonObject end = Sse.read(fixture, "/api/runs/" + ids.get(0) + "/progress", new ArrayList<>());
        assertThat(end.getString("status")).isEqualTo("cancelled");
        for (final String id : ids)
        {
            final Path folder = fixture.results.resolve(id);
            assertThat(folder.resolve("summary.json")).doesNotExist();
            assertThat(new JsonObject(Files.readString(folder.resolve("status.json"))).getString("status"))
                .isEqualTo("cancelled");
            final JsonObject run = fixture.get("/api/runs/" + id).bodyAsJsonObject();
            assertThat(run.getString("status")).isEqualTo("cancelled");
            assertThat(run.getString("message")).startsWith("cancelled from the console");
            assertThat(run.containsKey("summary")).isFalse();
            assertThat(fixture.get("/api/runs/" + id + "/timeseries").statusCode()).isEqualTo(409);
        }
        try (var left = Files.list(fixture.results))
        {
            assertThat(left.filter(p -> p.getFileName().toString().startsWith(".tmp-"))).isEmpty();
        }
        assertThat(fixture.post("/api/runs", new JsonObject().put("scenario", "tiny")).statusCode()).isEqualTo(202);
    }

    @Test
    void shouldServeThePagesAndScriptsFromTheJarOnly()
    {
        for (final String path : List.of("/", "/index.html", "/run.html", "/compare.html", "/new.html",
            "/assets/report.js", "/assets/uPlot.iife.min.js", "/assets/console.js"))
        {
            final HttpResponse<Buffer> response = fixture.get(path);
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
        assertThat(fixture.get("/").getHeader("Content-Security-Policy")).contains("default-src 'self'");
        assertThat(fixture.get("/assets/../pom.xml").statusCode()).isEqualTo(404);
        assertThat(fixture.get("/io/windtunnel/console/ConsoleServer.class").statusCode()).isEqualTo(404);
        assertThat(fixture.get("/assets/report.js").bodyAsString(StandardCharsets.UTF_8.name()))
            .contains("report-data");
    }
}
