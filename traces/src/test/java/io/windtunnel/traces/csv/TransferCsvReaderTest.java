package io.windtunnel.traces.csv;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceCsvWriter;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.windtunnel.traces.csv.CsvTestFiles.at;
import static io.windtunnel.traces.csv.CsvTestFiles.problems;
import static io.windtunnel.traces.csv.CsvTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class TransferCsvReaderTest
{
    private static final String HEADER = "time,provider,link_class,tier_from_gb,usd_per_gb\n";

    @TempDir
    Path dir;

    private final TransferCsvReader reader = new TransferCsvReader();

    @Test
    void shouldReadTiersPerProviderWithNormalizedTierStartsAndPriceChanges() throws Exception
    {
        final Path file = write(dir, "transfer.csv", HEADER +
            "2024-01-01T00:00:00Z,*,internet,0,0\n" +
            "2024-01-01T00:00:00Z,*,internet,100.0,0.09\n" +
            "2024-01-01T00:00:00Z,gcp,internet,0,0.12\n" +
            "2024-01-02T00:00:00Z,*,internet,100,0.08\n");
        assertThat(TraceFormats.detect(file)).isInstanceOf(TransferCsvReader.class);
        final TraceTable table = reader.read(file, ImportOptions.defaults());
        assertThat(table.kind()).isEqualTo(TraceKind.TRANSFER);
        assertThat(table.rowCount()).isEqualTo(4);
        // "100.0" and "100" are one tier: the price change is a second row of the same key.
        assertThat(table.keys().size()).isEqualTo(3);
        assertThat(table.keyId(3)).isEqualTo(table.keyId(1));
        assertThat(table.keys().fields(table.keyId(1))).containsExactly("*", "internet", "100");
        assertThat(table.value(3)).isEqualTo(0.08);
        final Path back = dir.resolve("back.csv");
        TraceCsvWriter.write(table, back);
        assertThat(reader.read(back, ImportOptions.defaults())).isEqualTo(table);
    }

    @Test
    void shouldReportUnknownClassNegativeValuesMissingZeroTierAndDecreasingTiers() throws Exception
    {
        final Path file = write(dir, "bad.csv", HEADER +
            "2024-01-01T00:00:00Z,*,moon,0,0.1\n" +
            "2024-01-01T00:00:00Z,aws,internet,0,-0.5\n" +
            "2024-01-01T00:00:00Z,aws,internet,-1,0.5\n" +
            "2024-01-01T00:00:00Z,,edge,0,0.5\n" +
            "2024-01-01T00:00:00Z,aws,other-region,10,0.02\n" +
            "2024-01-01T00:00:00Z,aws,same-zone,0,0\n" +
            "2024-01-01T00:00:00Z,aws,same-zone,50,0.01\n" +
            "2024-01-01T00:00:00Z,aws,same-zone,20,0.02\n" +
            "2024-01-01T00:00:00Z,aws,same-zone,x,0.02\n");
        assertThat(problems(reader, file)).containsExactly(
            at(file, 2, "link_class") + "link class 'moon' is not one of same-zone, other-zone, other-region, " +
                "internet, edge",
            at(file, 3, "usd_per_gb") + "a price in USD per GB must be at least 0, got -0.5",
            at(file, 4, "tier_from_gb") + "a tier start must be at least 0 GB, got -1",
            at(file, 5, "provider") + "must not be empty; name a provider, or * for every provider without rows " +
                "of its own",
            at(file, 10, "tier_from_gb") + "cannot read 'x' as a tier start in GB: expected a decimal number such " +
                "as 12 or 0.25",
            at(file, 9, "tier_from_gb") + "tier 20 GB comes after tier 50 GB on line 8 (same provider, class and " +
                "time): list a class's tiers in increasing order",
            at(file, 6, "tier_from_gb") + "provider aws, class other-region has no tier from 0 GB at " +
                "2024-01-01T00:00:00Z: the first tier starts at the month's first byte, from the class's first " +
                "row on");
    }

    @Test
    void shouldReportATierFromZeroThatStartsAfterTheClassesFirstRowAndDuplicates() throws Exception
    {
        final Path file = write(dir, "late.csv", HEADER +
            "2024-01-01T00:00:00Z,aws,internet,100,0.09\n" +
            "2024-01-02T00:00:00Z,aws,internet,0,0\n" +
            "2024-01-02T00:00:00Z,aws,internet,0,0\n");
        assertThat(problems(reader, file)).anySatisfy(p -> assertThat(p).startsWith(at(file, 4, "time") +
            "duplicate"))
            .anySatisfy(p -> assertThat(p).isEqualTo(at(file, 2, "tier_from_gb") + "provider aws, class internet " +
                "has no tier from 0 GB at 2024-01-01T00:00:00Z: the first tier starts at the month's first byte, " +
                "from the class's first row on"));
    }
}
