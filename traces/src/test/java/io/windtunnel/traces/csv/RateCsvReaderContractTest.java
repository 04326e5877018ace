package io.windtunnel.traces.csv;

import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;

import java.nio.file.Path;

class RateCsvReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new RateCsvReader();
    }

    @Override
    protected Path validFixture()
    {
        return resource("/fixtures/csv/rate.csv");
    }

    @Override
    protected int expectedRows()
    {
        return 6;
    }
}
