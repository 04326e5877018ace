package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.PolicyArguments;
import io.windtunnel.simulator.policy.PolicyContext;
import io.windtunnel.simulator.policy.PolicyParameter;
import io.windtunnel.simulator.policy.PolicyProvider;
import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.policy.PolicySlot;
import io.windtunnel.simulator.policy.SimulationView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Stack slots are read from the policies' declarations: a probe balancer declares one parameter of each kind, and
 * each wrong value gets its generated file:line:key message.
 */
class PolicyReaderTest
{
    @TempDir
    Path dir;

    /** A balancer that only records its arguments; declares every kind of parameter. */
    static final class Probe implements Balancer
    {
        final PolicyArguments arguments;

        Probe(final PolicyArguments arguments)
        {
            this.arguments = arguments;
        }

        @Override
        public int pickReplica(final SimulationView view, final int client)
        {
            return -1;
        }

        static final class Provider extends PolicyProvider<Balancer>
        {
            Provider()
            {
                super(PolicySlot.BALANCER, "probe", "records its arguments",
                    PolicyParameter.number("weight", 0, 10).defaultValue(1.5).unit("x").doc("a weight").build(),
                    PolicyParameter.integer("count", 1, 1000).unit("items").doc("how many").build(),
                    PolicyParameter.integer("limit", 0, 1000).defaultValue(500).atLeast("count").doc("a cap").build(),
                    PolicyParameter.integer("start", 0, 1000).defaultFrom("count").doc("first value").build(),
                    PolicyParameter.duration("delay", 1_000_000_000L, 3_600_000_000_000L).defaultValue(30_000_000_000L)
                        .doc("a wait").build(),
                    PolicyParameter.bool("sticky").defaultValue(false).doc("keep the choice").build(),
                    PolicyParameter.choice("mode", "fast", "slow").defaultValue("fast").doc("a mode").build(),
                    PolicyParameter.choices("markets", "on-demand", "spot").doc("markets").build(),
                    PolicyParameter.names("regions", PolicyContext.Names.REGIONS).doc("regions").build());
            }

            @Override
            public Balancer create(final PolicyArguments arguments)
            {
                if (arguments.getDouble("weight") == 0 && !arguments.getBoolean("sticky"))
                {
                    throw new IllegalArgumentException("weight 0 needs sticky: true");
                }
                return new Probe(arguments);
            }
        }
    }

    private static PolicyRegistry registry()
    {
        final List<PolicyProvider<?>> providers = new ArrayList<>(PolicyRegistry.standard().all());
        providers.add(new Probe.Provider());
        return PolicyRegistry.of(providers);
    }

    private Path scenario(final String autoscaler, final String balancer) throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, ScenarioReaderTest.MINIMAL
            .replace("providers:\n  p:\n    regions: {r: {}}", "providers:\n  p:\n    regions: {r: {}, s: {}}")
            .replace("{type: fixed, replicas: 2}", autoscaler + "\n    balancer: " + balancer));
        return file;
    }

    @Test
    void shouldGiveDefaultsAndEchoThemWhenParametersAreLeftOut() throws Exception
    {
        final Scenario scenario = ScenarioReader.read(scenario("{type: fixed}", "{type: probe, count: 600}"),
            registry());
        final PolicyArguments arguments = ((Probe)scenario.stacks().get(0).balancer().get()).arguments;

        assertThat(arguments.getDouble("weight")).isEqualTo(1.5);
        assertThat(arguments.getInt("count")).isEqualTo(600);
        assertThat(arguments.getInt("limit")).as("default raised to count").isEqualTo(600);
        assertThat(arguments.getInt("start")).as("default from count").isEqualTo(600);
        assertThat(arguments.getDurationNs("delay")).isEqualTo(30_000_000_000L);
        assertThat(arguments.getBoolean("sticky")).isFalse();
        assertThat(arguments.getString("mode")).isEqualTo("fast");
        assertThat(arguments.getStrings("markets")).containsExactly("on-demand", "spot");
        assertThat(arguments.getMask("regions")).containsExactly(true, true);
        assertThat(new ArrayList<>(scenario.echo().defaults().entrySet())).containsSequence(
            Map.entry("stacks[0].autoscaler.replicas", "1"),
            Map.entry("stacks[0].placement.type", "cheapest-price"),
            Map.entry("stacks[0].placement.markets", "[on-demand, spot]"),
            Map.entry("stacks[0].placement.providers", "[p]"),
            Map.entry("stacks[0].balancer.weight", "1.5"),
            Map.entry("stacks[0].balancer.limit", "600"),
            Map.entry("stacks[0].balancer.start", "600"),
            Map.entry("stacks[0].balancer.delay", "30s"),
            Map.entry("stacks[0].balancer.sticky", "false"),
            Map.entry("stacks[0].balancer.mode", "fast"),
            Map.entry("stacks[0].balancer.markets", "[on-demand, spot]"),
            Map.entry("stacks[0].balancer.regions", "[r, s]"),
            Map.entry("stacks[0].failover.type", "drain-on-notice"));
        assertThat(scenario.stacks().get(0).parameters())
            .containsEntry("balancer.type", "probe")
            .containsEntry("balancer.weight", "1.5")
            .containsEntry("balancer.delay", "30s")
            .doesNotContainKeys("balancer.markets", "balancer.regions");
    }

    @Test
    void shouldPassGivenValuesWhenAllAreValid() throws Exception
    {
        final Scenario scenario = ScenarioReader.read(scenario("{type: fixed}", "{type: probe, weight: 0, " +
            "count: 3, limit: 3, start: 0, delay: 2m, sticky: true, mode: slow, markets: [spot], " +
            "regions: [s]}"), registry());
        final PolicyArguments arguments = ((Probe)scenario.stacks().get(0).balancer().get()).arguments;

        assertThat(arguments.getDouble("weight")).isZero();
        assertThat(arguments.getInt("limit")).isEqualTo(3);
        assertThat(arguments.getInt("start")).isZero();
        assertThat(arguments.getDurationNs("delay")).isEqualTo(120_000_000_000L);
        assertThat(arguments.getBoolean("sticky")).isTrue();
        assertThat(arguments.getString("mode")).isEqualTo("slow");
        assertThat(arguments.getStrings("markets")).containsExactly("spot");
        assertThat(arguments.getMask("regions")).containsExactly(false, true);
        assertThat(scenario.stacks().get(0).parameters())
            .containsEntry("balancer.markets", "spot")
            .containsEntry("balancer.regions", "s")
            .containsEntry("balancer.sticky", "true");
    }

    @Test
    void shouldAcceptMarketAliasesAndEchoTheirLabelsWhenPlacementNamesMarkets() throws Exception
    {
        final Path file = scenario("{type: fixed}\n    placement: {markets: [preemptible, OD]}", "{type: round-robin}");
        final Scenario scenario = ScenarioReader.read(file, registry());
        assertThat(scenario.stacks().get(0).parameters())
            .containsEntry("placement.type", "cheapest-price")
            .containsEntry("placement.markets", "spot,on-demand")
            .doesNotContainKey("placement.providers");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{type: probe}| count| is required (how many, integer 1..1000)",
        "{type: probe, count: 2, cuont: 3}| cuont| unknown key (expected one of: type, weight, count, limit, start, " +
            "delay, sticky, mode, markets, regions; 'windtunnel policies' describes them)",
        "{type: probe, count: two}| count| 'two' is not a whole number",
        "{type: probe, count: 2, weight: heavy}| weight| 'heavy' is not a number",
        "{type: probe, count: 2, weight: 11}| weight| 11 is out of range [0, 10]",
        "{type: probe, count: 20, limit: 10}| limit| 10 is out of range [20, 1000]",
        "{type: probe, count: 2, delay: 2h}| delay| '2h' is out of range [1s, 1h]",
        "{type: probe, count: 2, delay: soon}| delay| cannot read 'soon' as a duration",
        "{type: probe, count: 2, sticky: yes}| sticky| 'yes' is not true or false",
        "{type: probe, count: 2, mode: medium}| mode| 'medium' is not one of fast, slow",
        "{type: probe, count: 2, markets: [spot, reserved]}| markets[1]| 'reserved' is not one of on-demand, spot",
        "{type: probe, count: 2, regions: [s, q]}| regions[1]| unknown region 'q' (the scenario's regions: r, s)",
        "{type: probe, count: 2, weight: 0}| | stack 'one': balancer 'probe': weight 0 needs sticky: true",
        "{type: prob}| type| 'prob' is not one of cloud-only, edge-first, latency-budget, least-outstanding, " +
            "locality-first, peak-ewma, power-of-two-choices, probe, random, round-robin, weighted-capacity " +
            "(the registered balancer types; " +
            "'windtunnel policies' describes them)",
        "{type: fixed}| type| 'fixed' is not one of cloud-only, edge-first, latency-budget, least-outstanding, " +
            "locality-first, peak-ewma, power-of-two-choices, probe, random, round-robin, weighted-capacity " +
            "(the registered balancer types; 'fixed' is " +
            "an autoscaler, not a balancer; 'windtunnel policies' describes them)",
    })
    void shouldNameFileLineAndKeyWhenParameterIsWrong(final String balancer, final String key, final String message)
        throws Exception
    {
        final Path file = scenario("{type: fixed}", balancer);
        assertThatThrownBy(() -> ScenarioReader.read(file, registry()))
            .isInstanceOf(ScenarioException.class)
            .hasMessageStartingWith(file + ":17: key 'stacks[0].balancer" + (key == null ? "" : "." + key) + "': " + message);
    }
}
