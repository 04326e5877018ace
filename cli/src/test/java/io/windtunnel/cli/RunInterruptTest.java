package io.windtunnel.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

/**
 * Signals a real {@code windtunnel run} process, as a user's Ctrl-C or a CI job's timeout would, and checks that it
 * says how far it got, leaves no folder behind (neither the result folder nor its hidden work folder) and exits with
 * 128 + the signal.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class RunInterruptTest
{
    private static final long WAIT_MS = 60_000;

    @TempDir
    Path dir;

    @Test
    void shouldRemoveEverythingAndExit143WhenTerminatedWhileSimulating() throws Exception
    {
        final Path scenario = quickstart("duration: 2d");
        final Path target = dir.resolve("results/out");
        final Process process = start(List.of(), "run", scenario.toString(), "--out", target.toString(),
            "--threads", "1", "--replications", "3");
        // The hidden work folder appears when the result folder is reserved, just before simulating.
        waitFor(() -> !hidden(target.getParent()).isEmpty(), process);
        Thread.sleep(500);
        process.destroy();

        assertThat(process.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)).as("process ended").isTrue();
        final String err = read(dir.resolve("stderr.txt"));
        assertThat(process.exitValue()).as(err).isEqualTo(143);
        assertThat(err).contains("interrupted by SIGTERM after").contains("simulated in all")
            .contains("runs complete").contains("no result was written").doesNotContain("Exception");
        assertThat(target).doesNotExist();
        assertThat(hidden(target.getParent())).isEmpty();
    }

    @Test
    void shouldRemoveEverythingAndExit130WhenInterruptedWhileWriting() throws Exception
    {
        // A non-interactive shell starts background jobs with SIGINT ignored, the child JVM inherits that, and an
        // ignored SIGINT cannot be handled (the JVM leaves it ignored): then there is nothing to test.
        assumeFalse(sigintIgnored(), "SIGINT is ignored in this process (tests started in the background by a "
            + "non-interactive shell?), so the child run would ignore it too");
        final Path scenario = quickstart("duration: 1h");
        final Path target = dir.resolve("out");
        final Process process = start(List.of("-Dwindtunnel.test.pauseBeforeWritingMs=" + WAIT_MS), "run",
            scenario.toString(), "--out", target.toString(), "--threads", "2", "--replications", "1");
        // The table is printed before the files are written; the test hook then holds the writing back.
        waitFor(() -> read(dir.resolve("stdout.txt")).contains("cost (USD)"), process);
        new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start().waitFor();

        assertThat(process.waitFor(WAIT_MS, TimeUnit.MILLISECONDS)).as("process ended").isTrue();
        final String err = read(dir.resolve("stderr.txt"));
        assertThat(process.exitValue()).as(err).isEqualTo(130);
        assertThat(err).contains("interrupted by SIGINT while writing the results")
            .contains("3 of 3 runs complete").contains("no result was written");
        assertThat(target).doesNotExist();
        assertThat(hidden(dir)).isEmpty();
    }

    /** @return true if this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status; false off Linux). */
    private static boolean sigintIgnored() throws IOException
    {
        final Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status))
        {
            return false;
        }
        for (final String line : Files.readAllLines(status))
        {
            if (line.startsWith("SigIgn:"))
            {
                return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16) & 2L) != 0;
            }
        }
        return false;
    }

    private Path quickstart(final String duration) throws IOException
    {
        final Path repo = BadInputCorpusTest.repoRoot();
        final String yaml = Files.readString(repo.resolve("scenarios/quickstart.yaml"))
            .replace("../traces/generated", repo.resolve("traces/generated").toString())
            .replace("duration: 2d", duration);
        return Files.writeString(dir.resolve("quick.yaml"), yaml);
    }

    private Process start(final List<String> jvmOptions, final String... args) throws IOException
    {
        final String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        final List<String> command = new ArrayList<>(List.of(java, "--add-exports",
            "java.base/jdk.internal.misc=ALL-UNNAMED", "-cp", classPath()));
        command.addAll(jvmOptions);
        command.add(WindtunnelCommand.class.getName());
        command.addAll(List.of(args));
        // Files, not pipes: destroy() closes a process's pipes, and what it printed while stopping is the point.
        return new ProcessBuilder(command).directory(dir.toFile())
            .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
            .start();
    }

    private static String classPath()
    {
        final String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isBlank() ? surefire : System.getProperty("java.class.path");
    }

    private void waitFor(final BooleanSupplier condition, final Process process) throws Exception
    {
        final long deadline = System.currentTimeMillis() + WAIT_MS;
        while (!condition.getAsBoolean())
        {
            if (!process.isAlive())
            {
                throw new AssertionError("the process ended early, exit " + process.exitValue() + ":\n" +
                    read(dir.resolve("stderr.txt")));
            }
            if (System.currentTimeMillis() > deadline)
            {
                process.destroyForcibly();
                throw new AssertionError("timed out waiting for the process to get there");
            }
            Thread.sleep(20);
        }
    }

    private static String read(final Path file)
    {
        try
        {
            return Files.exists(file) ? Files.readString(file) : "";
        }
        catch (final IOException e)
        {
            throw new AssertionError(e);
        }
    }

    private static List<Path> hidden(final Path folder)
    {
        if (!Files.isDirectory(folder))
        {
            return List.of();
        }
        try (Stream<Path> children = Files.list(folder))
        {
            return children.filter(p -> p.getFileName().toString().startsWith(".tmp-")).toList();
        }
        catch (final IOException e)
        {
            throw new AssertionError(e);
        }
    }
}
