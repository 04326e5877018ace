package io.windtunnel.cli;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * The checks every {@code trace} subcommand makes of the paths it is given, so that a folder where a file is
 * expected, a missing output folder or an output that would be overwritten is a message naming the path (exit 2)
 * rather than an I/O error without it; and the one way a command publishes a finished output file.
 */
final class TracePaths
{
    private TracePaths()
    {
    }

    /**
     * @param option the option that named the file, or null for a positional parameter.
     * @param file   a file to read.
     * @param what   what the file should be, for the message, e.g. "a trace file".
     * @return the file.
     * @throws UserInputException if it is a folder.
     */
    static Path input(final String option, final Path file, final String what)
    {
        if (Files.isDirectory(file))
        {
            throw new UserInputException(prefix(option) + file + ": is a folder, expected " + what);
        }
        return file;
    }

    /**
     * @param option the option that named the file, or null for a positional parameter.
     * @param file   a file to write.
     * @param force  true if an existing file may be replaced.
     * @return the file.
     * @throws UserInputException if it is a folder, its folder does not exist, or it exists and {@code force} is
     *                            false.
     */
    static Path output(final String option, final Path file, final boolean force)
    {
        if (Files.isDirectory(file))
        {
            throw new UserInputException(prefix(option) + file + ": is a folder, expected a trace file to write");
        }
        final Path folder = file.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder))
        {
            throw new UserInputException(prefix(option) + "cannot write " + file + ": folder " + folder +
                " does not exist");
        }
        // NOFOLLOW_LINKS: a link, even a dangling one, is something the user made and would lose.
        if (!force && Files.exists(file, LinkOption.NOFOLLOW_LINKS))
        {
            throw alreadyExists(option, file);
        }
        return file;
    }

    /**
     * Move a complete file written beside its target into place, so the target is never seen half-written. With
     * {@code replace}, an existing target is replaced by one atomic rename; without it the target must not exist
     * when the move happens (a hard link, which fails if the name is taken, then the temporary name is removed), so
     * a file created since {@link #output} was checked is not lost either.
     *
     * @param option  the option that named the target, or null, for the message.
     * @param temp    the complete file, in the target's folder.
     * @param target  where it goes.
     * @param replace true if an existing target may be replaced.
     * @throws IOException        if the move fails.
     * @throws UserInputException if the target exists and {@code replace} is false.
     */
    static void publish(final String option, final Path temp, final Path target, final boolean replace)
        throws IOException
    {
        try
        {
            if (replace)
            {
                try
                {
                    Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                }
                catch (final AtomicMoveNotSupportedException e)
                {
                    Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
                }
                return;
            }
            try
            {
                Files.createLink(target, temp);
            }
            catch (final UnsupportedOperationException | IOException e)
            {
                if (e instanceof FileAlreadyExistsException)
                {
                    throw e;
                }
                // A file system without hard links: a plain move still refuses an existing target.
                Files.move(temp, target);
            }
        }
        catch (final FileAlreadyExistsException e)
        {
            throw alreadyExists(option, target);
        }
        finally
        {
            Files.deleteIfExists(temp);
        }
    }

    /**
     * @param target a file to be written.
     * @return a hidden name in the same folder for writing it before {@link #publish}.
     */
    static Path tempBeside(final Path target)
    {
        final Path absolute = target.toAbsolutePath();
        return absolute.resolveSibling("." + absolute.getFileName() + ".tmp-" + ProcessHandle.current().pid() + "-" +
            System.nanoTime());
    }

    private static UserInputException alreadyExists(final String option, final Path file)
    {
        return new UserInputException(prefix(option) + file + ": already exists; pass --force to replace it");
    }

    private static String prefix(final String option)
    {
        return option == null ? "" : option + ": ";
    }
}
