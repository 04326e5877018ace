package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static io.windtunnel.simulator.policy.SkyPilotWorld.A1_ON_DEMAND;
import static io.windtunnel.simulator.policy.SkyPilotWorld.A1_SPOT;
import static io.windtunnel.simulator.policy.SkyPilotWorld.A2_SPOT;
import static io.windtunnel.simulator.policy.SkyPilotWorld.B_SPOT;
import static io.windtunnel.simulator.policy.SkyPilotWorld.C_SPOT;
import static io.windtunnel.simulator.policy.SkyPilotWorld.MINUTE;
import static io.windtunnel.simulator.policy.SkyPilotWorld.REGION_A;
import static io.windtunnel.simulator.policy.SkyPilotWorld.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class SkyPilotFailoverPlacementTest extends PlacementContractTest
{
    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return new SkyPilotFailoverPlacement(new SkyPilotRecovery.Settings(model.providerNames.length));
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        return new SkyPilotFailoverPlacement(SkyPilotWorld.restricted(model));
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return SkyPilotWorld.restrictedAllows(model, offer);
    }

    private static SkyPilotFailoverPlacement failover(final CloudModel model)
    {
        return new SkyPilotFailoverPlacement(new SkyPilotRecovery.Settings(model.providerNames.length));
    }

    @Test
    void shouldRelaunchInTheLostReplicasRegionFirstWhenAnotherRegionIsCheaper()
    {
        final CloudModel model = SkyPilotWorld.model(b -> { });
        final FakeView view = new FakeView(model);
        view.price[C_SPOT] = 0.01;
        final PlacementPolicy policy = failover(model);
        SkyPilotWorld.lose(policy, view, A1_SPOT);
        // The lost zone is gone; its region's other zone, same type and market, wins over the cheaper region C.
        view.unavailable[A1_SPOT] = true;
        assertThat(policy.chooseOffer(view)).isEqualTo(A2_SPOT);
        // With no loss waiting, a launch is the cheapest anywhere.
        assertThat(policy.chooseOffer(view)).isEqualTo(C_SPOT);
    }

    @Test
    void shouldBackOffTwiceInTheSameRegionThenGoAnywhereAtTheThirdFailedAttempt()
    {
        final CloudModel model = SkyPilotWorld.model(b -> { });
        final FakeView view = new FakeView(model);
        view.nowNs = 10 * MINUTE;
        final PlacementPolicy policy = failover(model);
        SkyPilotWorld.lose(policy, view, A1_SPOT);
        view.unavailable[A1_SPOT] = true;
        view.unavailable[A2_SPOT] = true;

        assertThat(policy.chooseOffer(view)).isEqualTo(-1);
        final long firstRetryNs = policy.retryLaunchAtNs(view);
        final long g0 = firstRetryNs - view.nowNs;
        assertThat(g0).isBetween(36 * SECOND, 84 * SECOND);
        // Asked again during the backoff: no attempt, the same retry time.
        view.nowNs += 30 * SECOND;
        assertThat(policy.chooseOffer(view)).isEqualTo(-1);
        assertThat(policy.retryLaunchAtNs(view)).isEqualTo(firstRetryNs);

        view.nowNs = firstRetryNs;
        assertThat(policy.chooseOffer(view)).isEqualTo(-1);
        final long g1 = policy.retryLaunchAtNs(view) - view.nowNs;
        assertThat((double)g1).isBetween(g0 * 1.6 * 0.6 - 1, g0 * 1.6 * 1.4 + 1);

        // The third same-region attempt fails and the policy relaunches anywhere at once: B is the cheapest there.
        view.nowNs += g1;
        assertThat(policy.chooseOffer(view)).isEqualTo(B_SPOT);
        assertThat(policy.retryLaunchAtNs(view)).isEqualTo(-1);
    }

    @Test
    void shouldFollowSkyPilotsBackoffSequenceThroughBothStepsWhenNothingCanBeLaunched()
    {
        final CloudModel model = SkyPilotWorld.model(b -> { });
        final FakeView view = new FakeView(model);
        Arrays.fill(view.unavailable, true);
        final SkyPilotRecovery.Settings settings = new SkyPilotRecovery.Settings(1);
        settings.anywhereAttempts = 4;
        final PlacementPolicy policy = new SkyPilotFailoverPlacement(settings);
        SkyPilotWorld.lose(policy, view, B_SPOT);

        final List<Long> gaps = SkyPilotWorld.gapsWhileNothingIsAvailable(policy, view, 11);
        // Same region: attempts 1 and 2 back off (g0, g1); attempt 3 goes on to anywhere at once, whose first
        // attempt starts a fresh backoff (h0, h1, h2); its 4th failed attempt waits the initial gap without jitter
        // and starts again (k0, k1, k2), and so on.
        assertGrowth(gaps.subList(0, 2));
        assertGrowth(gaps.subList(2, 5));
        assertThat(gaps.get(5)).isEqualTo(60 * SECOND);
        assertGrowth(gaps.subList(6, 9));
        assertThat(gaps.get(9)).isEqualTo(60 * SECOND);
        assertThat(gaps.get(10)).isBetween(36 * SECOND, 84 * SECOND);
    }

    /** A fresh backoff: the first gap 60 s +-40%, each next one 1.6 times the previous +-40%, capped at 300 s. */
    static void assertGrowth(final List<Long> gaps)
    {
        assertThat(gaps.get(0)).isBetween(36 * SECOND, 84 * SECOND);
        for (int k = 1; k < gaps.size(); k++)
        {
            final double base = Math.min(gaps.get(k - 1) * 1.6, 300.0 * SECOND);
            assertThat((double)gaps.get(k)).as("gap %d of %s", k, gaps).isBetween(base * 0.6 - 2, base * 1.4 + 2);
        }
    }

    @Test
    void shouldDrawTheSameRelaunchTimesFromTheSameSeedAndOthersFromAnother()
    {
        final CloudModel model = SkyPilotWorld.model(b -> { });
        final List<Long> first = gapsFromSeed(model, 77);
        assertThat(gapsFromSeed(model, 77)).isEqualTo(first);
        assertThat(gapsFromSeed(model, 78)).isNotEqualTo(first);
    }

    private static List<Long> gapsFromSeed(final CloudModel model, final long seed)
    {
        final FakeView view = new FakeView(model);
        Arrays.fill(view.unavailable, true);
        view.random[PolicySlot.all().indexOf(PolicySlot.PLACEMENT)] = new RandomStream(seed);
        final PlacementPolicy policy = failover(model);
        SkyPilotWorld.lose(policy, view, A1_SPOT);
        return SkyPilotWorld.gapsWhileNothingIsAvailable(policy, view, 8);
    }

    @Test
    void shouldStartTheBackoffAgainAfterASuccessfulLaunch()
    {
        final CloudModel model = SkyPilotWorld.model(b -> { });
        final FakeView view = new FakeView(model);
        final SkyPilotRecovery.Settings settings = new SkyPilotRecovery.Settings(1);
        settings.backoffJitter = 0;
        final PlacementPolicy policy = new SkyPilotFailoverPlacement(settings);
        Arrays.fill(view.unavailable, true);
        assertThat(SkyPilotWorld.gapsWhileNothingIsAvailable(policy, view, 3))
            .containsExactly(60 * SECOND, 96 * SECOND, 153_600_000_000L);
        view.unavailable[A1_ON_DEMAND] = false;
        assertThat(policy.chooseOffer(view)).isEqualTo(A1_ON_DEMAND);
        Arrays.fill(view.unavailable, true);
        assertThat(SkyPilotWorld.gapsWhileNothingIsAvailable(policy, view, 2))
            .containsExactly(60 * SECOND, 96 * SECOND);
    }

    @Test
    void shouldRelaunchEveryPreemptionInTheSameRegionAndRecordTheRuleWhenACheaperRegionHasRoom()
    {
        // From 10 minutes zone a1 is gone and region A's other zone costs more than region B: the cheapest-price
        // default would move to B; FAILOVER stays in A.
        final CloudModel model = SkyPilotWorld.model(new double[] {0.10, 0.20, 0.11, 0.12}, b -> {
            b.zoneFault(10 * MINUTE, FaultKind.UNAVAILABLE.code(), 0, -1, 0);
            b.fault(10 * MINUTE, FaultKind.PREEMPT.code(), 0, REGION_A, -1, 1);
            b.fault(20 * MINUTE, FaultKind.PREEMPT.code(), 0, REGION_A, -1, 1);
        });
        final BoundedDecisionLog log = SkyPilotWorld.log();
        final Simulation simulation = SkyPilotWorld.run(model, 1, 3, log,
            new SkyPilotFailoverPlacement(new SkyPilotRecovery.Settings(1)));

        assertThat(SkyPilotWorld.launchedOffers(simulation)).containsExactly(A1_SPOT, A2_SPOT, A2_SPOT);
        assertThat(simulation.replicaLaunchNs(1)).isEqualTo(10 * MINUTE);
        assertThat(simulation.replicaLaunchNs(2)).isEqualTo(20 * MINUTE);
        int sameRegion = 0;
        for (int d = 0; d < log.size(); d++)
        {
            assertThat(log.policy(d)).isEqualTo("skypilot-failover");
            if (SkyPilotFailoverPlacement.RULE_SAME_REGION.equals(log.rule(d)))
            {
                sameRegion++;
                assertThat(log.chosen(d)).isEqualTo(A2_SPOT);
                assertThat(log.optionCount(d)).isEqualTo(model.offers());
                // Region B's offer is outside the lost replica's region: excluded, though cheaper.
                assertThat(log.score(d, B_SPOT, SkyPilotRecovery.EXCLUDED)).isEqualTo(1);
                assertThat(log.score(d, A2_SPOT, SkyPilotRecovery.EXCLUDED)).isEqualTo(0);
                assertThat(log.score(d, A1_SPOT, SkyPilotRecovery.AVAILABLE)).isEqualTo(0);
                assertThat(log.score(d, A2_SPOT, SkyPilotRecovery.PRICE)).isEqualTo(0.10);
            }
        }
        assertThat(sameRegion).isEqualTo(2);
    }
}
