package io.windtunnel.traces.aws;

import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;
import io.windtunnel.traces.ingest.RealFixtures;

import java.nio.file.Path;

class AwsSpotPriceJsonReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new AwsSpotPriceJsonReader();
    }

    @Override
    protected Path validFixture()
    {
        return RealFixtures.fixture("aws/describe-spot-price-history.json");
    }

    @Override
    protected int expectedRows()
    {
        return 5;
    }
}
