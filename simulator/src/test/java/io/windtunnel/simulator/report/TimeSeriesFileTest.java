package io.windtunnel.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.scenario.ScenarioReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * {@code timeseries.csv} as a user reads it, through the runner and the result writer: the last, partial row, and
 * Little's law checked from the result files alone.
 */
class TimeSeriesFileTest
{
    @TempDir
    Path dir;

    /** timeseries.csv: header and rows. */
    private record Csv(List<String> header, List<String[]> rows)
    {
        static Csv read(final Path file) throws Exception
        {
            final List<String> lines = Files.readAllLines(file);
            final List<String[]> rows = new ArrayList<>();
            for (final String line : lines.subList(1, lines.size()))
            {
                rows.add(line.split(",", -1));
            }
            return new Csv(List.of(lines.get(0).split(",")), rows);
        }

        double get(final String[] row, final String column)
        {
            return Double.parseDouble(text(row, column));
        }

        String text(final String[] row, final String column)
        {
            final int at = header.indexOf(column);
            assertThat(at).as("column " + column).isNotNegative();
            return row[at];
        }

        List<String[]> of(final String stack, final int replication)
        {
            return rows.stream().filter(r -> r[0].equals(stack) && r[1].equals(Integer.toString(replication))).toList();
        }
    }

    private Path run(final String yaml) throws Exception
    {
        final Path file = dir.resolve("scenario.yaml");
        Files.writeString(file, yaml);
        final Path out = dir.resolve("out");
        ResultWriter.write(new Runner().run(ScenarioReader.read(file), 2), out);
        return out;
    }

    /** One stack of fixed on-demand replicas (2 workers each) under constant load of 20 ms exponential work. */
    private static String scenario(
        final String stack, final String duration, final String warmup, final int perSecond, final int replicas)
    {
        return """
            name: series
            seed: 3
            replications: 1
            duration: %s
            warmup: %s
            controlInterval: 1m
            sampleInterval: 10m
            providers:
              p:
                preemptionNotice: 0s
                regions: {r: {}}
                instanceTypes: {t: {workers: 2, speed: 1.0, boot: 0s}}
            prices:
              - {provider: p, region: r, instanceType: t, market: on-demand, pricePerHour: 1.2}
            load:
              constant: {c: %d}
            clients:
              c: {rtt: {default: 0s}}
            service: {distribution: exponential, mean: 20ms}
            stacks:
              - name: %s
                autoscaler: {type: fixed, replicas: %d}
            """.formatted(duration, warmup, perSecond, stack, replicas);
    }

    @Test
    void shouldReportTheLastPartialRowForItsOwnLengthWhenDurationIsNotAMultipleOfTheSampleInterval() throws Exception
    {
        // 60 requests/s of 20 ms on 3 replicas of 2 workers, 25 minutes sampled every 10.
        final Path out = run(scenario("three", "25m", "2m", 60, 3));
        final Csv csv = Csv.read(out.resolve("timeseries.csv"));
        final List<String[]> rows = csv.of("three", 0);
        assertThat(rows).hasSize(3);
        assertThat(rows.stream().map(r -> csv.get(r, "interval_s")).toList()).containsExactly(600.0, 600.0, 300.0);
        assertThat(rows.stream().map(r -> csv.get(r, "time_s")).toList()).containsExactly(0.0, 600.0, 1200.0);

        final String[] last = rows.get(2);
        assertThat(csv.get(last, "ready_replicas")).isEqualTo(3);
        assertThat(csv.get(last, "active_replicas")).isEqualTo(3);
        // 60 requests/s of 20 ms on 6 workers: 0.2, over the row's own 5 minutes.
        assertThat(csv.get(last, "utilization")).isCloseTo(0.2, within(0.03));
        assertThat(csv.get(last, "in_system")).isCloseTo(1.2, within(0.3));
        // Three replicas at 1.2 USD/h for 5 minutes.
        assertThat(csv.get(last, "cost_usd")).isCloseTo(0.3, within(1e-9));

        final JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        final double totalUsd = summary.at("/stacks/0/metrics/cost.total_usd/replications/0").asDouble();
        assertThat(rows.stream().mapToDouble(r -> csv.get(r, "cost_usd")).sum()).isCloseTo(totalUsd, within(1e-9));
        assertThat(totalUsd).isCloseTo(3 * 1.2 * 25 / 60, within(1e-9));
    }

    @Test
    void shouldLeaveLatencyEmptyNotZeroInRowsWithoutMeasuredCompletions() throws Exception
    {
        // Requests complete in the warm-up row, but none is measured there: its latency is absent, not 0 ms.
        final Path out = run(scenario("one", "30m", "10m", 20, 1));
        final Csv csv = Csv.read(out.resolve("timeseries.csv"));
        final List<String[]> rows = csv.of("one", 0);
        assertThat(rows).hasSize(3);
        final String[] warm = rows.get(0);
        assertThat(csv.get(warm, "completed")).isGreaterThan(10_000);
        for (final String column : List.of("latency_p50_ms", "latency_p99_ms", "latency_mean_ms"))
        {
            assertThat(csv.text(warm, column)).as(column + " in the warm-up row").isEmpty();
            for (final String[] measured : rows.subList(1, 3))
            {
                // 20 ms exponential work on a lightly loaded replica.
                assertThat(csv.get(measured, column)).as(column).isBetween(5.0, 200.0);
            }
        }
        // The other columns of the warm-up row are there.
        assertThat(csv.get(warm, "in_system")).isPositive();
    }

    @Test
    void shouldHoldLittlesLawWhenCheckedFromTheFilesOfTheMM1Scenario() throws Exception
    {
        // scenarios/mm1.yaml (800 requests/s, 1 ms, one worker: utilization 0.8), shortened for the suite.
        final String mm1 = Files.readString(Path.of("../scenarios/mm1.yaml"));
        final Path out = run(mm1.replace("duration: 2h", "duration: 30m").replace("replications: 5", "replications: 2"));

        final Csv csv = Csv.read(out.resolve("timeseries.csv"));
        final JsonNode summary = new ObjectMapper().readTree(out.resolve("summary.json").toFile());
        final double warmupSeconds = summary.get("warmupSeconds").asDouble();
        final JsonNode stack = summary.at("/stacks/0");
        for (int r = 0; r < 2; r++)
        {
            double seconds = 0;
            double requestSeconds = 0;
            double arrivals = 0;
            for (final String[] row : csv.of(stack.get("name").asText(), r))
            {
                if (csv.get(row, "time_s") >= warmupSeconds)
                {
                    final double length = csv.get(row, "interval_s");
                    seconds += length;
                    requestSeconds += csv.get(row, "in_system") * length;
                    arrivals += csv.get(row, "arrivals");
                }
            }
            final double l = requestSeconds / seconds;
            final double lambda = arrivals / seconds;
            final double w = stack.at("/metrics/latency.mean_ms/replications/" + r).asDouble() / 1e3;
            System.out.printf("M/M/1 replication %d: L = %.5f, lambda = %.3f/s, W = %.5f ms, lambda W = %.5f (%+.4f%%)%n",
                r, l, lambda, w * 1e3, lambda * w, (lambda * w / l - 1) * 100);
            assertThat(lambda * w).as("lambda W, replication " + r).isCloseTo(l, within(0.01 * l));
            // And the queue is the M/M/1 one: L = rho / (1 - rho) = 4 (loosely: 25 minutes of one replication).
            assertThat(l).isBetween(3.0, 5.0);
        }
    }
}
