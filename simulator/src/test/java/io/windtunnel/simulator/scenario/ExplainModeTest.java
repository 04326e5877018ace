package io.windtunnel.simulator.scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The scenario key {@code explain}, read by the strict reader. */
class ExplainModeTest
{
    /** The reader test's smallest valid scenario (16 lines). */
    private static final String MINIMAL = ScenarioReaderTest.MINIMAL;

    @TempDir
    Path dir;

    private Scenario read(final String yaml) throws Exception
    {
        return ScenarioReader.read(Files.writeString(dir.resolve("scenario.yaml"), yaml));
    }

    @Test
    void shouldSampleAndEchoTheDefaultWhenKeyIsAbsent() throws Exception
    {
        final Scenario scenario = read(MINIMAL);

        assertThat(scenario.explain()).isEqualTo(ExplainMode.SAMPLE);
        assertThat(scenario.echo().defaults()).containsEntry("explain", "sample");
        assertThat(scenario.echo().values()).doesNotContainKey("explain");
    }

    @Test
    void shouldReadEachModeWhenGiven() throws Exception
    {
        for (final ExplainMode mode : ExplainMode.values())
        {
            final Scenario scenario = read("explain: " + mode.label() + "\n" + MINIMAL);
            assertThat(scenario.explain()).isEqualTo(mode);
            assertThat(scenario.echo().values()).containsEntry("explain", mode.label());
            assertThat(scenario.echo().defaults()).doesNotContainKey("explain");
        }
    }

    @Test
    void shouldEchoAnOverrideWhenTheCommandLineChoosesAnother() throws Exception
    {
        final Scenario scenario = read(MINIMAL).withExplain(ExplainMode.ALL);

        assertThat(scenario.explain()).isEqualTo(ExplainMode.ALL);
        assertThat(scenario.echo().overrides()).containsEntry("explain", "all");
        assertThat(scenario.withSeed(3).explain()).isEqualTo(ExplainMode.ALL);
        assertThat(scenario.withReplications(2).explain()).isEqualTo(ExplainMode.ALL);
    }

    @Test
    void shouldNameFileLineKeyAndModesWhenValueIsUnknown() throws Exception
    {
        assertThatThrownBy(() -> read(MINIMAL + "explain: verbose\n"))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:17: key 'explain': 'verbose' is not one of all, sample, off");
        assertThatThrownBy(() -> read(MINIMAL + "explain: [all]\n"))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:17: key 'explain'");
        // Values are read as text, as written: 'true' is no mode (and 'off' is one, not false).
        assertThatThrownBy(() -> read(MINIMAL + "explain: true\n"))
            .hasMessageContaining("'true' is not one of");
    }
}
