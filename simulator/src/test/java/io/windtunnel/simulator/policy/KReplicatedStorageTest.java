package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.ConservationTestModels;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link KReplicatedStorage}: the storage contract, and the k cheapest locations in distinct regions. */
class KReplicatedStorageTest extends StoragePolicyContractTest
{
    @Override
    StoragePolicy newPolicy(final CloudModel model)
    {
        return new KReplicatedStorage(2, false);
    }

    private static boolean[] answer(final StoragePolicy policy, final CloudModel model)
    {
        final boolean[] held = new boolean[5];
        assertThat(policy.placeData(new FakeView(model), held)).isTrue();
        return held;
    }

    @Test
    void shouldHoldTheKCheapestLocationsInDistinctRegionsAndProvidersWhenAsked()
    {
        final CloudModel model = ConservationTestModels.smallWithStorage();
        // By price: s3-east-ia (1, region 0), s3-west-2 (4, region 1), gcs-central (3, region 2), s3-east (0),
        // s3-west (2).
        assertThat(answer(new KReplicatedStorage(1, false), model))
            .isEqualTo(new boolean[] {false, true, false, false, false});
        assertThat(answer(new KReplicatedStorage(2, false), model))
            .isEqualTo(new boolean[] {false, true, false, false, true});
        assertThat(answer(new KReplicatedStorage(3, false), model))
            .isEqualTo(new boolean[] {false, true, false, true, true});
        // Distinct providers: s3-west-2 is aws like s3-east-ia, so gcs-central comes second; a third cannot.
        assertThat(answer(new KReplicatedStorage(2, true), model))
            .isEqualTo(new boolean[] {false, true, false, true, false});
        assertThat(answer(new KReplicatedStorage(3, true), model))
            .isEqualTo(new boolean[] {false, true, false, true, false});
        // More than the regions: one per region.
        assertThat(answer(new KReplicatedStorage(9, false), model))
            .isEqualTo(new boolean[] {false, true, false, true, true});
    }
}
