package io.windtunnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.scenario.ExplainMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code --explain} on {@code run} and {@code check}: what goes into {@code decisions.jsonl} and what is said. */
class ExplainOptionTest
{
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static long made(final JsonNode summary)
    {
        long made = 0;
        for (final JsonNode stack : summary.get("stacks"))
        {
            made += stack.at("/decisions/made").asLong();
        }
        return made;
    }

    @Test
    void shouldWriteEveryDecisionAndSaySoWhenRunWithTheFlag() throws Exception
    {
        final Path out = dir.resolve("all");
        final CliRun run = CliRun.of("run", RunCommandTest.shortQuickstart(dir).toString(), "--out", out.toString(),
            "--replications", "2", "--threads", "2", "--explain");

        assertThat(run.exitCode()).as(run.err()).isZero();
        final JsonNode summary = JSON.readTree(out.resolve("summary.json").toFile());
        final List<String> lines = Files.readAllLines(out.resolve("decisions.jsonl"));
        assertThat(summary.at("/explanations/mode").asText()).isEqualTo("all");
        assertThat(summary.at("/overrides/explain").asText()).isEqualTo("all");
        assertThat((long)lines.size()).isEqualTo(made(summary)).isPositive();
        assertThat(JSON.readTree(lines.get(0)).get("policy").asText()).isEqualTo("cheapest-price");
        assertThat(run.out()).contains("report.html, decisions.jsonl)")
            .contains("explanations: all " + lines.size() + " placement decisions in decisions.jsonl");
    }

    @Test
    void shouldSampleWithoutTheFlagAndWriteNothingWhenOff() throws Exception
    {
        final Path scenario = RunCommandTest.shortQuickstart(dir);
        final CliRun sample = CliRun.of("run", scenario.toString(), "--out", dir.resolve("sample").toString(),
            "--replications", "1");
        final CliRun off = CliRun.of("run", scenario.toString(), "--out", dir.resolve("off").toString(),
            "--replications", "1", "--explain=off");

        assertThat(sample.exitCode()).as(sample.err()).isZero();
        final JsonNode summary = JSON.readTree(dir.resolve("sample/summary.json").toFile());
        assertThat(summary.at("/explanations/mode").asText()).isEqualTo("sample");
        assertThat(Files.readAllLines(dir.resolve("sample/decisions.jsonl"))).hasSize((int)made(summary));
        assertThat(sample.out()).contains("explanations: a sample in decisions.jsonl, the first " +
            ExplainMode.SAMPLE_DECISIONS_PER_RUN + " decisions of each run (").contains("--explain for all");
        assertThat(off.exitCode()).as(off.err()).isZero();
        assertThat(dir.resolve("off/decisions.jsonl")).doesNotExist();
        assertThat(off.out()).contains("report.html)").doesNotContain("explanations:");
    }

    @Test
    void shouldWriteDecisionsIntoEachResultFolderWhenCheckHasOutAndTheFlag() throws Exception
    {
        final Path scenario = Files.writeString(dir.resolve("once.yaml"),
            Files.readString(RunCommandTest.shortQuickstart(dir)).replace("replications: 3", "replications: 1"));
        final Path baseline = dir.resolve("baseline.json");
        final CliRun update = CliRun.of("check", scenario.toString(), "--baseline", baseline.toString(),
            "--update-baseline");
        assertThat(update.exitCode()).as(update.err()).isZero();
        final CliRun check = CliRun.of("check", scenario.toString(), "--baseline", baseline.toString(),
            "--out", dir.resolve("out").toString(), "--explain");

        assertThat(check.exitCode()).as(check.err()).isZero();
        final Path folder = dir.resolve("out/quickstart");
        final JsonNode summary = JSON.readTree(folder.resolve("summary.json").toFile());
        assertThat(summary.at("/explanations/mode").asText()).isEqualTo("all");
        assertThat((long)Files.readAllLines(folder.resolve("decisions.jsonl")).size()).isEqualTo(made(summary));
    }
}
