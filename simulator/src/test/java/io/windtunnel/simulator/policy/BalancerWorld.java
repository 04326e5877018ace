package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;

/**
 * A small model for balancer tests: three regions (0 near client 0 and far from client 1, 2 the other way round, 1
 * between) and three instance types of capacity 4 (4 workers x 1.0), 3 (2 x 1.5) and 1 (1 x 1.0), each offered in
 * every region: offer {@code region x 3 + type}.
 */
final class BalancerWorld
{
    static final int BIG = 0;
    static final int FAST = 1;
    static final int SMALL = 2;

    private BalancerWorld()
    {
    }

    static CloudModel model()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int provider = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int[] regions = {b.region(provider, "near", 100), b.region(provider, "mid", 100),
            b.region(provider, "far", 100)};
        final int[] types = {b.instanceType(provider, "big", 4, 1.0, 0), b.instanceType(provider, "fast", 2, 1.5, 0),
            b.instanceType(provider, "small", 1, 1.0, 0)};
        for (final int region : regions)
        {
            for (final int type : types)
            {
                b.offer(region, type, CloudModel.ON_DEMAND, PriceSeries.constant(1.0));
            }
        }
        final int c0 = b.client("c0", LoadSeries.constant(1));
        final int c1 = b.client("c1", LoadSeries.constant(1));
        final long ms = 1_000_000L;
        b.rtt(c0, regions[0], 5 * ms).rtt(c0, regions[1], 40 * ms).rtt(c0, regions[2], 100 * ms);
        b.rtt(c1, regions[0], 100 * ms).rtt(c1, regions[1], 40 * ms).rtt(c1, regions[2], 5 * ms);
        b.service(CloudModel.EXPONENTIAL, 1e6, 1);
        b.times(3_600_000_000_000L, 0, 60_000_000_000L, 60_000_000_000L);
        return b.build();
    }

    /** @return the offer of a type in a region. */
    static int offer(final int region, final int type)
    {
        return region * 3 + type;
    }

    /** A view over {@link #model()} whose ready replicas are 0..n-1 with the given offers. */
    static FakeView view(final int... offers)
    {
        final FakeView view = new FakeView(model());
        view.ready = new int[offers.length];
        for (int i = 0; i < offers.length; i++)
        {
            view.ready[i] = i;
            view.replicaOffer[i] = offers[i];
        }
        return view;
    }
}
