package io.windtunnel.traces.measured;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;
import io.windtunnel.traces.ingest.RealFixtures;

import java.nio.file.Path;
import java.time.ZoneOffset;

class WorldCup98ReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new WorldCup98Reader();
    }

    @Override
    protected Path validFixture()
    {
        return RealFixtures.fixture("measured/worldcup98_requests_per_minute.csv");
    }

    @Override
    protected int expectedRows()
    {
        return 5;
    }

    @Override
    protected ImportOptions options()
    {
        return ImportOptions.defaults().withZone(ZoneOffset.UTC);
    }
}
