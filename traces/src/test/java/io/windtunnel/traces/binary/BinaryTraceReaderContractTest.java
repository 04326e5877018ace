package io.windtunnel.traces.binary;

import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceReaderContract;

import java.nio.file.Path;

/**
 * The shared reader contract for the {@code binary} format. The reader under test is restricted to price traces,
 * the fixture's kind, so that the contract's kind checks apply; the registered reader is the same class.
 */
class BinaryTraceReaderContractTest extends TraceReaderContract
{
    @Override
    protected TraceReader reader()
    {
        return new BinaryTraceReader(TraceKind.PRICE);
    }

    @Override
    protected Path validFixture()
    {
        return resource(BinaryTraceFixtures.FIXTURE);
    }

    @Override
    protected int expectedRows()
    {
        return 41;
    }
}
