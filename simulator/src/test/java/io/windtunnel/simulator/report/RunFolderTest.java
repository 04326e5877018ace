package io.windtunnel.simulator.report;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

class RunFolderTest
{
    @TempDir
    Path dir;

    @Test
    void shouldReserveTheTargetAtOnceAndGiveARunStartedMeanwhileANumberedOne() throws Exception
    {
        final Path target = dir.resolve("out");
        try (RunFolder first = RunFolder.reserve(target))
        {
            assertThat(target).isEmptyDirectory();
            assertThat(first.target()).isEqualTo(target);
            assertThat(first.workDir().getFileName().toString()).startsWith(".tmp-out-");
            try (RunFolder second = RunFolder.reserve(target))
            {
                assertThat(second.target()).isEqualTo(dir.resolve("out-2"));
                assertThat(dir.resolve("out-2")).isEmptyDirectory();
            }
            assertThat(dir.resolve("out-2")).doesNotExist();
        }
    }

    @Test
    void shouldRefuseATargetHoldingAResultOrAnEmptyFolderWithoutARun() throws Exception
    {
        final Path target = dir.resolve("out");
        final RunFolder first = RunFolder.reserve(target);
        Files.writeString(first.workDir().resolve("summary.json"), "{}");
        first.commit();
        assertThatThrownBy(() -> RunFolder.reserve(target))
            .isInstanceOf(RunFolderException.class)
            .hasMessageContaining(target + " already exists; choose another --out or remove it");

        final Path empty = Files.createDirectory(dir.resolve("empty"));
        assertThatThrownBy(() -> RunFolder.reserve(empty))
            .isInstanceOf(RunFolderException.class)
            .hasMessageContaining("an empty folder: perhaps left by a run that was killed");
        assertThat(hiddenEntries(dir)).isEmpty();
    }

    @Test
    void shouldKeepTheResultsOfEveryRunStartedTogetherWithTheSameTarget() throws Exception
    {
        final List<Path> targets = reserveTogetherAndCommit(6, () -> RunFolder.reserve(dir.resolve("same")));
        assertThat(targets).contains(dir.resolve("same"));
    }

    @Test
    void shouldMoveTheWorkFolderOntoTheTargetOnCommit() throws Exception
    {
        final Path target = dir.resolve("a/b/out");
        final RunFolder folder = RunFolder.reserve(target);
        Files.writeString(folder.workDir().resolve("summary.json"), "{}");
        assertThat(folder.commit()).isEqualTo(target);
        assertThat(target.resolve("summary.json")).hasContent("{}");
        assertThat(hiddenEntries(target.getParent())).isEmpty();
        folder.close();
        assertThat(target.resolve("summary.json")).exists();
    }

    @Test
    void shouldRemoveBothFoldersOnAbort() throws Exception
    {
        final Path target = dir.resolve("out");
        final RunFolder folder = RunFolder.reserve(target);
        Files.writeString(folder.workDir().resolve("summary.json"), "");
        folder.abort();
        assertThat(target).doesNotExist();
        assertThat(hiddenEntries(dir)).isEmpty();
    }

    @Test
    void shouldKeepResultsUnderANumberedNameWhenTheReservationWasFilledMeanwhile() throws Exception
    {
        final Path target = dir.resolve("out");
        final RunFolder folder = RunFolder.reserve(target);
        Files.writeString(target.resolve("someone-elses.txt"), "x");
        Files.writeString(folder.workDir().resolve("summary.json"), "{}");
        final Path where = folder.commit();
        assertThat(where).isEqualTo(dir.resolve("out-2"));
        assertThat(where.resolve("summary.json")).exists();
        assertThat(target.resolve("someone-elses.txt")).exists();
    }

    @Test
    void shouldGiveEveryRunItsOwnDefaultFolderWhenStartedTogether() throws Exception
    {
        reserveTogetherAndCommit(8, () -> RunFolder.reserveUnique(dir.resolve("results"), "quickstart-20261205-120000"));
    }

    /**
     * Reserve from {@code runs} threads released at once, then write and commit a summary naming each folder: every
     * run must end in a folder of its own, holding its own summary, with no work folder left.
     */
    private List<Path> reserveTogetherAndCommit(final int runs, final Callable<RunFolder> reserve) throws Exception
    {
        final ExecutorService pool = Executors.newFixedThreadPool(runs);
        final CountDownLatch start = new CountDownLatch(1);
        try
        {
            final List<Future<RunFolder>> futures = new ArrayList<>();
            for (int i = 0; i < runs; i++)
            {
                futures.add(pool.submit(() ->
                {
                    start.await();
                    return reserve.call();
                }));
            }
            start.countDown();
            final List<RunFolder> folders = new ArrayList<>();
            for (final Future<RunFolder> f : futures)
            {
                folders.add(f.get());
            }
            final List<Path> targets = new ArrayList<>();
            for (final RunFolder folder : folders)
            {
                Files.writeString(folder.workDir().resolve("summary.json"), folder.target().toString());
                targets.add(folder.commit());
            }
            assertThat(targets).doesNotHaveDuplicates().hasSize(runs);
            for (final Path t : targets)
            {
                assertThat(t.resolve("summary.json")).hasContent(t.toString());
                assertThat(hiddenEntries(t.toAbsolutePath().getParent())).isEmpty();
            }
            return targets;
        }
        finally
        {
            pool.shutdownNow();
        }
    }

    @Test
    void shouldRefuseATargetUnderAFile() throws IOException
    {
        final Path file = Files.writeString(dir.resolve("a-file"), "x");
        assertThatThrownBy(() -> RunFolder.reserve(file.resolve("out")))
            .isInstanceOf(RunFolderException.class)
            .hasMessageContaining("is a file, not a folder");
        assertThatThrownBy(() -> RunFolder.reserve(file))
            .isInstanceOf(RunFolderException.class)
            .hasMessageContaining("already exists");
    }

    @Test
    void shouldRefuseAReadOnlyParent() throws IOException
    {
        assumeFalse("root".equals(System.getProperty("user.name")), "root can write into read-only folders");
        final Path readOnly = Files.createDirectory(dir.resolve("ro"));
        Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("r-xr-xr-x"));
        try
        {
            assertThatThrownBy(() -> RunFolder.reserve(readOnly.resolve("out")))
                .isInstanceOf(RunFolderException.class)
                .hasMessageContaining("cannot create the result folder");
        }
        finally
        {
            Files.setPosixFilePermissions(readOnly, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    private static List<Path> hiddenEntries(final Path folder) throws IOException
    {
        try (Stream<Path> children = Files.list(folder))
        {
            return children.filter(p -> p.getFileName().toString().startsWith(".")).toList();
        }
    }

    @Test
    void shouldLeaveOnlyTheNoteWhenAbandoned() throws Exception
    {
        final Path target = dir.resolve("out");
        final RunFolder folder = RunFolder.reserve(target);
        Files.writeString(folder.workDir().resolve("latency.hlog.0-0.part"), "half a run");
        folder.abandon("status.json", "{\"status\":\"cancelled\"}".getBytes());
        assertThat(target.resolve("status.json")).hasContent("{\"status\":\"cancelled\"}");
        try (Stream<Path> left = Files.list(target))
        {
            assertThat(left).containsExactly(target.resolve("status.json"));
        }
        assertThat(hiddenEntries(dir)).isEmpty();
        // Once given up, the folder is neither committed nor removed by a later abort or close.
        folder.close();
        assertThat(target.resolve("status.json")).exists();
        assertThatThrownBy(folder::commit).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseANoteNameWithAFolder() throws Exception
    {
        final RunFolder folder = RunFolder.reserve(dir.resolve("out"));
        assertThatThrownBy(() -> folder.abandon("../status.json", new byte[0]))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(dir.resolve("status.json")).doesNotExist();
    }
}
