package io.windtunnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.policy.PolicyParameter;
import io.windtunnel.simulator.policy.PolicyProvider;
import io.windtunnel.simulator.policy.PolicyRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PoliciesCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldListEveryRegisteredPolicyWithItsParametersWhenRun()
    {
        final CliRun run = CliRun.of("policies");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(run.err()).isEmpty();
        for (final PolicyProvider<?> p : PolicyRegistry.standard().all())
        {
            assertThat(run.out()).contains("  " + p.type() + ": " + p.summary(), p.policyClass().getName());
            for (final PolicyParameter q : p.parameters())
            {
                assertThat(run.out()).containsPattern("\n    " + q.name() + " +" + q.kind().label() + " +" +
                    (q.unit().isEmpty() ? "-" : q.unit()) + " +" + java.util.regex.Pattern.quote(q.describeDefault()) +
                    " +" + java.util.regex.Pattern.quote(q.describeAllowed()) + " +" +
                    java.util.regex.Pattern.quote(q.doc()) + "\n");
            }
        }
        // Slots in stack order, each policy under its own slot.
        assertThat(run.out().indexOf("\nautoscaler ")).isLessThan(run.out().indexOf("  fixed: "));
        assertThat(run.out().indexOf("  fixed: ")).isLessThan(run.out().indexOf("\nplacement "));
        assertThat(run.out().indexOf("\nbalancer ")).isLessThan(run.out().indexOf("  round-robin: "));
        assertThat(run.out().indexOf("  round-robin: ")).isLessThan(run.out().indexOf("\nfailover "));
    }

    @Test
    void shouldGiveTheSameDeclarationsAsJsonWhenFormatIsJson() throws Exception
    {
        final CliRun run = CliRun.of("policies", "--format", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.OK);
        final JsonNode root = new ObjectMapper().readTree(run.out());
        final List<String> listed = new ArrayList<>();
        for (final JsonNode slot : root.get("slots"))
        {
            for (final JsonNode policy : slot.get("policies"))
            {
                listed.add(slot.get("slot").asText() + "/" + policy.get("type").asText());
            }
        }
        assertThat(listed).containsExactly("autoscaler/fixed", "autoscaler/latency-target", "autoscaler/predictive",
            "autoscaler/request-rate", "autoscaler/scheduled", "autoscaler/target-utilization",
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
        JsonNode targetUtilization = null;
        for (final JsonNode policy : root.get("slots").get(0).get("policies"))
        {
            if (policy.get("type").asText().equals("target-utilization"))
            {
                targetUtilization = policy;
            }
        }
        final JsonNode max = targetUtilization.get("parameters").get(2);
        assertThat(max.get("name").asText()).isEqualTo("max");
        assertThat(max.get("unit").asText()).isEqualTo("replicas");
        assertThat(max.get("default").asText()).isEqualTo("1000, at least min");
        assertThat(max.get("allowed").asText()).isEqualTo("min..1000000");
        assertThat(max.get("required").asBoolean()).isFalse();
        assertThat(root.get("slots").get(1).get("defaultType").asText()).isEqualTo("cheapest-price");
        assertThat(root.get("slots").get(0).get("defaultType").isNull()).isTrue();
    }

    @Test
    void shouldReportBadInputNamingTheProviderWhenAJarOnTheClassPathListsAMissingClass() throws Exception
    {
        Files.createDirectories(dir.resolve("META-INF/services"));
        Files.writeString(dir.resolve(PolicyRegistry.SERVICE_FILE), "com.example.MissingBalancer$Provider\n");
        final Thread thread = Thread.currentThread();
        final ClassLoader before = thread.getContextClassLoader();
        try (URLClassLoader userJar = new URLClassLoader(new URL[] {dir.toUri().toURL()}, before))
        {
            thread.setContextClassLoader(userJar);
            final CliRun policies = CliRun.of("policies");
            final CliRun run = CliRun.of("run", "../scenarios/mm1.yaml", "--out", dir.resolve("out").toString());
            for (final CliRun r : List.of(policies, run))
            {
                assertThat(r.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
                assertThat(r.err()).startsWith("windtunnel: cannot load a policy listed in " +
                    PolicyRegistry.SERVICE_FILE).contains("com.example.MissingBalancer$Provider")
                    .doesNotContain("\tat ");
            }
            assertThat(dir.resolve("out")).doesNotExist();
        }
        finally
        {
            thread.setContextClassLoader(before);
        }
    }
}
