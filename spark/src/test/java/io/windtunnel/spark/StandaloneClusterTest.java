package io.windtunnel.spark;

import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.sweep.LocalSweep;
import io.windtunnel.simulator.sweep.Sweep;
import io.windtunnel.simulator.sweep.SweepProgress;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Spark standalone cluster on loopback, as a real one runs: a master and one worker in their own JVMs (started
 * from the Maven-resolved Spark jars, the test's class path), an executor the worker launches in a third JVM, and
 * this JVM as the driver. The sweep's classes reach the executor through its class path, the sweep through a
 * broadcast, the traces by path, and the results come back serialized: the files must equal the thread pool's.
 */
class StandaloneClusterTest
{
    private final List<Process> processes = new ArrayList<>();

    @TempDir
    Path dir;

    @AfterEach
    void stopCluster() throws InterruptedException
    {
        for (final Process process : processes)
        {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS))
            {
                process.destroyForcibly();
            }
        }
    }

    @Test
    @Timeout(value = 240, unit = TimeUnit.SECONDS)
    void aSweepThroughAStandaloneMasterAndWorkerGivesTheThreadPoolsFiles() throws Exception
    {
        final int port = freePort();
        final String master = "spark://127.0.0.1:" + port;
        start("master", "org.apache.spark.deploy.master.Master", "--host", "127.0.0.1", "--port",
            Integer.toString(port), "--webui-port", Integer.toString(freePort()));
        awaitPort(port);
        start("worker", "org.apache.spark.deploy.worker.Worker", "--host", "127.0.0.1", "--cores", "2", "--memory",
            "1g", "--webui-port", Integer.toString(freePort()), "--work-dir", dir.resolve("work").toString(), master);

        final Sweep sweep = Sweep.read(SparkSweepTest.SWEEP);
        LocalSweep.run(sweep, dir.resolve("local"), 2, false, PolicyRegistry.standard(), SweepProgress.NONE);
        final SparkSession spark = SparkSession.builder().appName("windtunnel-standalone-test").master(master)
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.executor.memory", "512m")
            .config("spark.executor.cores", "2")
            .config("spark.cores.max", "2")
            .config("spark.executor.extraClassPath", System.getProperty("java.class.path"))
            .config("spark.executor.extraJavaOptions", System.getProperty("windtunnel.spark.jvm.flags"))
            .getOrCreate();
        try
        {
            final LocalSweep.Outcome outcome = SparkSweep.run(spark, sweep, dir.resolve("cluster"), false,
                SweepProgress.NONE);
            assertThat(outcome).isEqualTo(new LocalSweep.Outcome(4, 4, 0, 0));
            // The tasks ran in the executor's JVM, not in this one.
            assertThat(spark.sparkContext().getExecutorMemoryStatus().size()).isEqualTo(2);
        }
        finally
        {
            spark.stop();
        }
        SparkSweepTest.assertSameFiles(dir.resolve("local"), dir.resolve("cluster"));
    }

    private void start(final String name, final String mainClass, final String... args) throws IOException
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(System.getProperty("windtunnel.spark.jvm.flags").trim().split("\\s+")));
        command.add("-Xmx512m");
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(Arrays.asList(args));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
            .redirectOutput(dir.resolve(name + ".log").toFile());
        builder.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
        // The worker builds the executor's command from SPARK_HOME; without a Spark distribution there, testing mode
        // lets it take the class path from spark.executor.extraClassPath alone.
        builder.environment().put("SPARK_HOME", dir.toString());
        builder.environment().put("SPARK_SCALA_VERSION", "2.13");
        builder.environment().put("SPARK_TESTING", "1");
        processes.add(builder.start());
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }

    private void awaitPort(final int port) throws InterruptedException, IOException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline)
        {
            try (Socket socket = new Socket())
            {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 1000);
                return;
            }
            catch (final IOException e)
            {
                if (!processes.get(0).isAlive())
                {
                    throw new IllegalStateException("the master stopped: " +
                        Files.readString(dir.resolve("master.log")));
                }
                Thread.sleep(250);
            }
        }
        throw new IllegalStateException("the master did not listen on " + port + ": " +
            Files.readString(dir.resolve("master.log")));
    }
}
