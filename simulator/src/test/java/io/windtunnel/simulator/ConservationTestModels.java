package io.windtunnel.simulator;

import io.windtunnel.simulator.model.CloudModel;

/** Test models shared with other test packages. */
public final class ConservationTestModels
{
    private ConservationTestModels()
    {
    }

    /**
     * @return the two-provider model of {@link ConservationTest} with seed 1.
     */
    public static CloudModel small()
    {
        return ConservationTest.faultyModel(1);
    }
}
