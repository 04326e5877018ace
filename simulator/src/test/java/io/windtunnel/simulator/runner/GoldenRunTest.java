package io.windtunnel.simulator.runner;

import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Guards against unnoticed changes in results: a small scenario's summary.json must equal the checked-in one.
 * After an intended change, regenerate with {@code -Dgolden.update=true} and review the diff.
 */
class GoldenRunTest
{
    private static final Path SCENARIO = Path.of("src/test/resources/golden/tiny.yaml");
    private static final Path GOLDEN = Path.of("src/test/resources/golden/tiny-summary.json");

    @TempDir
    Path dir;

    @Test
    void shouldReproduceCheckedInSummaryWhenScenarioAndSeedAreUnchanged() throws Exception
    {
        final ScenarioResult result = new Runner().run(ScenarioReader.read(SCENARIO), 2);
        ResultWriter.write(result, dir.resolve("out"));
        final String summary = Files.readString(dir.resolve("out/summary.json"));
        if (Boolean.getBoolean("golden.update"))
        {
            Files.writeString(GOLDEN, summary);
        }
        assertThat(summary).isEqualTo(Files.readString(GOLDEN));
        assertThat(result.runs()).allSatisfy(run -> assertThat(run.metrics().get("conservation.holds")).isEqualTo(1));
    }
}
