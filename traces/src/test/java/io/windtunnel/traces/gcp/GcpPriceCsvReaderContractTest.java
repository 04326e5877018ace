package io.windtunnel.traces.gcp;

import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;
import io.windtunnel.traces.ingest.RealFixtures;

import java.nio.file.Path;

class GcpPriceCsvReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new GcpPriceCsvReader();
    }

    @Override
    protected Path validFixture()
    {
        return RealFixtures.fixture("gcp/gcp_price_history.csv");
    }

    @Override
    protected int expectedRows()
    {
        return 9;
    }
}
