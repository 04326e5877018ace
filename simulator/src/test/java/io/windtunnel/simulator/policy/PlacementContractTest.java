package io.windtunnel.simulator.policy;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.CloudModel;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every placement policy must do: never launch an unavailable offer (region or zone down, spot pool gone, the
 * region's quota used up: {@link SimulationView#offerAvailable}) nor one its parameters disallow, whether it answers
 * one offer per launch or with a plan ({@link PlacementPolicy#planAllocation}: no negative target, no increase on an
 * unavailable or disallowed offer); and keep every request ending exactly once through a faulty run. Subclass it per
 * placement policy as {@code <Policy>Test}.
 */
abstract class PlacementContractTest
{
    /**
     * @param model the model.
     * @return a fresh policy allowed every offer.
     */
    abstract PlacementPolicy newPlacement(CloudModel model);

    /**
     * @param model the model.
     * @return a fresh policy whose parameters disallow some offers of the model (and allow at least one).
     */
    abstract PlacementPolicy newRestricted(CloudModel model);

    /**
     * @param model the model.
     * @param offer an offer.
     * @return true if {@link #newRestricted}'s parameters allow it.
     */
    abstract boolean restrictedAllows(CloudModel model, int offer);

    /** Checks every answer of a policy against the contract; delegates everything. */
    private static final class Checked implements PlacementPolicy
    {
        private final PlacementPolicy delegate;
        private final CloudModel model;
        private final PlacementContractTest kit;
        private final boolean restricted;
        final List<String> problems = new ArrayList<>();
        int choices;
        int plans;

        Checked(final PlacementContractTest kit, final CloudModel model, final boolean restricted)
        {
            this.kit = kit;
            this.model = model;
            this.restricted = restricted;
            this.delegate = restricted ? kit.newRestricted(model) : kit.newPlacement(model);
        }

        @Override
        public int chooseOffer(final SimulationView view)
        {
            final int offer = delegate.chooseOffer(view);
            choices++;
            if (offer < -1 || offer >= model.offers())
            {
                problems.add("offer " + offer + " at " + view.nowNs());
            }
            else if (offer >= 0 && !view.offerAvailable(offer))
            {
                problems.add("unavailable offer " + offer + " at " + view.nowNs());
            }
            else if (offer >= 0 && restricted && !kit.restrictedAllows(model, offer))
            {
                problems.add("disallowed offer " + offer + " at " + view.nowNs());
            }
            return offer;
        }

        @Override
        public boolean planAllocation(
            final SimulationView view, final int desiredReplicas, final int[] replicasPerOffer)
        {
            final int[] before = replicasPerOffer.clone();
            final boolean planned = delegate.planAllocation(view, desiredReplicas, replicasPerOffer);
            if (!planned)
            {
                return false;
            }
            plans++;
            for (int offer = 0; offer < replicasPerOffer.length; offer++)
            {
                if (replicasPerOffer[offer] < 0)
                {
                    problems.add("negative target for offer " + offer);
                }
                else if (replicasPerOffer[offer] > before[offer] &&
                    (!view.offerAvailable(offer) || restricted && !kit.restrictedAllows(model, offer)))
                {
                    problems.add("more replicas planned on unavailable or disallowed offer " + offer + " at " +
                        view.nowNs());
                }
            }
            return true;
        }
    }

    @Test
    void shouldChooseOnlyAvailableAllowedOffersWhenAvailabilityAndQuotasVary()
    {
        final CloudModel model = ContractRuns.model();
        final FakeView view = new FakeView(model);
        final Checked open = new Checked(this, model, false);
        final Checked restricted = new Checked(this, model, true);
        final RandomStream random = new RandomStream(23);
        for (int round = 0; round < 500; round++)
        {
            for (int o = 0; o < model.offers(); o++)
            {
                view.unavailable[o] = random.bernoulli(0.4);
                view.price[o] = random.uniform(0.01, 1.0);
            }
            for (int region = 0; region < view.regionRunning.length; region++)
            {
                // Around the quota: some regions full, some with room.
                view.regionRunning[region] = model.regionQuota[region] - 1 + random.nextInt(3);
            }
            final int[] plan = new int[model.offers()];
            for (int o = 0; o < plan.length; o++)
            {
                plan[o] = random.nextInt(4);
            }
            open.chooseOffer(view);
            restricted.chooseOffer(view);
            open.planAllocation(view, random.nextInt(20), plan.clone());
            restricted.planAllocation(view, random.nextInt(20), plan.clone());
        }
        assertThat(open.problems).isEmpty();
        assertThat(restricted.problems).isEmpty();
    }

    @Test
    void shouldLaunchOnlyAvailableOffersAndKeepRequestsEndingOnceWhenOffersFailAndFillUp()
    {
        final Checked open = new Checked(this, ContractRuns.model(), false);
        final Simulation simulation = ContractRuns.runAndCheckConservation(null, open, null, null);

        assertThat(open.problems).isEmpty();
        assertThat(open.choices + open.plans).isPositive();
        assertThat(simulation.launches()).isPositive();
    }

    @Test
    void shouldLaunchOnlyAllowedOffersWhenRestricted()
    {
        final CloudModel model = ContractRuns.model();
        final Checked restricted = new Checked(this, model, true);
        final Simulation simulation = ContractRuns.runAndCheckConservation(null, restricted, null, null);

        assertThat(restricted.problems).isEmpty();
        assertThat(simulation.launches()).isPositive();
        for (int replica = 0; replica < simulation.launches(); replica++)
        {
            assertThat(restrictedAllows(model, simulation.replicaOffer(replica))).as("replica %d", replica).isTrue();
        }
    }
}
