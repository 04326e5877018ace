package io.windtunnel.traces.csv;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.windtunnel.traces.csv.CsvTestFiles.at;
import static io.windtunnel.traces.csv.CsvTestFiles.problems;
import static io.windtunnel.traces.csv.CsvTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class PriceCsvReaderTest
{
    private static final String HEADER = "time,provider,region,zone,instance_type,market,price_per_hour_usd\n";

    @TempDir
    Path dir;

    private final PriceCsvReader reader = new PriceCsvReader();

    @Test
    void shouldReadFixtureIntoNormalizedKeysAndPrices() throws Exception
    {
        final TraceTable table = reader.read(
            CsvTestFiles.resource("/fixtures/csv/price.csv"), ImportOptions.defaults());
        assertThat(table.kind()).isEqualTo(TraceKind.PRICE);
        assertThat(table.rowCount()).isEqualTo(7);
        assertThat(table.keys().size()).as("preemptible and spot are one market").isEqualTo(4);
        assertThat(table.keyId(4)).isEqualTo(table.keyId(3));
        assertThat(table.keys().fields(table.keyId(1))).containsExactly("aws", "us-east-1", "", "m5.large", "on-demand");
        assertThat(table.keys().fields(table.keyId(3)))
            .containsExactly("gcp", "europe-west1", "europe-west1-b", "n2-standard-4", "spot");
        assertThat(table.keys().fields(table.keyId(5))).containsExactly("acme, inc.", "lab \"north\"", "", "big box",
            "on-demand");
        assertThat(table.value(5)).isEqualTo(1.5);
        assertThat(table.keyId(6)).isEqualTo(table.keyId(0));
        assertThat(table.value(6)).isEqualTo(0.0349);
        for (int row = 0; row < table.rowCount(); row++)
        {
            assertThat(table.code(row)).isZero();
        }
    }

    @Test
    void shouldTreatAbsentZoneColumnAsEmptyZone() throws Exception
    {
        final Path file = write(dir, "nozone.csv",
            "time,provider,region,instance_type,market,price_per_hour_usd\n" +
            "2024-01-01T00:00:00Z,azure,swedencentral,Standard_D2s_v5,spot,0.0123\n");
        final TraceTable table = reader.read(file, ImportOptions.defaults());
        assertThat(table.keys().fields(0)).containsExactly("azure", "swedencentral", "", "Standard_D2s_v5", "spot");
    }

    @Test
    void shouldStoreEveryMarketSpellingAsItsLabel() throws Exception
    {
        final Path file = write(dir, "markets.csv", HEADER +
            "2024-01-01T00:00:00Z,aws,r,,a,ON-DEMAND,1\n" +
            "2024-01-01T00:00:00Z,aws,r,,b,ondemand,1\n" +
            "2024-01-01T00:00:00Z,aws,r,,c,on_demand,1\n" +
            "2024-01-01T00:00:00Z,aws,r,,d,od,1\n" +
            "2024-01-01T00:00:00Z,aws,r,,e,Spot,1\n" +
            "2024-01-01T00:00:00Z,aws,r,,f,preemptible,1\n");
        final TraceTable table = reader.read(file, ImportOptions.defaults());
        final String[] markets = new String[table.rowCount()];
        for (int row = 0; row < markets.length; row++)
        {
            markets[row] = table.keys().field(table.keyId(row), 4);
        }
        assertThat(markets).containsExactly("on-demand", "on-demand", "on-demand", "on-demand", "spot", "spot");
    }

    @Test
    void shouldReportUnknownOrEmptyMarket() throws Exception
    {
        final Path file = write(dir, "market.csv", HEADER +
            "2024-01-01T00:00:00Z,aws,r,,t,reserved,1\n" +
            "2024-01-01T00:00:01Z,aws,r,,t,,1\n");
        assertThat(problems(reader, file)).containsExactly(
            at(file, 2, "market") + "unknown market 'reserved'; use on-demand (also ondemand, on_demand, od) or " +
                "spot (also preemptible)",
            at(file, 3, "market") + "must not be empty; use on-demand or spot");
    }

    @Test
    void shouldReportNegativeOrMissingPriceButAcceptZero() throws Exception
    {
        final Path file = write(dir, "price.csv", HEADER +
            "2024-01-01T00:00:00Z,aws,r,,t,spot,0\n" +
            "2024-01-01T00:00:01Z,aws,r,,t,spot,-0.01\n" +
            "2024-01-01T00:00:02Z,aws,r,,t,spot,\n" +
            "2024-01-01T00:00:03Z,aws,r,,t,spot,free\n");
        assertThat(problems(reader, file)).containsExactly(
            at(file, 3, "price_per_hour_usd") + "price must be at least 0, got -0.01",
            at(file, 4, "price_per_hour_usd") + "missing a price in USD per hour",
            at(file, 5, "price_per_hour_usd") +
                "cannot read 'free' as a price in USD per hour: expected a decimal number such as 12 or 0.25");
    }

    @Test
    void shouldReportEmptyProviderRegionOrInstanceType() throws Exception
    {
        final Path file = write(dir, "names.csv", HEADER +
            "2024-01-01T00:00:00Z,,r,,t,spot,1\n" +
            "2024-01-01T00:00:00Z,aws,\" \",,t,spot,1\n" +
            "2024-01-01T00:00:00Z,aws,r,z,,spot,1\n");
        assertThat(problems(reader, file)).containsExactly(
            at(file, 2, "provider") + "must not be empty",
            at(file, 3, "region") + "must not be empty",
            at(file, 4, "instance_type") + "must not be empty");
    }

    @Test
    void shouldKeepKeysDistinctWhenOnlyZoneOrMarketDiffers() throws Exception
    {
        final Path file = write(dir, "keys.csv", HEADER +
            "2024-01-01T00:00:00Z,aws,r,,t,spot,1\n" +
            "2024-01-01T00:00:00Z,aws,r,z,t,spot,2\n" +
            "2024-01-01T00:00:00Z,aws,r,,t,od,3\n");
        final TraceTable table = reader.read(file, ImportOptions.defaults());
        assertThat(table.keys().size()).isEqualTo(3);
    }
}
