package io.windtunnel.console;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Who may use the console: 127.0.0.1 by default; elsewhere only with a token, on every page and API call. */
@ExtendWith(VertxExtension.class)
class ConsoleTokenTest
{
    private static final String TOKEN = "0123456789abcdef-secret";

    @TempDir
    Path dir;

    @Test
    void shouldRefuseAnotherAddressWithoutATokenAndAShortToken(final Vertx vertx)
    {
        final ConsoleOptions options = ConsoleOptions.defaults(dir.resolve("results"), dir.resolve("scenarios"));
        assertThat(options.bind()).isEqualTo("127.0.0.1");
        assertThatThrownBy(() -> ConsoleServer.start(vertx, options.withAccess("0.0.0.0", null)).await())
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageStartingWith("--bind 0.0.0.0 makes the console reachable from other machines: give --token");
        assertThatThrownBy(() -> ConsoleServer.start(vertx, options.withAccess("0.0.0.0", "short")).await())
            .hasMessageStartingWith("--token: too short (5 characters)");
        assertThatThrownBy(() -> options.withAccess("no.such.host.invalid", TOKEN).check())
            .hasMessageStartingWith("--bind: 'no.such.host.invalid' is not an address of this machine");
        options.withAccess("::1", null).check();
        options.withAccess("0.0.0.0", TOKEN).check();
    }

    @Test
    void shouldRequireTheTokenOnEveryPageAndApiCallWhenGivenOne(final Vertx vertx) throws Exception
    {
        final ConsoleOptions options = ConsoleOptions.defaults(dir.resolve("results"), dir.resolve("scenarios"))
            .withAccess("127.0.0.1", TOKEN);
        try (ConsoleFixture fixture = new ConsoleFixture(vertx, dir, options))
        {
            fixture.writeRun("done");
            for (final String path : List.of("/", "/run.html", "/assets/console.js", "/api/runs", "/api/runs/done",
                "/api/runs/done/files/summary.json", "/api/runs/done/progress"))
            {
                assertThat(fixture.get(path).statusCode()).as(path).isEqualTo(401);
                assertThat(call(fixture, path, "X-Windtunnel-Token", TOKEN + "x").statusCode()).as(path)
                    .isEqualTo(401);
                assertThat(call(fixture, path, "X-Windtunnel-Token", TOKEN).statusCode()).as(path).isEqualTo(200);
                assertThat(call(fixture, path, "Authorization", "Bearer " + TOKEN).statusCode()).as(path)
                    .isEqualTo(200);
            }
            assertThat(fixture.post("/api/runs", new io.vertx.core.json.JsonObject().put("scenario", "tiny"))
                .statusCode()).isEqualTo(401);
            assertThat(fixture.get("/api/runs").bodyAsJsonObject().getString("error")).contains("/?token=");

            // The one-time URL sets an HttpOnly, SameSite cookie and redirects to a URL without the token.
            assertThat(fixture.get("/?token=wrong-" + TOKEN).statusCode()).isEqualTo(401);
            final HttpResponse<Buffer> once = fixture.client.get(fixture.console.port(), "127.0.0.1",
                "/run.html?token=" + TOKEN).followRedirects(false).send().await();
            assertThat(once.statusCode()).isEqualTo(303);
            assertThat(once.getHeader("Location")).isEqualTo("/run.html");
            final String cookie = once.cookies().get(0);
            assertThat(cookie).startsWith(ConsoleServer.TOKEN_COOKIE + "=" + TOKEN).containsIgnoringCase("HttpOnly")
                .contains("SameSite=Strict");
            final String pair = cookie.substring(0, cookie.indexOf(';'));
            assertThat(call(fixture, "/api/runs", "Cookie", pair).statusCode()).isEqualTo(200);
            assertThat(call(fixture, "/api/runs", "Cookie", ConsoleServer.TOKEN_COOKIE + "=nope").statusCode())
                .isEqualTo(401);
        }
    }

    private static HttpResponse<Buffer> call(final ConsoleFixture fixture, final String path, final String header,
        final String value)
    {
        return fixture.client.get(fixture.console.port(), "127.0.0.1", path).putHeader(header, value).send().await();
    }
}
