package io.windtunnel.spark;

import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.scenario.ScenarioException;
import io.windtunnel.simulator.scenario.TraceCache;
import io.windtunnel.simulator.sweep.LocalSweep;
import io.windtunnel.simulator.sweep.Sweep;
import io.windtunnel.simulator.sweep.SweepBackend;
import io.windtunnel.simulator.sweep.SweepException;
import io.windtunnel.simulator.sweep.SweepProgress;
import io.windtunnel.simulator.sweep.SweepReport;
import io.windtunnel.simulator.sweep.SweepSource;
import io.windtunnel.simulator.sweep.SweepStore;
import io.windtunnel.simulator.sweep.Variant;
import io.windtunnel.simulator.sweep.VariantResult;
import io.windtunnel.simulator.sweep.VariantRun;
import io.windtunnel.traces.TraceFormatException;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a sweep's variants as Spark tasks, one task per variant: the driver reads and checks the sweep (every
 * variant's scenario, before anything runs), broadcasts the sweep file's and the base scenario's bytes, and each
 * task parses the sweep once per executor, reads the traces by path (each once per executor, {@link ExecutorState}),
 * runs the variant with {@link VariantRun} exactly as {@link LocalSweep} does, and writes its result atomically into
 * the output folder ({@link SweepStore}: the folder must be reachable by the same path from every executor, a shared
 * file system). The driver then writes the same {@code results.csv}, {@code histograms.jsonl}, {@code summary.*} and
 * {@code report.html} as a local sweep, from the results in variant order, so the numbers are identical, plus
 * {@code results.parquet} (the rows of {@code results.csv}, written by Spark).
 * <p>
 * Reached three ways: {@code windtunnel sweep --spark MASTER} (this class is the {@link SweepBackend} named
 * {@code spark}, found by {@link java.util.ServiceLoader} when the launcher puts this module on the class path),
 * {@code spark-submit --class io.windtunnel.spark.SparkSweep windtunnel-spark.jar SWEEP --out DIR} ({@link #main}),
 * and {@link #run(SparkSession, Sweep, Path, boolean, SweepProgress)} from code that has a session.
 */
public final class SparkSweep implements SweepBackend
{
    @Override
    public String name()
    {
        return "spark";
    }

    @Override
    public LocalSweep.Outcome run(final Sweep sweep, final Path out, final String master, final boolean resume,
        final SweepProgress progress) throws ScenarioException, TraceFormatException, SweepException, IOException
    {
        sweep.check(PolicyRegistry.standard(), new TraceCache(new HadoopFiles()));
        final SparkSession spark = session(master, "windtunnel-sweep-" + sweep.name());
        try
        {
            return run(spark, sweep, out, resume, progress);
        }
        finally
        {
            spark.stop();
        }
    }

    /**
     * @param master a Spark master URL, or null for the one {@code spark-submit} gives.
     * @param app    the application's name.
     * @return a session: without a UI; on a local master bound to 127.0.0.1; shipping this module's jar to the
     *     executors when it runs from one. Java system properties {@code spark.*} override these
     *     ({@code WINDTUNNEL_JAVA_OPTS="-Dspark.executor.memory=4g"}).
     */
    public static SparkSession session(final String master, final String app)
    {
        final SparkSession.Builder builder = SparkSession.builder().appName(app);
        if (master != null)
        {
            builder.master(master);
        }
        defaults(builder, "spark.ui.enabled", "false");
        if (master != null && master.startsWith("local"))
        {
            defaults(builder, "spark.driver.host", "127.0.0.1");
            defaults(builder, "spark.driver.bindAddress", "127.0.0.1");
        }
        // Agrona's buffers need jdk.internal.misc on every executor too.
        defaults(builder, "spark.executor.extraJavaOptions", "--add-exports java.base/jdk.internal.misc=ALL-UNNAMED");
        final String jar = ownJar();
        if (jar != null && master != null && !master.startsWith("local"))
        {
            defaults(builder, "spark.jars", jar);
        }
        return builder.getOrCreate();
    }

    private static void defaults(final SparkSession.Builder builder, final String key, final String value)
    {
        if (System.getProperty(key) == null)
        {
            builder.config(key, value);
        }
    }

    private static String ownJar()
    {
        try
        {
            final Path location = Path.of(SparkSweep.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) && location.toString().endsWith(".jar") ? location.toString() : null;
        }
        catch (final URISyntaxException | SecurityException | NullPointerException e)
        {
            return null;
        }
    }

    /**
     * Run a checked sweep on a session the caller owns.
     *
     * @param spark    the session.
     * @param sweep    the sweep (check it first with {@link Sweep#check}).
     * @param out      the output folder, reachable by this path from every executor.
     * @param resume   go on with a folder a previous run of this sweep left.
     * @param progress told as tasks finish (failures are counted at the end).
     * @return what was run.
     * @throws SweepException if the output folder cannot be used for this sweep.
     * @throws IOException    if a file cannot be read or written.
     */
    public static LocalSweep.Outcome run(final SparkSession spark, final Sweep sweep, final Path out,
        final boolean resume, final SweepProgress progress) throws SweepException, IOException
    {
        final SweepStore store = SweepStore.open(out, sweep, resume);
        final List<Variant> todo = store.toRun(sweep, resume);
        final int skipped = sweep.variants().size() - todo.size();
        final JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
        final long startNs = System.nanoTime();
        final AtomicInteger done = new AtomicInteger();
        final SparkListener listener = new SparkListener()
        {
            @Override
            public void onTaskEnd(final SparkListenerTaskEnd taskEnd)
            {
                if (taskEnd.taskInfo().successful())
                {
                    progress.update(Math.min(done.incrementAndGet(), todo.size()), todo.size(), 0, skipped,
                        System.nanoTime() - startNs);
                }
            }
        };
        List<VariantResult> results = List.of();
        if (!todo.isEmpty())
        {
            progress.update(0, todo.size(), 0, skipped, 0);
            spark.sparkContext().addSparkListener(listener);
            try
            {
                final Broadcast<SweepSource> source = jsc.broadcast(sweep.source());
                final JavaRDD<Variant> variants = jsc.parallelize(todo, todo.size());
                jsc.setJobDescription("windtunnel sweep " + sweep.name() + ": " + todo.size() + " variants");
                results = variants.map(new RunVariant(source, out.toAbsolutePath().toString())).collect();
            }
            finally
            {
                spark.sparkContext().removeSparkListener(listener);
            }
        }
        final List<VariantResult> all = store.readAll(sweep.variants().size());
        SweepReport.write(out, sweep, all);
        writeParquet(spark, sweep, all, out.resolve("results.parquet"));
        final int failed = (int)results.stream().filter(r -> !r.ok()).count();
        return new LocalSweep.Outcome(sweep.variants().size(), results.size() - failed, failed, skipped);
    }

    /** One task: run a variant where the task runs, write its result, return it (small: the histogram compressed). */
    private static final class RunVariant implements Function<Variant, VariantResult>
    {
        private static final long serialVersionUID = 1L;
        private final Broadcast<SweepSource> source;
        private final String out;

        RunVariant(final Broadcast<SweepSource> source, final String out)
        {
            this.source = source;
            this.out = out;
        }

        @Override
        public VariantResult call(final Variant variant) throws Exception
        {
            final Sweep sweep = ExecutorState.sweep(source.value());
            final VariantResult result = VariantRun.run(sweep, variant, ExecutorState.registry(),
                ExecutorState.TRACES);
            SweepStore.reopen(Path.of(out)).write(result);
            return result;
        }
    }

    /**
     * @param spark   the session.
     * @param sweep   the sweep.
     * @param results its results in variant order.
     * @param folder  where to write the Parquet files (replaced).
     */
    static void writeParquet(final SparkSession spark, final Sweep sweep, final List<VariantResult> results,
        final Path folder)
    {
        final List<String> metrics = SweepReport.metricNames(sweep, results);
        final List<StructField> fields = new ArrayList<>();
        fields.add(DataTypes.createStructField("variant", DataTypes.IntegerType, false));
        for (final Sweep.Axis axis : sweep.axes())
        {
            fields.add(DataTypes.createStructField(axis.path(), DataTypes.StringType, false));
        }
        fields.add(DataTypes.createStructField("seed", DataTypes.LongType, false));
        fields.add(DataTypes.createStructField("stack", DataTypes.StringType, true));
        fields.add(DataTypes.createStructField("status", DataTypes.StringType, false));
        fields.add(DataTypes.createStructField("error", DataTypes.StringType, true));
        fields.add(DataTypes.createStructField("replications", DataTypes.IntegerType, true));
        for (final String metric : metrics)
        {
            fields.add(DataTypes.createStructField(metric, DataTypes.DoubleType, true));
        }
        final List<Row> rows = new ArrayList<>();
        for (final VariantResult result : results)
        {
            final List<VariantResult.StackResult> stacks = result.ok() ? result.stacks() :
                java.util.Collections.singletonList(null);
            for (final VariantResult.StackResult stack : stacks)
            {
                final List<Object> values = new ArrayList<>();
                values.add(result.variant().index());
                values.addAll(result.variant().labels());
                values.add(result.variant().seed());
                values.add(stack == null ? null : stack.stack());
                values.add(result.ok() ? "ok" : "failed");
                values.add(result.error());
                values.add(stack == null ? null : stack.replications());
                for (final String metric : metrics)
                {
                    values.add(stack == null ? null : stack.metrics().get(metric));
                }
                rows.add(RowFactory.create(values.toArray()));
            }
        }
        spark.createDataFrame(rows, new StructType(fields.toArray(new StructField[0]))).coalesce(1).write()
            .mode(SaveMode.Overwrite).parquet(folder.toAbsolutePath().toUri().toString());
    }

    /**
     * {@code spark-submit --class io.windtunnel.spark.SparkSweep windtunnel-spark.jar SWEEP.yaml --out DIR
     * [--resume]}: the master comes from spark-submit. Exit 0, 1 (some variants failed), 2 (bad input).
     *
     * @param args the sweep file, {@code --out DIR}, optionally {@code --resume} and {@code --master URL}.
     */
    public static void main(final String[] args)
    {
        System.exit(execute(args, System.out, System.err));
    }

    static int execute(final String[] args, final PrintStream stdout, final PrintStream stderr)
    {
        String file = null;
        String out = null;
        String master = null;
        boolean resume = false;
        for (int i = 0; i < args.length; i++)
        {
            switch (args[i])
            {
                case "--out" -> out = i + 1 < args.length ? args[++i] : null;
                case "--master" -> master = i + 1 < args.length ? args[++i] : null;
                case "--resume" -> resume = true;
                default -> file = file == null && !args[i].startsWith("--") ? args[i] : "";
            }
        }
        if (file == null || file.isEmpty() || out == null)
        {
            stderr.println("usage: SparkSweep SWEEP.yaml --out DIR [--resume] [--master URL]");
            return 2;
        }
        try
        {
            final Sweep sweep = Sweep.read(Path.of(file));
            sweep.check(PolicyRegistry.standard(), new TraceCache(new HadoopFiles()));
            final SparkSession spark = session(master, "windtunnel-sweep-" + sweep.name());
            final LocalSweep.Outcome outcome;
            try
            {
                outcome = run(spark, sweep, Path.of(out), resume, (done, total, failed, skipped, elapsedNs) ->
                    stderr.printf(Locale.ROOT, "sweep: %d/%d variants%n", done, total));
            }
            finally
            {
                spark.stop();
            }
            stdout.printf(Locale.ROOT, "sweep %s: %d variants: %d ran, %d failed, %d skipped (complete) -> %s%n",
                sweep.name(), outcome.variants(), outcome.ran(), outcome.failed(), outcome.skipped(), out);
            return outcome.failed() > 0 ? 1 : 0;
        }
        catch (final ScenarioException | TraceFormatException | SweepException e)
        {
            stderr.println("windtunnel: " + e.getMessage());
            return 2;
        }
        catch (final IOException e)
        {
            stderr.println("windtunnel: I/O error: " + e.getMessage());
            return 2;
        }
    }
}
