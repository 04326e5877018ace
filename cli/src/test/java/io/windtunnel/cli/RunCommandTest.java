package io.windtunnel.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class RunCommandTest
{
    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        final CommandLine commandLine = WindtunnelCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private Path shortQuickstart() throws Exception
    {
        return shortQuickstart(dir);
    }

    /**
     * @param dir a folder to write the scenario file into.
     * @return the quickstart over one hour.
     */
    static Path shortQuickstart(final Path dir) throws Exception
    {
        final String traces = Path.of("../traces/generated").toAbsolutePath().normalize().toString();
        final String yaml = Files.readString(Path.of("../scenarios/quickstart.yaml"))
            .replace("../traces/generated", traces)
            .replace("duration: 2d", "duration: 1h")
            .replace("warmup: 30m", "warmup: 5m");
        return Files.writeString(dir.resolve("quick.yaml"), yaml);
    }

    @Test
    void shouldPrintTableAndWriteFolderWhenScenarioIsValid() throws Exception
    {
        final Path result = dir.resolve("result");
        final int code = run("run", shortQuickstart().toString(), "--out", result.toString(), "--threads", "2",
            "--replications", "2");

        assertThat(code).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("spot-cheapest").contains("on-demand-cheapest")
            .contains("aws-fixed-on-demand").contains("latency p99 (ms)").contains("cost (USD)").contains("wrote");
        assertThat(result.resolve("summary.json")).exists();
        assertThat(result.resolve("timeseries.csv")).exists();
        assertThat(result.resolve("latency.hlog")).exists();
        assertThat(result.resolve("report.html")).exists();
        assertThat(Files.readString(result.resolve("comparison.md"))).contains("| spot-cheapest |");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldCompareResultFoldersWhenGivenTwo() throws Exception
    {
        final Path scenario = shortQuickstart();
        assertThat(run("run", scenario.toString(), "--out", dir.resolve("a").toString(), "--replications", "1"))
            .isZero();
        assertThat(run("run", scenario.toString(), "--out", dir.resolve("b").toString(), "--replications", "1",
            "--seed", "9")).isZero();
        out.getBuffer().setLength(0);

        assertThat(run("compare", dir.resolve("a").toString(), dir.resolve("b").toString())).isZero();
        assertThat(out.toString()).contains("a:spot-cheapest").contains("b:aws-fixed-on-demand");
    }

    @Test
    void shouldExitTwoWithFileLineAndKeyWhenScenarioIsWrong() throws Exception
    {
        final Path bad = Files.writeString(dir.resolve("bad.yaml"),
            Files.readString(shortQuickstart()).replace("queueLimit: 100", "queueLimit: lots"));
        assertThat(run("run", bad.toString(), "--out", dir.resolve("x").toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("bad.yaml:").contains("key 'service.queueLimit'").doesNotContain("at io.");
        assertThat(dir.resolve("x")).doesNotExist();
    }

    @Test
    void shouldExitTwoWithTraceFileAndLineWhenTraceIsWrong() throws Exception
    {
        Files.writeString(dir.resolve("load.csv"), "# step: 1m\ntime,region,requests\n2024-01-01T00:00:00Z,us-east,-5\n");
        final String yaml = Files.readString(shortQuickstart())
            .replaceAll("file: .*load-diurnal-3regions-2d.csv", "file: load.csv\n  format: rate-csv");
        final Path bad = Files.writeString(dir.resolve("badtrace.yaml"), yaml);
        assertThat(run("run", bad.toString(), "--out", dir.resolve("y").toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("load.csv:3").doesNotContain("at io.");
    }

    @Test
    void shouldPrintHelpWithoutWarningsWhenAsked()
    {
        assertThat(run("run", "--help")).isZero();
        assertThat(out.toString()).contains("95% CI").contains("--threads");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldExitTwoWhenOutputExists() throws Exception
    {
        Files.createDirectories(dir.resolve("taken"));
        assertThat(run("run", shortQuickstart().toString(), "--out", dir.resolve("taken").toString()))
            .isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("already exists");
    }

    @Test
    void shouldKeepBothResultsWhenTwoRunsStartTogetherWithTheSameOut() throws Exception
    {
        final Path scenario = shortQuickstart();
        final Path target = dir.resolve("same");
        final java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        final java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        try
        {
            final java.util.List<java.util.concurrent.Future<CliRun>> runs = new java.util.ArrayList<>();
            for (int i = 0; i < 2; i++)
            {
                runs.add(pool.submit(() ->
                {
                    start.await();
                    return CliRun.of("run", scenario.toString(), "--out", target.toString(), "--replications", "1",
                        "--threads", "1");
                }));
            }
            start.countDown();
            final CliRun a = runs.get(0).get();
            final CliRun b = runs.get(1).get();
            assertThat(a.exitCode()).as(a.err()).isZero();
            assertThat(b.exitCode()).as(b.err()).isZero();
            assertThat(target.resolve("summary.json")).exists();
            assertThat(dir.resolve("same-2").resolve("summary.json")).exists();
            assertThat(a.err() + b.err()).contains(target + " is being written by another run")
                .contains("this run writes to " + dir.resolve("same-2"));
            assertThat(Files.readString(target.resolve("summary.json")))
                .isEqualTo(Files.readString(dir.resolve("same-2").resolve("summary.json")));
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldExitTwoWhenCompareFolderHasNoSummary()
    {
        assertThat(run("compare", dir.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("no summary.json");
    }
}
