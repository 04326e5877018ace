package io.windtunnel.traces.measured;

import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.ingest.RealFixtures;

import java.nio.file.Path;

class CountsReaderContractTest extends HeaderlessReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new CountsReader();
    }

    @Override
    protected Path validFixture()
    {
        return RealFixtures.fixture("measured/counts.txt");
    }

    @Override
    protected int expectedRows()
    {
        return 5;
    }
}
