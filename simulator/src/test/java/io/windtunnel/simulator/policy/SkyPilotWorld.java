package io.windtunnel.simulator.policy;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The world of the SkyPilot recovery tests: one provider, three regions of one zone each (region A has two), one
 * instance type, spot everywhere and on-demand in A. Offers: {@link #A1_SPOT} 0.10, {@link #A2_SPOT} 0.105,
 * {@link #B_SPOT} 0.11, {@link #C_SPOT} 0.12, {@link #A1_ON_DEMAND} 0.30 USD/h.
 */
final class SkyPilotWorld
{
    static final long SECOND = 1_000_000_000L;
    static final long MINUTE = 60 * SECOND;
    static final int REGION_A = 0;
    static final int REGION_B = 1;
    static final int REGION_C = 2;
    static final int A1_SPOT = 0;
    static final int A2_SPOT = 1;
    static final int B_SPOT = 2;
    static final int C_SPOT = 3;
    static final int A1_ON_DEMAND = 4;

    private SkyPilotWorld()
    {
    }

    /**
     * @param faults adds faults to the builder (provider 0, regions {@link #REGION_A}..., zones 0-3 in offer order).
     * @return the model, 30 minutes long, a control decision a minute.
     */
    static CloudModel model(final Consumer<CloudModel.Builder> faults)
    {
        return model(new double[] {0.10, 0.105, 0.11, 0.12}, faults);
    }

    /**
     * @param spotPrices USD/h of the spot offers A1, A2, B, C.
     * @param faults     adds faults to the builder.
     * @return the model.
     */
    static CloudModel model(final double[] spotPrices, final Consumer<CloudModel.Builder> faults)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int p = b.provider("p", 30 * SECOND, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int a = b.region(p, "a", 10);
        final int bRegion = b.region(p, "b", 10);
        final int c = b.region(p, "c", 10);
        final int a1 = b.zone(a, "a1");
        final int a2 = b.zone(a, "a2");
        final int b1 = b.zone(bRegion, "b1");
        final int c1 = b.zone(c, "c1");
        final int t = b.instanceType(p, "t", 2, 1.0, 20 * SECOND);
        b.offerInZone(a1, t, CloudModel.SPOT, PriceSeries.constant(spotPrices[0]));
        b.offerInZone(a2, t, CloudModel.SPOT, PriceSeries.constant(spotPrices[1]));
        b.offerInZone(b1, t, CloudModel.SPOT, PriceSeries.constant(spotPrices[2]));
        b.offerInZone(c1, t, CloudModel.SPOT, PriceSeries.constant(spotPrices[3]));
        b.offerInZone(a1, t, CloudModel.ON_DEMAND, PriceSeries.constant(0.30));
        b.client("c", LoadSeries.constant(5));
        b.service(CloudModel.EXPONENTIAL, 50_000_000, 0);
        b.times(30 * MINUTE, 0, MINUTE, MINUTE);
        faults.accept(b);
        return b.build();
    }

    /**
     * @param model    the model.
     * @param replicas the fixed fleet size.
     * @param seed     the replication's seed.
     * @param log      records the placement's decisions.
     * @param policy   the placement.
     * @return the finished run.
     */
    static Simulation run(final CloudModel model, final int replicas, final long seed, final BoundedDecisionLog log,
        final PlacementPolicy policy)
    {
        final PolicyStack stack = new PolicyStack("skypilot", Map.of(), () -> new FixedAutoscaler(replicas),
            () -> policy, RoundRobinBalancer::new, () -> new DrainOnNoticeFailover(1));
        final Simulation simulation = new Simulation(new Engine(1024), model, stack, new RandomStreams(seed));
        simulation.recordDecisions(log);
        simulation.run();
        return simulation;
    }

    /**
     * @param model a contract kit's model.
     * @return settings allowing spot on the second provider only (the kits' restricted policy).
     */
    static SkyPilotRecovery.Settings restricted(final CloudModel model)
    {
        final SkyPilotRecovery.Settings settings = new SkyPilotRecovery.Settings(model.providerNames.length);
        settings.allowedMarket[CloudModel.ON_DEMAND] = false;
        settings.allowedProvider[0] = false;
        return settings;
    }

    /**
     * @param model a contract kit's model.
     * @param offer an offer.
     * @return true if {@link #restricted} allows it.
     */
    static boolean restrictedAllows(final CloudModel model, final int offer)
    {
        return model.offerMarket[offer] == CloudModel.SPOT && model.typeProvider[model.offerType[offer]] == 1;
    }

    /**
     * Tell a policy that the view's replica 0, on {@code lostOffer}, was preempted.
     *
     * @param policy    the policy.
     * @param view      the view.
     * @param lostOffer the lost replica's offer.
     */
    static void lose(final PlacementPolicy policy, final FakeView view, final int lostOffer)
    {
        view.replicaOffer[0] = lostOffer;
        policy.onReplicaLost(view, 0, FailoverPolicy.PREEMPTION);
    }

    /** @return a log large enough for a 30-minute run. */
    static BoundedDecisionLog log()
    {
        return new BoundedDecisionLog(10_000, 100_000, 400_000);
    }

    /**
     * @param log a run's decisions.
     * @return the distinct times of launch attempts (decisions that were not "backing off"), ns, in order.
     */
    static List<Long> attemptTimes(final BoundedDecisionLog log)
    {
        final List<Long> times = new ArrayList<>();
        for (int d = 0; d < log.size(); d++)
        {
            if (!SkyPilotRecovery.RULE_BACKING_OFF.equals(log.rule(d)) &&
                (times.isEmpty() || times.get(times.size() - 1) != log.timeNs(d)))
            {
                times.add(log.timeNs(d));
            }
        }
        return times;
    }

    /**
     * @param simulation a finished run.
     * @return per replica launched, its offer.
     */
    static List<Integer> launchedOffers(final Simulation simulation)
    {
        final List<Integer> offers = new ArrayList<>();
        for (int r = 0; r < simulation.replicaCount(); r++)
        {
            offers.add(simulation.replicaOffer(r));
        }
        return offers;
    }

    /**
     * Drive a policy through a world where nothing can be launched: call it at each retry time it asks for.
     *
     * @param policy   the policy, after a loss (or none, for a first launch).
     * @param view     the view, every offer unavailable.
     * @param attempts how many gaps to collect.
     * @return the gaps between its attempts, ns.
     */
    static List<Long> gapsWhileNothingIsAvailable(final PlacementPolicy policy, final FakeView view,
        final int attempts)
    {
        final List<Long> gaps = new ArrayList<>();
        for (int i = 0; i < attempts; i++)
        {
            if (policy.chooseOffer(view) != -1)
            {
                throw new AssertionError("launched with nothing available");
            }
            final long retryNs = policy.retryLaunchAtNs(view);
            gaps.add(retryNs - view.nowNs);
            view.nowNs = retryNs;
        }
        return gaps;
    }
}
