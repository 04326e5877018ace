package io.windtunnel.simulator.sweep;

import io.windtunnel.simulator.policy.Autoscaler;
import io.windtunnel.simulator.policy.PolicyArguments;
import io.windtunnel.simulator.policy.PolicyParameter;
import io.windtunnel.simulator.policy.PolicyProvider;
import io.windtunnel.simulator.policy.PolicyRegistry;
import io.windtunnel.simulator.policy.PolicySlot;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalSweepTest
{
    private static final List<String> OUTPUTS = List.of("results.csv", "histograms.jsonl", "summary.json",
        "summary.md", "report.html");

    @TempDir
    Path dir;

    private static final String AXES = """
        axes:
          stacks.spot.autoscaler.target: [0.5, 0.8]
          load.constant.east: [60, 200]
        seeds: [1, 2]
        replications: 1
        """;

    @Test
    void serialAndParallelRunsWriteTheSameBytes() throws Exception
    {
        final Sweep sweep = Sweep.read(SweepTest.sweepFile(dir, AXES));
        final LocalSweep.Outcome serial = LocalSweep.run(sweep, dir.resolve("serial"), 1, false,
            PolicyRegistry.standard(), SweepProgress.NONE);
        final List<int[]> updates = new ArrayList<>();
        LocalSweep.run(sweep, dir.resolve("parallel"), 3, false, PolicyRegistry.standard(),
            (done, total, failed, skipped, elapsedNs) -> updates.add(new int[] {done, total}));
        assertThat(serial).isEqualTo(new LocalSweep.Outcome(8, 8, 0, 0));
        for (final String file : OUTPUTS)
        {
            assertThat(Files.readString(dir.resolve("parallel").resolve(file)))
                .as(file).isEqualTo(Files.readString(dir.resolve("serial").resolve(file)));
        }
        assertThat(updates).hasSize(9);
        assertThat(updates.get(8)).containsExactly(8, 8);
        // One row per variant x stack, and the axes really changed the runs.
        final List<String> rows = Files.readAllLines(dir.resolve("serial/results.csv"));
        assertThat(rows).hasSize(1 + 8 * 2);
        assertThat(rows.get(0)).startsWith("variant,stacks.spot.autoscaler.target,load.constant.east,seed,stack," +
            "status,error,replications,requests.arrived,");
        assertThat(rows.get(1)).startsWith("0,0.5,60,1,spot,ok,,1,");
        final int arrived = 8;
        assertThat(rows.get(1).split(",")[arrived]).isNotEqualTo(rows.get(5).split(",")[arrived]);
        assertThat(Files.readString(dir.resolve("serial/summary.md"))).contains("## load.constant.east",
            "| 60 | ", "| 200 | ");
    }

    @Test
    void mergedHistogramsAreExactSumsOfTheVariants() throws Exception
    {
        final Sweep sweep = Sweep.read(SweepTest.sweepFile(dir, AXES));
        final Path out = dir.resolve("out");
        LocalSweep.run(sweep, out, 2, false, PolicyRegistry.standard(), SweepProgress.NONE);
        final List<VariantResult> results = SweepStoreAccess.readAll(out, 8);
        long expected = 0;
        Histogram sum = null;
        for (final VariantResult r : results)
        {
            if (r.variant().labels().get(1).equals("200"))
            {
                final Histogram h = r.stacks().get(0).latency();
                expected += h.getTotalCount();
                if (sum == null)
                {
                    sum = h;
                }
                else
                {
                    sum.add(h);
                }
            }
        }
        final String line = Files.readAllLines(out.resolve("histograms.jsonl")).stream()
            .filter(l -> l.startsWith("{\"stack\":\"spot\",\"axis\":\"load.constant.east\",\"value\":\"200\""))
            .findFirst().orElseThrow();
        assertThat(line).contains("\"count\":" + expected + ",");
        final String encoded = line.replaceAll(".*\"histogram\":\"([^\"]+)\".*", "$1");
        final Histogram decoded = Histogram.decodeFromCompressedByteBuffer(
            ByteBuffer.wrap(Base64.getDecoder().decode(encoded)), 0);
        assertThat(decoded).isEqualTo(sum);
    }

    @Test
    void resumeSkipsCompleteVariantsAndGivesTheSameFiles() throws Exception
    {
        final Sweep sweep = Sweep.read(SweepTest.sweepFile(dir, AXES));
        final Path out = dir.resolve("out");
        LocalSweep.run(sweep, out, 2, false, PolicyRegistry.standard(), SweepProgress.NONE);
        final String before = Files.readString(out.resolve("results.csv"));
        // A killed sweep: two variants never finished, one left a temporary file behind.
        Files.delete(out.resolve("variants/v0000003.json"));
        Files.move(out.resolve("variants/v0000006.json"), out.resolve("variants/v0000006.json.tmp-99"));
        Files.delete(out.resolve("results.csv"));
        final LocalSweep.Outcome resumed = LocalSweep.run(sweep, out, 2, true, PolicyRegistry.standard(),
            SweepProgress.NONE);
        assertThat(resumed).isEqualTo(new LocalSweep.Outcome(8, 2, 0, 6));
        assertThat(Files.readString(out.resolve("results.csv"))).isEqualTo(before);
        // Without --resume a used folder is refused; a changed sweep cannot resume into it.
        assertThatThrownBy(() -> LocalSweep.run(sweep, out, 1, false, PolicyRegistry.standard(),
            SweepProgress.NONE)).isInstanceOf(SweepException.class).hasMessageContaining("--resume");
        final Sweep other = Sweep.read(SweepTest.sweepFile(dir, AXES.replace("0.8", "0.9")));
        assertThatThrownBy(() -> LocalSweep.run(other, out, 1, true, PolicyRegistry.standard(),
            SweepProgress.NONE)).isInstanceOf(SweepException.class).hasMessageContaining("another sweep");
    }

    @Test
    void aFailedVariantIsReportedWithItsAxisValuesAndTheOthersRun() throws Exception
    {
        final Sweep sweep = Sweep.read(SweepTest.sweepFile(dir, """
            axes:
              stacks.on-demand.autoscaler: [{type: fixed, replicas: 4}, {type: failing, fail: 1}]
            replications: 1
            """));
        final List<PolicyProvider<?>> providers = new ArrayList<>(PolicyRegistry.standard().all());
        providers.add(new Failing.Provider());
        final Path out = dir.resolve("out");
        final LocalSweep.Outcome outcome = LocalSweep.run(sweep, out, 2, false, PolicyRegistry.of(providers),
            SweepProgress.NONE);
        assertThat(outcome).isEqualTo(new LocalSweep.Outcome(2, 1, 1, 0));
        assertThat(Files.exists(out.resolve("variants/v0000001.failed.json"))).isTrue();
        final List<String> rows = Files.readAllLines(out.resolve("results.csv"));
        assertThat(rows).hasSize(1 + 2 + 1);
        assertThat(rows.get(3)).startsWith("1,\"{type: failing, fail: 1}\",5,,failed,")
            .contains("internal error (please report): java.lang.IllegalStateException: asked to fail");
        assertThat(Files.readString(out.resolve("summary.md"))).contains("1 failed",
            "- variant 1 {stacks.on-demand.autoscaler={type: failing, fail: 1}} seed 5: internal error");
    }

    /** An autoscaler that throws when asked to, for a variant that fails at run time. */
    static final class Failing implements Autoscaler
    {
        private final boolean fail;

        Failing(final boolean fail)
        {
            this.fail = fail;
        }

        @Override
        public int desiredReplicas(final io.windtunnel.simulator.policy.SimulationView view)
        {
            if (fail)
            {
                throw new IllegalStateException("asked to fail");
            }
            return 2;
        }

        /** {@code type: failing}. */
        public static final class Provider extends PolicyProvider<Autoscaler>
        {
            /** Declares it. */
            public Provider()
            {
                super(PolicySlot.AUTOSCALER, "failing", "fails when fail is 1 (a test policy)",
                    PolicyParameter.integer("fail", 0, 1).defaultValue(0).doc("1 to throw").build());
            }

            @Override
            public Autoscaler create(final PolicyArguments arguments)
            {
                return new Failing(arguments.getInt("fail") == 1);
            }
        }
    }
}
