package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.ConservationTestModels;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CheapestStorage}: the storage contract, and the one cheapest location whatever the compute. */
class CheapestStorageTest extends StoragePolicyContractTest
{
    @Override
    StoragePolicy newPolicy(final CloudModel model)
    {
        return new CheapestStorage();
    }

    @Test
    void shouldHoldTheFirstOfTheCheapestLocationsWhereverComputeRuns()
    {
        final CloudModel model = ConservationTestModels.smallWithStorage();
        final FakeView view = new FakeView(model);
        final StoragePolicy policy = newPolicy(model);
        // s3-east-ia (1) and s3-west-2 (4) tie at 0.0125 USD per GB-month: the first listed.
        final boolean[] expected = {false, true, false, false, false};
        for (int region = 0; region < 3; region++)
        {
            java.util.Arrays.fill(view.regionRunning, 0);
            view.regionRunning[region] = 4;
            final boolean[] held = new boolean[5];
            assertThat(policy.placeData(view, held)).isTrue();
            assertThat(held).as("compute in region %d", region).isEqualTo(expected);
        }
    }
}
