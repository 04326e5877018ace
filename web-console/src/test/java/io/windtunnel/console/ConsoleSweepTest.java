package io.windtunnel.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.sweep.LocalSweep;
import io.windtunnel.simulator.sweep.Sweep;
import io.windtunnel.simulator.sweep.SweepProgress;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Sweep folders in the console: listed beside the runs (and not as runs), their summary, chart data and files, with
 * the path-safety and token rules of the run routes.
 */
@ExtendWith(VertxExtension.class)
class ConsoleSweepTest
{
    private static final String TOKEN = "sweep-token-0123456789abcdef";

    @TempDir
    Path dir;

    /** A 4-variant sweep of the fixture's tiny scenario (two stacks, 30 simulated minutes), written by LocalSweep. */
    static Path writeSweep(final ConsoleFixture fixture, final String id) throws Exception
    {
        final Path file = fixture.scenarios.resolve("sweep-" + id + ".yaml");
        Files.writeString(file, """
            name: tiny-sweep
            scenario: tiny.yaml
            set: {duration: 10m, warmup: 1m}
            axes:
              stacks.spot.autoscaler.target: [0.5, 0.8]
            seeds: [1, 2]
            replications: 1
            """);
        final Path out = fixture.results.resolve(id);
        LocalSweep.run(Sweep.read(file), out, 2, false, PolicyRegistry.standard(), SweepProgress.NONE);
        return out;
    }

    @Test
    void shouldListSweepsBesideRunsAndNeverAsRuns(final Vertx vertx) throws Exception
    {
        try (ConsoleFixture fixture = new ConsoleFixture(vertx, dir, null))
        {
            fixture.writeRun("a-run");
            writeSweep(fixture, "a-sweep");
            // A sweep still running (or killed): its manifest and one variant's result so far.
            final Path half = Files.createDirectories(fixture.results.resolve("half-sweep/variants"));
            Files.writeString(half.getParent().resolve("sweep.json"),
                "{\"name\": \"x\", \"fingerprint\": \"f\", \"variants\": 6}");
            Files.writeString(half.resolve("v0000000.json"), "{}");
            Files.writeString(half.resolve("v0000003.failed.json"), "{}");
            Files.writeString(half.resolve(".v0000004.json.tmp"), "{}");

            final JsonArray runs = fixture.get("/api/runs").bodyAsJsonObject().getJsonArray("runs");
            assertThat(runs.stream().map(o -> ((JsonObject)o).getString("id"))).containsExactly("a-run");

            final HttpResponse<Buffer> response = fixture.get("/api/sweeps");
            assertThat(response.statusCode()).isEqualTo(200);
            final JsonArray sweeps = response.bodyAsJsonObject().getJsonArray("sweeps");
            assertThat(sweeps.stream().map(o -> ((JsonObject)o).getString("id")))
                .containsExactlyInAnyOrder("a-sweep", "half-sweep");
            final JsonObject done = find(sweeps, "a-sweep");
            assertThat(done.getString("status")).isEqualTo("complete");
            assertThat(done.getString("name")).isEqualTo("tiny-sweep");
            assertThat(done.getInteger("variants")).isEqualTo(4);
            assertThat(done.getInteger("ran")).isEqualTo(4);
            assertThat(done.getInteger("failed")).isZero();
            assertThat(done.getJsonArray("axes").getList()).containsExactly("stacks.spot.autoscaler.target");
            assertThat(done.getJsonArray("stacks").getList()).containsExactly("spot", "on-demand");
            assertThat(done.getBoolean("report")).isTrue();
            final JsonObject running = find(sweeps, "half-sweep");
            assertThat(running.getString("status")).isEqualTo("incomplete");
            assertThat(running.getInteger("done")).isEqualTo(2);
            assertThat(running.getString("message")).contains("--resume");

            final HttpResponse<Buffer> asRun = fixture.get("/api/runs/a-sweep");
            assertThat(asRun.statusCode()).isEqualTo(404);
            assertThat(asRun.bodyAsJsonObject().getString("error")).contains("is a sweep", "/api/sweeps/a-sweep");
            assertThat(fixture.get("/api/sweeps/a-run").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void shouldServeASweepsSummaryChartDataAndFiles(final Vertx vertx) throws Exception
    {
        try (ConsoleFixture fixture = new ConsoleFixture(vertx, dir, null))
        {
            final Path folder = writeSweep(fixture, "s1");
            final JsonObject sweep = fixture.get("/api/sweeps/s1").bodyAsJsonObject();
            assertThat(sweep.getJsonObject("summary"))
                .isEqualTo(new JsonObject(Files.readString(folder.resolve("summary.json"))));
            assertThat(sweep.getJsonArray("files").stream().map(f -> ((JsonObject)f).getString("name")))
                .contains("results.csv", "histograms.jsonl", "summary.json", "summary.md", "report.html",
                    "sweep.json");

            // The chart data is what the sweep's report.html embeds, so the console draws what the report draws.
            final HttpResponse<Buffer> data = fixture.get("/api/sweeps/s1/chart-data");
            assertThat(data.statusCode()).isEqualTo(200);
            assertThat(data.getHeader("Content-Type")).isEqualTo("application/json");
            final String report = Files.readString(folder.resolve("report.html"));
            final String start = "<script type=\"application/json\" id=\"sweep-data\">";
            final String embedded = report.substring(report.indexOf(start) + start.length(),
                report.indexOf("</script>", report.indexOf(start)));
            assertThat(data.bodyAsString()).isEqualTo(embedded);
            final JsonObject chart = data.bodyAsJsonObject();
            assertThat(chart.getJsonArray("stacks").getList()).containsExactly("spot", "on-demand");
            assertThat(chart.getJsonArray("variants")).hasSize(4);

            assertThat(fixture.get("/api/sweeps/s1/files/results.csv").bodyAsString())
                .isEqualTo(Files.readString(folder.resolve("results.csv")));
            final HttpResponse<Buffer> page = fixture.get("/api/sweeps/s1/files/report.html");
            assertThat(page.getHeader("Content-Security-Policy")).isEqualTo("sandbox allow-scripts");
            assertThat(fixture.get("/api/sweeps/s1/files/variants/v0000002.json").bodyAsString())
                .isEqualTo(Files.readString(folder.resolve("variants/v0000002.json")));
            assertThat(fixture.get("/api/sweeps/s1/files/nothing.csv").statusCode()).isEqualTo(404);
            assertThat(fixture.get("/api/sweeps/s1/files/variants").statusCode()).isEqualTo(404);

            // A sweep folder written before sweeps had a report.html: the chart data says how to write it.
            Files.delete(folder.resolve("report.html"));
            final HttpResponse<Buffer> old = fixture.get("/api/sweeps/s1/chart-data");
            assertThat(old.statusCode()).isEqualTo(404);
            assertThat(old.bodyAsJsonObject().getString("error")).contains("--resume");
            assertThat(fixture.get("/api/sweeps/nope").bodyAsJsonObject().getString("error"))
                .isEqualTo("no sweep 'nope' in the results folder");
        }
    }

    @Test
    void shouldServeNothingOutsideASweepsFolder(final Vertx vertx) throws Exception
    {
        try (ConsoleFixture fixture = new ConsoleFixture(vertx, dir, null))
        {
            final Path folder = writeSweep(fixture, "s1");
            final String secret = "top secret " + System.nanoTime();
            final Path outsideFile = fixture.outside("secret.txt");
            Files.writeString(outsideFile, secret);
            // A folder outside that looks like a sweep, linked into the results folder; a link inside a sweep.
            Files.writeString(outsideFile.getParent().resolve("sweep.json"), "{\"name\": \"" + secret + "\"}");
            Files.createSymbolicLink(fixture.results.resolve("linked-sweep"), outsideFile.getParent());
            Files.createSymbolicLink(folder.resolve("link.txt"), outsideFile);
            final Path hidden = Files.createDirectory(fixture.results.resolve(".tmp-sweep"));
            Files.writeString(hidden.resolve("sweep.json"), "{}");
            Files.writeString(hidden.resolve("secret.txt"), secret);

            final List<String> attempts = List.of(
                "/api/sweeps/s1/files/../../secret.txt",
                "/api/sweeps/s1/files/..%2f..%2fsecret.txt",
                "/api/sweeps/s1/files/%2e%2e/%2e%2e/secret.txt",
                "/api/sweeps/s1/files/variants/%2e%2e/%2e%2e/secret.txt",
                "/api/sweeps/s1/files/%252e%252e/%252e%252e/secret.txt",
                "/api/sweeps/s1/files/%25252e%25252e%25252fsecret.txt",
                "/api/sweeps/s1/files/link.txt",
                "/api/sweeps/s1/files/" + outsideFile.toString().replace("/", "%2f"),
                "/api/sweeps/s1/files//" + outsideFile,
                "/api/sweeps/s1/files/..\\..\\secret.txt",
                "/api/sweeps/%2e%2e/files/secret.txt",
                "/api/sweeps/%252e%252e/files/secret.txt",
                "/api/sweeps/.tmp-sweep/files/secret.txt",
                "/api/sweeps/.tmp-sweep",
                "/api/sweeps/linked-sweep/files/secret.txt",
                "/api/sweeps/linked-sweep",
                "/api/sweeps/linked-sweep/chart-data",
                "/api/sweeps/s1/files/.",
                "/api/sweeps/s1/files/");
            fixture.assertNothingServed(attempts, secret);
            // Listing skips hidden folders and does not follow the link out (the linked folder is refused when named).
            final String list = fixture.get("/api/sweeps").bodyAsString();
            assertThat(list).doesNotContain(".tmp-sweep", "linked-sweep", secret);
            assertThat(fixture.get("/api/sweeps/s1/files/link.txt").bodyAsJsonObject().getString("error"))
                .contains("outside the results folder");
        }
    }

    @Test
    void shouldRequireTheTokenOnTheSweepRoutesAndPages(final Vertx vertx) throws Exception
    {
        final ConsoleOptions options = ConsoleOptions.defaults(dir.resolve("results"), dir.resolve("scenarios"))
            .withAccess("127.0.0.1", TOKEN);
        try (ConsoleFixture fixture = new ConsoleFixture(vertx, dir, options))
        {
            writeSweep(fixture, "s1");
            for (final String path : List.of("/sweep.html", "/assets/sweep.js", "/assets/sweep-page.js",
                "/assets/sweeps.js", "/api/sweeps", "/api/sweeps/s1", "/api/sweeps/s1/chart-data",
                "/api/sweeps/s1/files/results.csv", "/api/sweeps/s1/files/variants/v0000000.json"))
            {
                assertThat(fixture.get(path).statusCode()).as(path).isEqualTo(401);
                assertThat(call(fixture, path, TOKEN + "x").statusCode()).as(path).isEqualTo(401);
                assertThat(call(fixture, path, TOKEN).statusCode()).as(path).isEqualTo(200);
            }
            assertThat(call(fixture, "/assets/sweep.js", TOKEN).bodyAsString(StandardCharsets.UTF_8.name()))
                .contains("window.sweepView");
        }
    }

    private static HttpResponse<Buffer> call(final ConsoleFixture fixture, final String path, final String token)
    {
        return fixture.client.get(fixture.console.port(), "127.0.0.1", path).putHeader(ConsoleServer.TOKEN_HEADER,
            token).send().await();
    }

    private static JsonObject find(final JsonArray list, final String id)
    {
        return list.stream().map(o -> (JsonObject)o).filter(o -> o.getString("id").equals(id)).findFirst()
            .orElseThrow();
    }
}
