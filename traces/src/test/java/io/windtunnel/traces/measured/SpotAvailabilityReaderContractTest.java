package io.windtunnel.traces.measured;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;
import io.windtunnel.traces.ingest.RealFixtures;

import java.nio.file.Path;

class SpotAvailabilityReaderContractTest extends TraceReaderContract
{
    private static final long START_NS = 1_605_900_600_000_000_000L;

    @Override
    protected TraceReader reader()
    {
        return new SpotAvailabilityReader();
    }

    @Override
    protected Path validFixture()
    {
        return RealFixtures.fixture("measured/spot-availability-seconds.csv");
    }

    @Override
    protected int expectedRows()
    {
        return 6;
    }

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
