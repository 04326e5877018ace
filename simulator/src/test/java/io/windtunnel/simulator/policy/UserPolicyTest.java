package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.ConservationTestModels;
import io.windtunnel.simulator.runner.RunResult;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A user's policy, compiled at test time from the example in {@code docs/policies.md} into a folder of its own (the
 * user's jar), is found through {@link java.util.ServiceLoader} by a class loader over that folder and used from a
 * scenario by its {@code type}, with its parameters checked like a built-in's.
 */
class UserPolicyTest
{
    static final String TYPE = "shortest-queue-example";

    @TempDir
    Path dir;

    private static final Path GOLDEN = Path.of("src/test/resources/golden");

    private URLClassLoader userJar;
    private int balancerLine;

    @BeforeEach
    void compileTheDocsExample() throws Exception
    {
        userJar = compileDocsExample(dir);
    }

    /**
     * Compile the balancer of docs/policies.md's "Your own policy" into a folder with its services file, as a user's
     * jar would hold it.
     *
     * @param dir a fresh folder.
     * @return a class loader over the compiled classes (close it).
     */
    static URLClassLoader compileDocsExample(final Path dir) throws Exception
    {
        final String docs = Files.readString(Path.of("../docs/policies.md"));
        final String section = docs.substring(docs.indexOf("## Your own policy"));
        final int codeStart = section.indexOf("```java\n") + "```java\n".length();
        final String code = section.substring(codeStart, section.indexOf("\n```", codeStart) + 1);
        final int servicesStart = section.indexOf("```\n", section.indexOf("\n```", codeStart) + 4) + "```\n".length();
        final String services = section.substring(servicesStart, section.indexOf("\n```", servicesStart) + 1);
        assertThat(services.trim()).isEqualTo("com.example.policies.ShortestQueueBalancer$Provider");

        final Path source = dir.resolve("src/com/example/policies/ShortestQueueBalancer.java");
        Files.createDirectories(source.getParent());
        Files.writeString(source, code);
        final Path classes = dir.resolve("user-classes");
        Files.createDirectories(classes.resolve("META-INF/services"));
        Files.writeString(classes.resolve(PolicyRegistry.SERVICE_FILE), services);
        final JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        final ByteArrayOutputStream messages = new ByteArrayOutputStream();
        final Path simulatorClasses =
            Path.of(PolicyProvider.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        final String classPath = simulatorClasses + File.pathSeparator + System.getProperty("java.class.path");
        final int exit = javac.run(null, messages, messages, "-d", classes.toString(), "-cp", classPath,
            source.toString());
        assertThat(exit).as(messages.toString(StandardCharsets.UTF_8)).isZero();
        return new URLClassLoader(new URL[] {classes.toUri().toURL()}, UserPolicyTest.class.getClassLoader());
    }

    @AfterEach
    void closeTheUserJar() throws Exception
    {
        userJar.close();
    }

    @Test
    void shouldFindUserBalancerNextToBuiltInsWhenItsClassesAreOnTheClassLoader()
    {
        final PolicyRegistry registry = PolicyRegistry.load(userJar);

        final PolicyProvider<Balancer> provider = registry.find(PolicySlot.BALANCER, TYPE);
        assertThat(provider).isNotNull();
        assertThat(provider.getClass().getClassLoader()).isSameAs(userJar);
        assertThat(provider.policyClass().getName()).isEqualTo("com.example.policies.ShortestQueueBalancer");
        assertThat(registry.providers(PolicySlot.BALANCER)).extracting(PolicyProvider::type)
            .containsExactly("cloud-only", "edge-first", "latency-budget", "least-outstanding", "locality-first",
                "peak-ewma", "power-of-two-choices",
                "random", "round-robin", TYPE, "weighted-capacity");
        assertThat(PolicyRegistry.standard().find(PolicySlot.BALANCER, TYPE)).isNull();
    }

    @Test
    void shouldPickShortestQueueAndRejectAtTheCapWhenReadFromScenario() throws Exception
    {
        final Scenario scenario = ScenarioReader.read(scenario("{type: " + TYPE + ", maxQueue: 2}"),
            PolicyRegistry.load(userJar));
        final Balancer balancer = scenario.stacks().get(0).balancer().get();
        assertThat(balancer.getClass().getName()).isEqualTo("com.example.policies.ShortestQueueBalancer");
        assertThat(scenario.stacks().get(0).parameters())
            .containsEntry("balancer.type", TYPE)
            .containsEntry("balancer.maxQueue", "2");

        final FakeView view = new FakeView(ConservationTestModels.small());
        view.ready = new int[] {3, 5, 7};
        view.replicaQueue[3] = 4;
        view.replicaQueue[5] = 1;
        view.replicaQueue[7] = 2;
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(5);
        view.replicaQueue[5] = 3;
        assertThat(balancer.pickReplica(view, 0)).isEqualTo(-1);
    }

    @Test
    void shouldRunScenarioWithUserBalancerAndItsParameter() throws Exception
    {
        final Path file = scenario("{type: " + TYPE + ", maxQueue: 0}\n  - name: open\n" +
            "    autoscaler: {type: fixed, replicas: 4}\n    balancer: {type: " + TYPE + "}");
        final Scenario scenario = ScenarioReader.read(file, PolicyRegistry.load(userJar));
        assertThat(scenario.echo().defaults()).containsEntry("stacks[1].balancer.maxQueue", "1000000");

        final List<RunResult> runs = new Runner().run(scenario, 1).runs();
        assertThat(runs).extracting(RunResult::stack).containsExactly("one", "one", "open", "open");
        for (final RunResult run : runs)
        {
            final Map<String, Double> metrics = run.metrics();
            assertThat(metrics.get("conservation.holds")).isEqualTo(1.0);
            assertThat(metrics.get("requests.arrived")).isGreaterThan(100_000.0);
            if (run.stack().equals("one"))
            {
                // maxQueue 0: no replica ever has fewer than 0 waiting, so the balancer rejects every request.
                assertThat(metrics.get("requests.rejected")).isEqualTo(metrics.get("requests.arrived"));
            }
            else
            {
                // The same balancer without a cap serves; what it loses is the gcp outage while replacements boot.
                assertThat(metrics.get("requests.completed")).isGreaterThan(0.9 * metrics.get("requests.arrived"));
            }
        }
    }

    @Test
    void shouldNameFileLineAndKeyWhenUserPolicyParameterIsWrong() throws Exception
    {
        final PolicyRegistry registry = PolicyRegistry.load(userJar);
        final Path outOfRange = scenario("{type: " + TYPE + ", maxQueue: -1}");
        assertThatThrownBy(() -> ScenarioReader.read(outOfRange, registry))
            .isInstanceOf(ScenarioException.class)
            .hasMessage(outOfRange + ":" + balancerLine +
                ": key 'stacks[0].balancer.maxQueue': -1 is out of range [0, 1000000]");
        final Path typo = scenario("{type: " + TYPE + ", maxQeue: 5}");
        assertThatThrownBy(() -> ScenarioReader.read(typo, registry))
            .isInstanceOf(ScenarioException.class)
            .hasMessage(typo + ":" + balancerLine + ": key 'stacks[0].balancer.maxQeue': unknown key " +
                "(expected one of: type, maxQueue; 'windtunnel policies' describes them)");
        final Path notANumber = scenario("{type: " + TYPE + ", maxQueue: lots}");
        assertThatThrownBy(() -> ScenarioReader.read(notANumber, registry))
            .isInstanceOf(ScenarioException.class)
            .hasMessage(notANumber + ":" + balancerLine +
                ": key 'stacks[0].balancer.maxQueue': 'lots' is not a whole number");
    }

    @Test
    void shouldNotKnowUserTypeWhenItsClassesAreNotOnTheClassPath() throws Exception
    {
        final Path file = scenario("{type: " + TYPE + "}");
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageStartingWith(file + ":" + balancerLine + ": key 'stacks[0].balancer.type': '" + TYPE +
                "' is not one of cloud-only, edge-first, latency-budget, least-outstanding, locality-first, peak-ewma, " +
                "power-of-two-choices, random, " +
                "round-robin, weighted-capacity (the registered balancer types");
    }

    /**
     * The golden run's small world ({@code golden/tiny.yaml}, 30 minutes) with one stack of its own: fixed
     * replicas and the given balancer, written last so that the balancer is on line {@link #balancerLine}.
     */
    private Path scenario(final String balancer) throws Exception
    {
        final String tiny = Files.readString(GOLDEN.resolve("tiny.yaml"));
        final String world = tiny.substring(0, tiny.indexOf("\nstacks:\n") + 1);
        Files.copy(GOLDEN.resolve("tiny-faults.csv"), dir.resolve("tiny-faults.csv"),
            StandardCopyOption.REPLACE_EXISTING);
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, world + "stacks:\n  - name: one\n    autoscaler: {type: fixed, replicas: 2}\n" +
            "    balancer: " + balancer + "\n");
        balancerLine = (int)world.chars().filter(c -> c == '\n').count() + 4;
        return file;
    }
}
