package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.SizeDistribution;
import io.windtunnel.simulator.transfer.TransferModel;
import io.windtunnel.simulator.transfer.TransferPrices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The {@code transfer} section and the regions' {@code uplink}: what is read, and what is refused where. */
class TransferReaderTest
{
    /** Two regions (the second with zones), so that data-set locations and zones can be named. */
    static final String BASE = ScenarioReaderTest.MINIMAL
        .replace("    regions: {r: {}}", "    regions: {r: {}, s: {zones: [s-a, s-b]}}");

    @TempDir
    Path dir;

    private Scenario read(final String transfer) throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, BASE + transfer);
        return ScenarioReader.read(file);
    }

    @Test
    void shouldReadSizesDataSetTieredPricesBandwidthAndUplink() throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, BASE.replace("s: {zones: [s-a, s-b]}", "s: {zones: [s-a, s-b], uplink: 20 Mbps}") +
            String.join("\n",
                "transfer:",
                "  request: 2 KB",
                "  response: {distribution: lognormal, mean: 200 KB, cv: 1.5}",
                "  data:",
                "    read: {distribution: exponential, mean: 1 MB}",
                "    locations:",
                "      - {region: s, zone: s-b}",
                "      - {region: r}",
                "  prices:",
                "    other-region: 0.03",
                "    internet:",
                "      - {from: 0 GB, usdPerGb: 0.12}",
                "      - {from: 10 TB, usdPerGb: 0.08}",
                "  bandwidth: {internet: 50 Mbps}",
                "  readRtt: {other-region: 70ms}",
                ""));
        final Scenario scenario = ScenarioReader.read(file);
        final TransferModel t = scenario.model().transfer;

        assertThat(t.requestSize.isConstant()).isTrue();
        assertThat(t.requestSize.meanBytes()).isEqualTo(2048);
        assertThat(t.responseSize.kind()).isEqualTo(SizeDistribution.LOGNORMAL);
        assertThat(t.responseSize.cv()).isEqualTo(1.5);
        assertThat(t.readSize.kind()).isEqualTo(SizeDistribution.EXPONENTIAL);
        assertThat(t.dataRegion).containsExactly(1, 0);
        assertThat(t.dataZone[0]).isNotEqualTo(CloudModel.NO_ZONE);
        assertThat(scenario.model().zoneNames[t.dataZone[0]]).isEqualTo("s-b");
        assertThat(t.dataZone[1]).isEqualTo(CloudModel.NO_ZONE);
        assertThat(t.prices.tierUsdPerGb(LinkClass.OTHER_REGION)).containsExactly(0.03);
        assertThat(t.prices.tierFromBytes(LinkClass.INTERNET)).containsExactly(0, 10L * 1024 * ByteUnits.BYTES_PER_GB);
        assertThat(t.prices.tierUsdPerGb(LinkClass.INTERNET)).containsExactly(0.12, 0.08);
        // Classes left out take the bundled table's price, and say so in the echo of defaults.
        assertThat(t.prices.tierUsdPerGb(LinkClass.OTHER_ZONE))
            .containsExactly(TransferPrices.awsExample().tierUsdPerGb(LinkClass.OTHER_ZONE));
        assertThat(t.bitsPerSec[LinkClass.INTERNET]).isEqualTo(50e6);
        assertThat(t.bitsPerSec[LinkClass.SAME_ZONE]).isEqualTo(TransferModel.DEFAULT_BITS_PER_SEC[0]);
        assertThat(t.readRttNs[LinkClass.OTHER_REGION]).isEqualTo(70_000_000L);
        assertThat(t.uplinkBitsPerSec).containsExactly(0, 20e6);
        assertThat(t.startEpochNs).isEqualTo(scenario.startEpochNs());
    }

    @Test
    void shouldHaveNoBytesWithoutATransferSection() throws Exception
    {
        assertThat(read("").model().transfer).isNull();
    }

    @Test
    void shouldTakeTheBundledExampleByNameOrByDefault() throws Exception
    {
        assertThat(read("transfer: {response: 1 MB}\n").model().transfer.prices.source())
            .isEqualTo(TransferPrices.AWS_EXAMPLE_SOURCE);
        assertThat(read("transfer: {response: 1 MB, prices: aws-example}\n").model().transfer.prices.source())
            .isEqualTo(TransferPrices.AWS_EXAMPLE_SOURCE);
    }

    @Test
    void shouldRefuseBadInputNamingTheLineAndKey()
    {
        final int line = BASE.split("\n", -1).length;
        assertThatThrownBy(() -> read("transfer: {response: 2 parsecs}\n"))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining(":" + line + ":").hasMessageContaining("transfer.response")
            .hasMessageContaining("is not a size");
        assertThatThrownBy(() -> read("transfer: {response: 1 MB, bandwidth: {moon: 1 Gbps}}\n"))
            .hasMessageContaining("'moon' is not a link class");
        assertThatThrownBy(() -> read("transfer: {response: 1 MB, bandwidth: {edge: fast}}\n"))
            .hasMessageContaining("is not a bandwidth");
        assertThatThrownBy(() -> read("transfer:\n  response: 1 MB\n  prices:\n    internet:\n" +
            "      - {from: 1 GB, usdPerGb: 0.1}\n"))
            .hasMessageContaining(":" + (line + 4) + ":").hasMessageContaining("first tier must start at 0");
        assertThatThrownBy(() -> read("transfer:\n  response: 1 MB\n  prices:\n    internet:\n" +
            "      - {from: 0 GB, usdPerGb: 0.1}\n      - {from: 0 GB, usdPerGb: 0.05}\n"))
            .hasMessageContaining(":" + (line + 5) + ":").hasMessageContaining("above the previous tier");
        assertThatThrownBy(() -> read("transfer: {response: 1 MB, prices: azure-example}\n"))
            .hasMessageContaining("not a bundled price table");
        assertThatThrownBy(() -> read("transfer: {response: 1 MB, prices: {internet: -1}}\n"))
            .hasMessageContaining("transfer.prices.internet");
        assertThatThrownBy(() -> read("transfer: {prices: aws-example}\n")).hasMessageContaining("gives no sizes");
        assertThatThrownBy(() -> read("transfer: {data: {read: 1 MB, locations: [{region: nowhere}]}}\n"))
            .hasMessageContaining("unknown region 'nowhere'");
        assertThatThrownBy(() -> read("transfer: {data: {read: 1 MB, locations: [{region: s, zone: s-c}]}}\n"))
            .hasMessageContaining("has no zone 's-c'");
        assertThatThrownBy(() -> read("transfer: {response: {distribution: pareto, mean: 1 MB}}\n"))
            .hasMessageContaining("'pareto' is not one of constant, exponential, lognormal");
        assertThatThrownBy(() -> read("transfer: {response: 1 MB, reqest: 1 KB}\n"))
            .hasMessageContaining("unknown key");
    }

    @Test
    void shouldRefuseAnUplinkWithoutBytes() throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, BASE.replace("r: {}", "r: {uplink: 10 Mbps}"));
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("uplink")
            .hasMessageContaining("needs a 'transfer' section");
    }
}
