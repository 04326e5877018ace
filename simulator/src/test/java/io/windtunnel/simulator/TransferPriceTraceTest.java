package io.windtunnel.simulator;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.ScenarioReader;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.TransferLedger;
import io.windtunnel.simulator.transfer.TransferPrices;
import io.windtunnel.traces.TraceFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code transfer.prices: {trace: FILE}}: a {@code transfer} price trace read into per-provider price schedules,
 * billed by the ledger at the price in force for the sender when bytes move; the bundled AWS-style file equals
 * {@link TransferPrices#awsExample()}.
 */
class TransferPriceTraceTest
{
    private static final long GB = ByteUnits.BYTES_PER_GB;
    private static final long MINUTE = 60_000_000_000L;
    private static final Path BUNDLED = Path.of("../scenarios/prices/transfer-aws-example.csv").toAbsolutePath();
    private static final String HEADER = "time,provider,link_class,tier_from_gb,usd_per_gb\n";

    /** Two providers, p and q, each with a region; a run of 10 minutes from 2024-01-01T00:00Z. */
    private static final String SCENARIO = String.join("\n",
        "name: tiny",
        "start: 2024-01-01T00:00:00Z",
        "duration: 10m",
        "providers:",
        "  p:",
        "    regions: {r: {}}",
        "    instanceTypes: {t: {workers: 2, boot: 0s}}",
        "  q:",
        "    regions: {s: {}}",
        "    instanceTypes: {u: {workers: 2, boot: 0s}}",
        "prices:",
        "  - {provider: p, region: r, instanceType: t, pricePerHour: 0.5}",
        "  - {provider: q, region: s, instanceType: u, pricePerHour: 0.5}",
        "load:",
        "  constant: {c: 100}",
        "clients:",
        "  c: {rtt: {default: 10ms}}",
        "service: {mean: 5ms}",
        "stacks:",
        "  - name: one",
        "    autoscaler: {type: fixed, replicas: 2}",
        "transfer:",
        "  response: 16 KB",
        "");

    @TempDir
    Path dir;

    private Scenario read(final String prices, final String trace) throws Exception
    {
        if (trace != null)
        {
            Files.writeString(dir.resolve("transfer.csv"), HEADER + trace);
        }
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, SCENARIO + "  prices: " + prices + "\n");
        return ScenarioReader.read(file);
    }

    @Test
    void shouldReadTheBundledFileAsExactlyTheAwsExampleTableForEveryProvider() throws Exception
    {
        final TransferPrices example = TransferPrices.awsExample();
        final TransferPrices read = read("{trace: " + BUNDLED + "}", null).model().transfer.prices;
        for (int provider = 0; provider < 2; provider++)
        {
            for (final long atNs : new long[] {0, 9 * MINUTE})
            {
                final TransferPrices table = read.forProvider(provider, atNs);
                for (int c = 0; c < LinkClass.COUNT; c++)
                {
                    assertThat(table.tierFromBytes(c)).as(LinkClass.NAMES[c]).containsExactly(example.tierFromBytes(c));
                    assertThat(table.tierUsdPerGb(c)).as(LinkClass.NAMES[c]).containsExactly(example.tierUsdPerGb(c));
                }
            }
        }
        // The file's source comment is the constant's text.
        final List<String> lines = Files.readAllLines(BUNDLED);
        final String source = lines.stream().dropWhile(l -> !l.startsWith("# Source: "))
            .takeWhile(l -> l.startsWith("# ") && !l.startsWith("# same-zone"))
            .map(l -> l.substring(2)).collect(Collectors.joining(" "));
        assertThat(source).isEqualTo("Source: " + TransferPrices.AWS_EXAMPLE_SOURCE + ".");
    }

    @Test
    void shouldBillTheSameAsTheBuiltInTableWhenRunWithTheBundledFile() throws Exception
    {
        final Scenario named = read("aws-example", null);
        final Scenario file = read("{trace: " + BUNDLED + "}", null);
        final Simulation a = Fixtures.run(named.model(), Fixtures.fixed(2, 2), 5);
        final Simulation b = Fixtures.run(file.model(), Fixtures.fixed(2, 2), 5);
        assertThat(a.transferLedger().bytes(LinkClass.INTERNET)).isPositive()
            .isEqualTo(b.transferLedger().bytes(LinkClass.INTERNET));
        assertThat(Double.doubleToLongBits(b.transferLedger().totalCostUsd()))
            .isEqualTo(Double.doubleToLongBits(a.transferLedger().totalCostUsd()));
    }

    /**
     * Provider q has its own internet price (0.20 flat); every other provider and class takes the {@code *} rows,
     * whose internet tier from 2 GB drops from 0.05 to 0.04 at 00:05, mid-run. By hand: p sends 3 GB at 1 min
     * (2 GB at 0.10 + 1 GB at 0.05 = 0.25) and 1 GB at 6 min (above 2 GB, at the new 0.04); q sends 1 GB at 1 min and
     * 1 GB at 6 min (0.20 each, its table unchanged); p sends 1 GB to another region at 6 min (0.02).
     */
    @Test
    void shouldBillEachGbAtThePriceInForceForItsProviderWhenItMoves() throws Exception
    {
        final CloudModel model = read("{trace: transfer.csv}", String.join("\n",
            "2023-12-01T00:00:00Z,*,same-zone,0,0",
            "2023-12-01T00:00:00Z,*,other-zone,0,0.01",
            "2023-12-01T00:00:00Z,*,other-region,0,0.02",
            "2023-12-01T00:00:00Z,*,internet,0,0.10",
            "2023-12-01T00:00:00Z,*,internet,2,0.05",
            "2023-12-01T00:00:00Z,*,edge,0,0.08",
            "2023-12-01T00:00:00Z,q,internet,0,0.20",
            "2024-01-01T00:05:00Z,*,internet,2,0.04",
            "")).model();
        assertThat(model.transfer.prices.isScheduled()).isTrue();
        final TransferLedger ledger = new TransferLedger(model, null, 0);
        final int p = 0;
        final int q = 1;
        ledger.record(MINUTE, LinkClass.INTERNET, p, 3 * GB, true);
        ledger.record(MINUTE, LinkClass.INTERNET, q, GB, true);
        ledger.record(6 * MINUTE, LinkClass.INTERNET, p, GB, true);
        ledger.record(6 * MINUTE, LinkClass.INTERNET, q, GB, true);
        ledger.record(6 * MINUTE, LinkClass.OTHER_REGION, p, GB, true);
        assertThat(ledger.costUsd(LinkClass.INTERNET)).isCloseTo(0.25 + 0.20 + 0.04 + 0.20, within(1e-12));
        assertThat(ledger.costUsd(LinkClass.OTHER_REGION)).isCloseTo(0.02, within(1e-12));
        // Before the change, the same 1 GB above the tier costs the old price.
        assertThat(model.transfer.prices.costUsd(p, LinkClass.INTERNET, 5 * MINUTE - 1, 3 * GB, GB))
            .isCloseTo(0.05, within(1e-12));
        assertThat(model.transfer.prices.costUsd(p, LinkClass.INTERNET, 5 * MINUTE, 3 * GB, GB))
            .isCloseTo(0.04, within(1e-12));
    }

    @Test
    void shouldRefuseATraceThatNamesAnUnknownProviderOrLeavesAPriceOut() throws Exception
    {
        final String all = String.join("\n",
            "2023-12-01T00:00:00Z,*,same-zone,0,0",
            "2023-12-01T00:00:00Z,*,other-zone,0,0.01",
            "2023-12-01T00:00:00Z,*,other-region,0,0.02",
            "2023-12-01T00:00:00Z,*,edge,0,0.08",
            "");
        assertThatThrownBy(() -> read("{trace: transfer.csv}", all + "2023-12-01T00:00:00Z,*,internet,0,0.1\n" +
            "2023-12-01T00:00:00Z,pp,internet,0,0.1\n"))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("scenario.yaml:24: key " +
                "'transfer.prices.trace': transfer.csv prices provider 'pp', which the scenario does not have (it " +
                "has p, q); use * for every provider");
        assertThatThrownBy(() -> read("{trace: transfer.csv}", all + "2023-12-01T00:00:00Z,p,internet,0,0.1\n"))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("transfer.csv gives no price for provider " +
                "'q' on link class 'internet': add rows for it, or for provider *");
        assertThatThrownBy(() -> read("{trace: transfer.csv}", all + "2024-01-01T00:01:00Z,*,internet,0,0.1\n"))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("transfer.csv has no price for provider " +
                "'p' on link class 'internet' at the run's start (2024-01-01T00:00:00Z): its first row for it is " +
                "at 2024-01-01T00:01:00Z");
        assertThatThrownBy(() -> read("{trace: transfer.csv, when: now}", all))
            .isInstanceOf(ScenarioException.class).hasMessageContaining("when");
    }

    @Test
    void shouldReportABadRowOfTheTraceAtItsLineAndField()
    {
        assertThatThrownBy(() -> read("{trace: transfer.csv}", "2023-12-01T00:00:00Z,*,moon,0,0\n"))
            .isInstanceOf(TraceFormatException.class).hasMessageContaining("transfer.csv:2: field 'link_class': " +
                "link class 'moon' is not one of same-zone, other-zone, other-region, internet, edge");
    }

    @Test
    void shouldNameTheLinkClassesOfATraceAsTheSimulatorDoes()
    {
        assertThat(io.windtunnel.traces.TraceRules.LINK_CLASSES).containsExactly(LinkClass.NAMES);
    }
}
