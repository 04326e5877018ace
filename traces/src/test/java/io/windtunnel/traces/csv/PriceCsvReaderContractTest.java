package io.windtunnel.traces.csv;

import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;

import java.nio.file.Path;

class PriceCsvReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new PriceCsvReader();
    }

    @Override
    protected Path validFixture()
    {
        return resource("/fixtures/csv/price.csv");
    }

    @Override
    protected int expectedRows()
    {
        return 7;
    }
}
