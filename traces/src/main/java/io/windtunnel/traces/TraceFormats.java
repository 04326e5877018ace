package io.windtunnel.traces;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * The registry of trace formats: every {@link TraceReader} listed in
 * {@code META-INF/services/io.windtunnel.traces.TraceReader}, looked up by name or recognized from a file's name
 * and first bytes.
 * <p>
 * Thread-safe; the list is built once.
 */
public final class TraceFormats
{
    private static final int HEAD_BYTES = 4096;
    private static final List<TraceReader> READERS = load();

    private TraceFormats()
    {
    }

    private static List<TraceReader> load()
    {
        final List<TraceReader> readers = new ArrayList<>();
        for (final TraceReader reader : ServiceLoader.load(TraceReader.class, TraceFormats.class.getClassLoader()))
        {
            readers.add(reader);
        }
        readers.sort((a, b) -> a.formatName().compareTo(b.formatName()));
        return List.copyOf(readers);
    }

    /**
     * @return every registered reader, sorted by format name.
     */
    public static List<TraceReader> all()
    {
        return READERS;
    }

    /**
     * @param formatName a name such as {@code price-csv}.
     * @return the reader.
     * @throws IllegalArgumentException naming the known formats if there is none by that name.
     */
    public static TraceReader byName(final String formatName)
    {
        for (final TraceReader reader : READERS)
        {
            if (reader.formatName().equals(formatName))
            {
                return reader;
            }
        }
        throw new IllegalArgumentException("unknown trace format '" + formatName + "'; known formats: " + names());
    }

    /**
     * @param file a trace file.
     * @return the one reader that recognizes it.
     * @throws IOException              if the file cannot be read.
     * @throws IllegalArgumentException if no reader, or more than one, recognizes it: name the format with
     *                                  {@code --format}.
     */
    public static TraceReader detect(final Path file) throws IOException
    {
        final String head;
        try (InputStream in = Files.newInputStream(file))
        {
            head = new String(in.readNBytes(HEAD_BYTES), StandardCharsets.UTF_8);
        }
        final String name = file.getFileName() == null ? "" : file.getFileName().toString();
        final List<TraceReader> matches = new ArrayList<>();
        for (final TraceReader reader : READERS)
        {
            if (reader.recognizes(name, head))
            {
                matches.add(reader);
            }
        }
        if (matches.size() == 1)
        {
            return matches.get(0);
        }
        final List<String> matchNames = new ArrayList<>();
        matches.forEach(reader -> matchNames.add(reader.formatName()));
        throw new IllegalArgumentException(file + ": " +
            (matches.isEmpty() ? "format not recognized" : "format ambiguous (" + String.join(", ", matchNames) + ")") +
            "; name it with --format, one of: " + names());
    }

    /**
     * @return the registered format names, comma-separated.
     */
    public static String names()
    {
        final List<String> names = new ArrayList<>();
        READERS.forEach(reader -> names.add(reader.formatName()));
        return String.join(", ", names);
    }
}
