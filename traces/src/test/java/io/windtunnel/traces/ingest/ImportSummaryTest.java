package io.windtunnel.traces.ingest;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ImportSummaryTest
{
    @Test
    void shouldCountDropsByReasonInFirstSeenOrderWhenBuilt()
    {
        final ImportSummary.Builder builder = new ImportSummary.Builder();
        builder.record();
        builder.record();
        builder.record();
        builder.drop("windows");
        builder.drop("suse", 2);
        builder.drop("windows");
        builder.drop("nothing", 0);
        builder.add("filled", 4);

        final ImportSummary summary = builder.build("prices.json", 1);

        assertThat(summary.recordsRead()).isEqualTo(3);
        assertThat(summary.dropped()).containsExactly(
            java.util.Map.entry("windows", 2L), java.util.Map.entry("suse", 2L));
        assertThat(summary.droppedTotal()).isEqualTo(4);
        assertThat(summary.dropped("nothing")).isZero();
        assertThat(summary.addedTotal()).isEqualTo(4);
        assertThat(summary.describe()).isEqualTo(
            "prices.json: 3 records read, 1 rows kept; dropped 4: 2 windows, 2 suse; added 4: 4 filled");
    }

    @Test
    void shouldDescribeWithoutDropsWhenNothingDropped()
    {
        final ImportSummary summary = new ImportSummary.Builder().build("a.csv", 0);

        assertThat(summary.describe()).isEqualTo("a.csv: 0 records read, 0 rows kept");
    }
}
