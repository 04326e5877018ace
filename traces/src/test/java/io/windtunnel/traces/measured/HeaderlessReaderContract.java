package io.windtunnel.traces.measured;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceReaderContract;

/**
 * The reader contract as it applies to the headerless measured formats (counts, spot availability): their times
 * are relative, so fixtures are read with a start time, and nothing in them can be recognized, so detection never
 * picks them.
 */
abstract class HeaderlessReaderContract extends TraceReaderContract
{
    /** Start the fixtures are read with, 2020-11-20T19:30:00Z. */
    static final long START_NS = 1_605_900_600_000_000_000L;

    @Override
    protected ImportOptions options()
    {
        return ImportOptions.defaults().withStartNs(START_NS);
    }

    @Override
    protected boolean detectable()
    {
        return false;
    }
}
