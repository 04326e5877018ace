package io.windtunnel.simulator.sweep;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads a finished sweep folder's variant results, for tests. */
final class SweepStoreAccess
{
    private SweepStoreAccess()
    {
    }

    static List<VariantResult> readAll(final Path out, final int count) throws Exception
    {
        if (!Files.isRegularFile(out.resolve("sweep.json")))
        {
            throw new IllegalArgumentException(out + " is not a sweep folder");
        }
        return SweepStore.reopen(out).readAll(count);
    }
}
