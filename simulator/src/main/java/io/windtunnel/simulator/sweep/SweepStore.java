package io.windtunnel.simulator.sweep;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's output folder: {@code sweep.json} (the sweep's name, fingerprint and size, so that {@code --resume}
 * refuses a changed sweep) and one file per variant under {@code variants/}, written to a temporary name and
 * renamed into place, so a file that exists is complete: {@code v0000017.json} for a variant that ran,
 * {@code v0000017.failed.json} for one that failed (run again on resume). A killed sweep leaves at most temporary
 * files, which the next run ignores and overwrites.
 * <p>
 * <b>Threading:</b> {@link #write} and {@link #complete} may be called from any number of threads (each variant has
 * its own files).
 */
public final class SweepStore
{
    private static final ObjectMapper JSON = JsonMapper.builder()
        .enable(SerializationFeature.INDENT_OUTPUT).build();

    private final Path out;
    private final Path variants;

    private SweepStore(final Path out)
    {
        this.out = out;
        this.variants = out.resolve("variants");
    }

    /**
     * Open the folder for a sweep: create it, or with {@code resume} reopen one that holds the same sweep.
     *
     * @param out    the output folder.
     * @param sweep  the sweep.
     * @param resume true to go on with a folder a previous run of the same sweep left.
     * @return the store.
     * @throws SweepException if the folder holds something else, or (resume) another sweep.
     * @throws IOException    if the folder cannot be written.
     */
    public static SweepStore open(final Path out, final Sweep sweep, final boolean resume)
        throws SweepException, IOException
    {
        final SweepStore store = new SweepStore(out);
        final Path manifest = out.resolve("sweep.json");
        final Map<String, Object> expected = new LinkedHashMap<>();
        expected.put("name", sweep.name());
        expected.put("fingerprint", sweep.fingerprint());
        expected.put("variants", sweep.variants().size());
        if (Files.exists(out) && !isEmptyFolder(out))
        {
            if (!resume)
            {
                throw new SweepException(out + ": exists and is not empty; name a new folder with --out, or add " +
                    "--resume to go on with the sweep it holds");
            }
            if (!Files.isRegularFile(manifest))
            {
                throw new SweepException(out + ": holds no sweep.json, so it is not a sweep's folder; cannot resume " +
                    "into it");
            }
            final Map<?, ?> found = JSON.readValue(manifest.toFile(), Map.class);
            if (!expected.get("fingerprint").equals(found.get("fingerprint")))
            {
                throw new SweepException(out + ": holds the results of another sweep ('" + found.get("name") +
                    "', or this one before its sweep or base scenario file changed); cannot resume: name a new " +
                    "folder with --out");
            }
            Files.createDirectories(store.variants);
            return store;
        }
        Files.createDirectories(store.variants);
        store.writeAtomically(manifest, JSON.writeValueAsBytes(expected));
        return store;
    }

    /**
     * @param out a folder a sweep wrote.
     * @return a store over it, to read its results ({@link #readAll}); nothing is checked or created.
     */
    public static SweepStore reopen(final Path out)
    {
        return new SweepStore(out);
    }

    private static boolean isEmptyFolder(final Path folder) throws IOException
    {
        if (!Files.isDirectory(folder))
        {
            return false;
        }
        try (var entries = Files.list(folder))
        {
            return entries.findAny().isEmpty();
        }
    }

    /** @return the output folder. */
    public Path folder()
    {
        return out;
    }

    /**
     * @param index a variant's index.
     * @return true if the variant ran and its result is on disk.
     */
    public boolean complete(final int index)
    {
        return Files.isRegularFile(okFile(index));
    }

    /**
     * @param sweep  the sweep this store holds.
     * @param resume true to leave out the variants already complete.
     * @return the variants to run, in index order.
     */
    public List<Variant> toRun(final Sweep sweep, final boolean resume)
    {
        final List<Variant> todo = new ArrayList<>();
        for (final Variant variant : sweep.variants())
        {
            if (!resume || !complete(variant.index()))
            {
                todo.add(variant);
            }
        }
        return todo;
    }

    /**
     * Write a variant's result atomically; a success removes an earlier failure's file.
     *
     * @param result the result.
     * @throws IOException if it cannot be written.
     */
    public void write(final VariantResult result) throws IOException
    {
        final int index = result.variant().index();
        if (result.ok())
        {
            writeAtomically(okFile(index), JSON.writeValueAsBytes(result));
            Files.deleteIfExists(failedFile(index));
        }
        else
        {
            writeAtomically(failedFile(index), JSON.writeValueAsBytes(result));
        }
    }

    /**
     * @param count the sweep's number of variants.
     * @return every result on disk, in index order (a variant with neither file is left out).
     * @throws IOException if a file cannot be read.
     */
    public List<VariantResult> readAll(final int count) throws IOException
    {
        final List<VariantResult> results = new ArrayList<>();
        for (int i = 0; i < count; i++)
        {
            final Path file = Files.isRegularFile(okFile(i)) ? okFile(i) : failedFile(i);
            if (Files.isRegularFile(file))
            {
                results.add(JSON.readValue(file.toFile(), VariantResult.class));
            }
        }
        return results;
    }

    private Path okFile(final int index)
    {
        return variants.resolve(String.format("v%07d.json", index));
    }

    private Path failedFile(final int index)
    {
        return variants.resolve(String.format("v%07d.failed.json", index));
    }

    /**
     * Write a file through a temporary sibling and a rename, so that readers see all of it or nothing.
     *
     * @param file  the file.
     * @param bytes its content.
     * @throws IOException if it cannot be written.
     */
    static void writeAtomically(final Path file, final byte[] bytes) throws IOException
    {
        final Path temporary = file.resolveSibling(file.getFileName() + ".tmp-" + Thread.currentThread().getId());
        Files.write(temporary, bytes);
        try
        {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (final AtomicMoveNotSupportedException e)
        {
            Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
