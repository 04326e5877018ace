package io.windtunnel.simulator.scenario;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.traces.TraceFormatException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * Seeded random mutations of valid scenarios (a line deleted, a value replaced by junk, an indentation broken, a line
 * repeated, a value anchored and aliased from a later line): the reader must either accept the file or fail with a
 * located {@link ScenarioException} or {@link TraceFormatException}, never with another exception (which the CLI
 * would report as an internal error). An accepted file's echo must list exactly the scalars an independent YAML
 * reader finds in it.
 */
class ScenarioFuzzTest
{
    private static final String[] JUNK = {"x", "-1", "0", "[]", "{}", "\"\"", "1e400", "-5s", "9999999999999999999",
        "[a, b]", "{a: 1}", "null", "2024-13-45T99:00:00Z", "0.0", "NaN"};

    @TempDir
    Path dir;

    @Test
    void shouldFailOnlyWithLocatedErrorsWhenScenarioIsMutated() throws Exception
    {
        final String traces = Path.of("../traces/generated").toAbsolutePath().normalize().toString();
        final String quickstart = Files.readString(Path.of("../scenarios/quickstart.yaml"))
            .replace("../traces/generated", traces).replace("duration: 2d", "duration: 1h");
        final List<String> bases = List.of(ScenarioReaderTest.MINIMAL, quickstart);
        final RandomStream random = new RandomStream(2024);
        int accepted = 0;
        int located = 0;
        for (int round = 0; round < 300; round++)
        {
            final String base = bases.get(round % bases.size());
            final List<String> lines = new ArrayList<>(Arrays.asList(base.split("\n", -1)));
            final int line = random.nextInt(lines.size());
            switch (random.nextInt(5))
            {
                case 0:
                    lines.remove(line);
                    break;
                case 1:
                {
                    final String text = lines.get(line);
                    final int colon = text.indexOf(": ");
                    if (colon > 0)
                    {
                        lines.set(line, text.substring(0, colon + 2) + JUNK[random.nextInt(JUNK.length)]);
                    }
                    break;
                }
                case 2:
                    lines.set(line, " " + lines.get(line));
                    break;
                case 3:
                    lines.add(line, lines.get(line));
                    break;
                default:
                {
                    final int target = random.nextInt(lines.size());
                    final int anchor = Math.min(line, target);
                    final int alias = Math.max(line, target);
                    final int anchorColon = lines.get(anchor).indexOf(": ");
                    final int aliasColon = lines.get(alias).indexOf(": ");
                    if (anchorColon > 0 && aliasColon > 0 && anchor != alias)
                    {
                        final String text = lines.get(anchor);
                        lines.set(anchor, text.substring(0, anchorColon + 2) + "&m" + round + " " +
                            text.substring(anchorColon + 2));
                        lines.set(alias, lines.get(alias).substring(0, aliasColon + 2) + "*m" + round);
                    }
                    break;
                }
            }
            final Path file = dir.resolve("fuzz-" + round + ".yaml");
            final String text = String.join("\n", lines);
            Files.writeString(file, text);
            try
            {
                final Scenario scenario = ScenarioReader.read(file);
                accepted++;
                assertThat(scenario.echo().values()).as("round " + round + ":\n" + text)
                    .containsExactlyInAnyOrderEntriesOf(IndependentYaml.scalars(text));
            }
            catch (final ScenarioException | TraceFormatException e)
            {
                assertThat(e.getMessage()).contains("fuzz-" + round + ".yaml").doesNotContain("Exception");
                located++;
            }
            catch (final Exception e)
            {
                fail("round " + round + " (line " + (line + 1) + "): unexpected " + e + "\n" + text, e);
            }
        }
        assertThat(located).isGreaterThan(50);
        assertThat(accepted).isGreaterThan(10);
    }
}
