package io.windtunnel.console;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The sweeps in the results folder: every folder directly inside it that holds a {@code sweep.json} (the manifest
 * {@code windtunnel sweep} writes first), read from disk on each request like the runs ({@link RunStore}), which
 * leaves these folders out.
 * <p>
 * A sweep's status comes from its files: {@code summary.json} written for as many variants as the manifest names
 * means {@code complete} (some variants may have failed: {@code failed} counts them); otherwise it is being run (by a
 * process the console does not know) or was killed, shown as {@code incomplete} with the variants whose results are
 * written so far ({@code done}).
 * <p>
 * <b>Threading:</b> stateless but for the root; every method reads files and blocks: call it off the event loop.
 */
final class SweepFolders
{
    static final String MANIFEST = "sweep.json";
    private static final String DATA_START = "<script type=\"application/json\" id=\"sweep-data\">";

    private final Path root;

    /**
     * @param root the results folder (need not exist yet).
     */
    SweepFolders(final Path root)
    {
        this.root = root.toAbsolutePath().normalize();
    }

    /**
     * @param folder a folder of the results folder.
     * @return true if a sweep wrote it.
     */
    static boolean isSweep(final Path folder)
    {
        return Files.isRegularFile(folder.resolve(MANIFEST));
    }

    /**
     * @return every sweep, newest first: id, name, status, date, variants, done, ran, failed, axes and stacks.
     */
    List<JsonObject> list() throws IOException
    {
        final List<JsonObject> sweeps = new ArrayList<>();
        if (!Files.isDirectory(root))
        {
            return sweeps;
        }
        final Path realRoot = root.toRealPath();
        try (Stream<Path> children = Files.list(root))
        {
            for (final Path folder : (Iterable<Path>)children::iterator)
            {
                // A link to a folder outside is not listed (and refused when named: folder(id)).
                if (!folder.getFileName().toString().startsWith(".") && Files.isDirectory(folder) && isSweep(folder) &&
                    folder.toRealPath().startsWith(realRoot))
                {
                    sweeps.add(entry(folder));
                }
            }
        }
        sweeps.sort((a, b) -> b.getString("date").compareTo(a.getString("date")));
        return sweeps;
    }

    /**
     * @param id a sweep's id (its folder's name), as sent.
     * @return the sweep's folder (real path), or null if there is no such sweep.
     * @throws ApiException 400 if the id is not a plain name or leads outside the results folder.
     */
    Path folder(final String id) throws IOException
    {
        if (!Files.isDirectory(root))
        {
            return null;
        }
        final Path folder = SafePaths.inside(root, id);
        return folder != null && Files.isDirectory(folder) && isSweep(folder) ? folder : null;
    }

    /**
     * @param folder a sweep's folder.
     * @return its list entry.
     */
    static JsonObject entry(final Path folder) throws IOException
    {
        final BasicFileAttributes attributes = Files.readAttributes(folder, BasicFileAttributes.class);
        final JsonObject manifest = RunStore.readJson(folder.resolve(MANIFEST));
        final JsonObject entry = new JsonObject().put("id", folder.getFileName().toString())
            .put("name", manifest.getString("name"))
            .put("date", Instant.ofEpochMilli(attributes.lastModifiedTime().toMillis()).toString())
            .put("variants", manifest.getValue("variants"));
        final Path summaryFile = folder.resolve(RunStore.SUMMARY_FILE);
        final JsonObject summary = Files.isRegularFile(summaryFile) ? RunStore.readJson(summaryFile) : null;
        if (summary != null && summary.getValue("variants") != null &&
            summary.getValue("variants").equals(manifest.getValue("variants")))
        {
            final JsonArray axes = new JsonArray();
            final JsonArray stacks = new JsonArray();
            for (final Object o : summary.getJsonArray("axes", new JsonArray()))
            {
                final JsonObject axis = (JsonObject)o;
                axes.add(axis.getString("axis"));
                if (stacks.isEmpty())
                {
                    stacks.addAll(new JsonArray(new ArrayList<>(axis.getJsonObject("sensitivity").fieldNames())));
                }
            }
            return entry.put("status", "complete").put("ran", summary.getValue("ran"))
                .put("failed", summary.getJsonArray("failed", new JsonArray()).size())
                .put("objective", summary.getString("objective")).put("axes", axes).put("stacks", stacks)
                .put("report", Files.isRegularFile(folder.resolve("report.html")));
        }
        int done = 0;
        final Path variants = folder.resolve("variants");
        if (Files.isDirectory(variants))
        {
            try (Stream<Path> files = Files.list(variants))
            {
                done = (int)files.filter(p -> p.getFileName().toString().matches("v\\d+(\\.failed)?\\.json")).count();
            }
        }
        return entry.put("status", "incomplete").put("done", done).put("axes", new JsonArray())
            .put("stacks", new JsonArray()).put("report", false)
            .put("message", "no summary yet: being run by 'windtunnel sweep', or left by one that was killed (" +
                "--resume goes on with it)");
    }

    /**
     * @param folder a sweep's folder.
     * @return the data its {@code report.html} embeds for the sweep view (format in docs/spark.md), or null if it
     *         has no report.html.
     */
    static String chartData(final Path folder) throws IOException
    {
        return RunStore.embeddedData(folder.resolve("report.html"), DATA_START);
    }
}
