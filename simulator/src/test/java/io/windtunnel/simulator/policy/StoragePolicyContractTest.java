package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.ConservationTestModels;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.storage.StorageModel;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every storage policy must do ({@link StoragePolicy}): answer at least one location whenever it gives a set
 * (an empty set stops the run), whatever the compute, the holders and the time; answer the same to the same views
 * (two fresh instances agree); allocate nothing per decision after its first calls; and in a faulty run keep every
 * request ending exactly once while the data set is read and billed. Subclass it per storage policy as
 * {@code <Policy>Test}.
 */
abstract class StoragePolicyContractTest
{
    /**
     * @param model the model (with a storage section).
     * @return a fresh policy.
     */
    abstract StoragePolicy newPolicy(CloudModel model);

    /** @return a view of the kits' storage world with random compute, holders and time. */
    private static FakeView randomize(final FakeView view, final RandomStream random)
    {
        final int locations = view.model.storage.locations();
        for (int region = 0; region < view.regionRunning.length; region++)
        {
            view.regionRunning[region] = random.bernoulli(0.5) ? random.nextInt(5) : 0;
        }
        for (int l = 0; l < locations; l++)
        {
            view.dataHeld[l] = random.bernoulli(0.4);
            view.dataServing[l] = view.dataHeld[l] && random.bernoulli(0.7);
        }
        view.nowNs = random.nextInt(3_600) * 1_000_000_000L;
        view.dataSetBytes = view.model.storage.sizeAt(view.nowNs);
        return view;
    }

    private static FakeView view(final CloudModel model)
    {
        final FakeView view = new FakeView(model);
        view.dataHeld = new boolean[model.storage.locations()];
        view.dataServing = new boolean[model.storage.locations()];
        return view;
    }

    /** @return the answer (a copy of held after the call), or null if the policy kept the current set. */
    private static boolean[] ask(final StoragePolicy policy, final FakeView view)
    {
        final boolean[] held = view.dataHeld.clone();
        return policy.placeData(view, held) ? held : null;
    }

    @Test
    void shouldNeverAnswerAnEmptySetWhenComputeHoldersAndTimeVary()
    {
        final CloudModel model = ConservationTestModels.smallWithStorage();
        final StoragePolicy policy = newPolicy(model);
        final FakeView view = view(model);
        final RandomStream random = new RandomStream(29);
        final List<String> problems = new ArrayList<>();
        boolean[] first = view.dataHeld.clone();
        if (!policy.placeData(view, first))
        {
            problems.add("kept the current set at time 0, when nothing holds the data set");
        }
        for (int round = 0; round < 500; round++)
        {
            final boolean[] answer = ask(policy, randomize(view, random));
            if (answer != null && !contains(answer, true))
            {
                problems.add("empty set at " + view.nowNs + " with regions " + Arrays.toString(view.regionRunning));
            }
        }
        assertThat(problems).isEmpty();
        assertThat(contains(first, true)).isTrue();
    }

    @Test
    void shouldAnswerTheSameToTheSameViewsWhenTwoInstancesAreAsked()
    {
        final CloudModel model = ConservationTestModels.smallWithStorage();
        final StoragePolicy one = newPolicy(model);
        final StoragePolicy two = newPolicy(model);
        final FakeView view = view(model);
        final RandomStream random = new RandomStream(31);
        for (int round = 0; round < 300; round++)
        {
            randomize(view, random);
            assertThat(ask(two, view)).as("round %d", round).isEqualTo(ask(one, view));
        }
    }

    @Test
    void shouldAllocateNothingPerDecisionAfterWarmUp()
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        threads.setThreadAllocatedMemoryEnabled(true);
        final long threadId = Thread.currentThread().getId();
        final CloudModel model = ConservationTestModels.smallWithStorage();
        final StoragePolicy policy = newPolicy(model);
        final FakeView view = view(model);
        final RandomStream random = new RandomStream(37);
        // Views made before measuring: the loop only asks.
        final FakeView[] views = new FakeView[16];
        final boolean[][] held = new boolean[views.length][];
        for (int i = 0; i < views.length; i++)
        {
            views[i] = randomize(view(model), random);
            held[i] = new boolean[model.storage.locations()];
        }
        int wanted = drive(policy, views, held, 200_000);
        final long before = threads.getThreadAllocatedBytes(threadId);
        wanted += drive(policy, views, held, 100_000);
        final long bytes = threads.getThreadAllocatedBytes(threadId) - before;
        assertThat(wanted).isPositive();
        if (bytes != 0)
        {
            // A one-off deoptimization may re-materialize an object once; an allocation per decision repeats.
            final long beforeAgain = threads.getThreadAllocatedBytes(threadId);
            drive(policy, views, held, 100_000);
            assertThat(threads.getThreadAllocatedBytes(threadId) - beforeAgain)
                .as("bytes after a window that allocated " + bytes).isZero();
        }
    }

    private static int drive(final StoragePolicy policy, final FakeView[] views, final boolean[][] held,
        final int decisions)
    {
        int wanted = 0;
        for (int i = 0; i < decisions; i++)
        {
            final int v = i & (views.length - 1);
            System.arraycopy(views[v].dataHeld, 0, held[v], 0, held[v].length);
            if (policy.placeData(views[v], held[v]) && held[v][i % held[v].length])
            {
                wanted++;
            }
        }
        return wanted;
    }

    @Test
    void shouldKeepRequestsEndingOnceAndTheDataServedWhenARunIsFaulty()
    {
        final CloudModel model = ConservationTestModels.smallWithStorage();
        final StorageModel storage = model.storage;
        final PolicyStack stack = new PolicyStack("contract", Map.of(),
            () -> new TargetUtilizationAutoscaler(0.6, 2, 60, 6),
            () -> new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true, true}),
            RoundRobinBalancer::new, () -> new DrainOnNoticeFailover(1), () -> newPolicy(model));
        final Simulation simulation = new Simulation(new Engine(1024), model, stack, new RandomStreams(11));
        simulation.run();

        assertThat(simulation.conservationHolds()).isTrue();
        assertThat(simulation.measuredCompleted()).isPositive();
        boolean serving = false;
        double hours = 0;
        for (int l = 0; l < storage.locations(); l++)
        {
            serving |= simulation.dataServing(l);
            hours += simulation.storageLocation(l)[0];
        }
        assertThat(serving).isTrue();
        // At least one location holds the data set at every moment of the hour.
        assertThat(hours).isGreaterThanOrEqualTo(1.0 - 1e-9);
        assertThat(simulation.storageCostUsd()).isPositive();
    }

    private static boolean contains(final boolean[] values, final boolean value)
    {
        for (final boolean v : values)
        {
            if (v == value)
            {
                return true;
            }
        }
        return false;
    }
}
