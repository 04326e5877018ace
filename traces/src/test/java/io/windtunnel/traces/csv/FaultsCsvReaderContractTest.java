package io.windtunnel.traces.csv;

import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;

import java.nio.file.Path;

class FaultsCsvReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new FaultsCsvReader();
    }

    @Override
    protected Path validFixture()
    {
        return resource("/fixtures/csv/faults.csv");
    }

    @Override
    protected int expectedRows()
    {
        return 8;
    }
}
