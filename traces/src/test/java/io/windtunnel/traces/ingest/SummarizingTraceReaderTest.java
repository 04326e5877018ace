package io.windtunnel.traces.ingest;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.aws.AwsSpotPriceJsonReader;
import io.windtunnel.traces.measured.WorldCup98Reader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.assertj.core.api.Assertions.assertThat;

class SummarizingTraceReaderTest
{
    private final Logger logger = Logger.getLogger("io.windtunnel.traces.ingest");
    private final List<LogRecord> records = new ArrayList<>();
    private final Handler handler = new Handler()
    {
        @Override
        public void publish(final LogRecord record)
        {
            records.add(record);
        }

        @Override
        public void flush()
        {
        }

        @Override
        public void close()
        {
        }
    };
    private Level previousLevel;

    @BeforeEach
    void captureLog()
    {
        previousLevel = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    @AfterEach
    void releaseLog()
    {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }

    @Test
    void shouldLogSummaryAtInfoWhenPlainReadDropsRecords() throws Exception
    {
        final TraceTable table = new AwsSpotPriceJsonReader()
            .read(RealFixtures.fixture("aws/describe-spot-price-history.json"), ImportOptions.defaults());

        assertThat(table.rowCount()).isEqualTo(5);
        assertThat(records).singleElement().satisfies(record ->
        {
            assertThat(record.getLevel()).isEqualTo(Level.INFO);
            assertThat(record.getMessage()).contains("describe-spot-price-history.json: 8 records read, 5 rows kept",
                "dropped 3");
        });
    }

    @Test
    void shouldLogOnlyBelowInfoWhenNothingDroppedOrAdded() throws Exception
    {
        final TraceTable table = new WorldCup98Reader().read(
            RealFixtures.fixture("measured/worldcup98_requests_per_minute.csv"),
            ImportOptions.defaults().withZone(ZoneOffset.UTC));

        assertThat(table.rowCount()).isEqualTo(5);
        assertThat(records).singleElement().satisfies(record ->
        {
            assertThat(record.getLevel().intValue()).isLessThan(Level.INFO.intValue());
            assertThat(record.getMessage()).endsWith("5 records read, 5 rows kept");
        });
    }
}
