package io.windtunnel.cli;

import io.windtunnel.traces.TraceCsvWriter;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.binary.BinaryTraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

class TraceInspectCommandTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldPrintSchemaKeysSpanStatsAndSparklineWhenBinaryPriceTraceIsInspected() throws Exception
    {
        final Path file = tempDir.resolve("prices.wtb");
        BinaryTraceWriter.write(TraceSamples.sample(TraceKind.PRICE), file, 10);

        final CliRun run = CliRun.of("trace", "inspect", file.toString(), "--width", "24");

        assertThat(run.err()).isEmpty();
        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out())
            .contains("(binary v2, ")
            .contains("declared span: none (a scenario derives one from the rows)")
            .contains("3 blocks of up to 10 rows; 3 block checksums verified)")
            .contains("kind:        price")
            .contains("key fields:  provider, region, zone, instance_type, market")
            .contains("rows:        25")
            .contains("keys:        2")
            .contains("time span:   2024-01-01T00:00:00Z .. 2024-01-01T23:00:00Z (23h)")
            .contains("per key (2 of 2)")
            .containsPattern("aws/us-east-1/m5.large/spot +24 +0\\.03 +0\\.03125 +0\\.0325")
            .containsPattern("azure/westeurope/1/Standard_D2s_v5/on-demand +1 +0\\.096 +0\\.096 +0\\.096")
            .contains("price over time (24 buckets of 1h, price at each bucket's end):")
            .containsPattern("aws/us-east-1/m5.large/spot +[\u2581-\u2588]{24}  0\\.03 \\.\\. 0\\.0325");
    }

    @ParameterizedTest
    @EnumSource(TraceKind.class)
    void shouldDrawSeriesOfItsKindWhenEachKindIsInspected(final TraceKind kind) throws Exception
    {
        final TraceTable table = TraceSamples.sample(kind);
        final Path file = tempDir.resolve(kind.label() + ".wtb");
        BinaryTraceWriter.write(table, file);

        final CliRun run = CliRun.of("trace", "inspect", file.toString(), "--width", "10");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("kind:        " + kind.label()).contains("rows:        " + table.rowCount());
        final String expectedSeries;
        switch (kind)
        {
            case PRICE:
                expectedSeries = "price over time (8 buckets of 3h";
                break;
            case TRANSFER:
                expectedSeries = "price over time (";
                assertThat(run.out()).containsPattern("\\*/internet/100 +2 +0\\.085 +0\\.0875 +0\\.09");
                break;
            case LOAD_RATE:
                expectedSeries = "requests/s, all keys (";
                assertThat(run.out()).contains("step:        1m");
                break;
            case ARRIVALS:
                expectedSeries = "arrivals per bucket (";
                assertThat(run.out()).containsPattern("us-east-1 +2 +3 +7\\.75 +12\\.5");
                assertThat(run.out()).contains("1 NaN");
                break;
            default:
                expectedSeries = "fault events per bucket (";
                assertThat(run.out()).contains("by kind: preempt 1, preempt_fraction 1, unavailable 1");
                break;
        }
        assertThat(run.out()).contains(expectedSeries).containsPattern("[\u2581-\u2588]{3,10}");
    }

    @Test
    void shouldListOnlyRequestedKeysWhenKeysIsGiven() throws Exception
    {
        final Path file = tempDir.resolve("prices.wtb");
        BinaryTraceWriter.write(TraceSamples.sample(TraceKind.PRICE), file);

        final CliRun run = CliRun.of("trace", "inspect", "--keys", "1", file.toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("per key (1 of 2)").contains("... and 1 more keys")
            .doesNotContain("azure/westeurope");
    }

    @Test
    void shouldExitWithInputErrorWhenFileIsCorruptOrOptionsAreBad() throws Exception
    {
        final Path file = tempDir.resolve("faults.wtb");
        BinaryTraceWriter.write(TraceSamples.sample(TraceKind.FAULTS), file);
        final byte[] bytes = Files.readAllBytes(file);
        final Path truncated = Files.write(tempDir.resolve("cut.wtb"), java.util.Arrays.copyOf(bytes, 100));
        bytes[70] ^= 4;
        final Path corrupt = Files.write(tempDir.resolve("corrupt.wtb"), bytes);

        final CliRun cut = CliRun.of("trace", "inspect", truncated.toString());
        final CliRun bad = CliRun.of("trace", "inspect", corrupt.toString());

        assertThat(cut.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(cut.err()).contains("cut.wtb: truncated").doesNotContain("\tat ");
        assertThat(bad.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(bad.err()).contains("corrupt.wtb: block 0 of 1").contains("checksum mismatch");
        assertThat(CliRun.of("trace", "inspect", "--width", "0", file.toString()).err())
            .contains("--width: must be in [1, 1000], got 0");
        assertThat(CliRun.of("trace", "inspect", "--keys", "-1", file.toString()).exitCode())
            .isEqualTo(ExitCodes.INPUT_ERROR);
        final CliRun directory = CliRun.of("trace", "inspect", tempDir.toString());
        assertThat(directory.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(directory.err()).contains(tempDir + ": is a folder, expected a trace file");
    }

    @Test
    void shouldSummarizeCsvWithItsReaderWhenPriceCsvIsRegistered() throws Exception
    {
        assumeThat(TraceFormats.all().stream().map(TraceReader::formatName)).contains("price-csv");
        final Path csv = tempDir.resolve("prices.csv");
        TraceCsvWriter.write(TraceSamples.sample(TraceKind.PRICE), csv);

        final CliRun run = CliRun.of("trace", "inspect", "--format", "price-csv", csv.toString());

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.OK);
        assertThat(run.out()).contains("(price-csv)").contains("rows:        25").contains("keys:        2");
    }
}
