package io.windtunnel.simulator.report;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A result folder, reserved before a run starts and filled atomically when it ends.
 * <p>
 * {@link #reserve} creates a hidden work folder {@code .tmp-NAME-*}, where results (and anything a run spools while
 * simulating) are written, and then the target folder (an atomic {@code mkdir}, so of two runs started together with
 * the same target exactly one gets it; the other sees that run's work folder and takes {@code NAME-2}, so both keep
 * their results, while a target holding an earlier result is refused before anything is simulated).
 * {@link #commit} renames the work folder onto the still-empty reservation in one step, so a reader never sees half
 * a result. {@link #abort} removes both. A process killed outright leaves an empty target and a hidden work
 * folder, never a folder that looks complete.
 * <p>
 * Reserving first is also the check that the target can be written at all: a path under a file, in a read-only
 * folder, or on a full disk fails here, before the simulation, instead of after it.
 * <p>
 * <b>Threading:</b> not thread-safe; one owner.
 */
public final class RunFolder implements AutoCloseable
{
    private static final int MAX_SUFFIX = 1000;

    private final Path target;
    private final Path workDir;
    private boolean finished;

    private RunFolder(final Path target, final Path workDir)
    {
        this.target = target;
        this.workDir = workDir;
    }

    /**
     * Reserve {@code target}, which must not exist. If it was reserved a moment ago by another run that is still
     * going (it is empty and has that run's work folder beside it), both runs keep their results: this one takes the
     * first free {@code target-2}, {@code target-3}, ... instead (see {@link #target()}).
     *
     * @param target the result folder to create.
     * @return the reservation.
     * @throws RunFolderException if it exists or cannot be created, with a message for the user.
     */
    public static RunFolder reserve(final Path target) throws RunFolderException
    {
        final Path absolute = target.toAbsolutePath().normalize();
        createParents(target, absolute.getParent());
        // The work folder comes first: a run that finds the target taken can then tell a run in progress (an empty
        // target with a work folder beside it) from a finished result or a folder someone made.
        final Path work = createWorkDir(target, absolute);
        try
        {
            Files.createDirectory(absolute);
            return new RunFolder(target, work);
        }
        catch (final FileAlreadyExistsException e)
        {
            deleteTree(work);
            if (isEmptyFolder(absolute) && hasOtherWorkDir(absolute, work))
            {
                final Path parent = target.getParent() == null ? Path.of("") : target.getParent();
                return reserveUnique(parent, absolute.getFileName().toString());
            }
            throw new RunFolderException(target + " already exists" + (isEmptyFolder(absolute) ?
                " (an empty folder: perhaps left by a run that was killed; remove it)" : "") +
                "; choose another --out or remove it");
        }
        catch (final IOException e)
        {
            deleteTree(work);
            throw new RunFolderException(target + ": cannot create the result folder: " + reason(e));
        }
    }

    private static boolean hasOtherWorkDir(final Path absolute, final Path own)
    {
        final String prefix = ".tmp-" + absolute.getFileName() + "-";
        try (Stream<Path> siblings = Files.list(absolute.getParent()))
        {
            return siblings.anyMatch(p -> !p.equals(own) && p.getFileName().toString().startsWith(prefix) &&
                Files.isDirectory(p));
        }
        catch (final IOException e)
        {
            return false;
        }
    }

    /**
     * Reserve {@code parent/baseName}, or {@code baseName-2}, {@code -3}, ... if taken, so that runs started at the
     * same time with the same default name all keep their results.
     *
     * @param parent   folder to create it in.
     * @param baseName preferred name.
     * @return the reservation.
     * @throws RunFolderException if no folder can be created there.
     */
    public static RunFolder reserveUnique(final Path parent, final String baseName) throws RunFolderException
    {
        final Path absoluteParent = parent.toAbsolutePath().normalize();
        createParents(parent, absoluteParent);
        for (int i = 1; i <= MAX_SUFFIX; i++)
        {
            final String name = i == 1 ? baseName : baseName + "-" + i;
            final Path candidate = absoluteParent.resolve(name);
            try
            {
                Files.createDirectory(candidate);
                return withWorkDir(parent.resolve(name), candidate);
            }
            catch (final FileAlreadyExistsException e)
            {
                // taken (perhaps a moment ago by a run started at the same time): try the next suffix
            }
            catch (final IOException e)
            {
                throw new RunFolderException(parent.resolve(name) + ": cannot create the result folder: " + reason(e));
            }
        }
        throw new RunFolderException(parent.resolve(baseName) + " and " + MAX_SUFFIX + " numbered variants exist");
    }

    private static void createParents(final Path shown, final Path absoluteParent) throws RunFolderException
    {
        if (absoluteParent == null)
        {
            throw new RunFolderException(shown + ": cannot create the result folder at the file system's root");
        }
        try
        {
            Files.createDirectories(absoluteParent);
        }
        catch (final FileAlreadyExistsException | NotDirectoryException e)
        {
            throw new RunFolderException(shown + ": cannot create the result folder: " + e.getFile() +
                " is a file, not a folder");
        }
        catch (final IOException e)
        {
            throw new RunFolderException(shown + ": cannot create the result folder: " + reason(e));
        }
    }

    private static RunFolder withWorkDir(final Path target, final Path absolute) throws RunFolderException
    {
        try
        {
            return new RunFolder(target, createWorkDir(target, absolute));
        }
        catch (final RunFolderException e)
        {
            deleteQuietly(absolute);
            throw e;
        }
    }

    private static Path createWorkDir(final Path target, final Path absolute) throws RunFolderException
    {
        try
        {
            final Path work = Files.createTempDirectory(absolute.getParent(), ".tmp-" + absolute.getFileName() + "-");
            if (Files.getFileStore(work).supportsFileAttributeView("posix"))
            {
                // Temporary folders are private (rwx------); a result folder is an ordinary one.
                Files.setPosixFilePermissions(work, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
            return work;
        }
        catch (final IOException e)
        {
            throw new RunFolderException(target + ": cannot create a work folder beside it: " + reason(e));
        }
    }

    /**
     * @return the result folder as the user named it.
     */
    public Path target()
    {
        return target;
    }

    /**
     * @return the hidden folder the results are written into until {@link #commit}.
     */
    public Path workDir()
    {
        return workDir;
    }

    /**
     * @return bytes free on the result folder's file store.
     * @throws IOException if the file store cannot be read.
     */
    public long usableBytes() throws IOException
    {
        return Files.getFileStore(workDir).getUsableSpace();
    }

    /**
     * Move the work folder onto the reserved target in one rename. If the reservation was meanwhile filled by
     * someone else, the results go to a numbered sibling instead of being lost.
     *
     * @return where the results are now.
     * @throws IOException if the rename fails (the work folder is then left in place, results intact).
     */
    public Path commit() throws IOException
    {
        if (finished)
        {
            throw new IllegalStateException("already " + (Files.exists(workDir) ? "aborted" : "committed"));
        }
        final Path absolute = target.toAbsolutePath().normalize();
        try
        {
            // rename(2) replaces an empty directory: the reservation.
            Files.move(workDir, absolute, StandardCopyOption.ATOMIC_MOVE);
            finished = true;
            return target;
        }
        catch (final IOException e)
        {
            if (isEmptyFolder(absolute))
            {
                throw e;
            }
            // The reservation was filled (or replaced by a file) meanwhile: keep the results under a free name.
            for (int i = 2; i <= MAX_SUFFIX; i++)
            {
                final Path other = absolute.resolveSibling(absolute.getFileName() + "-" + i);
                if (!Files.exists(other))
                {
                    Files.move(workDir, other, StandardCopyOption.ATOMIC_MOVE);
                    finished = true;
                    return target.resolveSibling(other.getFileName());
                }
            }
            throw e;
        }
    }

    /**
     * Remove the work folder and the (empty) reservation. Idempotent; never throws.
     */
    public void abort()
    {
        if (finished)
        {
            return;
        }
        finished = true;
        deleteTree(workDir);
        deleteQuietly(target.toAbsolutePath().normalize());
    }

    /**
     * Give the run up but keep its name, with a note of why: remove the work folder and leave the reserved target
     * holding only {@code fileName} (e.g. a console's {@code status.json} saying the run was cancelled or failed),
     * written under a hidden temporary name and renamed, so a reader sees the whole note or none. The folder then has
     * no {@code summary.json}: it is never taken for a result. Does nothing once committed or aborted.
     *
     * @param fileName the note's file name, a plain name (no folder).
     * @param content  its bytes.
     * @throws IOException if the note cannot be written (the work folder is removed all the same).
     */
    public void abandon(final String fileName, final byte[] content) throws IOException
    {
        if (finished)
        {
            return;
        }
        finished = true;
        deleteTree(workDir);
        final Path absolute = target.toAbsolutePath().normalize();
        final Path note = absolute.resolve(fileName).normalize();
        if (!absolute.equals(note.getParent()))
        {
            throw new IllegalArgumentException("not a plain file name: " + fileName);
        }
        final Path temporary = absolute.resolve(".tmp-" + fileName);
        Files.write(temporary, content);
        Files.move(temporary, note, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Abort unless committed.
     */
    @Override
    public void close()
    {
        abort();
    }

    private static boolean isEmptyFolder(final Path folder)
    {
        try (Stream<Path> children = Files.list(folder))
        {
            return children.findAny().isEmpty();
        }
        catch (final IOException e)
        {
            return false;
        }
    }

    private static void deleteQuietly(final Path emptyFolder)
    {
        try
        {
            Files.deleteIfExists(emptyFolder);
        }
        catch (final IOException ignored)
        {
            // not empty (someone else's files) or already gone: leave it
        }
    }

    static void deleteTree(final Path root)
    {
        if (!Files.exists(root))
        {
            return;
        }
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        catch (final IOException ignored)
        {
            // best effort: the folder is hidden and named as temporary
        }
    }

    private static String reason(final IOException e)
    {
        if (e instanceof AccessDeniedException)
        {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null)
        {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
