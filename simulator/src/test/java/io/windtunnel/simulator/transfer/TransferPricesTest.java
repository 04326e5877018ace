package io.windtunnel.simulator.transfer;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class TransferPricesTest
{
    private static final long GB = ByteUnits.BYTES_PER_GB;

    /** Internet tiers of 0.10 USD/GB below 3 GB a month, 0.05 above; every other class flat. */
    static TransferPrices twoTiers()
    {
        return new TransferPrices(
            new long[][] {{0}, {0}, {0}, {0, 3 * GB}, {0}},
            new double[][] {{0}, {0.01}, {0.02}, {0.10, 0.05}, {0.08}}, "test");
    }

    @Test
    void shouldPriceATransferThatCrossesATierAtBothTiers()
    {
        final TransferPrices prices = twoTiers();
        // 2.5 GB already this month; 1.25 GB more: 0.5 GB at 0.10, 0.75 GB at 0.05 (by hand: 0.05 + 0.0375).
        assertThat(prices.costUsd(LinkClass.INTERNET, 5 * GB / 2, 5 * GB / 4)).isCloseTo(0.0875, within(1e-15));
        assertThat(prices.costUsd(LinkClass.INTERNET, 0, GB)).isCloseTo(0.10, within(1e-15));
        assertThat(prices.costUsd(LinkClass.INTERNET, 4 * GB, GB)).isCloseTo(0.05, within(1e-15));
        assertThat(prices.costUsd(LinkClass.OTHER_REGION, 123 * GB, 2 * GB)).isCloseTo(0.04, within(1e-15));
    }

    /** Cutting a month's volume into transfers anywhere gives the integral of the step function over the whole. */
    @Test
    void shouldAddUpToTheIntegralHoweverTheVolumeIsCut()
    {
        final TransferPrices prices = TransferPrices.awsExample();
        final SplittableRandom random = new SplittableRandom(16);
        for (int trial = 0; trial < 200; trial++)
        {
            long volume = 0;
            double sum = 0;
            final int transfers = 1 + random.nextInt(50);
            for (int i = 0; i < transfers; i++)
            {
                final long bytes = random.nextLong(20_000L * GB);
                sum += prices.costUsd(LinkClass.INTERNET, volume, bytes);
                volume += bytes;
            }
            assertThat(sum).isCloseTo(prices.costUsd(LinkClass.INTERNET, 0, volume), within(1e-9 * (1 + sum)));
        }
    }

    @Test
    void shouldPriceTheAwsExampleByItsPublishedTiers()
    {
        final TransferPrices prices = TransferPrices.awsExample();
        // The first 100 GB of a month are free, then 0.09 up to 10 TB.
        assertThat(prices.costUsd(LinkClass.INTERNET, 0, 100 * GB)).isZero();
        assertThat(prices.costUsd(LinkClass.INTERNET, 0, 200 * GB)).isCloseTo(9.0, within(1e-9));
        // 10 TB to 50 TB at 0.085.
        assertThat(prices.costUsd(LinkClass.INTERNET, 10 * 1024 * GB, GB)).isCloseTo(0.085, within(1e-12));
        assertThat(prices.costUsd(LinkClass.SAME_ZONE, 0, GB)).isZero();
        assertThat(prices.source()).contains("from memory").contains("aws.amazon.com");
    }

    @Test
    void shouldRefuseTiersThatDoNotStartAtZeroOrDoNotIncrease()
    {
        assertThatThrownBy(() -> new TransferPrices(new long[][] {{0}, {0}, {0}, {GB}, {0}},
            new double[][] {{0}, {0}, {0}, {1}, {0}}, "x")).hasMessageContaining("internet");
        assertThatThrownBy(() -> new TransferPrices(new long[][] {{0}, {0}, {0}, {0, GB, GB}, {0}},
            new double[][] {{0}, {0}, {0}, {1, 1, 1}, {0}}, "x")).hasMessageContaining("increasing");
    }

    @Test
    void shouldReadSizesAsBinaryAndBandwidthsAsDecimal()
    {
        assertThat(ByteUnits.parseBytes("2 KB")).isEqualTo(2048);
        assertThat(ByteUnits.parseBytes("1.5GB")).isEqualTo(1.5 * GB);
        assertThat(ByteUnits.parseBytes("512")).isEqualTo(512);
        assertThat(ByteUnits.parseBitsPerSec("100 Mbps")).isEqualTo(1e8);
        assertThatThrownBy(() -> ByteUnits.parseBytes("2 parsecs")).hasMessageContaining("not a size");
        assertThatThrownBy(() -> ByteUnits.parseBytes("-2 KB")).hasMessageContaining("at least 0");
        assertThatThrownBy(() -> ByteUnits.parseBitsPerSec("0 Gbps")).hasMessageContaining("above 0");
    }
}
