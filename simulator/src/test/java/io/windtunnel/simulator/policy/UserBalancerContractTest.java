package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The user balancer of docs/policies.md (compiled as {@link UserPolicyTest} does) passes the balancer kit. */
class UserBalancerContractTest extends BalancerContractTest
{
    @TempDir
    static Path dir;

    private static URLClassLoader userJar;

    @BeforeAll
    static void compileTheDocsExample() throws Exception
    {
        userJar = UserPolicyTest.compileDocsExample(dir);
    }

    @AfterAll
    static void closeTheUserJar() throws Exception
    {
        userJar.close();
    }

    @Override
    Balancer newBalancer()
    {
        final PolicyProvider<Balancer> provider =
            PolicyRegistry.load(userJar).find(PolicySlot.BALANCER, UserPolicyTest.TYPE);
        assertThat(provider).isNotNull();
        return provider.create(new PolicyArguments(provider, Map.of("maxQueue", 1_000_000L),
            new PolicyContext(List.of(), List.of(), List.of())));
    }
}
