package io.windtunnel.traces.measured;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.RealFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AzureLlmInferenceReaderTest
{
    private static final ImportOptions UTC = ImportOptions.defaults().withZone(ZoneOffset.UTC);

    @TempDir
    Path tempDir;

    @Test
    void shouldReadOneArrivalPerRequestWithSubMicrosecondTimesWhenZoneGiven() throws Exception
    {
        final TraceTable table = new AzureLlmInferenceReader().read(
            RealFixtures.fixture("measured/azure_llm_inference_code.csv"), UTC);

        assertThat(table.kind()).isEqualTo(TraceKind.ARRIVALS);
        assertThat(table.rowCount()).isEqualTo(5);
        assertThat(TraceTimes.formatIso(table.timeNs(0))).isEqualTo("2023-11-16T18:17:03.979960Z");
        assertThat(table.timeNs(2)).isEqualTo(table.timeNs(1));
        for (int row = 0; row < table.rowCount(); row++)
        {
            assertThat(table.value(row)).isNaN();
        }
    }

    @Test
    void shouldReportBadTokensTimesAndDisorderWhenRowsAreWrong() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("bad.csv"), """
            TIMESTAMP,ContextTokens,GeneratedTokens
            2023-11-16 18:17:03.9799600,4808,10
            2023-11-16 18:17:02.0000000,-1,8
            2023-11-16 18:17:05,12.5,
            2023-11-16 26:00:00,1,1
            """);

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new AzureLlmInferenceReader().read(file, UTC));

        final List<String> described = new ArrayList<>();
        e.problems().forEach(problem -> described.add(problem.line() + " " + problem.field()));
        assertThat(described).containsExactly("3 ContextTokens", "3 TIMESTAMP", "4 ContextTokens", "4 GeneratedTokens",
            "5 TIMESTAMP");
    }

    @Test
    void shouldMatchRealTraceFactsWhenSamplePresent() throws Exception
    {
        final Path dir = RealFixtures.realSample("load-azure-llm-inference-2023");

        // README B5: code 8,819 requests 18:17:03 to 19:14:19, conv 19,366 requests 18:15:46 to 19:14:08, both
        // on 2023-11-16, sorted (the zone is not stated; UTC is assumed here).
        final TraceTable code = new AzureLlmInferenceReader().read(dir.resolve("AzureLLMInferenceTrace_code.csv"), UTC);
        final TraceTable conv = new AzureLlmInferenceReader().read(dir.resolve("AzureLLMInferenceTrace_conv.csv"), UTC);

        assertThat(code.rowCount()).isEqualTo(8_819);
        assertThat(TraceTimes.formatIso(code.timeNs(0))).startsWith("2023-11-16T18:17:03");
        assertThat(TraceTimes.formatIso(code.timeNs(code.rowCount() - 1))).startsWith("2023-11-16T19:14:19");
        assertThat(conv.rowCount()).isEqualTo(19_366);
        assertThat(TraceTimes.formatIso(conv.timeNs(0))).startsWith("2023-11-16T18:15:46");
        assertThat(TraceTimes.formatIso(conv.timeNs(conv.rowCount() - 1))).startsWith("2023-11-16T19:14:08");
    }
}
