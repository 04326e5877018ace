package io.windtunnel.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The results folder as the console's store: every folder directly inside it is a run, read from disk on each
 * request, so a run written by {@code windtunnel run} appears without a restart and a restart loses nothing.
 * <p>
 * A run's status comes from its files: {@code status.json} (written by the console when a run it started was
 * cancelled or failed) wins; otherwise {@code summary.json} means complete; an empty folder is a run being written
 * (by a CLI or another console: its hidden work folder is beside it) or one whose process was killed, shown as
 * {@code incomplete}. Sweep folders ({@link SweepFolders}) and other folders are not runs and are left out. Runs the
 * console itself is simulating are overlaid by {@link Launcher} (queued, running).
 * <p>
 * Parsed summaries are cached by file size and modification time, so polling the list costs a directory scan and a
 * few {@code stat}s.
 * <p>
 * <b>Threading:</b> thread-safe; every method reads files and blocks: call it off the event loop.
 */
final class RunStore
{
    static final String STATUS_FILE = "status.json";
    static final String SUMMARY_FILE = "summary.json";
    private static final String DATA_START = "<script type=\"application/json\" id=\"report-data\">";
    private static final double[] DEFAULT_PERCENTILES = {50, 90, 99, 99.9, 99.99};

    private final Path root;
    private final Map<Path, Cached> summaries = new ConcurrentHashMap<>();

    /** A parsed summary.json and the file's size and time when it was read. */
    private record Cached(long size, long modifiedMs, JsonObject headline)
    {
    }

    /**
     * @param root the results folder (need not exist yet).
     */
    RunStore(final Path root)
    {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @return the results folder.
     */
    Path root()
    {
        return root;
    }

    /**
     * @return every run on disk, newest first: id, scenario, stacks with headline numbers, date, duration, status.
     */
    List<JsonObject> list() throws IOException
    {
        final List<JsonObject> runs = new ArrayList<>();
        if (!Files.isDirectory(root))
        {
            return runs;
        }
        try (Stream<Path> children = Files.list(root))
        {
            for (final Path folder : (Iterable<Path>)children::iterator)
            {
                final String name = folder.getFileName().toString();
                if (name.startsWith(".") || !Files.isDirectory(folder))
                {
                    continue;
                }
                final JsonObject entry = entry(folder);
                if (entry != null)
                {
                    runs.add(entry);
                }
            }
        }
        runs.sort((a, b) -> b.getString("date").compareTo(a.getString("date")));
        return runs;
    }

    /**
     * @param id a run's id (its folder's name), as sent.
     * @return the run's folder (real path), or null if there is none.
     * @throws ApiException 400 if the id is not a plain name or leads outside the results folder.
     */
    Path folder(final String id) throws IOException
    {
        if (!Files.isDirectory(root))
        {
            return null;
        }
        final Path folder = SafePaths.inside(root, id);
        return folder != null && Files.isDirectory(folder) ? folder : null;
    }

    /**
     * @param id a run's id.
     * @return the run's list entry (status, headline), or null if there is no such run.
     */
    JsonObject entry(final String id) throws IOException
    {
        final Path folder = folder(id);
        return folder == null ? null : entry(folder);
    }

    private JsonObject entry(final Path folder) throws IOException
    {
        final String id = folder.getFileName().toString();
        final BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class);
        final JsonObject entry = new JsonObject().put("id", id)
            .put("date", Instant.ofEpochMilli(attributes.lastModifiedTime().toMillis()).toString());
        final Path status = folder.resolve(STATUS_FILE);
        final Path summary = folder.resolve(SUMMARY_FILE);
        if (SweepFolders.isSweep(folder))
        {
            return null;  // a sweep's folder: listed by SweepFolders
        }
        if (Files.isRegularFile(status))
        {
            final JsonObject note = readJson(status);
            entry.put("status", note.getString("status", "failed"));
            entry.put("message", note.getString("message"));
            entry.put("scenario", note.getString("scenario"));
            entry.put("seed", note.getValue("seed"));
            entry.put("replications", note.getValue("replications"));
            entry.put("durationSeconds", note.getValue("durationSeconds"));
            entry.put("stacks", note.getJsonArray("stacks", new JsonArray()));
            return entry;
        }
        if (Files.isRegularFile(summary))
        {
            entry.put("status", "complete");
            entry.mergeIn(headline(summary));
            return entry;
        }
        try (Stream<Path> children = Files.list(folder))
        {
            if (children.findAny().isPresent())
            {
                return null;  // not a run folder
            }
        }
        return entry.put("status", "incomplete").put("stacks", new JsonArray())
            .put("message", "no result: being written by another process, or left by one that was killed");
    }

    private JsonObject headline(final Path summary) throws IOException
    {
        final BasicFileAttributes attributes = Files.readAttributes(summary, BasicFileAttributes.class);
        final Cached cached = summaries.get(summary);
        if (cached != null && cached.size() == attributes.size() &&
            cached.modifiedMs() == attributes.lastModifiedTime().toMillis())
        {
            return cached.headline();
        }
        final JsonObject json = readJson(summary);
        final JsonArray stacks = new JsonArray();
        for (final Object o : json.getJsonArray("stacks", new JsonArray()))
        {
            final JsonObject stack = (JsonObject)o;
            final JsonObject metrics = stack.getJsonObject("metrics", new JsonObject());
            stacks.add(new JsonObject().put("name", stack.getString("name"))
                .put("costUsd", mean(metrics, "cost.total_usd"))
                .put("p99Ms", mean(metrics, "latency.p99_ms"))
                .put("availability", mean(metrics, "availability.request_share")));
        }
        final JsonObject headline = new JsonObject().put("scenario", json.getString("scenario"))
            .put("seed", json.getValue("seed")).put("replications", json.getValue("replications"))
            .put("start", json.getString("start")).put("durationSeconds", json.getValue("durationSeconds"))
            .put("stacks", stacks);
        summaries.put(summary, new Cached(attributes.size(), attributes.lastModifiedTime().toMillis(), headline));
        return headline;
    }

    private static Object mean(final JsonObject metrics, final String key)
    {
        final JsonObject metric = metrics.getJsonObject(key);
        return metric == null ? null : metric.getValue("mean");
    }

    /**
     * @param folder a run's folder.
     * @return its summary.json, or null when it has none.
     */
    JsonObject summary(final Path folder) throws IOException
    {
        final Path summary = folder.resolve(SUMMARY_FILE);
        return Files.isRegularFile(summary) ? readJson(summary) : null;
    }

    /**
     * @param folder a run's folder.
     * @return the plain files in it (name and bytes), sorted by name.
     */
    static JsonArray files(final Path folder) throws IOException
    {
        final JsonArray files = new JsonArray();
        try (Stream<Path> children = Files.list(folder))
        {
            children.filter(p -> !p.getFileName().toString().startsWith(".") && Files.isRegularFile(p))
                .sorted()
                .forEach(p -> files.add(new JsonObject().put("name", p.getFileName().toString())
                    .put("bytes", p.toFile().length())));
        }
        return files;
    }

    /**
     * @param folder a complete run's folder.
     * @return the chart data that run's {@code report.html} embeds (format in docs/report.md), or null without one.
     */
    static String chartData(final Path folder) throws IOException
    {
        return embeddedData(folder.resolve("report.html"), DATA_START);
    }

    /**
     * @param report a report.html (a run's or a sweep's).
     * @param start  the opening tag of the data element.
     * @return the JSON in that element, or null without the file.
     * @throws ApiException 500 if the file holds no such element.
     */
    static String embeddedData(final Path report, final String start) throws IOException
    {
        if (!Files.isRegularFile(report))
        {
            return null;
        }
        final String page = Files.readString(report, StandardCharsets.UTF_8);
        final int at = page.indexOf(start);
        final int end = at < 0 ? -1 : page.indexOf("</script>", at);
        if (end < 0)
        {
            throw new ApiException(500, "report.html of this folder holds no chart data");
        }
        return page.substring(at + start.length(), end);
    }

    /**
     * The time series of {@code timeseries.csv} as columns.
     *
     * @param folder      a complete run's folder.
     * @param stack       only this stack's rows, or null for all.
     * @param replication only this replication's rows, or -1 for all.
     * @return {@code {"columns": [...], "rows": [[...], ...]}}, numbers as numbers, empty cells null.
     */
    static JsonObject timeSeries(final Path folder, final String stack, final int replication) throws IOException
    {
        final Path csv = folder.resolve("timeseries.csv");
        if (!Files.isRegularFile(csv))
        {
            return null;
        }
        final JsonArray rows = new JsonArray();
        JsonArray columns = null;
        try (BufferedReader in = Files.newBufferedReader(csv, StandardCharsets.UTF_8))
        {
            final String header = in.readLine();
            columns = new JsonArray();
            if (header == null)
            {
                return new JsonObject().put("columns", columns).put("rows", rows);
            }
            final String[] names = header.split(",", -1);
            for (final String name : names)
            {
                columns.add(name);
            }
            final int stackColumn = indexOf(names, "stack");
            final int replicationColumn = indexOf(names, "replication");
            for (String line = in.readLine(); line != null; line = in.readLine())
            {
                final String[] cells = line.split(",", -1);
                if (stack != null && (stackColumn < 0 || !stack.equals(cells[stackColumn])))
                {
                    continue;
                }
                if (replication >= 0 && (replicationColumn < 0 ||
                    !Integer.toString(replication).equals(cells[replicationColumn])))
                {
                    continue;
                }
                final JsonArray row = new JsonArray();
                for (int c = 0; c < cells.length; c++)
                {
                    row.add(c == stackColumn ? cells[c] : cell(cells[c]));
                }
                rows.add(row);
            }
        }
        return new JsonObject().put("columns", columns).put("rows", rows);
    }

    private static Object cell(final String text)
    {
        if (text.isEmpty())
        {
            return null;
        }
        try
        {
            final double v = Double.parseDouble(text);
            return Double.isFinite(v) ? (Object)v : null;
        }
        catch (final NumberFormatException e)
        {
            return text;
        }
    }

    private static int indexOf(final String[] names, final String name)
    {
        for (int i = 0; i < names.length; i++)
        {
            if (names[i].equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Latency percentiles per stack from {@code latency.hlog}: the intervals tagged {@code STACK/rN} (all measured
     * requests of replication N) of all replications added up.
     *
     * @param folder      a complete run's folder.
     * @param stacks      the run's stack names, in order.
     * @param percentiles the percentiles wanted, or null for 50, 90, 99, 99.9, 99.99.
     * @return {@code {"percentiles": [...], "stacks": [{"name", "count", "ms": [...]}]}}, or null without a log.
     */
    static JsonObject percentiles(final Path folder, final List<String> stacks, final double[] percentiles)
        throws IOException
    {
        final Path log = folder.resolve("latency.hlog");
        if (!Files.isRegularFile(log))
        {
            return null;
        }
        final double[] wanted = percentiles == null ? DEFAULT_PERCENTILES : percentiles;
        final Map<String, Histogram> merged = new LinkedHashMap<>();
        final Map<String, String> byTag = new LinkedHashMap<>();
        for (final String stack : stacks)
        {
            merged.put(stack, new Histogram(3));
            // latency.hlog writes whitespace and commas in tags as '_'.
            byTag.put(stack.replaceAll("[\\s,]", "_"), stack);
        }
        final HistogramLogReader reader = new HistogramLogReader(log.toFile());
        try
        {
            for (Object h = reader.nextIntervalHistogram(); h != null; h = reader.nextIntervalHistogram())
            {
                final Histogram histogram = (Histogram)h;
                final String tag = histogram.getTag();
                if (tag == null)
                {
                    continue;
                }
                final int slash = tag.lastIndexOf("/r");
                if (slash < 0 || !tag.substring(slash + 2).chars().allMatch(Character::isDigit) ||
                    slash + 2 == tag.length())
                {
                    continue;  // a client or provider interval, not a total
                }
                final String stack = byTag.get(tag.substring(0, slash));
                if (stack != null)
                {
                    merged.get(stack).add(histogram);
                }
            }
        }
        finally
        {
            reader.close();
        }
        final JsonArray ps = new JsonArray();
        for (final double p : wanted)
        {
            ps.add(p);
        }
        final JsonArray out = new JsonArray();
        for (final Map.Entry<String, Histogram> stack : merged.entrySet())
        {
            final Histogram h = stack.getValue();
            final JsonArray ms = new JsonArray();
            for (final double p : wanted)
            {
                ms.add(h.getTotalCount() == 0 ? null : h.getValueAtPercentile(p) / 1e6);
            }
            out.add(new JsonObject().put("name", stack.getKey()).put("count", h.getTotalCount()).put("ms", ms));
        }
        return new JsonObject().put("percentiles", ps).put("stacks", out);
    }

    static JsonObject readJson(final Path file) throws IOException
    {
        try
        {
            return new JsonObject(Files.readString(file, StandardCharsets.UTF_8));
        }
        catch (final io.vertx.core.json.DecodeException e)
        {
            throw new ApiException(500, file.getFileName() + " of this folder is not valid JSON: " + e.getMessage());
        }
    }
}
