package io.windtunnel.traces;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

/**
 * The contract every {@link TraceReader} keeps, as an abstract test each format subclasses (the trace test kit
 * pattern of OpenDC). A subclass names its reader and a valid fixture; this class checks registration,
 * detection, normalization and that no malformed input surfaces as anything but a {@link TraceFormatException}.
 */
public abstract class TraceReaderContract
{
    @TempDir
    protected Path tempDir;

    /**
     * @return the reader under test.
     */
    protected abstract TraceReader reader();

    /**
     * @return a small valid file of the reader's format, shipped in test resources.
     */
    protected abstract Path validFixture();

    /**
     * @return rows the valid fixture normalizes to.
     */
    protected abstract int expectedRows();

    /**
     * @return options needed to read the fixture (e.g. a start time for relative formats).
     */
    protected ImportOptions options()
    {
        return ImportOptions.defaults();
    }

    /**
     * @return true if {@link TraceFormats#detect} should pick this reader for the fixture.
     */
    protected boolean detectable()
    {
        return true;
    }

    /**
     * @param resource absolute classpath resource name, e.g. {@code /fixtures/price.csv}.
     * @return its path.
     */
    protected static Path resource(final String resource)
    {
        try
        {
            final var url = TraceReaderContract.class.getResource(resource);
            if (url == null)
            {
                throw new IllegalStateException("missing test resource " + resource);
            }
            return Path.of(url.toURI());
        }
        catch (final URISyntaxException e)
        {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldBeRegisteredUnderItsName()
    {
        assertThat(TraceFormats.byName(reader().formatName())).isInstanceOf(reader().getClass());
    }

    @Test
    void shouldRecognizeItsFixture() throws IOException
    {
        if (detectable())
        {
            assertThat(TraceFormats.detect(validFixture())).isInstanceOf(reader().getClass());
        }
    }

    @Test
    void shouldReadValidFixtureIntoSortedTableOfItsKind() throws Exception
    {
        final TraceTable table = reader().read(validFixture(), options());
        assertThat(table.kind()).isEqualTo(reader().kind());
        assertThat(table.rowCount()).isEqualTo(expectedRows());
        assertThat(table.keys().fieldNames()).isEqualTo(reader().kind().keyFields());
        for (int row = 1; row < table.rowCount(); row++)
        {
            assertThat(table.timeNs(row)).isGreaterThanOrEqualTo(table.timeNs(row - 1));
        }
        for (int row = 0; row < table.rowCount(); row++)
        {
            assertThat(table.keyId(row)).isBetween(0, table.keys().size() - 1);
            if (table.kind() == TraceKind.PRICE)
            {
                assertThat(table.value(row)).isNotNegative().isFinite();
            }
        }
        assertThat(reader().read(validFixture(), options())).as("reading is deterministic").isEqualTo(table);
    }

    @Test
    void shouldFailWithNoSuchFileForMissingFile()
    {
        assertThatThrownBy(() -> reader().read(tempDir.resolve("missing.trace"), options()))
            .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldRejectEmptyFileNamingIt() throws IOException
    {
        final Path empty = Files.write(tempDir.resolve("empty-input"), new byte[0]);
        assertThatThrownBy(() -> reader().read(empty, options()))
            .isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("empty-input");
    }

    @Test
    void shouldRejectRandomBytesAsFormatError() throws IOException
    {
        final SplittableRandom random = new SplittableRandom(17);
        for (int i = 0; i < 20; i++)
        {
            final byte[] garbage = new byte[1 + random.nextInt(2000)];
            for (int j = 0; j < garbage.length; j++)
            {
                garbage[j] = (byte)random.nextInt(256);
            }
            final Path file = Files.write(tempDir.resolve("garbage-" + i), garbage);
            assertThatThrownBy(() -> reader().read(file, options())).isInstanceOf(TraceFormatException.class);
        }
    }

    @Test
    void shouldOnlyEverThrowFormatErrorsOnTruncatedOrCorruptedInput() throws IOException
    {
        final byte[] valid = Files.readAllBytes(validFixture());
        final SplittableRandom random = new SplittableRandom(4242);
        for (int i = 0; i < 200; i++)
        {
            final byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = java.util.Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            }
            else
            {
                bytes = valid.clone();
                final int flips = 1 + random.nextInt(8);
                for (int f = 0; f < flips; f++)
                {
                    bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
                }
            }
            final String name = "mutant-" + i;
            final Path file = Files.write(tempDir.resolve(name), bytes);
            try
            {
                final TraceTable table = reader().read(file, options());
                assertThat(table.kind()).isEqualTo(reader().kind());
            }
            catch (final TraceFormatException e)
            {
                assertThat(e.problems()).isNotEmpty();
                assertThat(e.problems()).allSatisfy(problem -> assertThat(problem.file()).contains(name));
            }
            catch (final Exception | Error e)
            {
                fail("mutant " + i + " of " + validFixture().getFileName() + " threw " + e, e);
            }
        }
    }
}
