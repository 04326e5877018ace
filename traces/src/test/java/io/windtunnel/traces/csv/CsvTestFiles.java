package io.windtunnel.traces.csv;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceProblem;
import io.windtunnel.traces.TraceReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.fail;

/**
 * Writes small CSV files for tests and collects what a reader says about them.
 */
final class CsvTestFiles
{
    private CsvTestFiles()
    {
    }

    /**
     * @param name absolute classpath resource name, e.g. {@code /fixtures/csv/price.csv}.
     * @return its path.
     */
    static Path resource(final String name)
    {
        try
        {
            return Path.of(CsvTestFiles.class.getResource(name).toURI());
        }
        catch (final java.net.URISyntaxException e)
        {
            throw new IllegalStateException(e);
        }
    }

    static Path write(final Path dir, final String name, final String text) throws IOException
    {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @return the problems the read reported, each as {@link TraceProblem#describe()}; fails if it succeeded.
     */
    static List<String> problems(final TraceReader reader, final Path file, final ImportOptions options)
        throws IOException
    {
        try
        {
            reader.read(file, options);
        }
        catch (final TraceFormatException e)
        {
            final List<String> described = new ArrayList<>();
            e.problems().forEach(problem -> described.add(problem.describe()));
            return described;
        }
        return fail("expected problems reading " + file);
    }

    static List<String> problems(final TraceReader reader, final Path file) throws IOException
    {
        return problems(reader, file, ImportOptions.defaults());
    }

    /**
     * @return the start of a problem line: {@code file:line: field 'name': }.
     */
    static String at(final Path file, final long line, final String field)
    {
        return file + ":" + line + ": field '" + field + "': ";
    }

    /**
     * @return the start of a problem line about no single field: {@code file:line: }.
     */
    static String at(final Path file, final long line)
    {
        return file + ":" + line + ": ";
    }
}
