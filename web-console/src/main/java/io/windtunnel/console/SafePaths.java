package io.windtunnel.console;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * Turns names and paths from requests into files inside one root folder, or refuses them. Every segment must be a
 * plain name: not empty, not {@code .} or {@code ..}, not hidden (a leading dot: work folders, temporary files), with
 * no slash, backslash, colon or control character, after percent-decoding <em>until nothing changes</em> (so
 * {@code %2e%2e} and {@code %252e%252e} are {@code ..} too); and the file's real path (symlinks followed) must still
 * be inside the root's real path, so a symlink pointing outside serves nothing.
 * <p>
 * <b>Threading:</b> stateless; the file checks block (call them off the event loop).
 */
final class SafePaths
{
    private static final int MAX_DECODES = 4;

    private SafePaths()
    {
    }

    /**
     * @param raw a path segment as sent, perhaps percent-encoded (once or more).
     * @return the decoded plain name.
     * @throws ApiException 400 if it is not a plain name.
     */
    static String plainName(final String raw)
    {
        String name = raw;
        for (int i = 0; i < MAX_DECODES && name.indexOf('%') >= 0; i++)
        {
            final String decoded;
            try
            {
                decoded = URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
            }
            catch (final IllegalArgumentException e)
            {
                throw new ApiException(400, "bad percent-encoding in the path");
            }
            if (decoded.equals(name))
            {
                break;
            }
            name = decoded;
        }
        if (name.indexOf('%') >= 0 && !name.equals(decodeOnce(name)))
        {
            throw new ApiException(400, "the path is encoded too many times");
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.startsWith("."))
        {
            throw new ApiException(400, "the path may name only plain files of a run ('" + printable(name) +
                "' is not one)");
        }
        for (int i = 0; i < name.length(); i++)
        {
            final char c = name.charAt(i);
            if (c == '/' || c == '\\' || c == ':' || c < 0x20 || c == 0x7f)
            {
                throw new ApiException(400, "the path may name only plain files of a run ('" + printable(name) +
                    "' is not one)");
            }
        }
        return name;
    }

    private static String decodeOnce(final String name)
    {
        try
        {
            return URLDecoder.decode(name.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
        catch (final IllegalArgumentException e)
        {
            return name;
        }
    }

    /**
     * @param root     the folder everything must stay in.
     * @param segments plain names ({@link #plainName}), in order.
     * @return the existing path inside {@code root} they name, its real path checked to be inside {@code root}'s;
     *         null if it does not exist.
     * @throws ApiException 400 if it resolves (through a symlink) outside {@code root}.
     */
    static Path inside(final Path root, final String... segments) throws IOException
    {
        Path path = root;
        for (final String segment : segments)
        {
            path = path.resolve(plainName(segment));
        }
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS))
        {
            return null;
        }
        if (!Files.exists(path))
        {
            return null;  // a dangling symlink
        }
        final Path realRoot = root.toRealPath();
        final Path real = path.toRealPath();
        if (!real.startsWith(realRoot) || real.equals(realRoot))
        {
            throw new ApiException(400, "the path leads outside the results folder");
        }
        return real;
    }

    private static String printable(final String name)
    {
        final StringBuilder out = new StringBuilder();
        for (int i = 0; i < name.length() && i < 80; i++)
        {
            final char c = name.charAt(i);
            out.append(c < 0x20 || c == 0x7f ? '?' : c);
        }
        return out.toString();
    }
}
