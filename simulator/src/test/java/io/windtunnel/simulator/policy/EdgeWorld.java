package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;

/**
 * A small model for the edge policies' tests: two cloud regions ({@link #NEAR}, {@link #FAR}) and two edge sites
 * ({@link #SITE_A} near clients 0 and 1, {@link #SITE_B} farther than the cloud from everyone), one 2-worker type
 * each, one offer per region (offer = region). Client 0 is 30 ms from the near cloud region (its SLO of 100 ms is
 * easy there), client 1 is 150 ms from it (the cloud cannot meet the SLO), client 2 has no near site (site A is
 * farther from it than the cloud). Work: 10 ms mean.
 */
final class EdgeWorld
{
    static final int NEAR = 0;
    static final int FAR = 1;
    static final int SITE_A = 2;
    static final int SITE_B = 3;
    static final long MS = 1_000_000L;

    private EdgeWorld()
    {
    }

    static CloudModel model()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int cloud = b.provider("cloud", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int edge = b.provider("edge", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int[] regions = {b.region(cloud, "near", 100), b.region(cloud, "far", 100),
            b.region(edge, "site-a", 2), b.region(edge, "site-b", 2)};
        b.edgeSite(regions[SITE_A]).edgeSite(regions[SITE_B]);
        final int vm = b.instanceType(cloud, "vm", 2, 1.0, 0);
        final int box = b.instanceType(edge, "box", 2, 1.0, 0);
        b.offer(regions[NEAR], vm, CloudModel.ON_DEMAND, PriceSeries.constant(0.1));
        b.offer(regions[FAR], vm, CloudModel.ON_DEMAND, PriceSeries.constant(0.08));
        b.offer(regions[SITE_A], box, CloudModel.ON_DEMAND, PriceSeries.constant(0.3));
        b.offer(regions[SITE_B], box, CloudModel.ON_DEMAND, PriceSeries.constant(0.3));
        final long[][] rttMs = {{30, 80, 5, 300}, {150, 200, 8, 300}, {40, 90, 100, 300}};
        for (int c = 0; c < rttMs.length; c++)
        {
            final int client = b.client("c" + c, LoadSeries.constant(1));
            for (int r = 0; r < regions.length; r++)
            {
                b.rtt(client, regions[r], rttMs[c][r] * MS);
            }
        }
        b.service(CloudModel.EXPONENTIAL, 10 * MS, 1);
        b.slo(100 * MS, 1);
        b.times(3_600_000_000_000L, 0, 60_000_000_000L, 60_000_000_000L);
        return b.build();
    }

    /** A view over {@link #model()} whose ready replicas are 0..n-1 in the given regions (offer = region). */
    static FakeView view(final int... regions)
    {
        final FakeView view = new FakeView(model());
        view.ready = new int[regions.length];
        for (int i = 0; i < regions.length; i++)
        {
            view.ready[i] = i;
            view.replicaOffer[i] = regions[i];
        }
        return view;
    }
}
