package io.windtunnel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code windtunnel run} on a scenario whose traces are {@code .wtb} files made by {@code windtunnel trace convert}
 * gives the same results as on their CSVs, and refuses a binary trace of the wrong kind or with bad rows (exit 2,
 * naming the file) without writing a result folder.
 */
class BinaryTraceRunTest
{
    @TempDir
    Path dir;

    @Test
    void shouldWriteIdenticalSummaryAndTimeSeriesWhenBundledTracesAreConvertedToBinary() throws Exception
    {
        final Path generated = BadInputCorpusTest.repoRoot().resolve("traces/generated");
        final List<String> traces = new ArrayList<>();
        String csvYaml = shortQuickstart();
        final String quickstart = csvYaml;
        // The folder also holds other scenarios' traces and a catalog (not a trace): the quickstart's are the ones
        // it names.
        try (Stream<Path> files = Files.list(generated))
        {
            files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".csv"))
                .filter(name -> quickstart.contains("../traces/generated/" + name)).sorted().forEach(traces::add);
        }
        assertThat(traces).hasSize(4);
        String binaryYaml = csvYaml;
        for (final String csv : traces)
        {
            final String wtb = csv.replace(".csv", ".wtb");
            final CliRun convert = CliRun.of("trace", "convert", generated.resolve(csv).toString(),
                dir.resolve(wtb).toString());
            assertThat(convert.exitCode()).as(convert.err()).isZero();
            csvYaml = csvYaml.replace("../traces/generated/" + csv, generated.resolve(csv).toString());
            binaryYaml = binaryYaml.replace("../traces/generated/" + csv, wtb);
        }
        assertThat(binaryYaml).doesNotContain(".csv");

        final Path csvOut = run(Files.writeString(dir.resolve("from-csv.yaml"), csvYaml), "csv-results");
        final Path binaryOut = run(Files.writeString(dir.resolve("from-wtb.yaml"), binaryYaml), "wtb-results");

        final ObjectMapper json = new ObjectMapper();
        final JsonNode csvSummary = json.readTree(csvOut.resolve("summary.json").toFile());
        final JsonNode binarySummary = json.readTree(binaryOut.resolve("summary.json").toFile());
        assertThat(fieldNames(binarySummary.get("inputs"))).containsExactly("from-wtb.yaml",
            "load-diurnal-3regions-2d.wtb", "prices-3providers-2d.wtb", "faults-spot-hazard-2d.wtb",
            "faults-region-outage-2d.wtb");
        // Only what names the inputs may differ: the files and their hashes, the echoed file keys, the traces' names.
        for (final JsonNode summary : List.of(csvSummary, binarySummary))
        {
            ((ObjectNode)summary).remove(List.of("inputs", "scenarioFile"));
            final ObjectNode values = (ObjectNode)summary.get("values");
            final List<String> fileKeys = fieldNames(values).stream().filter(k -> k.endsWith(".file")).toList();
            assertThat(fileKeys).hasSize(4);
            values.remove(fileKeys);
            for (final JsonNode trace : summary.get("traces"))
            {
                ((ObjectNode)trace).remove("file");
            }
        }
        assertThat(binarySummary).isEqualTo(csvSummary);
        assertThat(csvSummary.get("stacks")).hasSize(3);
        assertThat(csvSummary.get("stacks").get(0).get("metrics").get("requests.arrived").get("mean").asDouble())
            .isGreaterThan(1000);
        assertThat(Files.readString(binaryOut.resolve("timeseries.csv")))
            .isEqualTo(Files.readString(csvOut.resolve("timeseries.csv")));
    }

    @Test
    void shouldExitTwoNamingFileAndKindsWhenLoadIsAPriceWtb() throws Exception
    {
        final Path prices = BadInputCorpusTest.repoRoot().resolve("traces/generated/prices-3providers-2d.csv");
        assertThat(CliRun.of("trace", "convert", prices.toString(), dir.resolve("prices.wtb").toString()).exitCode())
            .isZero();
        final Path scenario = Files.writeString(dir.resolve("wrong.yaml"), shortQuickstart()
            .replace("../traces/generated/load-diurnal-3regions-2d.csv", "prices.wtb")
            .replace("../traces/generated/", prices.getParent() + "/"));

        final CliRun run = CliRun.of("run", scenario.toString(), "--out", dir.resolve("out").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(run.err()).contains("wrong.yaml:").contains("key 'load.file'").contains(
            dir.resolve("prices.wtb") + ": holds a price trace (binary), expected a load-rate or arrivals trace")
            .doesNotContain("\tat ");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    private String shortQuickstart() throws Exception
    {
        final String yaml = Files.readString(BadInputCorpusTest.repoRoot().resolve("scenarios/quickstart.yaml"));
        assertThat(yaml).contains("duration: 2d").contains("replications: 3");
        return yaml.replace("duration: 2d", "duration: 3h").replace("replications: 3", "replications: 1");
    }

    private Path run(final Path scenario, final String out)
    {
        final Path folder = dir.resolve(out);
        final CliRun run = CliRun.of("run", scenario.toString(), "--out", folder.toString(), "--threads", "1");
        assertThat(run.exitCode()).as(run.err()).isZero();
        return folder;
    }

    private static List<String> fieldNames(final JsonNode node)
    {
        final List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
