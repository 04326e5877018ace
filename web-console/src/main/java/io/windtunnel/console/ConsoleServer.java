package io.windtunnel.console;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.windtunnel.simulator.policy.PolicyRegistryException;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.ScenarioReader;
import io.windtunnel.traces.TraceFormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The console: a Vert.x Web 5 application over a results folder ({@link RunStore}) that also starts runs
 * ({@link Launcher}) and streams their progress (Server-Sent Events). The route table is {@link #router()}; the API
 * is documented in {@code docs/console.md}.
 * <p>
 * <b>Safety.</b> Binds to 127.0.0.1 unless given a token ({@link ConsoleOptions#check()}); with a token, every page
 * and API call must carry it (header {@code X-Windtunnel-Token} or {@code Authorization: Bearer}, or the cookie set
 * by the one-time URL {@code /?token=T}), compared in constant time. Only plain files inside a run folder of the
 * results folder are served ({@link SafePaths}); pages and scripts come from the jar, from a fixed list.
 * <p>
 * <b>Threading.</b> Handlers run on the event loop and never block: files are read in
 * {@link Vertx#executeBlocking(Callable, boolean)}, runs are simulated on the launcher's own threads, and progress
 * is read from published snapshots.
 */
public final class ConsoleServer
{
    /** Header that may carry the token. */
    public static final String TOKEN_HEADER = "X-Windtunnel-Token";
    /** Cookie the one-time URL sets. */
    public static final String TOKEN_COOKIE = "windtunnel_token";
    private static final Pattern YAML_TYPES = Pattern.compile("(application|text)/(x-)?yaml");
    private static final List<String> START_FIELDS = List.of("scenario", "yaml", "fileName", "seed", "replications");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PAGE_POLICY = "default-src 'self'; img-src 'self' data:; style-src 'self' " +
        "'unsafe-inline'; frame-ancestors 'self'; form-action 'self'; base-uri 'none'";

    private final Vertx vertx;
    private final ConsoleOptions options;
    private final RunStore store;
    private final SweepFolders sweeps;
    private final Launcher launcher;
    private final Assets assets;
    private final byte[] tokenHash;
    private HttpServer server;

    private ConsoleServer(final Vertx vertx, final ConsoleOptions options)
    {
        this.vertx = vertx;
        this.options = options;
        this.store = new RunStore(options.results());
        this.sweeps = new SweepFolders(options.results());
        this.launcher = new Launcher(store, options);
        this.assets = Assets.load();
        this.tokenHash = options.token() == null ? null : sha256(options.token());
    }

    /**
     * Check the options, then listen.
     *
     * @param vertx   the Vert.x instance to run on.
     * @param options where and how.
     * @return the server once it listens; failed if the options are wrong ({@link IllegalArgumentException}) or
     *         the address cannot be bound.
     */
    public static Future<ConsoleServer> start(final Vertx vertx, final ConsoleOptions options)
    {
        try
        {
            options.check();
        }
        catch (final IllegalArgumentException e)
        {
            return Future.failedFuture(e);
        }
        final ConsoleServer console = new ConsoleServer(vertx, options);
        return vertx.createHttpServer(new HttpServerOptions().setHost(options.bind()).setPort(options.port()))
            .requestHandler(console.router())
            .listen()
            .map(listening ->
            {
                console.server = listening;
                return console;
            });
    }

    /**
     * @return the port listened on (the one chosen when the options said 0).
     */
    public int port()
    {
        return server.actualPort();
    }

    /**
     * Stop: cancel queued and running runs (their folders say cancelled), then close the server.
     *
     * @return when closed.
     */
    public Future<Void> close()
    {
        return vertx.executeBlocking(() ->
        {
            launcher.close();
            return null;
        }, false).compose(v -> server == null ? Future.succeededFuture() : server.close());
    }

    /**
     * The one route table: token check, body limit, the API, the progress stream, then the pages.
     *
     * @return the router.
     */
    Router router()
    {
        final Router router = Router.router(vertx);
        router.route().handler(this::securityHeaders);
        if (tokenHash != null)
        {
            router.route().handler(this::checkToken);
        }
        router.post("/api/*").handler(BodyHandler.create(false).setBodyLimit(options.bodyLimitBytes()));

        router.get("/api/runs").handler(this::listRuns);
        router.post("/api/runs").handler(this::startRun);
        router.get("/api/scenarios").handler(this::listScenarios);
        router.get("/api/runs/:id").handler(this::runSummary);
        router.get("/api/runs/:id/timeseries").handler(this::timeSeries);
        router.get("/api/runs/:id/percentiles").handler(this::percentiles);
        router.get("/api/runs/:id/chart-data").handler(this::chartData);
        router.get("/api/runs/:id/files/*").handler(this::download);
        router.post("/api/runs/:id/cancel").handler(this::cancelRun);
        router.get("/api/runs/:id/progress").handler(this::progress);
        router.get("/api/sweeps").handler(this::listSweeps);
        router.get("/api/sweeps/:id").handler(this::sweepSummary);
        router.get("/api/sweeps/:id/chart-data").handler(this::sweepChartData);
        router.get("/api/sweeps/:id/files/*").handler(this::sweepDownload);
        router.route("/api/*").handler(ctx ->
            ctx.fail(new ApiException(404, "no such API route: " + ctx.request().method() + " " +
                ctx.request().path())));

        router.get().handler(this::page);
        router.route().failureHandler(this::failure);
        return router;
    }

    // ----------------------------------------------------------------------------------------------- safety

    private void securityHeaders(final RoutingContext ctx)
    {
        ctx.response().putHeader("X-Content-Type-Options", "nosniff").putHeader("Referrer-Policy", "no-referrer");
        ctx.next();
    }

    private void checkToken(final RoutingContext ctx)
    {
        final String fromQuery = ctx.queryParams().get("token");
        if (fromQuery != null)
        {
            if (!tokenMatches(fromQuery))
            {
                ctx.fail(new ApiException(401, "wrong token"));
                return;
            }
            // The one-time URL: the token moves into a cookie and out of the address bar and history.
            ctx.response().addCookie(Cookie.cookie(TOKEN_COOKIE, fromQuery).setHttpOnly(true).setPath("/")
                .setSameSite(CookieSameSite.STRICT));
            ctx.response().setStatusCode(303).putHeader(HttpHeaders.LOCATION, ctx.request().path()).end();
            return;
        }
        String given = ctx.request().getHeader(TOKEN_HEADER);
        final String authorization = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (given == null && authorization != null && authorization.regionMatches(true, 0, "Bearer ", 0, 7))
        {
            given = authorization.substring(7).trim();
        }
        if (given == null)
        {
            final Cookie cookie = ctx.request().getCookie(TOKEN_COOKIE);
            given = cookie == null ? null : cookie.getValue();
        }
        if (given == null || !tokenMatches(given))
        {
            ctx.fail(new ApiException(401, given == null ? "this console needs its token: open the URL it printed " +
                "(/?token=...), or send the header " + TOKEN_HEADER : "wrong token"));
            return;
        }
        ctx.next();
    }

    /** Constant time: both sides are hashed to 32 bytes first, so neither content nor length leaks by timing. */
    private boolean tokenMatches(final String given)
    {
        return MessageDigest.isEqual(sha256(given), tokenHash);
    }

    private static byte[] sha256(final String text)
    {
        try
        {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        }
        catch (final NoSuchAlgorithmException e)
        {
            throw new IllegalStateException(e);
        }
    }

    private void failure(final RoutingContext ctx)
    {
        final Throwable failure = ctx.failure();
        int status = ctx.statusCode();
        String message;
        int line = 0;
        if (failure instanceof ApiException api)
        {
            status = api.status();
            message = api.getMessage();
            line = api.line();
        }
        else if (status == 413)
        {
            message = "the request body is over the limit of " + options.bodyLimitBytes() + " bytes";
        }
        else if (status > 0 && status < 500)
        {
            message = "request refused (" + status + ")";
        }
        else
        {
            status = 500;
            message = "internal error: " + failure;
            System.err.println("windtunnel console: internal error on " + ctx.request().method() + " " +
                ctx.request().path());
            if (failure != null)
            {
                failure.printStackTrace();
            }
        }
        final HttpServerResponse response = ctx.response();
        if (response.headWritten())
        {
            response.reset();
            return;
        }
        final JsonObject body = new JsonObject().put("error", message);
        if (line > 0)
        {
            body.put("line", line);
        }
        json(ctx, status, body);
    }

    // ----------------------------------------------------------------------------------------------- API

    private void listRuns(final RoutingContext ctx)
    {
        blocking(ctx, () ->
        {
            final JsonArray runs = new JsonArray();
            for (final JsonObject entry : store.list())
            {
                runs.add(overlay(entry));
            }
            return new JsonObject().put("runs", runs);
        }, (c, body) -> json(c, 200, body));
    }

    /** A listed run the console is queueing or running shows that instead of its (still empty) folder. */
    private JsonObject overlay(final JsonObject entry)
    {
        final LiveRun run = launcher.live(entry.getString("id"));
        if (run == null || run.finished())
        {
            return entry;
        }
        final JsonObject snapshot = run.snapshot();
        final JsonArray stacks = new JsonArray();
        for (final Object stack : snapshot.getJsonArray("stacks"))
        {
            stacks.add(new JsonObject().put("name", ((JsonObject)stack).getString("name")));
        }
        return entry.put("status", run.status()).put("scenario", snapshot.getString("scenario"))
            .put("fraction", snapshot.getDouble("fraction")).put("stacks", stacks)
            .put("seed", run.scenario().seed()).put("replications", run.scenario().replications())
            .put("durationSeconds", run.scenario().model().durationNs / 1e9).put("message", null);
    }

    private void runSummary(final RoutingContext ctx)
    {
        final String id = ctx.pathParam("id");
        blocking(ctx, () ->
        {
            final Path folder = existing(id);
            final JsonObject entry = overlay(store.entry(id));
            entry.put("files", RunStore.files(folder));
            final JsonObject summary = store.summary(folder);
            if (summary != null && "complete".equals(entry.getString("status")))
            {
                entry.put("summary", summary);
            }
            final LiveRun run = launcher.live(id);
            if (run != null && !run.finished())
            {
                entry.put("progress", run.snapshot());
            }
            return entry;
        }, (c, body) -> json(c, 200, body));
    }

    private Path existing(final String id) throws IOException
    {
        final Path folder = store.folder(id);
        if (folder == null)
        {
            throw new ApiException(404, "no run '" + id + "' in the results folder");
        }
        if (SweepFolders.isSweep(folder))
        {
            throw new ApiException(404, "'" + id + "' is a sweep, not a run: GET /api/sweeps/" + id);
        }
        return folder;
    }

    private void listSweeps(final RoutingContext ctx)
    {
        blocking(ctx, () -> new JsonObject().put("sweeps", new JsonArray(new ArrayList<>(sweeps.list()))),
            (c, body) -> json(c, 200, body));
    }

    private Path sweep(final String id) throws IOException
    {
        final Path folder = sweeps.folder(id);
        if (folder == null)
        {
            throw new ApiException(404, "no sweep '" + id + "' in the results folder");
        }
        return folder;
    }

    private void sweepSummary(final RoutingContext ctx)
    {
        final String id = ctx.pathParam("id");
        blocking(ctx, () ->
        {
            final Path folder = sweep(id);
            final JsonObject entry = SweepFolders.entry(folder);
            entry.put("files", RunStore.files(folder));
            final JsonObject summary = store.summary(folder);
            if (summary != null && "complete".equals(entry.getString("status")))
            {
                entry.put("summary", summary);
            }
            return entry;
        }, (c, body) -> json(c, 200, body));
    }

    private void sweepChartData(final RoutingContext ctx)
    {
        final String id = ctx.pathParam("id");
        blocking(ctx, () -> SweepFolders.chartData(sweep(id)), (c, data) ->
        {
            if (data == null)
            {
                c.fail(new ApiException(404, "sweep '" + id + "' has no report.html (an unfinished sweep, or one " +
                    "written before sweeps had one: 'windtunnel sweep SWEEP.yaml --out DIR --resume' writes it)"));
                return;
            }
            c.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(data);
        });
    }

    private Path complete(final String id) throws IOException
    {
        final Path folder = existing(id);
        final JsonObject entry = store.entry(id);
        final LiveRun run = launcher.live(id);
        if (run != null || !"complete".equals(entry.getString("status")))
        {
            throw new ApiException(409, "run '" + id + "' is " + (run != null ? run.status() :
                entry.getString("status")) + ", not complete: it has no results");
        }
        return folder;
    }

    private void timeSeries(final RoutingContext ctx)
    {
        final String id = ctx.pathParam("id");
        final String stack = ctx.queryParams().get("stack");
        final int replication = intParam(ctx, "replication", -1, 0, Scenario.MAX_REPLICATIONS - 1);
        blocking(ctx, () -> RunStore.timeSeries(complete(id), stack, replication),
            (c, body) -> json(c, 200, body));
    }

    private void percentiles(final RoutingContext ctx)
    {
        final String id = ctx.pathParam("id");
        final String p = ctx.queryParams().get("p");
        final double[] wanted = p == null ? null : percentileList(p);
        blocking(ctx, () ->
        {
            final Path folder = complete(id);
            final List<String> stacks = new ArrayList<>();
            for (final Object stack : store.summary(folder).getJsonArray("stacks"))
            {
                stacks.add(((JsonObject)stack).getString("name"));
            }
            return RunStore.percentiles(folder, stacks, wanted);
        }, (c, body) -> json(c, 200, body));
    }

    private static double[] percentileList(final String text)
    {
        final String[] parts = text.split(",");
        final double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++)
        {
            try
            {
                out[i] = Double.parseDouble(parts[i].trim());
            }
            catch (final NumberFormatException e)
            {
                out[i] = Double.NaN;
            }
            if (!(out[i] >= 0 && out[i] <= 100))
            {
                throw new ApiException(400, "query 'p': '" + parts[i] + "' is not a percentile in [0, 100]");
            }
        }
        return out;
    }

    private void chartData(final RoutingContext ctx)
    {
        final String id = ctx.pathParam("id");
        blocking(ctx, () -> RunStore.chartData(complete(id)), (c, data) ->
        {
            if (data == null)
            {
                c.fail(new ApiException(404, "run '" + id + "' has no report.html"));
                return;
            }
            c.response().putHeader(HttpHeaders.CONTENT_TYPE, "application/json").end(data);
        });
    }

    private void download(final RoutingContext ctx)
    {
        serveFile(ctx, "run", this::existing);
    }

    private void sweepDownload(final RoutingContext ctx)
    {
        serveFile(ctx, "sweep", this::sweep);
    }

    /** Looks a folder up by the id a request names; throws {@link ApiException} when there is none. */
    private interface FolderLookup
    {
        Path folder(String id) throws IOException;
    }

    /**
     * A plain file of a run's or a sweep's folder (a sweep's {@code variants/v0000001.json} too), every segment of
     * the path checked by {@link SafePaths}.
     */
    private void serveFile(final RoutingContext ctx, final String kind, final FolderLookup lookup)
    {
        final String id = ctx.pathParam("id");
        // The raw path, not the router's decoded one: every segment is checked after decoding it to the end.
        final String raw = ctx.request().path();
        final int at = raw.indexOf("/files/");
        final String rest = at < 0 ? "" : raw.substring(at + "/files/".length());
        blocking(ctx, () ->
        {
            final Path folder = lookup.folder(id);
            final String[] segments = rest.split("/", -1);
            final Path file = SafePaths.inside(folder, segments);
            if (file == null || !Files.isRegularFile(file))
            {
                throw new ApiException(404, kind + " '" + id + "' has no file '" + rest + "'");
            }
            return file;
        }, (c, file) ->
        {
            final String name = file.getFileName().toString();
            final HttpServerResponse response = c.response();
            response.putHeader(HttpHeaders.CONTENT_TYPE, contentType(name))
                // A result file is data, not a page of this console: scripts in it (report.html's) run in an
                // opaque origin that cannot reach the API or the token cookie.
                .putHeader("Content-Security-Policy", "sandbox allow-scripts");
            if (c.queryParams().contains("download"))
            {
                response.putHeader("Content-Disposition", "attachment; filename=\"" + name + "\"");
            }
            response.sendFile(file.toString()).onFailure(e -> response.reset());
        });
    }

    private static String contentType(final String name)
    {
        final String lower = name.toLowerCase(Locale.ROOT);
        if (lower.endsWith(".html"))
        {
            return "text/html; charset=utf-8";
        }
        if (lower.endsWith(".json"))
        {
            return "application/json";
        }
        if (lower.endsWith(".csv"))
        {
            return "text/csv; charset=utf-8";
        }
        if (lower.endsWith(".md"))
        {
            return "text/markdown; charset=utf-8";
        }
        if (lower.endsWith(".jsonl"))
        {
            return "application/x-ndjson";
        }
        return lower.endsWith(".hlog") ? "text/plain; charset=utf-8" : "application/octet-stream";
    }

    private void listScenarios(final RoutingContext ctx)
    {
        blocking(ctx, () ->
        {
            final JsonArray scenarios = new JsonArray();
            if (Files.isDirectory(options.scenarios()))
            {
                try (Stream<Path> files = Files.list(options.scenarios()))
                {
                    files.map(p -> p.getFileName().toString())
                        .filter(n -> n.endsWith(".yaml") && !n.startsWith("."))
                        .sorted()
                        .forEach(n -> scenarios.add(new JsonObject().put("name", n.substring(0, n.length() - 5))
                            .put("file", n)));
                }
            }
            return new JsonObject().put("scenarios", scenarios);
        }, (c, body) -> json(c, 200, body));
    }

    /** What a start request asks for, checked. */
    private record StartRequest(String scenario, String yaml, String fileName, Long seed, Integer replications)
    {
    }

    private void startRun(final RoutingContext ctx)
    {
        final StartRequest request = startRequest(ctx);
        blocking(ctx, () ->
        {
            Scenario scenario = request.yaml() != null ? readUpload(request.yaml(), request.fileName()) :
                readBundled(request.scenario());
            if (request.seed() != null)
            {
                scenario = scenario.withSeed(request.seed());
            }
            if (request.replications() != null)
            {
                scenario = scenario.withReplications(request.replications());
            }
            return launcher.start(scenario);
        }, (c, run) -> json(c, 202, new JsonObject().put("id", run.id()).put("status", run.status())
            .put("run", "/api/runs/" + run.id()).put("progress", "/api/runs/" + run.id() + "/progress")
            .put("cancel", "/api/runs/" + run.id() + "/cancel")));
    }

    private StartRequest startRequest(final RoutingContext ctx)
    {
        final String type = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        final String mediaType = type == null ? "" : type.split(";")[0].trim().toLowerCase(Locale.ROOT);
        final String body = ctx.body().asString("UTF-8");
        if (YAML_TYPES.matcher(mediaType).matches())
        {
            if (body == null || body.isBlank())
            {
                throw new ApiException(400, "the request body is empty: send the scenario's YAML");
            }
            final String name = ctx.queryParams().get("name");
            final String seed = ctx.queryParams().get("seed");
            final String replications = ctx.queryParams().get("replications");
            return new StartRequest(null, body, name, seed == null ? null : longValue("seed", seed),
                replications == null ? null : replications(longValue("replications", replications)));
        }
        if (body == null || body.isBlank())
        {
            throw new ApiException(400, "the request body is empty: send JSON {\"scenario\": NAME} or " +
                "{\"yaml\": TEXT}, or a YAML file with Content-Type: application/yaml");
        }
        final JsonNode root;
        try
        {
            root = JSON.readTree(body);
        }
        catch (final JsonProcessingException e)
        {
            throw new ApiException(400, "the request body is not valid JSON: " + e.getOriginalMessage() +
                " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")",
                e.getLocation().getLineNr());
        }
        if (root == null || !root.isObject())
        {
            throw new ApiException(400, "the request body must be a JSON object, e.g. {\"scenario\": \"quickstart\"}");
        }
        for (final Iterator<String> names = root.fieldNames(); names.hasNext(); )
        {
            final String name = names.next();
            if (!START_FIELDS.contains(name))
            {
                throw new ApiException(400, "field '" + name + "': unknown; the fields are " + START_FIELDS);
            }
        }
        final String scenario = text(root, "scenario");
        final String yaml = text(root, "yaml");
        if ((scenario == null) == (yaml == null))
        {
            throw new ApiException(400, "give exactly one of 'scenario' (a bundled scenario's name) and 'yaml' " +
                "(a scenario file's text)");
        }
        final JsonNode seed = root.get("seed");
        final JsonNode replications = root.get("replications");
        if (seed != null && !seed.isNull() && !seed.canConvertToExactIntegral())
        {
            throw new ApiException(400, "field 'seed': " + seed + " is not an integer");
        }
        if (replications != null && !replications.isNull() && !replications.canConvertToExactIntegral())
        {
            throw new ApiException(400, "field 'replications': " + replications + " is not an integer");
        }
        return new StartRequest(scenario, yaml, text(root, "fileName"),
            seed == null || seed.isNull() ? null : seed.longValue(),
            replications == null || replications.isNull() ? null : replications(replications.asLong()));
    }

    private static String text(final JsonNode root, final String field)
    {
        final JsonNode node = root.get(field);
        if (node == null || node.isNull())
        {
            return null;
        }
        if (!node.isTextual())
        {
            throw new ApiException(400, "field '" + field + "': must be a string");
        }
        return node.asText();
    }

    private static long longValue(final String name, final String text)
    {
        try
        {
            return Long.parseLong(text.trim());
        }
        catch (final NumberFormatException e)
        {
            throw new ApiException(400, "query '" + name + "': '" + text + "' is not an integer");
        }
    }

    private static int replications(final long value)
    {
        if (value < 1 || value > Scenario.MAX_REPLICATIONS)
        {
            throw new ApiException(400, "replications: " + value + " is out of range [1, " +
                Scenario.MAX_REPLICATIONS + "] (the limit of the scenario key 'replications')");
        }
        return (int)value;
    }

    private Scenario readBundled(final String name) throws IOException
    {
        final String plain = SafePaths.plainName(name);
        final Path file = options.scenarios().resolve(plain + ".yaml");
        if (!Files.isRegularFile(file))
        {
            throw new ApiException(404, "no bundled scenario '" + plain + "' (GET /api/scenarios lists them)");
        }
        return read(file, file.getFileName().toString());
    }

    /**
     * An uploaded scenario is read from a hidden temporary file in the scenarios folder, so its relative trace paths
     * mean what they mean for the bundled scenarios; the file is removed once read (the scenario holds its traces).
     */
    private Scenario readUpload(final String yaml, final String fileName) throws IOException
    {
        final String shown = fileName == null || !fileName.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}") ?
            "upload.yaml" : fileName;
        Files.createDirectories(options.scenarios());
        final Path file = Files.createTempFile(options.scenarios(), ".upload-", "-" + shown);
        try
        {
            Files.writeString(file, yaml, StandardCharsets.UTF_8);
            return read(file, shown);
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }

    private static Scenario read(final Path file, final String shown) throws IOException
    {
        try
        {
            return ScenarioReader.read(file);
        }
        catch (final ScenarioException e)
        {
            final String message = e.getMessage().replace(file.toString(), shown);
            final Matcher line = Pattern.compile("^" + Pattern.quote(shown) + ":(\\d+):").matcher(message);
            throw new ApiException(400, message, line.find() ? Integer.parseInt(line.group(1)) : 0);
        }
        catch (final TraceFormatException e)
        {
            final int line = e.problems().isEmpty() ? 0 : (int)Math.min(Integer.MAX_VALUE,
                e.problems().get(0).line());
            throw new ApiException(400, e.getMessage(), line);
        }
        catch (final PolicyRegistryException e)
        {
            throw new ApiException(500, e.getMessage());
        }
    }

    private void cancelRun(final RoutingContext ctx)
    {
        final String id = ctx.pathParam("id");
        blocking(ctx, () ->
        {
            final LiveRun run = launcher.live(id);
            if (run == null)
            {
                final JsonObject entry = store.entry(id);
                if (entry == null)
                {
                    throw new ApiException(404, "no run '" + id + "' in the results folder");
                }
                throw new ApiException(409, "run '" + id + "' is " + entry.getString("status") +
                    ": only a queued or running run of this console can be cancelled");
            }
            launcher.cancel(run);
            return run;
        }, (c, run) -> json(c, 202, new JsonObject().put("id", run.id())
            .put("status", run.finished() ? run.status() : "cancelling")));
    }

    /**
     * Server-Sent Events: {@code event: progress} with {@link LiveRun#snapshot()} every interval while the run is
     * queued or running, then one {@code event: end} with its final status, and the stream ends. A run that is not
     * live gets the {@code end} event at once.
     */
    private void progress(final RoutingContext ctx)
    {
        final String id = ctx.pathParam("id");
        final LiveRun run = launcher.live(id);
        if (run == null)
        {
            blocking(ctx, () ->
            {
                final JsonObject entry = store.entry(id);
                if (entry == null)
                {
                    throw new ApiException(404, "no run '" + id + "' in the results folder");
                }
                return entry;
            }, (c, entry) ->
            {
                startEvents(c.response());
                c.response().end(event("end", new JsonObject().put("id", id).put("status", entry.getString("status"))
                    .put("message", entry.getString("message"))));
            });
            return;
        }
        final HttpServerResponse response = ctx.response();
        startEvents(response);
        response.write(event("progress", run.snapshot()));
        final long timer = vertx.setPeriodic(options.progressIntervalMs(), t ->
        {
            if (run.finished())
            {
                vertx.cancelTimer(t);
                response.end(event("end", new JsonObject().put("id", id).put("status", run.status())
                    .put("message", run.snapshot().getString("message"))));
            }
            else if (!response.writeQueueFull())
            {
                response.write(event("progress", run.snapshot()));
            }
        });
        response.closeHandler(v -> vertx.cancelTimer(timer));
    }

    private static void startEvents(final HttpServerResponse response)
    {
        response.setChunked(true).putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream; charset=utf-8")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache");
    }

    private static String event(final String name, final JsonObject data)
    {
        return "event: " + name + "\ndata: " + data.encode() + "\n\n";
    }

    // ----------------------------------------------------------------------------------------------- pages

    private void page(final RoutingContext ctx)
    {
        final Assets.Asset asset = assets.get(ctx.normalizedPath());
        if (asset == null)
        {
            ctx.response().setStatusCode(404).putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; charset=utf-8")
                .end("not found: " + ctx.normalizedPath());
            return;
        }
        final HttpServerResponse response = ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, asset.type());
        if (asset.type().startsWith("text/html"))
        {
            response.putHeader("Content-Security-Policy", PAGE_POLICY).putHeader(HttpHeaders.CACHE_CONTROL,
                "no-cache");
        }
        response.end(asset.bytes());
    }

    // ----------------------------------------------------------------------------------------------- helpers

    private <T> void blocking(final RoutingContext ctx, final Callable<T> work,
        final BiConsumer<RoutingContext, T> reply)
    {
        vertx.executeBlocking(work, false).onComplete(result ->
        {
            if (result.succeeded())
            {
                try
                {
                    reply.accept(ctx, result.result());
                }
                catch (final RuntimeException e)
                {
                    ctx.fail(e);
                }
            }
            else
            {
                ctx.fail(result.cause());
            }
        });
    }

    private static int intParam(final RoutingContext ctx, final String name, final int absent, final int min,
        final int max)
    {
        final String text = ctx.queryParams().get(name);
        if (text == null)
        {
            return absent;
        }
        final long value = longValue(name, text);
        if (value < min || value > max)
        {
            throw new ApiException(400, "query '" + name + "': " + value + " is out of range [" + min + ", " + max +
                "]");
        }
        return (int)value;
    }

    private static void json(final RoutingContext ctx, final int status, final JsonObject body)
    {
        ctx.response().setStatusCode(status).putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
            .end(body.encode());
    }
}
