package io.windtunnel.spark;

import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.sweep.LocalSweep;
import io.windtunnel.simulator.sweep.Sweep;
import io.windtunnel.simulator.sweep.SweepProgress;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SparkSweepTest
{
    static final Path SWEEP = Path.of("src/test/resources/sweep-tiny.yaml");
    static final List<String> OUTPUTS = List.of("results.csv", "histograms.jsonl", "summary.json", "summary.md");
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start()
    {
        spark = SparkSweep.session("local[2]", "windtunnel-test");
    }

    @AfterAll
    static void stop()
    {
        spark.stop();
    }

    @Test
    void sparkLocalGivesTheSameFilesAsTheThreadPoolAndResumes() throws Exception
    {
        final Sweep sweep = Sweep.read(SWEEP);
        LocalSweep.run(sweep, dir.resolve("local"), 2, false, PolicyRegistry.standard(), SweepProgress.NONE);
        final List<Integer> done = new ArrayList<>();
        final Path out = dir.resolve("spark");
        final LocalSweep.Outcome outcome = SparkSweep.run(spark, sweep, out, false,
            (d, total, failed, skipped, elapsedNs) -> done.add(d));
        assertThat(outcome).isEqualTo(new LocalSweep.Outcome(4, 4, 0, 0));
        assertThat(done).contains(0, 4);
        assertSameFiles(dir.resolve("local"), out);
        // The Parquet table holds the CSV's rows: the same cost per variant and stack.
        final Dataset<Row> table = spark.read().parquet(out.resolve("results.parquet").toString());
        assertThat(table.count()).isEqualTo(8);
        final List<String> csv = Files.readAllLines(out.resolve("results.csv"));
        final int costColumn = List.of(csv.get(0).split(",")).indexOf("cost.total_usd");
        final Row first = table.where("variant = 3 and stack = 'spot'").first();
        final String spotRow = csv.stream().filter(l -> l.startsWith("3,") && l.contains(",spot,")).findFirst()
            .orElseThrow();
        assertThat(first.getDouble(first.fieldIndex("cost.total_usd")))
            .isEqualTo(Double.parseDouble(spotRow.split(",")[costColumn]));

        // A killed sweep resumes on Spark: only the missing variant runs, the files are the same.
        Files.delete(out.resolve("variants/v0000002.json"));
        final LocalSweep.Outcome resumed = SparkSweep.run(spark, sweep, out, true, SweepProgress.NONE);
        assertThat(resumed).isEqualTo(new LocalSweep.Outcome(4, 1, 0, 3));
        assertSameFiles(dir.resolve("local"), out);
    }

    @Test
    void tracesNamedByUriAreFetchedThroughHadoopAndGiveTheSameNumbers() throws Exception
    {
        final Path tiny = Path.of("../simulator/src/test/resources/golden/tiny.yaml").toAbsolutePath().normalize();
        final String common = "scenario: " + tiny + "\naxes: {load.constant.east: [60]}\n";
        final Path byPath = dir.resolve("path.yaml");
        Files.writeString(byPath, common + "set: {duration: 3m, warmup: 1m}\n");
        final Path byUri = dir.resolve("uri.yaml");
        Files.writeString(byUri, common + "set:\n  duration: 3m\n  warmup: 1m\n  faults[0].file: " +
            tiny.resolveSibling("tiny-faults.csv").toUri() + "\n");
        final Sweep uri = Sweep.read(byUri);
        // On threads a URI is refused, at the sweep file's line; on Spark it is fetched through Hadoop.
        assertThatThrownBy(() -> uri.check(PolicyRegistry.standard(), new io.windtunnel.simulator.scenario
            .TraceCache())).hasMessageContaining("uri.yaml:6: key 'faults[0].file': 'file:").hasMessageContaining(
            "is a URI");
        LocalSweep.run(Sweep.read(byPath), dir.resolve("path"), 1, false, PolicyRegistry.standard(),
            SweepProgress.NONE);
        uri.check(PolicyRegistry.standard(), new io.windtunnel.simulator.scenario.TraceCache(new HadoopFiles()));
        assertThat(SparkSweep.run(spark, uri, dir.resolve("uri"), false, SweepProgress.NONE).ran()).isEqualTo(1);
        final List<String> a = Files.readAllLines(dir.resolve("path/results.csv"));
        final List<String> b = Files.readAllLines(dir.resolve("uri/results.csv"));
        assertThat(b).isEqualTo(a);
    }

    static void assertSameFiles(final Path expected, final Path actual) throws Exception
    {
        for (final String file : OUTPUTS)
        {
            assertThat(Files.readString(actual.resolve(file))).as(file)
                .isEqualTo(Files.readString(expected.resolve(file)));
        }
    }
}
