package io.windtunnel.spark;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.binary.BinaryTraceWriter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.NumericType;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.try_to_timestamp;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.map;
import static org.apache.spark.sql.functions.unix_micros;

/**
 * Preprocessing at scale: raw per-request logs into a load-rate trace, raw price snapshots into a price step series,
 * written in the traces module's formats ({@code rate-csv} / {@code price-csv}, or {@code .wtb} by the output's
 * extension) and read back by the traces module's reader before this returns, so that what it writes is a trace the
 * simulator accepts. The heavy part (parsing, bucketing and counting, or ordering and de-duplicating billions of
 * rows) runs on Spark; the aggregated series, small by comparison (one row per region and step), is written by the
 * driver.
 * <pre>
 * spark-submit --class io.windtunnel.spark.SparkPrep windtunnel-spark.jar load   --input LOGS --time-column ts \
 *     [--region-column region] [--format csv|parquet] [--time-unit iso|s|ms] --step 1m --out load.csv
 * spark-submit --class io.windtunnel.spark.SparkPrep windtunnel-spark.jar prices --input SNAPSHOTS \
 *     [--format csv|parquet] [--time-unit iso|s|ms] --out prices.csv
 * </pre>
 * Load: requests are counted per region and step ({@code floor(time / step)}), every step from the first to the last
 * of the whole log is written for every region (a step without requests is 0: the rate trace's grid has no gaps), and
 * the span is declared. A time that cannot be read refuses the input, with the count and an example. Prices: the
 * columns of {@code price-csv} ({@code time, provider, region, zone} (optional){@code , instance_type, market,
 * price_per_hour_usd}); a snapshot repeating the price before it of the same key is dropped (a step series holds a
 * price until it changes), and two different prices of one key at one time refuse the input.
 */
public final class SparkPrep
{
    private static final List<String> PRICE_KEY = List.of("provider", "region", "zone", "instance_type", "market");

    private SparkPrep()
    {
    }

    /** A mistake in the arguments or the input data: exit 2, with this message. */
    static final class PrepException extends Exception
    {
        private static final long serialVersionUID = 1L;

        PrepException(final String message)
        {
            super(message);
        }
    }

    /**
     * What to read.
     *
     * @param input    a file or folder of CSV files (with a header) or Parquet files; any path Spark reads (local,
     *                 {@code hdfs://}, {@code s3a://}).
     * @param format   {@code csv} or {@code parquet}.
     * @param timeUnit how a time column that is not a timestamp type is read: {@code iso} (ISO-8601 text), {@code s}
     *                 or {@code ms} (epoch seconds or milliseconds).
     */
    record Input(String input, String format, String timeUnit)
    {
    }

    /**
     * Count requests per region and step into a load-rate trace.
     *
     * @param spark        the session.
     * @param in           the raw log.
     * @param timeColumn   the request time's column.
     * @param regionColumn the client region's column, or null for one series.
     * @param stepNs       the step, at least 1 ms.
     * @param out          {@code .csv} (rate-csv) or {@code .wtb}; replaced.
     * @return the trace as the traces module read it back.
     * @throws PrepException        if a column is missing or a time cannot be read.
     * @throws IOException          if the output cannot be written.
     * @throws TraceFormatException if the written trace does not validate (a bug here).
     */
    static TraceTable load(final SparkSession spark, final Input in, final String timeColumn,
        final String regionColumn, final long stepNs, final Path out)
        throws PrepException, IOException, TraceFormatException
    {
        if (stepNs < 1_000_000 || stepNs % 1_000 != 0)
        {
            throw new PrepException("--step: " + TraceDurations.format(stepNs) + " must be at least 1ms and a whole " +
                "number of microseconds");
        }
        final Dataset<Row> raw = read(spark, in);
        requireColumns(raw, in, timeColumn, regionColumn);
        final long stepMicros = stepNs / 1_000;
        final Dataset<Row> timed = raw.select(micros(raw, timeColumn, in).as("t"), regionColumn == null ? lit("")
            .as("r") : coalesce(col(regionColumn).cast(DataTypes.StringType), lit("")).as("r"), col(timeColumn)
            .cast(DataTypes.StringType).as("raw"));
        refuseUnreadableTimes(timed, in, timeColumn);
        final List<Row> counts = timed.groupBy(col("r"), floor(col("t").divide(stepMicros)).as("b"))
            .agg(count(lit(1)).as("n")).collectAsList();
        if (counts.isEmpty())
        {
            throw new PrepException(in.input() + ": holds no rows");
        }
        final TreeSet<String> regions = new TreeSet<>();
        final TreeMap<Long, TreeMap<String, Long>> byBucket = new TreeMap<>();
        for (final Row row : counts)
        {
            regions.add(row.getString(0));
            byBucket.computeIfAbsent(row.getLong(1), b -> new TreeMap<>()).put(row.getString(0), row.getLong(2));
        }
        final long first = byBucket.firstKey();
        final long last = byBucket.lastKey();
        if ((last - first + 1) * regions.size() > 100_000_000L)
        {
            throw new PrepException(in.input() + ": " + (last - first + 1) + " steps of " +
                TraceDurations.format(stepNs) + " x " + regions.size() + " regions is more than 100 million rows; " +
                "choose a longer --step");
        }
        final Path csv = csvTarget(out);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8))
        {
            w.write("# span: " + TraceTimes.formatIso(first * stepNs) + "/" +
                TraceTimes.formatIso((last + 1) * stepNs) + "\n");
            w.write("# step: " + TraceDurations.format(stepNs) + "\n");
            w.write(regionColumn == null ? "time,requests\n" : "time,region,requests\n");
            for (long b = first; b <= last; b++)
            {
                final TreeMap<String, Long> at = byBucket.getOrDefault(b, new TreeMap<>());
                final String time = TraceTimes.formatIso(b * stepNs);
                for (final String region : regions)
                {
                    w.write(time + (regionColumn == null ? "" : "," + csvField(region)) + "," +
                        at.getOrDefault(region, 0L) + "\n");
                }
            }
        }
        return finish(csv, out);
    }

    /**
     * Turn price snapshots into a price step series.
     *
     * @param spark the session.
     * @param in    the snapshots.
     * @param out   {@code .csv} (price-csv) or {@code .wtb}; replaced.
     * @return the trace as the traces module read it back.
     * @throws PrepException        if a column is missing, a time or market cannot be read, or a key has two prices
     *                              at one time.
     * @throws IOException          if the output cannot be written.
     * @throws TraceFormatException if the written trace does not validate (a bug here).
     */
    static TraceTable prices(final SparkSession spark, final Input in, final Path out)
        throws PrepException, IOException, TraceFormatException
    {
        final Dataset<Row> raw = read(spark, in);
        requireColumns(raw, in, "time", "provider", "region", "instance_type", "market", "price_per_hour_usd");
        final boolean zones = Arrays.asList(raw.columns()).contains("zone");
        final Dataset<Row> spelled = raw.select(micros(raw, "time", in).as("t"),
            col("provider").cast(DataTypes.StringType).as("provider"),
            col("region").cast(DataTypes.StringType).as("region"),
            (zones ? coalesce(col("zone").cast(DataTypes.StringType), lit("")) : lit("")).as("zone"),
            col("instance_type").cast(DataTypes.StringType).as("instance_type"),
            col("market").cast(DataTypes.StringType).as("market"),
            col("price_per_hour_usd").try_cast(DataTypes.DoubleType).as("price"),
            col("time").cast(DataTypes.StringType).as("raw"));
        refuseUnreadableTimes(spelled, in, "time");
        final Dataset<Row> timed = normalizeMarkets(spelled, in);
        final Column[] keyAndTime = new Column[PRICE_KEY.size() + 1];
        for (int i = 0; i < PRICE_KEY.size(); i++)
        {
            keyAndTime[i] = col(PRICE_KEY.get(i));
        }
        keyAndTime[PRICE_KEY.size()] = col("t");
        final Row duplicate = timed.groupBy(keyAndTime)
            .agg(countDistinct(col("price")).as("prices")).where(col("prices").gt(1)).limit(1).collectAsList()
            .stream().findFirst().orElse(null);
        if (duplicate != null)
        {
            throw new PrepException(in.input() + ": " + String.join("/", duplicate.getString(0),
                duplicate.getString(1), duplicate.getString(2), duplicate.getString(3), duplicate.getString(4)) +
                " has two different prices at " + TraceTimes.formatIso(duplicate.getLong(5) * 1_000));
        }
        final var byKey = Window.partitionBy(PRICE_KEY.stream().map(c -> col(c)).toList().toArray(new Column[0]))
            .orderBy(col("t"));
        final List<Row> changes = timed.dropDuplicates(new String[] {"provider", "region", "zone", "instance_type",
                "market", "t"})
            .withColumn("previous", lag(col("price"), 1).over(byKey))
            .where(col("previous").isNull().or(col("previous").notEqual(col("price"))))
            .orderBy(col("t"), col("provider"), col("region"), col("zone"), col("instance_type"), col("market"))
            .collectAsList();
        if (changes.isEmpty())
        {
            throw new PrepException(in.input() + ": holds no rows");
        }
        final Path csv = csvTarget(out);
        try (BufferedWriter w = Files.newBufferedWriter(csv, StandardCharsets.UTF_8))
        {
            w.write("time,provider,region,zone,instance_type,market,price_per_hour_usd\n");
            for (final Row row : changes)
            {
                final String market = row.getString(5);
                if (row.isNullAt(6))
                {
                    throw new PrepException(in.input() + ": a price_per_hour_usd of " + row.getString(1) + "/" +
                        row.getString(2) + "/" + row.getString(4) + " at " + row.getString(7) + " is not a number");
                }
                w.write(TraceTimes.formatIso(row.getLong(0) * 1_000) + "," + csvField(row.getString(1)) + "," +
                    csvField(row.getString(2)) + "," + csvField(row.getString(3)) + "," + csvField(row.getString(4)) +
                    "," + market + "," + BigDecimal.valueOf(row.getDouble(6)).toPlainString() + "\n");
            }
        }
        return finish(csv, out);
    }

    /** Markets as their labels ({@code OnDemand} is {@code on-demand}), so spellings of one market are one key. */
    private static Dataset<Row> normalizeMarkets(final Dataset<Row> rows, final Input in) throws PrepException
    {
        final List<Column> pairs = new ArrayList<>();
        for (final Row spelling : rows.select(col("market")).distinct().collectAsList())
        {
            final String text = spelling.getString(0);
            try
            {
                pairs.add(lit(text == null ? "" : text));
                pairs.add(lit(Market.parse(text == null ? "" : text).label()));
            }
            catch (final IllegalArgumentException e)
            {
                throw new PrepException(in.input() + ": market '" + text + "': " + e.getMessage());
            }
        }
        return rows.withColumn("market", element_at(map(pairs.toArray(new Column[0])),
            coalesce(col("market"), lit(""))));
    }

    private static Dataset<Row> read(final SparkSession spark, final Input in) throws PrepException
    {
        return switch (in.format())
        {
            case "csv" -> spark.read().option("header", "true").option("inferSchema", "false").csv(in.input());
            case "parquet" -> spark.read().parquet(in.input());
            default -> throw new PrepException("--format: '" + in.format() + "' is not csv or parquet");
        };
    }

    private static void requireColumns(final Dataset<Row> raw, final Input in, final String... names)
        throws PrepException
    {
        final List<String> columns = Arrays.asList(raw.columns());
        for (final String name : names)
        {
            if (name != null && !columns.contains(name))
            {
                throw new PrepException(in.input() + ": no column '" + name + "' (columns: " +
                    String.join(", ", columns) + ")");
            }
        }
    }

    /** The column as epoch microseconds: a timestamp as is; text as ISO-8601; a number as epoch s or ms. */
    private static Column micros(final Dataset<Row> raw, final String name, final Input in) throws PrepException
    {
        final DataType type = raw.schema().apply(name).dataType();
        if (type.equals(DataTypes.TimestampType) || type.equals(DataTypes.TimestampNTZType))
        {
            return unix_micros(col(name).cast(DataTypes.TimestampType));
        }
        if (type instanceof NumericType || !in.timeUnit().equals("iso"))
        {
            return switch (in.timeUnit())
            {
                case "s" -> col(name).try_cast(DataTypes.DoubleType).multiply(1e6).cast(DataTypes.LongType);
                case "ms" -> col(name).try_cast(DataTypes.DoubleType).multiply(1e3).cast(DataTypes.LongType);
                default -> throw new PrepException("--time-unit: column '" + name + "' holds numbers: say whether " +
                    "they are epoch seconds (s) or milliseconds (ms)");
            };
        }
        return unix_micros(try_to_timestamp(col(name)));
    }

    private static void refuseUnreadableTimes(final Dataset<Row> timed, final Input in, final String name)
        throws PrepException
    {
        final Dataset<Row> bad = timed.where(col("t").isNull());
        final List<Row> example = bad.limit(1).collectAsList();
        if (!example.isEmpty())
        {
            throw new PrepException(in.input() + ": " + bad.count() + " row(s) have no readable time in column '" +
                name + "' (e.g. '" + example.get(0).getAs("raw") + "'; ISO-8601 like 2024-01-01T00:00:00Z, or " +
                "--time-unit s|ms for epoch numbers)");
        }
    }

    private static String csvField(final String text)
    {
        return text.indexOf(',') < 0 && text.indexOf('"') < 0 ? text : '"' + text.replace("\"", "\"\"") + '"';
    }

    private static Path csvTarget(final Path out) throws IOException
    {
        final Path parent = out.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        return out.toString().endsWith(".wtb") ? Files.createTempFile(parent, "prep-", ".csv") : out;
    }

    /** Read the written CSV back with the traces module's reader (which validates it), and convert to .wtb. */
    private static TraceTable finish(final Path csv, final Path out) throws IOException, TraceFormatException
    {
        final TraceTable table = TraceFormats.detect(csv).read(csv, ImportOptions.defaults());
        if (!csv.equals(out))
        {
            BinaryTraceWriter.write(table, out);
            Files.delete(csv);
            return TraceFormats.detect(out).read(out, ImportOptions.defaults());
        }
        return table;
    }

    /**
     * {@code spark-submit --class io.windtunnel.spark.SparkPrep windtunnel-spark.jar load|prices OPTIONS}; see the
     * class comment. Exit 0, or 2 with a message for a wrong argument or input.
     *
     * @param args the job and its options.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args, null, System.out, System.err));
    }

    static int execute(final String[] args, final SparkSession given, final PrintStream stdout,
        final PrintStream stderr)
    {
        final String usage = "usage: SparkPrep load --input PATH --time-column C [--region-column C] --step 1m " +
            "--out FILE.csv|.wtb [--format csv|parquet] [--time-unit iso|s|ms] [--master URL]\n" +
            "       SparkPrep prices --input PATH --out FILE.csv|.wtb [--format csv|parquet] [--time-unit iso|s|ms]";
        if (args.length == 0 || !(args[0].equals("load") || args[0].equals("prices")))
        {
            stderr.println(usage);
            return 2;
        }
        final java.util.Map<String, String> options = new java.util.HashMap<>();
        for (int i = 1; i < args.length; i++)
        {
            if (!args[i].startsWith("--") || i + 1 >= args.length)
            {
                stderr.println("windtunnel: '" + args[i] + "' needs a value\n" + usage);
                return 2;
            }
            options.put(args[i].substring(2), args[++i]);
        }
        final List<String> known = args[0].equals("load") ? List.of("input", "time-column", "region-column", "step",
            "out", "format", "time-unit", "master") : List.of("input", "out", "format", "time-unit", "master");
        for (final String key : options.keySet())
        {
            if (!known.contains(key))
            {
                stderr.println("windtunnel: unknown option --" + key + "\n" + usage);
                return 2;
            }
        }
        final SparkSession spark = given != null ? given :
            SparkSweep.session(options.get("master"), "windtunnel-prep-" + args[0]);
        try
        {
            if (options.get("input") == null || options.get("out") == null)
            {
                throw new PrepException("--input and --out are required\n" + usage);
            }
            final Input in = new Input(options.get("input"), options.getOrDefault("format", "csv"),
                options.getOrDefault("time-unit", "iso"));
            final Path out = Path.of(options.get("out"));
            final TraceTable table;
            if (args[0].equals("load"))
            {
                if (options.get("time-column") == null || options.get("step") == null)
                {
                    throw new PrepException("--time-column and --step are required\n" + usage);
                }
                final long stepNs;
                try
                {
                    stepNs = TraceDurations.parseNs(options.get("step"));
                }
                catch (final IllegalArgumentException e)
                {
                    throw new PrepException("--step: " + e.getMessage());
                }
                table = load(spark, in, options.get("time-column"), options.get("region-column"), stepNs, out);
            }
            else
            {
                table = prices(spark, in, out);
            }
            stdout.printf(Locale.ROOT, "wrote %s: %s trace, %d rows, %d keys%n", out, table.kind().label(),
                table.rowCount(), table.keys().size());
            return 0;
        }
        catch (final PrepException e)
        {
            stderr.println("windtunnel: " + e.getMessage());
            return 2;
        }
        catch (final IOException e)
        {
            stderr.println("windtunnel: I/O error: " + e.getMessage());
            return 2;
        }
        catch (final TraceFormatException e)
        {
            stderr.println("windtunnel: internal error (please report): the written trace does not validate: " +
                e.getMessage());
            return 70;
        }
        finally
        {
            if (given == null)
            {
                spark.stop();
            }
        }
    }
}
