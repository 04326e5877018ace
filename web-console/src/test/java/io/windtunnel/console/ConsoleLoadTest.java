package io.windtunnel.console;

import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import io.vertx.junit5.VertxExtension;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded load test: while a run executes, 50 clients poll the API (the runs list, a finished run's summary, the
 * running run's summary; 40 requests each, one at a time) and 5 clients follow the run's progress stream to its end.
 * Every call must succeed; the p99 latency of the API calls is printed (not asserted: the machine is shared). All
 * traffic stays on 127.0.0.1 and stops by itself.
 */
@ExtendWith(VertxExtension.class)
class ConsoleLoadTest
{
    private static final int CLIENTS = 50;
    private static final int REQUESTS_PER_CLIENT = 40;
    private static final int STREAMS = 5;

    @TempDir
    Path dir;

    @Test
    void shouldAnswerFiftyPollingClientsAndFiveProgressStreamsWithoutErrorsWhileARunExecutes(final Vertx vertx)
        throws Exception
    {
        try (ConsoleFixture fixture = new ConsoleFixture(vertx, dir, null))
        {
            fixture.writeRun("tiny-a");
            final WebClient client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1")
                .setDefaultPort(fixture.console.port()), new PoolOptions().setHttp1MaxSize(CLIENTS + STREAMS + 5));
            final String id = fixture.post("/api/runs", new JsonObject().put("scenario", "medium"))
                .bodyAsJsonObject().getString("id");

            final List<Future<String>> streams = new ArrayList<>();
            for (int s = 0; s < STREAMS; s++)
            {
                streams.add(client.get("/api/runs/" + id + "/progress").send().map(r -> r.bodyAsString()));
            }
            final Histogram latencyUs = new Histogram(60_000_000L, 3);
            final List<String> errors = new ArrayList<>();
            final AtomicInteger running = new AtomicInteger();
            final String[] paths = {"/api/runs", "/api/runs/tiny-a", "/api/runs/" + id};
            final List<Future<Void>> clients = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++)
            {
                final Promise<Void> done = Promise.promise();
                poll(client, paths, c, 0, latencyUs, errors, running, done);
                clients.add(done.future());
            }
            Future.all(clients).await(3, TimeUnit.MINUTES);
            final List<String> bodies = new ArrayList<>();
            for (final Future<String> stream : streams)
            {
                bodies.add(stream.await(3, TimeUnit.MINUTES));
            }
            client.close();

            assertThat(errors).isEmpty();
            assertThat(latencyUs.getTotalCount()).isEqualTo(CLIENTS * REQUESTS_PER_CLIENT);
            for (final String body : bodies)
            {
                final List<JsonObject> progress = new ArrayList<>();
                final JsonObject end = Sse.parse(body, progress);
                assertThat(end.getString("status")).isEqualTo("complete");
                assertThat(progress).isNotEmpty();
                for (int i = 1; i < progress.size(); i++)
                {
                    assertThat(progress.get(i).getDouble("fraction"))
                        .isGreaterThanOrEqualTo(progress.get(i - 1).getDouble("fraction"));
                }
            }
            System.out.printf("console load: %d clients x %d API calls (%d while the run was running), %d progress " +
                    "streams: latency p50 %.1f ms, p99 %.1f ms, max %.1f ms; 0 errors%n", CLIENTS,
                REQUESTS_PER_CLIENT, running.get(), STREAMS, latencyUs.getValueAtPercentile(50) / 1e3,
                latencyUs.getValueAtPercentile(99) / 1e3, latencyUs.getMaxValue() / 1e3);
        }
    }

    /** One client: its calls one after another, each timed from send to the whole body. */
    private static void poll(final WebClient client, final String[] paths, final int clientIndex, final int call,
        final Histogram latencyUs, final List<String> errors, final AtomicInteger running, final Promise<Void> done)
    {
        if (call == REQUESTS_PER_CLIENT)
        {
            done.complete();
            return;
        }
        final String path = paths[(clientIndex + call) % paths.length];
        final long startNs = System.nanoTime();
        client.get(path).send().onComplete(result ->
        {
            final long us = Math.max(1, (System.nanoTime() - startNs) / 1000);
            synchronized (latencyUs)
            {
                latencyUs.recordValue(Math.min(us, latencyUs.getHighestTrackableValue()));
                if (result.failed())
                {
                    errors.add(path + ": " + result.cause());
                }
                else if (result.result().statusCode() != 200)
                {
                    errors.add(path + ": " + result.result().statusCode() + " " + result.result().bodyAsString());
                }
                else if (path.equals(paths[2]) && "running".equals(result.result().bodyAsJsonObject()
                    .getString("status")))
                {
                    running.incrementAndGet();
                }
            }
            poll(client, paths, clientIndex, call + 1, latencyUs, errors, running, done);
        });
    }
}
