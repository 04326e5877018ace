package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PolicyRegistryTest
{
    @TempDir
    Path dir;

    /** A balancer provider with a chosen type, for registry checks. */
    static final class Named extends PolicyProvider<Balancer>
    {
        Named(final String type)
        {
            super(PolicySlot.BALANCER, type, "for tests");
        }

        @Override
        public Balancer create(final PolicyArguments arguments)
        {
            return new RoundRobinBalancer();
        }
    }

    @Test
    void shouldRegisterTheBuiltInsThroughServiceLoaderWhenLoaded()
    {
        final PolicyRegistry registry = PolicyRegistry.standard();
        assertThat(registry.all()).extracting(p -> p.slot() + "/" + p.type()).containsExactly(
            "autoscaler/fixed", "autoscaler/latency-target", "autoscaler/predictive", "autoscaler/request-rate",
            "autoscaler/scheduled", "autoscaler/target-utilization",
            "placement/bandit", "placement/cheapest-price", "placement/eager-next-region", "placement/edge-reserve",
            "placement/forecast",
            "placement/latency-aware", "placement/lp", "placement/lp-penalized", "placement/on-demand-only",
            "placement/single-region-spot", "placement/skypilot-failover", "placement/spot-hedge", "placement/spread",
            "balancer/cloud-only", "balancer/edge-first", "balancer/latency-budget",
            "balancer/least-outstanding", "balancer/locality-first", "balancer/peak-ewma",
            "balancer/power-of-two-choices", "balancer/random", "balancer/round-robin", "balancer/weighted-capacity",
            "failover/active-passive", "failover/drain-on-notice", "failover/hedge", "failover/n-plus-k",
            "failover/replace-on-failure", "failover/retry-backoff",
            "storage/cheapest-storage", "storage/co-located", "storage/k-replicated", "storage/storage-lp");
        for (final PolicySlot<?> slot : PolicySlot.all())
        {
            if (slot.defaultType() != null)
            {
                assertThat(registry.find(slot, slot.defaultType())).as(slot.key()).isNotNull();
            }
        }
        assertThat(registry.find(PolicySlot.AUTOSCALER, "fixed").policyClass()).isEqualTo(FixedAutoscaler.class);
        assertThat(registry.find(PolicySlot.AUTOSCALER, "round-robin")).isNull();
    }

    @Test
    void shouldBuildEachBuiltInWithItsDefaultsWhenArgumentsAreTheDefaults()
    {
        final PolicyContext context = new PolicyContext(List.of("a", "b"), List.of("r"), List.of("c"));
        final FixedAutoscaler.Provider fixed = new FixedAutoscaler.Provider();
        assertThat(fixed.create(new PolicyArguments(fixed, java.util.Map.of("replicas", 3L), context))
            .desiredReplicas(null)).isEqualTo(3);
        final CheapestPricePlacement.Provider cheapest = new CheapestPricePlacement.Provider();
        assertThat(cheapest.create(new PolicyArguments(cheapest, java.util.Map.of("markets", List.of("spot"),
            "providers", List.of("b")), context))).isInstanceOf(CheapestPricePlacement.class);
        assertThatThrownBy(() -> new PolicyArguments(fixed, java.util.Map.of("replicas", 1.5), context))
            .isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("parameter 'replicas' of autoscaler 'fixed' needs a Long value");
    }

    @Test
    void shouldRefuseTwoProvidersOfOneTypeWhenRegistered()
    {
        assertThatThrownBy(() -> PolicyRegistry.of(List.of(new Named("x"), new Named("x"))))
            .isInstanceOf(PolicyRegistryException.class)
            .hasMessageContaining("two policies declare the balancer type 'x'");
        assertThat(PolicyRegistry.of(List.of(new Named("x"), new Named("y"))).all()).hasSize(2);
    }

    @Test
    void shouldRefuseMalformedTypeWhenRegistered()
    {
        assertThatThrownBy(() -> PolicyRegistry.of(List.of(new Named("Shortest Queue"))))
            .isInstanceOf(PolicyRegistryException.class)
            .hasMessageContaining("declares the balancer type 'Shortest Queue'");
    }

    @Test
    void shouldNameTheMissingClassWhenServicesFileListsOne() throws Exception
    {
        Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(dir.resolve(PolicyRegistry.SERVICE_FILE), "com.example.NoSuchProvider\n");
        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader()))
        {
            assertThatThrownBy(() -> PolicyRegistry.load(loader))
                .isInstanceOf(PolicyRegistryException.class)
                .hasMessageContaining("cannot load a policy listed in " + PolicyRegistry.SERVICE_FILE)
                .hasMessageContaining("com.example.NoSuchProvider");
        }
    }

    @Test
    void shouldRefuseInconsistentDeclarationsWhenBuilt()
    {
        assertThatThrownBy(() -> PolicyParameter.integer("n", 0, 10).defaultValue(11).doc("d").build())
            .hasMessageContaining("parameter 'n': needs min <= default <= max");
        assertThatThrownBy(() -> PolicyParameter.integer("type", 0, 10).doc("d").build())
            .hasMessageContaining("not 'type'");
        assertThatThrownBy(() -> PolicyParameter.number("w", 0, 1).build()).hasMessageContaining("needs a one-line doc");
        assertThatThrownBy(() -> PolicyParameter.choice("m", "a", "b").defaultValue("c").doc("d").build())
            .hasMessageContaining("default 'c' is not one of a, b");
        assertThatThrownBy(() -> PolicyParameter.bool("b").defaultValue(3L))
            .hasMessageContaining("not a setting of a boolean parameter");
        final PolicyParameter later = PolicyParameter.integer("max", 0, 10).atLeast("min").doc("d").build();
        assertThatThrownBy(() -> new PolicyProvider<Balancer>(PolicySlot.BALANCER, "x", "s", later)
        {
            @Override
            public Balancer create(final PolicyArguments arguments)
            {
                return null;
            }
        }).hasMessageContaining("parameter 'max' refers to 'min', which is not an earlier integer parameter");
    }

    @Test
    void shouldDescribeDefaultsAndRangesFromTheDeclarationWhenListed()
    {
        final PolicyProvider<Autoscaler> target = new TargetUtilizationAutoscaler.Provider();
        assertThat(target.parameters()).extracting(PolicyParameter::describeDefault)
            .containsExactly("0.6", "1", "1000, at least min", "= min", "0s", "0s");
        assertThat(target.parameters()).extracting(PolicyParameter::describeAllowed)
            .containsExactly("0.01..1", "0..1000000", "min..1000000", "0..1000000", "0s..1d", "0s..1d");
        assertThat(new CheapestPricePlacement.Provider().parameters()).extracting(PolicyParameter::describeAllowed)
            .containsExactly("on-demand, spot", "provider names of the scenario");
        assertThat(target.parameters().get(0).required()).isFalse();
        assertThat(PolicyParameter.integer("n", 0, 1).doc("d").build().describeDefault()).isEqualTo("required");
    }
}
