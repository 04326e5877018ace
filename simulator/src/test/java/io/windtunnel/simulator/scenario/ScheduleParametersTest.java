package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.policy.PolicyParameter;
import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.policy.PolicySlot;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The text and list-of-entries parameter kinds, read through the scheduled autoscaler's declaration: values,
 * defaults and echoes, and a file:line:key message for each wrong value; and quiet defaults, which keep a scenario
 * written before a parameter existed echoing exactly what it did.
 */
class ScheduleParametersTest
{
    @TempDir
    Path dir;

    private Path scenario(final String autoscaler) throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, ScenarioReaderTest.MINIMAL
            .replace("name: tiny\n", "name: tiny\nstart: 2024-01-01T06:00:00Z\n")
            .replace("    autoscaler: {type: fixed, replicas: 2}\n", autoscaler));
        return file;
    }

    @Test
    void shouldReadWindowsAndTimezoneAndEchoThemWhenValid() throws Exception
    {
        final Scenario scenario = ScenarioReader.read(scenario(String.join("\n",
            "    autoscaler:",
            "      type: scheduled",
            "      timezone: Europe/Paris",
            "      windows:",
            "        - {days: mon-fri, from: \"08:00\", to: \"20:00\", min: 4}",
            "        - {from: \"22:00\", to: \"06:00\", max: 0}",
            "")));
        assertThat(scenario.stacks().get(0).parameters())
            .containsEntry("autoscaler.type", "scheduled")
            .containsEntry("autoscaler.timezone", "Europe/Paris")
            .containsEntry("autoscaler.windows[0].days", "mon-fri")
            .containsEntry("autoscaler.windows[0].from", "08:00")
            .containsEntry("autoscaler.windows[0].max", "1000000")
            .containsEntry("autoscaler.windows[1].days", "*")
            .containsEntry("autoscaler.windows[1].max", "0");
        assertThat(scenario.echo().defaults())
            .containsEntry("stacks[0].autoscaler.windows[1].days", "*")
            .containsEntry("stacks[0].autoscaler.windows[0].max", "1000000")
            .containsEntry("stacks[0].autoscaler.target", "0.6");
        assertThat(scenario.stacks().get(0).autoscaler().get()).isNotNull();
    }

    @Test
    void shouldEchoNoWindowsAndUtcWhenLeftOut() throws Exception
    {
        final Scenario scenario = ScenarioReader.read(scenario("    autoscaler: {type: scheduled, min: 1}\n"));
        assertThat(scenario.echo().defaults())
            .containsEntry("stacks[0].autoscaler.timezone", "UTC")
            .doesNotContainKey("stacks[0].autoscaler.windows");
        assertThat(scenario.stacks().get(0).parameters()).containsEntry("autoscaler.timezone", "UTC")
            .doesNotContainKey("autoscaler.windows");
    }

    @Test
    void shouldEchoNoQuietDefaultWhenAnOlderScenarioLeavesItOut() throws Exception
    {
        final Scenario older = ScenarioReader.read(scenario(
            "    autoscaler: {type: target-utilization, target: 0.5}\n"));
        assertThat(older.echo().defaults()).containsKey("stacks[0].autoscaler.max")
            .doesNotContainKeys("stacks[0].autoscaler.upCooldown", "stacks[0].autoscaler.downCooldown");
        assertThat(older.stacks().get(0).parameters()).doesNotContainKeys("autoscaler.upCooldown",
            "autoscaler.downCooldown");
        final Scenario newer = ScenarioReader.read(scenario(
            "    autoscaler: {type: target-utilization, target: 0.5, downCooldown: 5m}\n"));
        assertThat(newer.stacks().get(0).parameters()).containsEntry("autoscaler.downCooldown", "5m")
            .doesNotContainKey("autoscaler.upCooldown");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{days: mon-fry, from: '08:00', to: '20:00'}| windows[0].days| 'mon-fry' is not a list of days such as " +
            "mon-fri or sat,sun",
        "{from: '25:00', to: '20:00'}| windows[0].from| '25:00' is not a time of day HH:MM from 00:00 to 24:00",
        "{from: '08:00'}| windows[0].to| is required (local time the window closes (before from: the next day), " +
            "text HH:MM, up to 24:00)",
        "{from: '08:00', to: '08:00'}| windows[0]| opens and closes at the same time: for a whole day write " +
            "from: \"00:00\", to: \"24:00\"",
        "{from: '08:00', to: '09:00', min: 5, max: 2}| windows[0].max| 2 is out of range [5, 1000000]",
        "{from: '08:00', to: '09:00', floor: 3}| windows[0].floor| unknown key (expected one of: days, from, to, " +
            "min, max;",
        "nightly| windows[0]| must be a mapping with the keys days, from, to, min, max",
    })
    void shouldNameFileLineAndKeyWhenAWindowIsWrong(final String window, final String key, final String message)
        throws Exception
    {
        final Path file = scenario("    autoscaler:\n      type: scheduled\n      windows:\n        - " + window + "\n");
        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageStartingWith(file + ":20: key 'stacks[0].autoscaler." + key + "': " + message);
    }

    @Test
    void shouldNameTheKeyWhenTheTimezoneOrTheWindowsListIsWrong() throws Exception
    {
        final Path zone = scenario("    autoscaler: {type: scheduled, timezone: Mars/Olympus}\n");
        assertThatThrownBy(() -> ScenarioReader.read(zone)).isInstanceOf(ScenarioException.class)
            .hasMessageStartingWith(zone + ":17: key 'stacks[0].autoscaler.timezone': 'Mars/Olympus' is not a " +
                "time zone");
        final Path notList = scenario("    autoscaler: {type: scheduled, windows: weekdays}\n");
        assertThatThrownBy(() -> ScenarioReader.read(notList)).isInstanceOf(ScenarioException.class)
            .hasMessageStartingWith(notList + ":17: key 'stacks[0].autoscaler.windows': must be a list");
    }

    @Test
    void shouldDescribeTheNewKindsWhenListed()
    {
        final PolicyParameter windows = PolicyRegistry.standard().find(PolicySlot.AUTOSCALER, "scheduled")
            .parameter("windows");
        assertThat(windows.kind()).isEqualTo(PolicyParameter.Kind.ENTRIES);
        assertThat(windows.describeAllowed()).isEqualTo("entries of {days, from, to, min, max}");
        assertThat(windows.describeDefault()).isEqualTo("none");
        final PolicyParameter zone = PolicyRegistry.standard().find(PolicySlot.AUTOSCALER, "scheduled")
            .parameter("timezone");
        assertThat(zone.describeDefault()).isEqualTo("UTC");
        assertThatThrownBy(() -> PolicyParameter.text("t", "HH:MM", s -> {
            throw new IllegalArgumentException("never");
        }).defaultValue("x").doc("d").build()).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("default 'x': never");
        assertThatThrownBy(() -> PolicyParameter.integer("n", 0, 1).quietDefault().doc("d").build())
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a quiet default needs a default");
    }
}
