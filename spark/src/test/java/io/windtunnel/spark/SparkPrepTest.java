package io.windtunnel.spark;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class SparkPrepTest
{
    private static final long START_S = Instant.parse("2024-03-01T00:00:00Z").getEpochSecond();
    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void start()
    {
        spark = SparkSweep.session("local[2]", "windtunnel-prep-test");
    }

    @AfterAll
    static void stop()
    {
        spark.stop();
    }

    /** Seeded requests over 10 minutes from two regions; minute 4 has none. Returns count per (region, minute). */
    private static Map<String, Integer> requests(final List<Row> rows)
    {
        final SplittableRandom random = new SplittableRandom(42);
        final Map<String, Integer> counts = new HashMap<>();
        for (int i = 0; i < 5000; i++)
        {
            final String region = random.nextInt(3) == 0 ? "eu-west" : "us-east";
            long ms = random.nextLong(600_000);
            if (ms / 60_000 == 4)
            {
                continue;
            }
            rows.add(RowFactory.create(new Timestamp(START_S * 1000 + ms), region, "GET /x"));
            counts.merge(region + "@" + ms / 60_000, 1, Integer::sum);
        }
        return counts;
    }

    private int prep(final String... args)
    {
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final int code = SparkPrep.execute(args, spark, new PrintStream(new ByteArrayOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8));
        lastError = err.toString(StandardCharsets.UTF_8);
        return code;
    }

    private String lastError;

    @Test
    void requestLogsBecomeARateTraceTheTracesReaderAccepts() throws Exception
    {
        final List<Row> rows = new ArrayList<>();
        final Map<String, Integer> expected = requests(rows);
        final StructType schema = new StructType().add("ts", DataTypes.TimestampType).add("region",
            DataTypes.StringType).add("path", DataTypes.StringType);
        final Dataset<Row> log = spark.createDataFrame(rows, schema);
        log.write().parquet(dir.resolve("log.parquet").toString());
        log.selectExpr("date_format(ts, \"yyyy-MM-dd'T'HH:mm:ss.SSSXXX\") as ts", "region", "path").coalesce(2)
            .write().option("header", "true").csv(dir.resolve("log-csv").toString());

        assertThat(prep("load", "--input", dir.resolve("log.parquet").toString(), "--format", "parquet",
            "--time-column", "ts", "--region-column", "region", "--step", "1m", "--out",
            dir.resolve("load.csv").toString())).as(lastError).isZero();
        final TraceTable table = TraceFormats.detect(dir.resolve("load.csv")).read(dir.resolve("load.csv"),
            ImportOptions.defaults());
        assertThat(table.kind()).isEqualTo(TraceKind.LOAD_RATE);
        assertThat(table.stepNs()).isEqualTo(60_000_000_000L);
        assertThat(table.rowCount()).isEqualTo(20);
        assertThat(table.spanStartNs()).isEqualTo(START_S * 1_000_000_000L);
        for (int row = 0; row < table.rowCount(); row++)
        {
            final String region = table.keys().field(table.keyId(row), 0);
            final long minute = (table.timeNs(row) / 1_000_000_000L - START_S) / 60;
            assertThat(table.value(row)).as(region + " minute " + minute)
                .isEqualTo(expected.getOrDefault(region + "@" + minute, 0).doubleValue());
        }
        // The same log as CSV text gives the same trace; as .wtb too.
        assertThat(prep("load", "--input", dir.resolve("log-csv").toString(), "--time-column", "ts",
            "--region-column", "region", "--step", "1m", "--out", dir.resolve("load.wtb").toString()))
            .as(lastError).isZero();
        assertThat(TraceFormats.detect(dir.resolve("load.wtb")).read(dir.resolve("load.wtb"),
            ImportOptions.defaults())).isEqualTo(table);
    }

    @Test
    void mistakesInTheInputAreRefusedWithAMessage() throws Exception
    {
        Files.writeString(dir.resolve("bad.csv"), "ts,region\n2024-03-01T00:00:00Z,a\nyesterday,b\n");
        assertThat(prep("load", "--input", dir.resolve("bad.csv").toString(), "--time-column", "ts", "--step",
            "1m", "--out", dir.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(lastError).contains("1 row(s) have no readable time in column 'ts' (e.g. 'yesterday'");
        assertThat(prep("load", "--input", dir.resolve("bad.csv").toString(), "--time-column", "when", "--step",
            "1m", "--out", dir.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(lastError).contains("no column 'when' (columns: ts, region)");
        assertThat(prep("load", "--input", dir.resolve("bad.csv").toString(), "--time-column", "ts", "--step",
            "soon", "--out", dir.resolve("x.csv").toString())).isEqualTo(2);
        assertThat(lastError).contains("--step:");
    }

    @Test
    void priceSnapshotsBecomeAStepSeries() throws Exception
    {
        final long s = START_S;
        Files.writeString(dir.resolve("snap.csv"), String.join("\n",
            "time,provider,region,zone,instance_type,market,price_per_hour_usd",
            s + ",aws,us-east-1,,m5.large,spot,0.034",
            (s + 300) + ",aws,us-east-1,,m5.large,spot,0.034",
            (s + 600) + ",aws,us-east-1,,m5.large,spot,0.041",
            (s + 600) + ",aws,us-east-1,,m5.large,spot,0.041",
            (s + 900) + ",aws,us-east-1,,m5.large,spot,0.041",
            s + ",aws,us-east-1,,m5.large,OnDemand,0.096",
            (s + 900) + ",aws,us-east-1,,m5.large,on-demand,0.096",
            s + ",gcp,us-central1,us-central1-a,n2-standard-2,preemptible,0.0291", ""));
        assertThat(prep("prices", "--input", dir.resolve("snap.csv").toString(), "--time-unit", "s", "--out",
            dir.resolve("prices.csv").toString())).as(lastError).isZero();
        assertThat(Files.readAllLines(dir.resolve("prices.csv"))).containsExactly(
            "time,provider,region,zone,instance_type,market,price_per_hour_usd",
            "2024-03-01T00:00:00Z,aws,us-east-1,,m5.large,on-demand,0.096",
            "2024-03-01T00:00:00Z,aws,us-east-1,,m5.large,spot,0.034",
            "2024-03-01T00:00:00Z,gcp,us-central1,us-central1-a,n2-standard-2,spot,0.0291",
            "2024-03-01T00:10:00Z,aws,us-east-1,,m5.large,spot,0.041");
        final TraceTable table = TraceFormats.detect(dir.resolve("prices.csv")).read(dir.resolve("prices.csv"),
            ImportOptions.defaults());
        assertThat(table.kind()).isEqualTo(TraceKind.PRICE);
        assertThat(table.rowCount()).isEqualTo(4);

        Files.writeString(dir.resolve("clash.csv"), "time,provider,region,instance_type,market,price_per_hour_usd\n" +
            s + ",aws,us-east-1,m5.large,spot,0.03\n" + s + ",aws,us-east-1,m5.large,spot,0.04\n");
        assertThat(prep("prices", "--input", dir.resolve("clash.csv").toString(), "--time-unit", "s", "--out",
            dir.resolve("y.csv").toString())).isEqualTo(2);
        assertThat(lastError).contains("aws/us-east-1//m5.large/spot has two different prices at " +
            "2024-03-01T00:00:00Z");
    }
}
