package io.windtunnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * {@code windtunnel console} as a real process, as a user starts it: it prints its address (port 0: any free one),
 * serves the runs of its results folder on {@code /api/runs} (a run the CLI wrote, with its headline numbers), and
 * on SIGTERM says it is stopping, exits with 143 (128 + the signal) and releases the port.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class ConsoleCommandTest
{
    private static final long WAIT_MS = 60_000;
    private static final Pattern ADDRESS = Pattern.compile("windtunnel console: http://127\\.0\\.0\\.1:(\\d+)/");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    @Test
    void shouldServeTheResultsFolderAndStopCleanlyOnSigterm() throws Exception
    {
        final Path repo = BadInputCorpusTest.repoRoot();
        final Path scenario = Files.writeString(dir.resolve("mm1.yaml"), Files.readString(
            repo.resolve("scenarios/mm1.yaml")).replace("duration: 2h", "duration: 10m").replace("warmup: 5m",
            "warmup: 1m"));
        final Path results = dir.resolve("results");
        final CliRun run = CliRun.of("run", scenario.toString(), "--out", results.resolve("mm1-run").toString(),
            "--replications", "1", "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();

        final Process process = start("console", "--results", results.toString(), "--scenarios",
            repo.resolve("scenarios").toString(), "--port", "0", "--threads", "1");
        try
        {
            final int port = waitForPort(process);
            final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            final HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/runs")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(200);
            final JsonNode runs = JSON.readTree(response.body()).get("runs");
            assertThat(runs).hasSize(1);
            assertThat(runs.get(0).get("id").asText()).isEqualTo("mm1-run");
            assertThat(runs.get(0).get("status").asText()).isEqualTo("complete");
            assertThat(runs.get(0).get("scenario").asText()).isEqualTo("mm1");
            final JsonNode summary = JSON.readTree(results.resolve("mm1-run/summary.json").toFile());
            assertThat(runs.get(0).get("stacks").get(0).get("p99Ms").asDouble()).isEqualTo(summary.get("stacks")
                .get(0).get("metrics").get("latency.p99_ms").get("mean").asDouble()).isPositive();
            assertThat(http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                HttpResponse.BodyHandlers.ofString()).body()).contains("<h1>Runs</h1>");

            process.destroy();  // SIGTERM
            assertThat(process.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)).as("process ended").isTrue();
            final String out = read(dir.resolve("stdout.txt"));
            final String err = read(dir.resolve("stderr.txt"));
            assertThat(process.exitValue()).as(out + err).isEqualTo(143);
            assertThat(out).contains("results: " + results.toAbsolutePath().normalize(),
                "windtunnel console: stopping");
            assertThat(err).doesNotContain("Exception");
            assertThatThrownBy(() -> http.send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + port + "/api/runs")).build(), HttpResponse.BodyHandlers.ofString()))
                .as("the port is released").isInstanceOf(ConnectException.class);
        }
        finally
        {
            process.destroyForcibly();
        }
    }

    private int waitForPort(final Process process) throws Exception
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (true)
        {
            final Matcher address = ADDRESS.matcher(read(dir.resolve("stdout.txt")));
            if (address.find())
            {
                return Integer.parseInt(address.group(1));
            }
            if (!process.isAlive())
            {
                throw new AssertionError("the console ended early, exit " + process.exitValue() + ":\n" +
                    read(dir.resolve("stderr.txt")));
            }
            if (System.currentTimeMillis() > deadline)
            {
                throw new AssertionError("the console printed no address in " + WAIT_MS + " ms");
            }
            Thread.sleep(20);
        }
    }

    private Process start(final String... args) throws IOException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final String surefire = System.getProperty("surefire.test.class.path");
        final List<String> command = new ArrayList<>(List.of(java, "--add-exports",
            "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", surefire != null && !surefire.isBlank() ? surefire :
            System.getProperty("java.class.path"), WindtunnelCommand.class.getName()));
        command.addAll(List.of(args));
        // Files, not pipes: destroy() closes a process's pipes, and what it printed while stopping is the point.
        return new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    }

    private static String read(final Path file) throws IOException
    {
        return Files.exists(file) ? Files.readString(file) : "";
    }
}
