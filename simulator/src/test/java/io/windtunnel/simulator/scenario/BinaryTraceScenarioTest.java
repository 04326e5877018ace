package io.windtunnel.simulator.scenario;

import io.windtunnel.simulator.runner.RunResult;
import io.windtunnel.simulator.runner.Runner;
import io.windtunnel.simulator.runner.ScenarioResult;
import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.binary.BinaryTraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A scenario may name any trace as CSV or as binary ({@code .wtb}): both give the same model and the same results,
 * a binary trace of the wrong kind is refused by name before its rows are read, and a binary trace whose rows break
 * its kind's rules is refused as its CSV would be.
 */
class BinaryTraceScenarioTest
{
    private static final String[] BUNDLED = {"prices-3providers-2d", "faults-spot-hazard-2d",
        "faults-region-outage-2d", "load-diurnal-3regions-2d"};
    private static final long T0_NS = 1_704_067_200_000_000_000L; // 2024-01-01T00:00:00Z, the quickstart's start

    @TempDir
    Path dir;

    @Test
    void shouldGiveIdenticalResultsWhenEveryBundledTraceIsReadFromBinary() throws Exception
    {
        for (final String trace : BUNDLED)
        {
            final Path csv = Path.of("../traces/generated", trace + ".csv");
            final TraceTable table = TraceFormats.detect(csv).read(csv, ImportOptions.defaults());
            BinaryTraceWriter.write(table, dir.resolve(trace + ".wtb"));
        }
        final String csvFolder = Path.of("../traces/generated").toAbsolutePath().normalize().toString();
        final Scenario fromCsv = ScenarioReader.read(shortQuickstart("csv.yaml", csvFolder + "/", ".csv"));
        final Scenario fromBinary = ScenarioReader.read(shortQuickstart("binary.yaml", "", ".wtb"));

        assertThat(fromBinary.inputs().keySet()).contains("prices-3providers-2d.wtb", "load-diurnal-3regions-2d.wtb");
        assertThat(fromBinary.startEpochNs()).isEqualTo(fromCsv.startEpochNs());
        final ScenarioResult csvResult = new Runner().run(fromCsv, 1);
        final ScenarioResult binaryResult = new Runner().run(fromBinary, 1);

        assertThat(binaryResult.runs()).hasSameSizeAs(csvResult.runs()).hasSize(3);
        for (int i = 0; i < csvResult.runs().size(); i++)
        {
            final RunResult expected = csvResult.runs().get(i);
            final RunResult actual = binaryResult.runs().get(i);
            assertThat(actual.stack()).isEqualTo(expected.stack());
            assertThat(actual.metrics()).isEqualTo(expected.metrics());
            assertThat(actual.costUsd()).isEqualTo(expected.costUsd());
            assertThat(actual.zoneCostUsd()).isEqualTo(expected.zoneCostUsd());
            assertThat(actual.latency()).isEqualTo(expected.latency());
            // Bit for bit: a row without latency holds NaN, which no double comparison equals.
            assertThat(bits(actual.series())).isDeepEqualTo(bits(expected.series()));
            assertThat(actual.events()).isEqualTo(expected.events());
        }
        assertThat(csvResult.runs().get(0).metrics().get("requests.total_arrived")).as("a run that did something")
            .isGreaterThan(1000.0);
        assertThat(csvResult.runs().get(0).metrics().get("cost.total_usd")).isGreaterThan(0.0);
    }

    @Test
    void shouldNameFileAndBothKindsWhenBinaryTraceIsOfWrongKind() throws Exception
    {
        BinaryTraceWriter.write(prices(0.03), dir.resolve("prices.wtb"));
        final Path file = Files.writeString(dir.resolve("scenario.yaml"),
            ScenarioReaderTest.MINIMAL.replace("  constant: {c: 100}", "  file: prices.wtb"));

        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:10: key 'load.file': " + dir.resolve("prices.wtb") +
                ": holds a price trace (binary), expected a load-rate or arrivals trace");
    }

    @Test
    void shouldReadArrivalLogAndFaultsWhenTheyAreBinary() throws Exception
    {
        final TraceTable.Builder arrivals = TraceTable.builder(TraceKind.ARRIVALS);
        final int client = arrivals.keys().intern("c");
        arrivals.add(T0_NS, client, 0, 5).add(T0_NS + 1_000_000_000L, client, 0, Double.NaN);
        BinaryTraceWriter.write(arrivals.build(), dir.resolve("requests.wtb"));
        final TraceTable.Builder faults = TraceTable.builder(TraceKind.FAULTS);
        final int region = faults.keys().intern("p", "r", "", "");
        faults.add(T0_NS + 60_000_000_000L, region, FaultKind.OUTAGE_START.code(), 0);
        BinaryTraceWriter.write(faults.build(), dir.resolve("faults.wtb"));
        final Path file = Files.writeString(dir.resolve("scenario.yaml"), ScenarioReaderTest.MINIMAL
            .replace("  constant: {c: 100}", "  file: requests.wtb\n  beyond: zero") +
            "faults:\n  - {file: faults.wtb, beyond: zero}\n");

        // Two logged requests and one fault cover only part of the ten-minute window: 'beyond: zero' says that is all.
        final Scenario scenario = ScenarioReader.read(file);

        assertThat(scenario.startEpochNs()).isEqualTo(T0_NS);
        assertThat(scenario.model().faultTimeNs).containsExactly(60_000_000_000L);
        assertThat(scenario.inputs()).containsKeys("requests.wtb", "faults.wtb");
    }

    @Test
    void shouldRefuseWithFileRowAndFieldWhenBinaryTraceHoldsBadValues() throws Exception
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        final int key = builder.keys().intern("p", "r", "", "t", "on-demand");
        builder.add(0, key, 0, 0.5).add(1, key, 0, Double.NaN).add(2, key, 0, -1);
        BinaryTraceWriter.write(builder.build(), dir.resolve("bad-prices.wtb"));
        final Path file = Files.writeString(dir.resolve("scenario.yaml"), ScenarioReaderTest.MINIMAL.replace(
            "  - {provider: p, region: r, instanceType: t, pricePerHour: 0.5}", "  - file: bad-prices.wtb"));

        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(TraceFormatException.class)
            .hasMessage(dir.resolve("bad-prices.wtb") + " at row 1: field 'value': price must be a finite number, " +
                "got NaN\n" + dir.resolve("bad-prices.wtb") + " at row 2: field 'value': price must be at least 0, " +
                "got -1");
    }

    @Test
    void shouldNamePathWhenTraceIsAFolder() throws Exception
    {
        Files.createDirectories(dir.resolve("traces.wtb"));
        final Path file = Files.writeString(dir.resolve("scenario.yaml"), ScenarioReaderTest.MINIMAL.replace(
            "  - {provider: p, region: r, instanceType: t, pricePerHour: 0.5}", "  - file: traces.wtb"));

        assertThatThrownBy(() -> ScenarioReader.read(file))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:8: key 'prices[0].file': " + dir.resolve("traces.wtb") +
                ": is a folder, expected a trace file");
    }

    /** The bundled quickstart, 3 simulated hours, 1 replication, its traces from a folder with one extension. */
    private Path shortQuickstart(final String name, final String folder, final String extension) throws Exception
    {
        String yaml = Files.readString(Path.of("../scenarios/quickstart.yaml"))
            .replace("duration: 2d", "duration: 3h")
            .replace("replications: 3", "replications: 1");
        for (final String trace : BUNDLED)
        {
            yaml = yaml.replace("../traces/generated/" + trace + ".csv", folder + trace + extension);
        }
        assertThat(yaml).doesNotContain("../traces/generated").contains("duration: 3h");
        return Files.writeString(dir.resolve(name), yaml);
    }

    private static TraceTable prices(final double pricePerHourUsd)
    {
        final TraceTable.Builder builder = TraceTable.builder(TraceKind.PRICE);
        builder.add(T0_NS, builder.keys().intern("p", "r", "", "t", "on-demand"), 0, pricePerHourUsd);
        return builder.build();
    }

    private static long[][] bits(final double[][] rows)
    {
        final long[][] bits = new long[rows.length][];
        for (int r = 0; r < rows.length; r++)
        {
            bits[r] = java.util.Arrays.stream(rows[r]).mapToLong(Double::doubleToRawLongBits).toArray();
        }
        return bits;
    }
}
