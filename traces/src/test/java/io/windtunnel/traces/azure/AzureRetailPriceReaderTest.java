package io.windtunnel.traces.azure;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceProblem;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.ImportSummary;
import io.windtunnel.traces.ingest.RealFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.windtunnel.traces.ingest.RealFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class AzureRetailPriceReaderTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldKeepLinuxConsumptionVmMetersAndCountEveryDropWhenReadingPages() throws Exception
    {
        final ImportResult result = new AzureRetailPriceReader().readAll(List.of(
            RealFixtures.fixture("azure/retail-prices-page1.json"),
            RealFixtures.fixture("azure/retail-prices-page2.json")), ImportOptions.defaults());

        assertThat(rows(result.table())).containsExactly(
            "2021-11-01T00:00:00Z azure/eastus/Standard_D2s_v5/on-demand 0.096",
            "2021-11-01T00:00:00Z azure/westeurope/Standard_D2s_v5/on-demand 0.104",
            "2023-10-01T00:00:00Z azure/swedencentral/Standard_NC24ads_A100_v4/spot 1.495052",
            "2023-10-01T00:00:00Z azure/swedencentral/Standard_NV36ads_A10_v5/spot 0.775008",
            "2024-02-01T00:00:00Z azure/eastus/Standard_D2s_v5/spot 0.0192");
        final ImportSummary summary = result.summary();
        assertThat(summary.recordsRead()).isEqualTo(13);
        assertThat(summary.dropped()).containsExactly(
            Map.entry("Windows items (reading Linux only)", 2L),
            Map.entry("Low Priority meters", 1L),
            Map.entry("Virtual Machines items of type 'Reservation' (only Consumption is read)", 1L),
            Map.entry("Virtual Machines items of type 'DevTestConsumption' (only Consumption is read)", 1L),
            Map.entry("items of services other than 'Virtual Machines'", 1L),
            Map.entry("Cloud Services meters (productName contains 'Cloud Services')", 1L),
            Map.entry("zero-price placeholder meters (retailPrice 0)", 1L));
        assertThat(summary.rowsKept() + summary.droppedTotal()).isEqualTo(summary.recordsRead());
    }

    @Test
    void shouldKeepWindowsMetersWhenConstructedForWindows() throws Exception
    {
        final TraceTable table = new AzureRetailPriceReader(AzureRetailPriceReader.Os.WINDOWS).readAll(List.of(
            RealFixtures.fixture("azure/retail-prices-page1.json"),
            RealFixtures.fixture("azure/retail-prices-page2.json")), ImportOptions.defaults()).table();

        assertThat(rows(table)).containsExactly(
            "2023-10-01T00:00:00Z azure/swedencentral/Standard_NV36ads_A10_v5/spot 1.083521",
            "2024-02-01T00:00:00Z azure/eastus/Standard_D2s_v5/spot 0.0376");
    }

    @Test
    void shouldReportEveryBadKeptItemWithPointerWhenItemsAreWrong() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("bad-page.json"), """
            {"Items": [
              {"currencyCode": "EUR", "retailPrice": 0.09, "armRegionName": "westeurope",
               "effectiveStartDate": "2021-11-01T00:00:00Z",
               "meterName": "D2s v5", "productName": "Virtual Machines Dsv5 Series",
               "skuName": "D2s v5", "serviceName": "Virtual Machines", "unitOfMeasure": "1 Hour", "type": "Consumption",
               "armSkuName": "Standard_D2s_v5"},
              {"currencyCode": "USD", "retailPrice": -1, "armRegionName": "eastus",
               "effectiveStartDate": "2021-11-01T00:00:00Z",
               "meterName": "D2s v5", "productName": "Virtual Machines Dsv5 Series",
               "skuName": "D2s v5", "serviceName": "Virtual Machines", "unitOfMeasure": "1 Hour", "type": "Consumption",
               "armSkuName": "Standard_D2s_v5"},
              {"currencyCode": "USD", "armRegionName": "eastus",
               "effectiveStartDate": "sometime", "meterName": "D4s v5", "productName": "Virtual Machines Dsv5 Series",
               "skuName": "D4s v5", "serviceName": "Virtual Machines", "unitOfMeasure": "1 Hour", "type": "Consumption",
               "armSkuName": "Standard_D4s_v5"},
              {"currencyCode": "USD", "retailPrice": 0.5, "armRegionName": "eastus",
               "effectiveStartDate": "2021-11-01T00:00:00Z",
               "meterName": "D8s v5", "productName": "Virtual Machines Dsv5 Series",
               "skuName": "D8s v5", "unitOfMeasure": "1 Hour", "type": "Consumption", "armSkuName": "Standard_D8s_v5"},
              {"currencyCode": "USD", "retailPrice": 0.2, "armRegionName": "eastus",
               "effectiveStartDate": "2021-11-01T00:00:00Z",
               "meterName": "D4s v5", "productName": "Virtual Machines Dsv5 Series",
               "skuName": "D4s v5", "serviceName": "Virtual Machines", "unitOfMeasure": "1 Hour", "type": "Consumption",
               "armSkuName": "Standard_D4s_v5"},
              {"currencyCode": "USD", "retailPrice": 0.21, "armRegionName": "eastus",
               "effectiveStartDate": "2021-11-01T00:00:00Z",
               "meterName": "D4s v5", "productName": "Virtual Machines Dsv5 Series",
               "skuName": "D4s v5", "serviceName": "Virtual Machines", "unitOfMeasure": "1 Hour", "type": "Consumption",
               "armSkuName": "Standard_D4s_v5"}
            ], "NextPageLink": null}
            """);

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new AzureRetailPriceReader().read(file, ImportOptions.defaults()));

        final Map<String, TraceProblem> byPointer = new HashMap<>();
        e.problems().forEach(problem -> byPointer.put(problem.jsonPath(), problem));
        assertThat(byPointer).containsOnlyKeys("/Items/0/currencyCode", "/Items/1/retailPrice", "/Items/2",
            "/Items/2/effectiveStartDate", "/Items/3", "/Items/5");
        assertThat(byPointer.get("/Items/0/currencyCode").message()).contains("USD", "'EUR'");
        assertThat(byPointer.get("/Items/1/retailPrice").message()).contains("must not be negative");
        assertThat(byPointer.get("/Items/2").field()).isEqualTo("retailPrice");
        assertThat(byPointer.get("/Items/3").field()).isEqualTo("serviceName");
        assertThat(byPointer.get("/Items/5").message()).contains("duplicate row",
            "azure/eastus/Standard_D4s_v5/on-demand", "price 0.2");
        assertThat(byPointer.get("/Items/5").line()).isEqualTo(25);
    }

    @Test
    void shouldExplainWhenDocumentIsNotRetailPricesPage() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("other.json"), "{\"value\": []}");

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new AzureRetailPriceReader().read(file, ImportOptions.defaults()));

        assertThat(e.getMessage()).contains("field 'Items': missing");
    }
}
