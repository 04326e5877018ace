package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.simulator.runner.StackSummary;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * Zones read from a price trace with two zones for one key: placement picks the cheaper zone, replicas are billed
 * at their zone's price, and faults naming a zone hit that zone only (an empty zone hits the whole region).
 */
class ZoneTest
{
    private static final long MINUTE = 60_000_000_000L;
    private static final String PRICES = String.join("\n",
        "# span: 1970-01-01T00:00:00Z/1970-01-01T01:00:00Z",
        "time,provider,region,zone,instance_type,market,price_per_hour_usd",
        "1970-01-01T00:00:00Z,aws,us-east-1,us-east-1a,m5.large,spot,0.05",
        "1970-01-01T00:00:00Z,aws,us-east-1,us-east-1b,m5.large,spot,0.03",
        "1970-01-01T00:00:00Z,aws,us-east-1,,m5.large,on-demand,0.096",
        "");

    @TempDir
    Path dir;

    private Scenario scenario(final String faults) throws Exception
    {
        Files.writeString(dir.resolve("prices.csv"), PRICES);
        final StringBuilder yaml = new StringBuilder(String.join("\n",
            "name: zones",
            "duration: 1h",
            "controlInterval: 1m",
            "sampleInterval: 10m",
            "providers:",
            "  aws:",
            "    preemptionNotice: 2m",
            "    billing: {granularity: 1s, minimum: 60s}",
            "    regions: {us-east-1: {quota: 10}}",
            "    instanceTypes: {m5.large: {workers: 2, boot: 0s}}",
            "prices:",
            "  - file: prices.csv",
            "load:",
            "  constant: {c: 50}",
            "clients:",
            "  c: {rtt: {default: 10ms}}",
            "service: {mean: 10ms}",
            "stacks:",
            "  - name: fixed",
            "    autoscaler: {type: fixed, replicas: 3}",
            "    placement: {markets: [spot, on-demand]}",
            ""));
        if (faults != null)
        {
            Files.writeString(dir.resolve("faults.csv"), "# span: 1970-01-01T00:00:00Z/1970-01-01T01:00:00Z\n" + faults);
            yaml.append("faults:\n  - file: faults.csv\n");
        }
        final Path file = dir.resolve("zones.yaml");
        Files.writeString(file, yaml.toString());
        return ScenarioReader.read(file);
    }

    private static int offer(final CloudModel model, final String description)
    {
        for (int offer = 0; offer < model.offers(); offer++)
        {
            if (model.describeOffer(offer).equals(description))
            {
                return offer;
            }
        }
        throw new AssertionError("no offer " + description);
    }

    @Test
    void shouldMakeOneOfferPerZoneWhenPriceTraceHasTwoZones() throws Exception
    {
        final CloudModel model = scenario(null).model();

        assertThat(model.zoneNames).containsExactly("us-east-1a", "us-east-1b");
        assertThat(model.zoneRegion).containsExactly(0, 0);
        // The region-wide on-demand price holds in every zone of the region.
        assertThat(java.util.stream.IntStream.range(0, model.offers()).mapToObj(model::describeOffer)).containsExactly(
            "aws/us-east-1/us-east-1a/m5.large/on-demand", "aws/us-east-1/us-east-1b/m5.large/on-demand",
            "aws/us-east-1/us-east-1a/m5.large/spot", "aws/us-east-1/us-east-1b/m5.large/spot");
        assertThat(model.offerPrice[offer(model, "aws/us-east-1/us-east-1a/m5.large/spot")].pricePerHourUsdAt(0))
            .isEqualTo(0.05);
        assertThat(model.offerPrice[offer(model, "aws/us-east-1/us-east-1b/m5.large/spot")].pricePerHourUsdAt(0))
            .isEqualTo(0.03);
        assertThat(model.offerPrice[offer(model, "aws/us-east-1/us-east-1b/m5.large/on-demand")].pricePerHourUsdAt(0))
            .isEqualTo(0.096);
    }

    @Test
    void shouldPlaceInCheapestZoneAndBillAtItsPriceWhenZonesDifferInPrice() throws Exception
    {
        final Scenario scenario = scenario(null);
        final CloudModel model = scenario.model();
        final int cheap = offer(model, "aws/us-east-1/us-east-1b/m5.large/spot");
        final int zoneB = model.zoneIndex(0, "us-east-1b");
        final Simulation simulation = Fixtures.run(model, scenario.stacks().get(0), 1);

        assertThat(simulation.launches()).isEqualTo(3);
        for (int r = 0; r < 3; r++)
        {
            assertThat(simulation.replicaOffer(r)).isEqualTo(cheap);
            assertThat(simulation.replicaZone(r)).isEqualTo(zoneB);
        }
        // Three replicas for one hour at the zone's 0.03 USD/h; nothing in the dearer zone.
        assertThat(simulation.offerCostUsd(cheap)).isCloseTo(3 * 0.03, within(1e-12));
        assertThat(simulation.offerCostUsd(offer(model, "aws/us-east-1/us-east-1a/m5.large/spot"))).isZero();
        assertThat(simulation.totalCostUsd()).isCloseTo(3 * 0.03, within(1e-12));
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldReportCostPerZoneNextToCostPerRegionWhenModelHasZones() throws Exception
    {
        final ScenarioResult result = new Runner().run(scenario(null), 1);
        final Map<String, StackSummary.Statistic> metrics = result.stacks().get(0).metrics();

        assertThat(metrics.get("cost.aws.us-east-1.spot_usd").mean()).isCloseTo(3 * 0.03, within(1e-12));
        assertThat(metrics.get("cost.zone.aws.us-east-1.us-east-1b.spot_usd").mean()).isCloseTo(3 * 0.03, within(1e-12));
        assertThat(metrics.get("cost.zone.aws.us-east-1.us-east-1a.spot_usd").mean()).isZero();
        assertThat(metrics.keySet().stream().filter(k -> k.startsWith("cost.zone."))).containsExactly(
            "cost.zone.aws.us-east-1.us-east-1a.on-demand_usd", "cost.zone.aws.us-east-1.us-east-1a.spot_usd",
            "cost.zone.aws.us-east-1.us-east-1b.on-demand_usd", "cost.zone.aws.us-east-1.us-east-1b.spot_usd");
    }

    @Test
    void shouldHitOnlyTheNamedZoneWhenFaultNamesAZone() throws Exception
    {
        final Scenario scenario = scenario(String.join("\n",
            "time,provider,region,zone,instance_type,kind,count",
            // 1b may run 2 spot replicas, so the fleet of 3 spreads over both zones
            "1970-01-01T00:00:00Z,aws,us-east-1,us-east-1b,m5.large,capacity,2",
            // a zone the model does not have: ignored
            "1970-01-01T00:10:00Z,aws,us-east-1,us-east-1c,,outage_start,0",
            "1970-01-01T00:20:00Z,aws,us-east-1,us-east-1a,,outage_start,0",
            // no zone: every spot replica of the region
            "1970-01-01T00:40:00Z,aws,us-east-1,,,preempt,5",
            ""));
        final CloudModel model = scenario.model();
        assertThat(model.faultTimeNs).hasSize(3);
        final int zoneA = model.zoneIndex(0, "us-east-1a");
        final int zoneB = model.zoneIndex(0, "us-east-1b");
        final Simulation simulation =
            new Simulation(new Engine(1024), model, scenario.stacks().get(0), new RandomStreams(1));

        simulation.runUntil(15 * MINUTE);
        assertThat(simulation.launches()).isEqualTo(3);
        assertThat(simulation.replicaOffer(0)).isEqualTo(offer(model, "aws/us-east-1/us-east-1b/m5.large/spot"));
        assertThat(simulation.replicaOffer(1)).isEqualTo(offer(model, "aws/us-east-1/us-east-1b/m5.large/spot"));
        assertThat(simulation.replicaOffer(2)).isEqualTo(offer(model, "aws/us-east-1/us-east-1a/m5.large/spot"));
        assertThat(simulation.failures()).isZero();

        simulation.runUntil(30 * MINUTE);
        // The outage of 1a takes its one replica; 1b's keep running.
        assertThat(simulation.failures()).isEqualTo(1);
        assertThat(simulation.replicaState(2)).isEqualTo(SimulationView.FAILED);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.READY);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.READY);
        // Its replacement: 1a is down and 1b's spot capacity is used, so on-demand in 1b.
        assertThat(simulation.launches()).isEqualTo(4);
        assertThat(simulation.replicaOffer(3)).isEqualTo(offer(model, "aws/us-east-1/us-east-1b/m5.large/on-demand"));
        assertThat(simulation.replicaZone(3)).isEqualTo(zoneB);
        assertThat(simulation.offerAvailable(offer(model, "aws/us-east-1/us-east-1a/m5.large/on-demand"))).isFalse();
        assertThat(zoneA).isNotEqualTo(zoneB);

        simulation.run();
        // The region-wide preemption reaches the spot replicas of every zone (both in 1b now), not on-demand.
        assertThat(simulation.preemptions()).isEqualTo(2);
        assertThat(simulation.replicaState(0)).isEqualTo(SimulationView.PREEMPTED);
        assertThat(simulation.replicaState(1)).isEqualTo(SimulationView.PREEMPTED);
        assertThat(simulation.replicaState(3)).isEqualTo(SimulationView.READY);
        assertThat(simulation.conservationHolds()).isTrue();
    }
}
