package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.ConservationTestModels;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link CoLocatedStorage}: the storage contract, and the cheapest location of each region with compute. */
class CoLocatedStorageTest extends StoragePolicyContractTest
{
    @Override
    StoragePolicy newPolicy(final CloudModel model)
    {
        return new CoLocatedStorage();
    }

    private static boolean[] answer(final StoragePolicy policy, final FakeView view, final int... running)
    {
        System.arraycopy(running, 0, view.regionRunning, 0, running.length);
        final boolean[] held = new boolean[5];
        assertThat(policy.placeData(view, held)).isTrue();
        return held;
    }

    @Test
    void shouldFollowComputeToTheCheapestLocationOfEachRegionAndTheCheapestOverallBeforeAny()
    {
        final CloudModel model = ConservationTestModels.smallWithStorage();
        final FakeView view = new FakeView(model);
        final StoragePolicy policy = newPolicy(model);
        // Locations: s3-east (0, region 0), s3-east-ia (1, region 0, cheapest), s3-west (2, region 1),
        // gcs-central (3, region 2), s3-west-2 (4, region 1, as cheap as 1).
        assertThat(answer(policy, view, 0, 0, 0)).isEqualTo(new boolean[] {false, true, false, false, false});
        assertThat(answer(policy, view, 0, 3, 0)).isEqualTo(new boolean[] {false, false, false, false, true});
        assertThat(answer(policy, view, 2, 0, 1)).isEqualTo(new boolean[] {false, true, false, true, false});
        assertThat(answer(policy, view, 1, 1, 1)).isEqualTo(new boolean[] {false, true, false, true, true});
    }
}
