package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Simulation} as a facade and event table: the same run whether its engine is its own (one dispatcher for all
 * kinds) or shared with other handlers (a handler per kind, types offset), and the run closed once.
 */
class SimulationTest
{
    @Test
    void shouldGiveTheSameRunWhenItsEngineAlsoServesOtherEventTypes()
    {
        final CloudModel model = ConservationTest.faultyModel(5);
        final Simulation own = Fixtures.run(model, ConservationTest.spotStack(), 5);

        final Engine shared = new Engine(1024);
        final int[] foreign = new int[1];
        final int otherType = shared.register((nowNs, target, payload, payload2) -> foreign[0]++);
        shared.schedule(1, otherType, 0, 0, 0);
        final Simulation offset = new Simulation(shared, model, ConservationTest.spotStack(), new RandomStreams(5));
        offset.run();

        assertThat(foreign[0]).isEqualTo(1);
        assertThat(offset.arrivals()).isEqualTo(own.arrivals());
        assertThat(offset.completed()).isEqualTo(own.completed());
        assertThat(offset.timedOut()).isEqualTo(own.timedOut());
        assertThat(offset.failed()).isEqualTo(own.failed());
        assertThat(offset.preemptions()).isEqualTo(own.preemptions());
        assertThat(offset.launches()).isEqualTo(own.launches());
        assertThat(offset.totalCostUsd()).isEqualTo(own.totalCostUsd());
        assertThat(offset.meanLatencyNs()).isEqualTo(own.meanLatencyNs());
        for (int row = 0; row < own.series().rows(); row++)
        {
            for (int column = 0; column < own.series().columns(); column++)
            {
                assertThat(Double.doubleToLongBits(offset.series().get(row, column)))
                    .as("row %d column %d", row, column)
                    .isEqualTo(Double.doubleToLongBits(own.series().get(row, column)));
            }
        }
    }

    @Test
    void shouldCloseTheRunOnceWhenFinishIsCalledAgain()
    {
        final Simulation simulation = Fixtures.run(ConservationTest.faultyModel(2), ConservationTest.spotStack(), 2);
        final double costUsd = simulation.totalCostUsd();
        final long measured = simulation.latency().total().getTotalCount();

        simulation.finish();
        assertThat(simulation.totalCostUsd()).isEqualTo(costUsd);
        assertThat(simulation.latency().total().getTotalCount()).isEqualTo(measured);
        assertThat(simulation.conservationHolds()).isTrue();
    }
}
