package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;

/** Views for the autoscaler tests: one provider, one on-demand offer of one instance type. */
final class AutoscalerViews
{
    private AutoscalerViews()
    {
    }

    /**
     * @param bootNs            the instance type's boot time.
     * @param controlIntervalNs the control interval.
     * @param durationNs        the run's duration.
     * @param load              the one client's load.
     * @return a view at time 1 of a model with two-worker replicas and 100 ms of mean work per request.
     */
    static FakeView oneType(final long bootNs, final long controlIntervalNs, final long durationNs,
        final LoadSeries load)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int provider = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int region = b.region(provider, "r", 100);
        final int type = b.instanceType(provider, "t", 2, 1.0, bootNs);
        b.offer(region, type, CloudModel.ON_DEMAND, PriceSeries.constant(1.0));
        b.client("c", load);
        b.service(CloudModel.EXPONENTIAL, 1e8, 1);
        b.times(durationNs, 0, controlIntervalNs, controlIntervalNs);
        return new FakeView(b.build());
    }
}
