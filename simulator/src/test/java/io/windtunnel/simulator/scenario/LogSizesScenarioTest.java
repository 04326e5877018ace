package io.windtunnel.simulator.scenario;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.TransferModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Sizes taken from the request log through the scenario: read, repeated with a periodic log, and moved. */
class LogSizesScenarioTest
{
    @TempDir
    Path dir;

    /**
     * A one-minute log of three requests (request sizes 100, empty, 300; responses 1000, 2000, 3000) repeated over
     * a 10-minute run; the empty request size takes the 50 B fallback. Every request completes long before its
     * period ends, so the bytes moved (requests in, responses out) are 10 times one period's: 10 * (450 + 6000).
     */
    @Test
    void shouldMoveTheLoggedSizesOfEveryRepeatedRequestAndTheFallbackForAnEmptyCell() throws Exception
    {
        Files.writeString(dir.resolve("requests.csv"), String.join("\n",
            "# span: 1970-01-01T00:00:00Z/1970-01-01T00:01:00Z",
            "time,region,request_bytes,response_bytes",
            "1970-01-01T00:00:10Z,c,100,1000",
            "1970-01-01T00:00:20Z,c,,2000",
            "1970-01-01T00:00:30Z,c,300,3000",
            ""));
        final String yaml = ScenarioReaderTest.MINIMAL.replace("  constant: {c: 100}",
            "  file: requests.csv\n  beyond: repeat") +
            "transfer:\n  request: {from: log, fallback: 50 B}\n  response: log\n";
        final Scenario s = ScenarioReader.read(Files.writeString(dir.resolve("scenario.yaml"), yaml));
        final TransferModel transfer = s.model().transfer;
        assertThat(transfer.sizeFromLog(ArrivalLog.REQUEST_BYTES)).isTrue();
        assertThat(transfer.sizeFromLog(ArrivalLog.RESPONSE_BYTES)).isTrue();
        assertThat(transfer.sizeFromLog(ArrivalLog.READ_BYTES)).isFalse();
        assertThat(transfer.requestSize.meanBytes()).isEqualTo(50);
        assertThat(transfer.responseSize).isNull();
        assertThat(s.model().clientArrivals[0].sizeBytes(ArrivalLog.RESPONSE_BYTES, 29)).isEqualTo(3000);
        // Estimates: the log's mean, the fallback for the empty cell: (100 + 50 + 300) / 3 and 6000 / 3.
        assertThat(transfer.meanBytes(ArrivalLog.REQUEST_BYTES, s.model().clientArrivals[0])).isEqualTo(150);
        assertThat(transfer.meanBytes(ArrivalLog.RESPONSE_BYTES, s.model().clientArrivals[0])).isEqualTo(2000);
        assertThat(transfer.meanBytes(ArrivalLog.READ_BYTES, s.model().clientArrivals[0])).isEqualTo(0);
        assertThat(transfer.meanBytes(ArrivalLog.REQUEST_BYTES, null)).isEqualTo(50);

        final Simulation simulation = new Simulation(new Engine(64), s.model(), s.stacks().get(0),
            new RandomStreams(1));
        simulation.run();
        assertThat(simulation.completed()).isEqualTo(30);
        assertThat(simulation.transferLedger().bytes(LinkClass.INTERNET)).isEqualTo(10 * (450 + 6000));
        assertThat(simulation.transferLedger().billedBytes(LinkClass.INTERNET)).isEqualTo(10 * 6000);
    }
}
