package io.windtunnel.traces.azure;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.RealFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AzureSpotPriceCsvReaderTest
{
    private static final long FETCHED_NS = TraceTimes.toEpochNs(Instant.parse("2024-06-01T00:00:00Z"));
    private static final ImportOptions AT_FETCH = ImportOptions.defaults().withStartNs(FETCHED_NS);

    @TempDir
    Path tempDir;

    @Test
    void shouldYieldSpotAndPayGoRowsForLinuxLinesWhenReadAtStart() throws Exception
    {
        final ImportResult result = new AzureSpotPriceCsvReader()
            .readWithSummary(RealFixtures.fixture("azure/spot_prices.csv"), AT_FETCH);

        assertThat(RealFixtures.rows(result.table())).containsExactly(
            "2024-06-01T00:00:00Z azure/swedencentral/Standard_D4ads_v5/spot 0.040656",
            "2024-06-01T00:00:00Z azure/swedencentral/Standard_D4ads_v5/on-demand 0.22",
            "2024-06-01T00:00:00Z azure/swedencentral/Standard_NC24ads_A100_v4/spot 1.495052",
            "2024-06-01T00:00:00Z azure/swedencentral/Standard_NC24ads_A100_v4/on-demand 4.775",
            "2024-06-01T00:00:00Z azure/swedencentral/Standard_E8ads_v5/spot 0.102749",
            "2024-06-01T00:00:00Z azure/swedencentral/Standard_E8ads_v5/on-demand 0.556");
        assertThat(result.summary().dropped("Windows lines (reading Linux only)")).isEqualTo(2);
    }

    @Test
    void shouldKeepOnlyWindowsSpotRowsWhenConstructedForWindows() throws Exception
    {
        final ImportResult result = new AzureSpotPriceCsvReader(AzureRetailPriceReader.Os.WINDOWS)
            .readWithSummary(RealFixtures.fixture("azure/spot_prices.csv"), AT_FETCH);

        assertThat(RealFixtures.rows(result.table())).containsExactly(
            "2024-06-01T00:00:00Z azure/swedencentral/Standard_D4ads_v5/spot 0.074659",
            "2024-06-01T00:00:00Z azure/swedencentral/Standard_NC24ads_A100_v4/spot 1.840715");
        assertThat(result.summary().dropped(
            "PayGo Unit Price cells of Windows lines (the script writes the Linux price there)")).isEqualTo(2);
        assertThat(result.summary().dropped("Linux lines (reading Windows only)")).isEqualTo(3);
    }

    @Test
    void shouldRequireStartAndReportBadCellsWhenInputIsWrong() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("bad.csv"), """
            Friendly Name,armSkuName,Currency,Spot Unit Price,PayGo Unit Price,Unit of Measure,Region,Meter Name,Product Name
            D4ads v5,Standard_D4ads_v5,EUR,0.040656,0.22,1 Hour,swedencentral,D4ads v5 Spot,Virtual Machines Dadsv5 Series
            D4ads v5,Standard_D4ads_v5,USD,n/a,0.22,1/Month,swedencentral,D4ads v5 Spot,Virtual Machines Dadsv5 Series
            """);

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new AzureSpotPriceCsvReader().read(file, ImportOptions.defaults()));

        final List<String> described = new ArrayList<>();
        e.problems().forEach(problem -> described.add(problem.line() + " " + problem.field()));
        assertThat(described).containsExactly("0 start", "2 Currency", "3 Unit of Measure", "3 Spot Unit Price");
    }

    @Test
    void shouldMatchRealSwedenCentralSnapshotWhenSamplePresent() throws Exception
    {
        final Path file = RealFixtures.realSample("azure-retail-spot-swedencentral").resolve("spot_prices.csv");

        final TraceTable linux = new AzureSpotPriceCsvReader().read(file, AT_FETCH);
        final TraceTable windows = new AzureSpotPriceCsvReader(AzureRetailPriceReader.Os.WINDOWS).read(file, AT_FETCH);

        // README A7: 14 rows, 7 SKUs in swedencentral, each with a Linux and a Windows spot row.
        assertThat(linux.rowCount()).isEqualTo(14);
        assertThat(linux.keys().size()).isEqualTo(14);
        assertThat(windows.rowCount()).isEqualTo(7);
        for (int row = 0; row < windows.rowCount(); row++)
        {
            final String[] key = windows.keys().fields(windows.keyId(row));
            assertThat(key[1]).isEqualTo("swedencentral");
            final int linuxSpot = linux.keys().find("azure", "swedencentral", "", key[3], "spot");
            double linuxPrice = Double.NaN;
            for (int r = 0; r < linux.rowCount(); r++)
            {
                if (linux.keyId(r) == linuxSpot)
                {
                    linuxPrice = linux.value(r);
                }
            }
            assertThat(windows.value(row)).as("Windows spot costs more than Linux spot for " + key[3])
                .isGreaterThan(linuxPrice);
        }
    }
}
