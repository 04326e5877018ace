package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static io.windtunnel.simulator.policy.SkyPilotWorld.A1_ON_DEMAND;
import static io.windtunnel.simulator.policy.SkyPilotWorld.A1_SPOT;
import static io.windtunnel.simulator.policy.SkyPilotWorld.A2_SPOT;
import static io.windtunnel.simulator.policy.SkyPilotWorld.B_SPOT;
import static io.windtunnel.simulator.policy.SkyPilotWorld.C_SPOT;
import static io.windtunnel.simulator.policy.SkyPilotWorld.MINUTE;
import static io.windtunnel.simulator.policy.SkyPilotWorld.REGION_A;
import static io.windtunnel.simulator.policy.SkyPilotWorld.REGION_B;
import static io.windtunnel.simulator.policy.SkyPilotWorld.SECOND;
import static org.assertj.core.api.Assertions.assertThat;

class EagerNextRegionPlacementTest extends PlacementContractTest
{
    @Override
    PlacementPolicy newPlacement(final CloudModel model)
    {
        return eager(model);
    }

    @Override
    PlacementPolicy newRestricted(final CloudModel model)
    {
        return new EagerNextRegionPlacement(SkyPilotWorld.restricted(model));
    }

    @Override
    boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return SkyPilotWorld.restrictedAllows(model, offer);
    }

    private static EagerNextRegionPlacement eager(final CloudModel model)
    {
        return new EagerNextRegionPlacement(new SkyPilotRecovery.Settings(model.providerNames.length));
    }

    @Test
    void shouldRelaunchOutsideThePreemptedRegionWhileAnotherIsAvailableAlsoAfterARelaunch()
    {
        final CloudModel model = SkyPilotWorld.model(b -> { });
        final FakeView view = new FakeView(model);
        final PlacementPolicy policy = eager(model);
        // Region A is cheapest and available, in both zones: the relaunch still leaves it.
        SkyPilotWorld.lose(policy, view, A1_SPOT);
        assertThat(policy.chooseOffer(view)).isEqualTo(B_SPOT);
        // The relaunched replica in B is preempted in turn, and B has become the cheapest: B is excluded now.
        view.price[B_SPOT] = 0.01;
        SkyPilotWorld.lose(policy, view, B_SPOT);
        assertThat(policy.chooseOffer(view)).isEqualTo(A1_SPOT);
        // With no loss waiting, a launch is the cheapest anywhere again.
        assertThat(policy.chooseOffer(view)).isEqualTo(B_SPOT);
    }

    @Test
    void shouldRecoverLossesInTheOrderTheyCameEachExcludingItsOwnRegion()
    {
        final CloudModel model = SkyPilotWorld.model(b -> { });
        final FakeView view = new FakeView(model);
        final PlacementPolicy policy = eager(model);
        view.replicaOffer[0] = C_SPOT;
        view.replicaOffer[1] = A2_SPOT;
        policy.onReplicaLost(view, 0, FailoverPolicy.FAILURE);
        policy.onReplicaLost(view, 1, FailoverPolicy.PREEMPTION);
        assertThat(policy.chooseOffer(view)).isEqualTo(A1_SPOT);
        assertThat(policy.chooseOffer(view)).isEqualTo(B_SPOT);
    }

    @Test
    void shouldNotExcludeTheRegionWhenEveryAllowedOfferIsInIt()
    {
        final CloudModel model = SkyPilotWorld.model(b -> { });
        final FakeView view = new FakeView(model);
        final SkyPilotRecovery.Settings settings = new SkyPilotRecovery.Settings(1);
        settings.allowedMarket[CloudModel.SPOT] = false;
        final PlacementPolicy policy = new EagerNextRegionPlacement(settings);
        SkyPilotWorld.lose(policy, view, A1_ON_DEMAND);
        // On-demand exists in region A only: no attempt is spent (nor backoff waited) excluding it.
        assertThat(policy.chooseOffer(view)).isEqualTo(A1_ON_DEMAND);
    }

    @Test
    void shouldRelaunchOutsideThePreemptedRegionInARunWhereCheapestPriceWouldReturnToIt()
    {
        final CloudModel model = SkyPilotWorld.model(b -> {
            b.fault(10 * MINUTE, FaultKind.PREEMPT.code(), 0, REGION_A, -1, 1);
            b.fault(20 * MINUTE, FaultKind.PREEMPT.code(), 0, REGION_B, -1, 1);
        });
        final BoundedDecisionLog log = SkyPilotWorld.log();
        final Simulation eager = SkyPilotWorld.run(model, 1, 5, log, eager(model));
        assertThat(SkyPilotWorld.launchedOffers(eager)).containsExactly(A1_SPOT, B_SPOT, A1_SPOT);
        assertThat(eager.replicaLaunchNs(1)).isEqualTo(10 * MINUTE);
        assertThat(eager.replicaLaunchNs(2)).isEqualTo(20 * MINUTE);
        final List<Integer> excludedChoices = new ArrayList<>();
        for (int d = 0; d < log.size(); d++)
        {
            if (EagerNextRegionPlacement.RULE_EXCLUDED.equals(log.rule(d)))
            {
                excludedChoices.add(log.chosen(d));
                // The first relaunch leaves region A (both zones, both markets), the second region B.
                final boolean leavesA = log.chosen(d) == B_SPOT;
                assertThat(log.score(d, A1_SPOT, SkyPilotRecovery.EXCLUDED)).isEqualTo(leavesA ? 1 : 0);
                assertThat(log.score(d, A2_SPOT, SkyPilotRecovery.EXCLUDED)).isEqualTo(leavesA ? 1 : 0);
                assertThat(log.score(d, A1_ON_DEMAND, SkyPilotRecovery.EXCLUDED)).isEqualTo(leavesA ? 1 : 0);
                assertThat(log.score(d, B_SPOT, SkyPilotRecovery.EXCLUDED)).isEqualTo(leavesA ? 0 : 1);
                assertThat(log.score(d, A1_SPOT, SkyPilotRecovery.AVAILABLE)).isEqualTo(1);
            }
        }
        assertThat(excludedChoices).containsExactly(B_SPOT, A1_SPOT);

        // What SkyPilot's unblocked recovery does: re-optimize and land in the preempted region again.
        final Simulation cheapest = SkyPilotWorld.run(model, 1, 5, SkyPilotWorld.log(),
            new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true}));
        assertThat(SkyPilotWorld.launchedOffers(cheapest)).containsExactly(A1_SPOT, A1_SPOT);
    }

    /** Region A goes down at 10 minutes with both replicas; B and C cannot launch from 9 to 14 minutes. */
    private static CloudModel outage()
    {
        return SkyPilotWorld.model(b -> {
            b.fault(10 * MINUTE, FaultKind.OUTAGE_START.code(), 0, REGION_A, -1, 0);
            b.fault(25 * MINUTE, FaultKind.OUTAGE_END.code(), 0, REGION_A, -1, 0);
            for (final int zone : new int[] {2, 3})
            {
                b.zoneFault(9 * MINUTE, FaultKind.UNAVAILABLE.code(), zone, -1, 0);
                b.zoneFault(14 * MINUTE, FaultKind.AVAILABLE.code(), zone, -1, 0);
            }
        });
    }

    @Test
    void shouldRelaunchAfterARegionOutageAtTheTimesItsBackoffGivesWhenSeeded()
    {
        final CloudModel model = outage();
        for (long seed = 1; seed <= 6; seed++)
        {
            final BoundedDecisionLog log = SkyPilotWorld.log();
            final Simulation simulation = SkyPilotWorld.run(model, 2, seed, log, eager(model));

            final List<Long> attempts = SkyPilotWorld.attemptTimes(log);
            // The first launches at time 0, then the recovery's attempts.
            assertThat(attempts.remove(0)).isEqualTo(0L);
            final long relaunchNs = attempts.get(attempts.size() - 1);
            assertThat(attempts.get(0)).isEqualTo(10 * MINUTE);
            assertThat(relaunchNs).isGreaterThanOrEqualTo(14 * MINUTE);
            assertThat(attempts.get(attempts.size() - 2)).isLessThan(14 * MINUTE);
            final List<Long> gaps = new ArrayList<>();
            for (int i = 1; i < attempts.size(); i++)
            {
                gaps.add(attempts.get(i) - attempts.get(i - 1));
            }
            // Two gaps while region A is excluded, then a fresh backoff anywhere (A is down too).
            SkyPilotFailoverPlacementTest.assertGrowth(gaps.subList(0, Math.min(2, gaps.size())));
            if (gaps.size() > 2)
            {
                SkyPilotFailoverPlacementTest.assertGrowth(gaps.subList(2, gaps.size()));
            }
            // Both lost replicas come back at the first attempt after B reopens, in B (cheaper than C).
            assertThat(SkyPilotWorld.launchedOffers(simulation)).containsExactly(A1_SPOT, A1_SPOT, B_SPOT, B_SPOT);
            assertThat(simulation.replicaLaunchNs(2)).isEqualTo(relaunchNs);
            assertThat(simulation.replicaLaunchNs(3)).isEqualTo(relaunchNs);
        }
    }

    @Test
    void shouldRelaunchAtTheSameTimesFromTheSameSeedAndAtOthersFromAnother()
    {
        final CloudModel model = outage();
        final List<Long> first = SkyPilotWorld.attemptTimes(run(model, 11));
        assertThat(SkyPilotWorld.attemptTimes(run(model, 11))).isEqualTo(first);
        assertThat(SkyPilotWorld.attemptTimes(run(model, 12))).isNotEqualTo(first);
    }

    private static BoundedDecisionLog run(final CloudModel model, final long seed)
    {
        final BoundedDecisionLog log = SkyPilotWorld.log();
        SkyPilotWorld.run(model, 2, seed, log, eager(model));
        return log;
    }

    @Test
    void shouldStartARecoveryAtOnceWhenAFirstLaunchIsBackingOff()
    {
        final CloudModel model = SkyPilotWorld.model(b -> { });
        final FakeView view = new FakeView(model);
        final PlacementPolicy policy = eager(model);
        Arrays.fill(view.unavailable, true);
        SkyPilotWorld.gapsWhileNothingIsAvailable(policy, view, 4);
        // Inside the first launch's fifth backoff (at least 36 s long), C opens up.
        policy.chooseOffer(view);
        view.nowNs += 10 * SECOND;
        view.unavailable[C_SPOT] = false;
        assertThat(policy.chooseOffer(view)).isEqualTo(-1);
        // A loss is a new job: SkyPilot's recover() tries at once, with a backoff of its own.
        SkyPilotWorld.lose(policy, view, A1_SPOT);
        assertThat(policy.chooseOffer(view)).isEqualTo(C_SPOT);
    }
}
