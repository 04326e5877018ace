package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import static io.windtunnel.simulator.policy.EdgeWorld.FAR;
import static io.windtunnel.simulator.policy.EdgeWorld.NEAR;
import static io.windtunnel.simulator.policy.EdgeWorld.SITE_A;
import static io.windtunnel.simulator.policy.EdgeWorld.SITE_B;
import static org.assertj.core.api.Assertions.assertThat;

class EdgeReservePlacementTest extends PlacementContractTest
{
    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new EdgeReservePlacement(new boolean[] {true, true}, new boolean[] {true, true}, 0);
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        // Spot only, on the second provider (gcp) only.
        final boolean[] markets = new boolean[2];
        markets[CloudModel.SPOT] = true;
        return new EdgeReservePlacement(markets, new boolean[] {false, true}, 0);
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.SPOT && model.typeProvider[model.offerType[offer]] == 1;
    }

    private static EdgeReservePlacement cloudOnlyOnNear()
    {
        // The cloud part may use the "cloud" provider only; offers: region index (near 0.1, far 0.08 USD/h).
        return new EdgeReservePlacement(new boolean[] {true, true}, new boolean[] {true, false}, 0);
    }

    @Test
    void shouldFillEverySiteToItsCapacityAndPutTheRestOnTheCheapestCloudOffer()
    {
        final FakeView view = EdgeWorld.view();
        final int[] plan = new int[4];
        assertThat(cloudOnlyOnNear().planAllocation(view, 7, plan)).isTrue();
        // Sites A and B: quota 2 each; 7 - 4 = 3 in the cloud, on the far region (cheaper per worker).
        assertThat(plan).containsExactly(0, 3, 2, 2);

        // The autoscaler asks for fewer than the edge holds: the sites stay full, the cloud empties...
        final int[] small = {1, 2, 2, 2};
        cloudOnlyOnNear().planAllocation(view, 3, small);
        assertThat(small).containsExactly(0, 0, 2, 2);
        // ... down to minCloud.
        final int[] kept = {1, 2, 2, 2};
        new EdgeReservePlacement(new boolean[] {true, true}, new boolean[] {true, false}, 2)
            .planAllocation(view, 3, kept);
        assertThat(kept).containsExactly(0, 2, 2, 2);
    }

    @Test
    void shouldMoveADownSitesShareToTheCloudAndGiveItBackWhenTheSiteReturns()
    {
        final FakeView view = EdgeWorld.view();
        view.unavailable[SITE_A] = true;             // an outage: its replicas failed, nothing launches there
        final int[] plan = {0, 3, 0, 2};
        cloudOnlyOnNear().planAllocation(view, 7, plan);
        assertThat(plan).containsExactly(0, 5, 0, 2);

        view.unavailable[SITE_A] = false;
        final int[] back = {0, 5, 0, 2};
        cloudOnlyOnNear().planAllocation(view, 7, back);
        assertThat(back).containsExactly(0, 3, 2, 2);
    }

    @Test
    void shouldDrainTheDearestCloudOfferFirst()
    {
        final FakeView view = EdgeWorld.view();
        final int[] plan = {2, 2, 2, 2};             // near costs 0.1, far 0.08 per hour for the same workers
        cloudOnlyOnNear().planAllocation(view, 6, plan);
        assertThat(plan).containsExactly(0, 2, 2, 2);
    }

    @Test
    void shouldChooseAnEdgeSiteWithRoomFirstThenTheCheapestCloudOffer()
    {
        final FakeView view = EdgeWorld.view();
        final PlacementPolicy placement = cloudOnlyOnNear();
        assertThat(placement.chooseOffer(view)).isEqualTo(SITE_A);
        view.regionRunning[SITE_A] = 2;              // full
        assertThat(placement.chooseOffer(view)).isEqualTo(SITE_B);
        view.unavailable[SITE_B] = true;
        assertThat(placement.chooseOffer(view)).isEqualTo(FAR);
        view.unavailable[FAR] = true;
        assertThat(placement.chooseOffer(view)).isEqualTo(NEAR);
    }
}
