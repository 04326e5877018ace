package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every registered built-in policy passes its slot's contract kit: its test class, {@code <PolicyClass>Test} next to
 * it, extends the kit of its slot ({@link PlacementContractTest}, {@link BalancerContractTest},
 * {@link AutoscalerContractTest}, {@link FailoverContractTest}, {@link StoragePolicyContractTest}).
 */
class ContractCoverageTest
{
    private static final Map<PolicySlot<?>, Class<?>> KITS = Map.of(
        PolicySlot.PLACEMENT, PlacementContractTest.class,
        PolicySlot.BALANCER, BalancerContractTest.class,
        PolicySlot.AUTOSCALER, AutoscalerContractTest.class,
        PolicySlot.FAILOVER, FailoverContractTest.class,
        PolicySlot.STORAGE, StoragePolicyContractTest.class);

    @Test
    void shouldHaveContractSubclassForEveryRegisteredBuiltInWhenRegistryIsLoaded()
    {
        final List<PolicyProvider<?>> providers = PolicyRegistry.standard().all();
        assertThat(providers).hasSizeGreaterThanOrEqualTo(5);
        assertThat(KITS.keySet()).containsExactlyInAnyOrderElementsOf(PolicySlot.all());
        assertThat(missingContracts(providers)).isEmpty();
    }

    @Test
    void shouldNameBuiltInWithoutContractSubclassWhenOneIsMissing()
    {
        final PolicyProvider<Balancer> untested = new PolicyProvider<>(PolicySlot.BALANCER, "untested", "no test")
        {
            @Override
            public Balancer create(final PolicyArguments arguments)
            {
                return (view, client) -> -1;
            }

            @Override
            public Class<?> policyClass()
            {
                return PolicyContext.class;
            }
        };
        final PolicyProvider<Balancer> wrongKit = new PolicyProvider<>(PolicySlot.BALANCER, "wrong-kit", "wrong kit")
        {
            @Override
            public Balancer create(final PolicyArguments arguments)
            {
                return new RoundRobinBalancer();
            }

            @Override
            public Class<?> policyClass()
            {
                // FixedAutoscalerTest exists but is the autoscaler kit's.
                return FixedAutoscaler.class;
            }
        };
        assertThat(missingContracts(List.of(untested, wrongKit))).hasSize(2)
            .anySatisfy(problem -> assertThat(problem)
                .contains("no class io.windtunnel.simulator.policy.PolicyContextTest"))
            .anySatisfy(problem -> assertThat(problem).contains("FixedAutoscalerTest")
                .contains("BalancerContractTest"));
    }

    /** The built-ins (classes of the simulator's policy package) whose contract subclass is missing or wrong. */
    private static List<String> missingContracts(final List<PolicyProvider<?>> providers)
    {
        final List<String> problems = new ArrayList<>();
        for (final PolicyProvider<?> provider : providers)
        {
            final Class<?> policy = provider.policyClass();
            if (!policy.getPackageName().startsWith("io.windtunnel.simulator"))
            {
                continue;
            }
            final Class<?> kit = KITS.get(provider.slot());
            final String testName = policy.getName() + "Test";
            try
            {
                final Class<?> test = Class.forName(testName);
                if (!kit.isAssignableFrom(test))
                {
                    problems.add(provider + ": " + test.getSimpleName() + " does not extend " + kit.getSimpleName());
                }
            }
            catch (final ClassNotFoundException e)
            {
                problems.add(provider + ": no class " + testName + " extending " + kit.getSimpleName());
            }
        }
        return problems;
    }
}
