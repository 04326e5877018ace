package io.windtunnel.console;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;

import java.util.List;

/** Reads a progress stream to its end (WebClient buffers it) and splits it into its events. */
final class Sse
{
    private Sse()
    {
    }

    /**
     * @param fixture  the console.
     * @param path     the stream's path.
     * @param progress receives the data of every {@code progress} event, in order.
     * @return the data of the {@code end} event.
     */
    static JsonObject read(final ConsoleFixture fixture, final String path, final List<JsonObject> progress)
    {
        final HttpResponse<Buffer> response = fixture.get(path);
        if (response.statusCode() != 200)
        {
            throw new AssertionError(path + ": " + response.statusCode() + " " + response.bodyAsString());
        }
        return parse(response.bodyAsString(), progress);
    }

    static JsonObject parse(final String stream, final List<JsonObject> progress)
    {
        JsonObject end = null;
        for (final String event : stream.split("\n\n"))
        {
            String name = null;
            String data = null;
            for (final String line : event.split("\n"))
            {
                if (line.startsWith("event: "))
                {
                    name = line.substring(7);
                }
                else if (line.startsWith("data: "))
                {
                    data = line.substring(6);
                }
            }
            if ("progress".equals(name))
            {
                progress.add(new JsonObject(data));
            }
            else if ("end".equals(name))
            {
                end = new JsonObject(data);
            }
        }
        if (end == null)
        {
            throw new AssertionError("no end event in " + stream);
        }
        return end;
    }
}
