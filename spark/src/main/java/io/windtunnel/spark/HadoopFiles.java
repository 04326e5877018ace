package io.windtunnel.spark;

import io.windtunnel.simulator.scenario.ScenarioReader;
import io.windtunnel.simulator.scenario.TraceCache;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.spark.SparkEnv;
import org.apache.spark.deploy.SparkHadoopUtil;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trace paths with a scheme ({@code hdfs://}, {@code s3a://}, {@code file://}, any file system Hadoop has on the
 * class path) copied once per JVM into a local folder, where the trace readers read them (the binary reader maps a
 * {@code .wtb}). The Hadoop configuration is Spark's ({@code spark.hadoop.*} settings included) when a Spark
 * environment runs here, else Hadoop's defaults.
 * <p>
 * <b>Threading:</b> thread-safe; one copy per URI even when tasks ask at once.
 */
final class HadoopFiles implements TraceCache.RemoteFiles
{
    private final ConcurrentHashMap<String, Path> fetched = new ConcurrentHashMap<>();
    private volatile Path folder;

    @Override
    public Path fetch(final String uri) throws IOException
    {
        try
        {
            return fetched.computeIfAbsent(uri, this::copy);
        }
        catch (final UncheckedIOException e)
        {
            throw e.getCause();
        }
    }

    private Path copy(final String uri)
    {
        try
        {
            final org.apache.hadoop.fs.Path source = new org.apache.hadoop.fs.Path(uri);
            final FileSystem fs = source.getFileSystem(configuration());
            final Path local = folder().resolve(ScenarioReader.sha256(uri.getBytes(StandardCharsets.UTF_8))
                .substring(0, 16) + "-" + source.getName());
            fs.copyToLocalFile(false, source, new org.apache.hadoop.fs.Path(local.toUri()), true);
            return local;
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private Path folder() throws IOException
    {
        Path f = folder;
        if (f == null)
        {
            synchronized (this)
            {
                if (folder == null)
                {
                    folder = Files.createTempDirectory("windtunnel-traces-");
                    folder.toFile().deleteOnExit();
                }
                f = folder;
            }
        }
        return f;
    }

    private static Configuration configuration()
    {
        final SparkEnv env = SparkEnv.get();
        return env == null ? new Configuration() : SparkHadoopUtil.get().newConfiguration(env.conf());
    }
}
