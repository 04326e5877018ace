package io.windtunnel.traces.measured;

import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.ingest.RealFixtures;

import java.nio.file.Path;

class SpotAvailabilityReaderContractTest extends HeaderlessReaderContract
{
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
}
