package io.windtunnel.traces.gcp;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.RealFixtures;
import io.windtunnel.traces.ingest.internal.PriceSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static io.windtunnel.traces.ingest.RealFixtures.rows;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class GcpPriceCsvReaderTest
{
    private static final String NO_SPOT = "lines without a spot price (hour_spot_usd empty or absent)";
    private static final String NO_ON_DEMAND = "lines without an on-demand price (hour_usd empty)";

    @TempDir
    Path tempDir;

    @Test
    void shouldYieldOnDemandAndSpotRowsWhenReadingSnapshot() throws Exception
    {
        final ImportResult result = new GcpPriceCsvReader().readWithSummary(
            RealFixtures.fixture("gcp/gcp_instance_prices_snapshot.csv"), ImportOptions.defaults());

        assertThat(rows(result.table())).containsExactly(
            "2026-07-30T06:13:17Z gcp/asia-east1/a2-highgpu-1g/on-demand 3.790142",
            "2026-07-30T06:13:17Z gcp/asia-east1/a2-highgpu-1g/spot 0.444055",
            "2026-07-30T06:13:17Z gcp/us-central1/n2-standard-4/on-demand 0.194236",
            "2026-07-30T06:13:17Z gcp/us-central1/n2-standard-4/spot 0.09212",
            "2026-07-30T06:13:17Z gcp/europe-west1/n2-standard-4/on-demand 0.213659",
            "2026-07-30T06:13:17Z gcp/northamerica-south1/c2-standard-4/spot 0.03419112",
            "2026-07-30T06:13:17Z gcp/us-east1/e2-standard-4/on-demand 0.134012",
            "2026-07-30T06:13:17Z gcp/us-east1/e2-standard-4/spot 0.04468");
        assertThat(result.summary().dropped(NO_SPOT)).isEqualTo(1);
        assertThat(result.summary().dropped(NO_ON_DEMAND)).isEqualTo(1);
    }

    @Test
    void shouldCollapseUnchangedSnapshotsButKeepEachKeysLastWhenReadingHistory() throws Exception
    {
        final ImportResult result = new GcpPriceCsvReader().readWithSummary(
            RealFixtures.fixture("gcp/gcp_price_history.csv"), ImportOptions.defaults());

        assertThat(rows(result.table())).containsExactly(
            "2023-04-30T06:02:11Z gcp/us-east1/e2-standard-4/on-demand 0.134012",
            "2023-04-30T06:02:11Z gcp/us-central1/n2-standard-4/on-demand 0.194236",
            "2023-05-08T06:42:47Z gcp/us-east1/e2-standard-4/spot 0.04468",
            "2023-05-08T06:42:47Z gcp/us-central1/n2-standard-4/spot 0.046996",
            "2023-05-15T06:40:02Z gcp/us-east1/e2-standard-4/spot 0.04123",
            "2023-05-22T06:38:55Z gcp/us-east1/e2-standard-4/on-demand 0.13402",
            "2023-05-22T06:38:55Z gcp/us-east1/e2-standard-4/spot 0.04123",
            "2023-05-22T06:38:55Z gcp/us-central1/n2-standard-4/on-demand 0.194236",
            "2023-05-22T06:38:55Z gcp/us-central1/n2-standard-4/spot 0.05123");
        assertThat(result.summary().dropped(PriceSeries.REPEAT_REASON)).isEqualTo(5);
        assertThat(result.summary().dropped(NO_SPOT)).isEqualTo(2);
    }

    @Test
    void shouldKeepEverySnapshotRowWhenCollapsingDisabled() throws Exception
    {
        final TraceTable table = new GcpPriceCsvReader(false).read(
            RealFixtures.fixture("gcp/gcp_price_history.csv"), ImportOptions.defaults());

        assertThat(table.rowCount()).isEqualTo(14);
    }

    @Test
    void shouldReportDisagreeingTimesBadPricesAndDisorderWhenRowsAreWrong() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("bad-history.csv"), """
            snapshot_generated_utc,snapshot_unix,git_commit,machine_type,region,cpu,ram_gb,hour_usd,hour_spot_usd
            2023-05-08T06:42:47Z,1683528167,b2c3d4e,n2-standard-4,us-central1,4,16,0.194236,0.046996
            2023-05-15T06:40:02Z,1683528167,c3d4e5f,n2-standard-4,us-central1,4,16,0.194236,0.046996
            2023-05-15T06:40:02Z,1684132802,c3d4e5f,n2-standard-4,us-central1,4,16,-0.1,free
            2023-05-01T00:00:00Z,1682899200,a0a0a0a,n2-standard-4,us-east1,4,16,0.19,0.05
            2023-05-15T06:40:02Z,1684132802,c3d4e5f,,us-central1,4,16,0.194236,0.046996
            2023-05-22T06:38:55Z,1684737535,d4e5f60,n2-standard-4,us-central1,4,16,0.194236,0.05
            2023-05-22T06:38:55Z,1684737535,d4e5f60,n2-standard-4,us-central1,4,16,0.194236,0.05
            """);

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> new GcpPriceCsvReader().read(file, ImportOptions.defaults()));

        final List<String> described = new ArrayList<>();
        e.problems().forEach(problem ->
            described.add(problem.line() + " " + problem.field() + ": " + problem.message()));
        assertThat(described).hasSize(7);
        assertThat(described.get(0)).startsWith("3 snapshot_unix: ").contains("disagrees");
        assertThat(described.get(1)).startsWith("4 hour_usd: ").contains("negative");
        assertThat(described.get(2)).startsWith("4 hour_spot_usd: ").contains("'free'");
        assertThat(described.get(3)).startsWith("5 snapshot_unix: ").contains("is before the previous row's");
        assertThat(described.get(4)).startsWith("6 machine_type: empty");
        assertThat(described).anySatisfy(text -> assertThat(text).startsWith("8 null: duplicate row")
            .contains("gcp/us-central1/n2-standard-4/on-demand"));
        assertThat(described).anySatisfy(text -> assertThat(text).startsWith("8 null: duplicate row")
            .contains("gcp/us-central1/n2-standard-4/spot"));
    }

    @Test
    void shouldSortInsteadOfComplainingWhenSortingEnabled() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("unsorted.csv"), """
            snapshot_unix,machine_type,region,hour_usd,hour_spot_usd
            1684132802,n2-standard-4,us-central1,0.2,0.06
            1683528167,n2-standard-4,us-central1,0.2,0.05
            """);

        final TraceTable table = new GcpPriceCsvReader().read(file, ImportOptions.defaults().withSort(true));

        assertThat(rows(table)).containsExactly(
            "2023-05-08T06:42:47Z gcp/us-central1/n2-standard-4/on-demand 0.2",
            "2023-05-08T06:42:47Z gcp/us-central1/n2-standard-4/spot 0.05",
            "2023-05-15T06:40:02Z gcp/us-central1/n2-standard-4/on-demand 0.2",
            "2023-05-15T06:40:02Z gcp/us-central1/n2-standard-4/spot 0.06");
    }

    @Test
    void shouldMatchRealSnapshotFactsWhenSamplePresent() throws Exception
    {
        final Path file = RealFixtures.realSample("gcp-prices-cyclenerd")
            .resolve("gcp_instance_prices_snapshot_2026-07-30.csv");

        final ImportResult result = new GcpPriceCsvReader().readWithSummary(file, ImportOptions.defaults());

        // README A6: 17,720 rows, 523 machine types, 43 regions, 170 with an empty hour_spot_usd.
        assertThat(result.summary().recordsRead()).isEqualTo(17_720);
        assertThat(result.summary().dropped(NO_SPOT)).isEqualTo(170);
        final TraceTable table = result.table();
        assertThat(table.rowCount()).isEqualTo(2 * 17_720 - 170 - result.summary().dropped(NO_ON_DEMAND));
        final Set<String> types = new HashSet<>();
        final Set<String> regions = new HashSet<>();
        for (int id = 0; id < table.keys().size(); id++)
        {
            types.add(table.keys().field(id, 3));
            regions.add(table.keys().field(id, 1));
        }
        assertThat(types).hasSize(523);
        assertThat(regions).hasSize(43);
        assertThat(TraceTimes.formatIso(table.timeNs(0))).isEqualTo("2026-07-30T06:13:17Z");
    }

    @Test
    void shouldMatchRealHistoryFactsWhenSamplePresent() throws Exception
    {
        final Path file = RealFixtures.realSample("gcp-prices-cyclenerd")
            .resolve("gcp_price_history_selected_2022-02_to_2026-07.csv");

        final TraceTable full = new GcpPriceCsvReader(false).read(file, ImportOptions.defaults());
        final TraceTable collapsed = new GcpPriceCsvReader().read(file, ImportOptions.defaults());

        // README A6: 12,744 rows from 289 snapshots, 2022-02-09 to 2026-07-30; 8 types, 6 regions; no spot price
        // before 2023-05-08; n2-standard-4 us-central1 spot went from 0.046996 to 0.09212 with 28 changes across
        // 199 spot snapshots; its on-demand price never changed.
        final Set<Long> snapshots = new HashSet<>();
        final Set<String> types = new HashSet<>();
        final Set<String> regions = new HashSet<>();
        for (int row = 0; row < full.rowCount(); row++)
        {
            snapshots.add(full.timeNs(row));
            types.add(full.keys().field(full.keyId(row), 3));
            regions.add(full.keys().field(full.keyId(row), 1));
            if (full.keys().field(full.keyId(row), 4).equals("spot"))
            {
                assertThat(TraceTimes.formatIso(full.timeNs(row))).isGreaterThanOrEqualTo("2023-05-08");
            }
        }
        assertThat(snapshots).hasSize(289);
        assertThat(types).hasSize(8);
        assertThat(regions).hasSize(6);
        assertThat(TraceTimes.formatIso(full.timeNs(0))).startsWith("2022-02-09");
        assertThat(TraceTimes.formatIso(full.timeNs(full.rowCount() - 1))).startsWith("2026-07-30");

        final List<Double> spotFull = series(full, "us-central1", "n2-standard-4", "spot");
        assertThat(spotFull).hasSize(199);
        assertThat(spotFull.get(0)).isEqualTo(0.046996);
        assertThat(spotFull.get(spotFull.size() - 1)).isEqualTo(0.09212);
        assertThat(changes(spotFull)).isEqualTo(28);
        final List<Double> spotCollapsed = series(collapsed, "us-central1", "n2-standard-4", "spot");
        assertThat(changes(spotCollapsed)).isEqualTo(28);
        assertThat(spotCollapsed.size()).isBetween(29, 30);
        assertThat(new HashSet<>(series(full, "us-central1", "n2-standard-4", "on-demand"))).hasSize(1);
        assertThat(series(collapsed, "us-central1", "n2-standard-4", "on-demand")).hasSize(2);
        assertThat(collapsed.rowCount()).isLessThan(full.rowCount() / 10);
    }

    private static List<Double> series(final TraceTable table, final String region, final String type,
        final String market)
    {
        final int key = table.keys().find("gcp", region, "", type, market);
        final List<Double> prices = new ArrayList<>();
        for (int row = 0; row < table.rowCount(); row++)
        {
            if (table.keyId(row) == key)
            {
                prices.add(table.value(row));
            }
        }
        return prices;
    }

    private static int changes(final List<Double> prices)
    {
        int changes = 0;
        for (int i = 1; i < prices.size(); i++)
        {
            if (!prices.get(i).equals(prices.get(i - 1)))
            {
                changes++;
            }
        }
        return changes;
    }
}
