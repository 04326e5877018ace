package io.windtunnel.simulator.runner;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.report.ResultWriter;
import io.windtunnel.simulator.report.RunFolder;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.HistogramLogReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RunnerTest
{
    @TempDir
    Path dir;

    private Scenario small() throws Exception
    {
        return small(dir);
    }

    /**
     * @param dir a folder to write the scenario file into.
     * @return two hours of the quickstart world, three stacks, three replications.
     */
    static Scenario small(final Path dir) throws Exception
    {
        final String quickstart = Files.readString(Path.of("../scenarios/quickstart.yaml"));
        final String traces = Path.of("../traces/generated").toAbsolutePath().normalize().toString();
        final String yaml = quickstart
            .replace("../traces/generated", traces)
            .replace("duration: 2d", "duration: 2h")
            .replace("start: 2024-01-01T00:00:00Z", "start: 2024-01-02T07:30:00Z")
            .replace("warmup: 30m", "warmup: 10m");
        final Path file = dir.resolve("small.yaml");
        Files.writeString(file, yaml);
        return ScenarioReader.read(file);
    }

    @Test
    void shouldWriteIdenticalResultsWhenThreadCountsDiffer() throws Exception
    {
        final Scenario scenario = small();
        final ScenarioResult serial = new Runner().run(scenario, 1);
        final ScenarioResult parallel = new Runner().run(scenario, 3);
        ResultWriter.write(serial, dir.resolve("serial"));
        ResultWriter.write(parallel, dir.resolve("parallel"));

        for (final String name :
            List.of("summary.json", "timeseries.csv", "latency.hlog", "comparison.md", "report.html",
                "decisions.jsonl"))
        {
            assertThat(Files.readAllBytes(dir.resolve("parallel").resolve(name)))
                .as(name)
                .isEqualTo(Files.readAllBytes(dir.resolve("serial").resolve(name)));
        }
        assertThat(serial.runs()).allSatisfy(run -> assertThat(run.metrics().get("conservation.holds")).isEqualTo(1));
    }

    @Test
    void shouldWriteSameSummaryWhenSeedIsSameAndDifferentWhenNot() throws Exception
    {
        final Scenario scenario = small();
        ResultWriter.write(new Runner().run(scenario, 2), dir.resolve("a"));
        ResultWriter.write(new Runner().run(scenario, 2), dir.resolve("b"));
        ResultWriter.write(new Runner().run(scenario.withSeed(7), 2), dir.resolve("c"));

        final String a = Files.readString(dir.resolve("a/summary.json"));
        assertThat(Files.readString(dir.resolve("b/summary.json"))).isEqualTo(a);
        assertThat(Files.readString(dir.resolve("c/summary.json"))).isNotEqualTo(a);
        assertThat(a).contains("\"sha256:").contains("\"seed\" : 42").contains("\"ci95\"");
    }

    @Test
    void shouldGiveStacksTheSameRequestsWhenRandomNumbersAreCommon() throws Exception
    {
        final ScenarioResult result = new Runner().run(small(), 2);
        final StackSummary first = result.stacks().get(0);
        for (final StackSummary stack : result.stacks())
        {
            assertThat(stack.metrics().get("requests.total_arrived").values())
                .isEqualTo(first.metrics().get("requests.total_arrived").values());
        }
    }

    /** Reads latency.hlog back with HdrHistogram's reader: tag to that tag's intervals in log order. */
    private static Map<String, List<Histogram>> readHlog(final Path file) throws Exception
    {
        final HistogramLogReader reader = new HistogramLogReader(file.toString());
        final Map<String, List<Histogram>> byTag = new LinkedHashMap<>();
        Histogram h;
        while ((h = (Histogram)reader.nextIntervalHistogram()) != null)
        {
            byTag.computeIfAbsent(h.getTag(), k -> new ArrayList<>()).add(h);
        }
        return byTag;
    }

    private static long count(final List<Histogram> intervals)
    {
        return intervals.stream().mapToLong(Histogram::getTotalCount).sum();
    }

    @Test
    void shouldWriteHlogThatHdrHistogramReadsBack() throws Exception
    {
        final ScenarioResult result = new Runner().run(small(), 2);
        ResultWriter.write(result, dir.resolve("out"));
        final Map<String, List<Histogram>> byTag = readHlog(dir.resolve("out/latency.hlog"));

        for (final RunResult run : result.runs())
        {
            final List<Histogram> total = byTag.get(run.stack() + "/r" + run.replication());
            assertThat(total).hasSize(12);
            assertThat(count(total)).isEqualTo(run.latency().getTotalCount());
        }
    }

    @Test
    void shouldWriteTaggedIntervalsPerClientAndProviderThatSumToTotalsWhenHlogIsReadBack() throws Exception
    {
        final Scenario scenario = small();
        final CloudModel model = scenario.model();
        final ScenarioResult result = new Runner().run(scenario, 2);
        ResultWriter.write(result, dir.resolve("out"));
        final Map<String, List<Histogram>> byTag = readHlog(dir.resolve("out/latency.hlog"));

        final List<String> expectedTags = new ArrayList<>();
        for (final RunResult run : result.runs())
        {
            final String base = run.stack() + "/r" + run.replication();
            expectedTags.add(base);
            final List<Histogram> total = byTag.get(base);
            assertThat(total).hasSize(12);
            for (final String kind : List.of("client", "provider"))
            {
                final String[] names = kind.equals("client") ? model.clientNames : model.providerNames;
                final long[] perInterval = new long[total.size()];
                long all = 0;
                for (final String name : names)
                {
                    final String tag = base + "/" + kind + "/" + name;
                    expectedTags.add(tag);
                    final List<Histogram> intervals = byTag.get(tag);
                    assertThat(intervals).as(tag).hasSize(total.size());
                    for (int i = 0; i < intervals.size(); i++)
                    {
                        assertThat(intervals.get(i).getStartTimeStamp()).isEqualTo(total.get(i).getStartTimeStamp());
                        assertThat(intervals.get(i).getEndTimeStamp()).isEqualTo(total.get(i).getEndTimeStamp());
                        perInterval[i] += intervals.get(i).getTotalCount();
                    }
                    // Each tag's intervals add up to that client's or provider's count in summary.json.
                    assertThat((double)count(intervals)).as(tag)
                        .isEqualTo(run.metrics().get("latency." + kind + "." + name + ".count"));
                    all += count(intervals);
                }
                for (int i = 0; i < total.size(); i++)
                {
                    assertThat(perInterval[i]).as(base + " " + kind + "s, interval " + i)
                        .isEqualTo(total.get(i).getTotalCount());
                }
                assertThat(all).isEqualTo(run.latency().getTotalCount());
            }
        }
        assertThat(byTag.keySet()).containsExactlyInAnyOrderElementsOf(expectedTags);
        // Requests came from every client region and at least two providers served some.
        assertThat(byTag.entrySet().stream().filter(e -> e.getKey().contains("/provider/") && count(e.getValue()) > 0)
            .map(e -> e.getKey().substring(e.getKey().lastIndexOf('/'))).distinct().count()).isGreaterThanOrEqualTo(2);
    }

    private static List<String> names(final Path folder) throws Exception
    {
        try (Stream<Path> files = Files.list(folder))
        {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void shouldWriteTheSameFilesWhenIntervalsAreSpooledToTheResultFolder() throws Exception
    {
        final Scenario scenario = small();
        ResultWriter.write(new Runner().run(scenario, 1), dir.resolve("memory"));
        try (RunFolder folder = RunFolder.reserve(dir.resolve("spooled")))
        {
            final ScenarioResult spooled = new Runner().run(scenario, 3, folder.workDir());
            // One spool per (stack, replication) while the results are not written yet.
            final List<String> spools = new ArrayList<>();
            for (int s = 0; s < scenario.stacks().size(); s++)
            {
                for (int r = 0; r < scenario.replications(); r++)
                {
                    spools.add("latency.hlog." + s + "-" + r + ".part");
                }
            }
            assertThat(names(folder.workDir())).containsExactlyInAnyOrderElementsOf(spools).hasSize(9);
            ResultWriter.writeInto(spooled, folder.workDir());
            folder.commit();
        }

        final List<String> files =
            List.of("comparison.md", "decisions.jsonl", "latency.hlog", "report.html", "summary.json",
                "timeseries.csv");
        assertThat(names(dir.resolve("spooled"))).as("no spool left in the result folder").isEqualTo(files);
        for (final String name : files)
        {
            assertThat(Files.readAllBytes(dir.resolve("spooled").resolve(name)))
                .as(name)
                .isEqualTo(Files.readAllBytes(dir.resolve("memory").resolve(name)));
        }
    }

    @Test
    void shouldRemoveItsSpoolsWhenCancelled() throws Exception
    {
        final Scenario scenario = small().withReplications(4);
        final Path spools = Files.createDirectory(dir.resolve("spools"));
        final Runner runner = new Runner();
        final AtomicReference<Throwable> outcome = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            try
            {
                runner.run(scenario, 2, spools);
            }
            catch (final Throwable e)
            {
                outcome.set(e);
            }
        });
        thread.start();
        final long deadline = System.nanoTime() + 60_000_000_000L;
        while (runner.completedRuns() < 1 && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertThat(runner.completedRuns()).as("a run finished (its spool is complete)").isPositive();
        runner.cancel();
        thread.join(60_000);

        assertThat(outcome.get()).isInstanceOf(InterruptedException.class);
        // Runs still going stop at their next slice and remove their spools; finished ones were removed at once.
        while (!names(spools).isEmpty() && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
        assertThat(names(spools)).isEmpty();
    }

    @Test
    void shouldComputeStudentTHalfWidthWhenReplicated()
    {
        // mean 2, s = 1, n = 3: t(0.975, 2) = 4.302653 -> 4.302653 / sqrt(3)
        assertThat(ConfidenceIntervals.halfWidth(List.of(1.0, 2.0, 3.0), 0.95)).isCloseTo(2.484138, within(1e-5));
        assertThat(ConfidenceIntervals.halfWidth(List.of(1.0), 0.95)).isNaN();
    }

    @Test
    void shouldTellTheSliceListenerOfEveryRunOnItsOwnThreadUpToItsEndWithoutChangingTheResults() throws Exception
    {
        final Scenario scenario = small();
        final long durationNs = scenario.model().durationNs;
        final int runs = scenario.stacks().size() * scenario.replications();
        final long[] lastNs = new long[runs];
        final int[] slices = new int[runs];
        final long[] events = new long[runs];
        final List<String> problems = new ArrayList<>();
        final Runner runner = new Runner();
        runner.onSlice((stack, replication, simulation, doneNs) ->
        {
            final int run = stack * scenario.replications() + replication;
            synchronized (problems)
            {
                if (doneNs <= lastNs[run] || simulation.nowNs() != doneNs ||
                    !Thread.currentThread().getName().equals("windtunnel-run"))
                {
                    problems.add(run + " at " + doneNs + " after " + lastNs[run] + " on " +
                        Thread.currentThread().getName());
                }
                lastNs[run] = doneNs;
                slices[run]++;
                events[run] = simulation.engine().eventsProcessed();
            }
        });
        final ScenarioResult heard = runner.run(scenario, 2);
        assertThat(problems).isEmpty();
        for (int run = 0; run < runs; run++)
        {
            assertThat(lastNs[run]).isEqualTo(durationNs);
            assertThat(slices[run]).isEqualTo(200);
            assertThat(events[run]).isPositive();
        }
        final ScenarioResult quiet = new Runner().run(scenario, 2);
        ResultWriter.write(heard, dir.resolve("heard"));
        ResultWriter.write(quiet, dir.resolve("quiet"));
        assertThat(Files.readAllBytes(dir.resolve("heard/summary.json")))
            .isEqualTo(Files.readAllBytes(dir.resolve("quiet/summary.json")));
    }
}
