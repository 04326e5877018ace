package io.windtunnel.traces.aws;

import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;
import io.windtunnel.traces.ingest.RealFixtures;

import java.nio.file.Path;

class AwsSpotPriceCsvReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new AwsSpotPriceCsvReader();
    }

    @Override
    protected Path validFixture()
    {
        return RealFixtures.fixture("aws/spot_price_history.csv");
    }

    @Override
    protected int expectedRows()
    {
        return 5;
    }
}
