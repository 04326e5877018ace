package io.windtunnel.traces.azure;

import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;
import io.windtunnel.traces.ingest.RealFixtures;

import java.nio.file.Path;

class AzureRetailPriceReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new AzureRetailPriceReader();
    }

    @Override
    protected Path validFixture()
    {
        return RealFixtures.fixture("azure/retail-prices-page1.json");
    }

    @Override
    protected int expectedRows()
    {
        return 3;
    }
}
