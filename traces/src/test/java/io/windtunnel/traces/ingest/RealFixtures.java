package io.windtunnel.traces.ingest;

import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import org.junit.jupiter.api.Assumptions;

import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Locates the hand-written fixtures of the real-format importers (test resources under {@code fixtures/real}) and
 * the folder of real public trace samples beside the checkout, which tests read when present and skip otherwise;
 * and the one-line form in which the price importer tests compare rows.
 */
public final class RealFixtures
{
    /** Environment variable overriding the real traces folder. */
    public static final String ENV = "WINDTUNNEL_REAL_TRACES";

    private RealFixtures()
    {
    }

    /**
     * @param name path under {@code fixtures/real}, e.g. {@code aws/spot_price_history.csv}.
     * @return the fixture's path.
     */
    public static Path fixture(final String name)
    {
        final URL url = RealFixtures.class.getResource("/fixtures/real/" + name);
        if (url == null)
        {
            throw new IllegalStateException("missing test resource fixtures/real/" + name);
        }
        try
        {
            return Path.of(url.toURI());
        }
        catch (final URISyntaxException e)
        {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The real traces folder: {@value #ENV} if set, else {@code <module>/../../shared/traces/real} (surefire runs in
     * the module directory, and {@code shared/} sits beside the checkout).
     *
     * @param sample a sample's folder name, e.g. {@code aws-spot-advisor-2024}.
     * @return the sample's folder; the calling test is skipped (assumption) if it is absent.
     */
    public static Path realSample(final String sample)
    {
        final String override = System.getenv(ENV);
        final Path root = override != null && !override.isBlank() ? Path.of(override) :
            Path.of("").toAbsolutePath().resolve("../../shared/traces/real").normalize();
        Assumptions.assumeTrue(Files.isDirectory(root), "real traces not present at " + root + ": skipping");
        final Path dir = root.resolve(sample);
        Assumptions.assumeTrue(Files.isDirectory(dir), "real trace sample not present at " + dir + ": skipping");
        return dir;
    }

    /**
     * @param table a table.
     * @return each row as {@code ISO-time key value}, e.g.
     * {@code 2024-03-02T10:15:00Z aws/us-east-1/us-east-1b/m5.large/spot 0.1332}.
     */
    public static List<String> rows(final TraceTable table)
    {
        final List<String> rows = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++)
        {
            rows.add(TraceTimes.formatIso(table.timeNs(row)) + " " + table.keys().describe(table.keyId(row)) + " " +
                table.value(row));
        }
        return rows;
    }
}
