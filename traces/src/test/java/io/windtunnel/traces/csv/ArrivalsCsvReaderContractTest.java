package io.windtunnel.traces.csv;

import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;

import java.nio.file.Path;

class ArrivalsCsvReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new ArrivalsCsvReader();
    }

    @Override
    protected Path validFixture()
    {
        return resource("/fixtures/csv/arrivals.csv");
    }

    @Override
    protected int expectedRows()
    {
        return 4;
    }
}
