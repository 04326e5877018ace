package io.windtunnel.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.scenario.ScenarioReader;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A results folder and a scenarios folder in a temporary directory, a console over them on port 0, and a
 * {@link WebClient} to call it. Scenarios: {@code tiny} (30 simulated minutes, two stacks, well under a second), {@code medium} (4 hours: seconds) and
 * {@code long} (the same world for 20 days at a tenth of the load: minutes of work, for cancel and a full queue).
 */
final class ConsoleFixture implements AutoCloseable
{
    /** Constant load and prices, no trace files: runs anywhere, in any folder. */
    static final String TINY = """
        name: tiny
        seed: 5
        replications: 1
        duration: 30m
        warmup: 2m
        controlInterval: 30s
        sampleInterval: 5m
        providers:
          aws:
            preemptionNotice: 2m
            regions: {us-east-1: {}}
            instanceTypes: {m5.large: {workers: 2, boot: 40s}}
          gcp:
            preemptionNotice: 30s
            regions: {us-central1: {quota: 4}}
            instanceTypes: {n2-standard-2: {workers: 2, speed: 1.25, boot: 20s}}
        prices:
          - {provider: aws, region: us-east-1, instanceType: m5.large, market: on-demand, pricePerHour: 0.096}
          - {provider: aws, region: us-east-1, instanceType: m5.large, market: spot, pricePerHour: 0.034}
          - {provider: gcp, region: us-central1, instanceType: n2-standard-2, market: spot, pricePerHour: 0.029}
        load:
          constant: {east: 120, west: 60}
        clients:
          east: {rtt: {us-east-1: 10ms, us-central1: 30ms}}
          west: {rtt: {default: 70ms}}
        network: {jitter: 1ms}
        service: {distribution: lognormal, mean: 25ms, cv: 1.5, queueLimit: 20, timeout: 400ms, retries: 1}
        slo: {latency: 200ms, requiredReadyReplicas: 2}
        stacks:
          - name: spot
            autoscaler: {type: target-utilization, target: 0.7, min: 2, max: 20, initial: 3}
            placement: {markets: [spot]}
          - name: on-demand
            autoscaler: {type: fixed, replicas: 4}
            placement: {markets: [on-demand]}
        """;

    final Path results;
    final Path scenarios;
    final Vertx vertx;
    final ConsoleServer console;
    final WebClient client;
    private final List<Path> extra = new ArrayList<>();

    ConsoleFixture(final Vertx vertx, final Path dir, final ConsoleOptions base) throws IOException
    {
        this.vertx = vertx;
        results = Files.createDirectories(dir.resolve("results"));
        scenarios = Files.createDirectories(dir.resolve("scenarios"));
        Files.writeString(scenarios.resolve("tiny.yaml"), TINY);
        // A tenth of the load for 20 days: minutes of work, in slices (1/200) short enough to cancel quickly.
        Files.writeString(scenarios.resolve("long.yaml"), scenario("long", "20d")
            .replace("constant: {east: 120, west: 60}", "constant: {east: 12, west: 6}"));
        Files.writeString(scenarios.resolve("medium.yaml"), scenario("medium", "4h"));
        final ConsoleOptions options = base == null ? ConsoleOptions.defaults(results, scenarios)
            .withLimits(1, 2, 2).withBodyLimitAndInterval(64 * 1024, 100) : base;
        console = ConsoleServer.start(vertx, new ConsoleOptions(results, scenarios, options.bind(), 0,
            options.token(), options.maxRunning(), options.maxQueued(), options.threadsPerRun(),
            options.bodyLimitBytes(), options.progressIntervalMs())).await();
        client = WebClient.create(vertx);
    }

    /**
     * @param name     the scenario's name.
     * @param duration its simulated duration.
     * @return the tiny scenario's text under another name and duration.
     */
    static String scenario(final String name, final String duration)
    {
        return TINY.replace("name: tiny", "name: " + name).replace("duration: 30m", "duration: " + duration);
    }

    /**
     * Write a complete run into the results folder as {@code windtunnel run} does.
     *
     * @param id the folder's name.
     * @return the folder.
     */
    Path writeRun(final String id) throws Exception
    {
        final Path file = scenarios.resolve("tiny.yaml");
        final Path target = results.resolve(id);
        ResultWriter.write(new Runner().run(ScenarioReader.read(file), 2), target);
        return target;
    }

    HttpResponse<Buffer> get(final String path)
    {
        return client.get(console.port(), "127.0.0.1", path).send().await();
    }

    HttpResponse<Buffer> post(final String path, final JsonObject body)
    {
        return client.post(console.port(), "127.0.0.1", path).sendJsonObject(body).await();
    }

    HttpResponse<Buffer> postText(final String path, final String contentType, final String body)
    {
        return client.post(console.port(), "127.0.0.1", path).putHeader("Content-Type", contentType)
            .sendBuffer(Buffer.buffer(body)).await();
    }

    /**
     * Every attempt is refused (400 or 404) and none gets the secret in its body.
     *
     * @param attempts request paths that try to reach a file outside a run's or a sweep's folder.
     * @param secret   the content of that file.
     */
    void assertNothingServed(final List<String> attempts, final String secret)
    {
        final List<String> served = new ArrayList<>();
        for (final String attempt : attempts)
        {
            final HttpResponse<Buffer> response = get(attempt);
            final String body = response.body() == null ? "" : response.bodyAsString();
            if (response.statusCode() == 200 || body.contains(secret))
            {
                served.add(attempt + " -> " + response.statusCode());
            }
            assertThat(response.statusCode()).as(attempt).isIn(400, 404);
        }
        assertThat(served).isEmpty();
    }

    /** A path outside the results folder that tests may create files in. */
    Path outside(final String name)
    {
        final Path path = results.getParent().resolve(name);
        extra.add(path);
        return path;
    }

    @Override
    public void close()
    {
        client.close();
        console.close().await();
    }
}
