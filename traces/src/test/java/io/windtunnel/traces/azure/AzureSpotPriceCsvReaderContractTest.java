package io.windtunnel.traces.azure;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;
import io.windtunnel.traces.ingest.RealFixtures;

import java.nio.file.Path;

class AzureSpotPriceCsvReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new AzureSpotPriceCsvReader();
    }

    @Override
    protected Path validFixture()
    {
        return RealFixtures.fixture("azure/spot_prices.csv");
    }

    @Override
    protected int expectedRows()
    {
        return 6;
    }

    @Override
    protected ImportOptions options()
    {
        return ImportOptions.defaults().withStartNs(1_700_000_000_000_000_000L);
    }
}
