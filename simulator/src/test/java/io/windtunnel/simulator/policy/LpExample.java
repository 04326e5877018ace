package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.scenario.Scenario;
import io.windtunnel.simulator.scenario.ScenarioReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@code scenarios/lp-example.yaml} (the LP write-up's worked example) for the LP placement tests: read it, and
 * run one of its stacks, or any placement on its model, up to a time.
 */
final class LpExample
{
    /** The scenario, from the simulator module's folder (where surefire runs). */
    static final Path FILE = Path.of("../scenarios/lp-example.yaml");
    /** Unit costs of the three options, USD per replica-hour (offers 0, 1, 2). */
    static final double[] PRICE = {0.10, 0.15, 0.20};
    /** Region quotas of the three options, replicas. */
    static final int[] QUOTA = {500, 700, 1000};
    /** Just after the second control decision (at 1 minute). */
    static final long AFTER_SECOND_PLAN_NS = 61_000_000_000L;

    private LpExample()
    {
    }

    static Scenario read()
    {
        try
        {
            return ScenarioReader.read(FILE);
        }
        catch (final Exception e)
        {
            throw new IllegalStateException("cannot read " + FILE, e);
        }
    }

    /**
     * @param minutes the run's duration, in whole minutes (one control decision a minute).
     * @return the scenario with its duration set to {@code minutes} instead of the file's two.
     */
    static Scenario read(final int minutes)
    {
        Path copy = null;
        try
        {
            final String text = Files.readString(FILE);
            final String longer = text.replace("\nduration: 2m\n", "\nduration: " + minutes + "m\n");
            if (longer.equals(text))
            {
                throw new IllegalStateException(FILE + " no longer has 'duration: 2m'");
            }
            copy = Files.createTempFile("lp-example", ".yaml");
            Files.writeString(copy, longer);
            return ScenarioReader.read(copy);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
        catch (final Exception e)
        {
            throw new IllegalStateException("cannot read " + FILE, e);
        }
        finally
        {
            if (copy != null)
            {
                copy.toFile().delete();
            }
        }
    }

    /**
     * @param placement the placement to run with the scenario's first stack's autoscaler (fixed, 1000 replicas).
     * @param recorder  receives the decisions, or null.
     * @param untilNs   simulated time to stop at.
     * @return the simulation, stopped at {@code untilNs}.
     */
    static Simulation run(final PlacementPolicy placement, final DecisionRecorder recorder, final long untilNs)
    {
        return run(read(), placement, recorder, untilNs);
    }

    /**
     * @param scenario  the example as read (with {@link #read(int)} for a longer run).
     * @param placement the placement to run with the scenario's first stack's autoscaler (fixed, 1000 replicas).
     * @param recorder  receives the decisions, or null.
     * @param untilNs   simulated time to stop at.
     * @return the simulation, stopped at {@code untilNs}.
     */
    static Simulation run(final Scenario scenario, final PlacementPolicy placement, final DecisionRecorder recorder,
        final long untilNs)
    {
        final PolicyStack first = scenario.stacks().get(0);
        final PolicyStack stack = new PolicyStack("lp-example", Map.of(), first.autoscaler(), () -> placement,
            first.balancer(), first.failover());
        final Simulation simulation =
            new Simulation(new Engine(1 << 12), scenario.model(), stack, new RandomStreams(scenario.seed()));
        if (recorder != null)
        {
            simulation.recordDecisions(recorder);
        }
        simulation.runUntil(untilNs);
        return simulation;
    }

    /** @return active replicas per offer of a simulation of the example. */
    static int[] allocation(final Simulation simulation)
    {
        final int[] replicas = new int[simulation.model().offers()];
        for (int offer = 0; offer < replicas.length; offer++)
        {
            replicas[offer] = simulation.offerActiveReplicas(offer);
        }
        return replicas;
    }

    /** @return the fleet's cost per hour at the example's prices, USD. */
    static double costPerHourUsd(final int[] allocation)
    {
        double cost = 0;
        for (int offer = 0; offer < allocation.length; offer++)
        {
            cost += PRICE[offer] * allocation[offer];
        }
        return cost;
    }
}
