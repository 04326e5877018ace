package io.windtunnel.simulator;

import io.windtunnel.engine.metrics.CompensatedSum;
import io.windtunnel.engine.metrics.TimeSeriesSampler;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.model.CloudModel;

import java.util.ArrayList;
import java.util.List;

/**
 * A run's cost: each replica is billed once, when it ends (or at the run's end), by its provider's
 * {@link BillingRule} over its offer's price series, into a compensated sum per offer; meanwhile the time series
 * shows cost as it accrues, row by row ({@link #accrue}), in {@code cost_usd} and in its cost group's column, and the
 * final bill adds what the rows have not (minimum billed time, rounding, a preemption refund), so that the rows add up
 * to the bill.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none after setup, except
 * {@link #totalCostUsd()} (a result, read after the run).
 */
final class Billing
{
    private final CloudModel model;
    private final ReplicaTable replicas;
    private final TimeSeriesSampler series;
    private final CompensatedSum[] offerCostUsd;
    /** Per offer: the time-series column of its cost group. */
    private final int[] offerCostColumn;

    /**
     * @param model    the run's model.
     * @param replicas the run's replicas (offer, launch time, cost accrued so far).
     * @param series   the run's time series, {@link RunMetrics#COLUMNS} then {@link #costGroups}.
     */
    Billing(final CloudModel model, final ReplicaTable replicas, final TimeSeriesSampler series)
    {
        this.model = model;
        this.replicas = replicas;
        this.series = series;
        offerCostUsd = new CompensatedSum[model.offers()];
        for (int i = 0; i < offerCostUsd.length; i++)
        {
            offerCostUsd[i] = new CompensatedSum();
        }
        offerCostColumn = new int[model.offers()];
        final List<String> groups = costGroups(model);
        for (int offer = 0; offer < offerCostColumn.length; offer++)
        {
            offerCostColumn[offer] = RunMetrics.COLUMNS.length + groups.indexOf(costGroup(model, offer));
        }
    }

    /**
     * The cost breakdown of the time series: one column per {@code provider/region/market} that has an offer, in
     * offer order.
     *
     * @param model a model.
     * @return the group names, e.g. {@code aws/us-east-1/spot}.
     */
    static List<String> costGroups(final CloudModel model)
    {
        final List<String> groups = new ArrayList<>();
        for (int offer = 0; offer < model.offers(); offer++)
        {
            final String group = costGroup(model, offer);
            if (!groups.contains(group))
            {
                groups.add(group);
            }
        }
        return groups;
    }

    private static String costGroup(final CloudModel model, final int offer)
    {
        final int region = model.offerRegion[offer];
        return model.providerNames[model.regionProvider[region]] + "/" + model.regionNames[region] + "/" +
            (model.offerMarket[offer] == CloudModel.SPOT ? "spot" : "on-demand");
    }

    /**
     * Bill a replica from its launch to {@code endNs}; the part its rows have not shown yet goes into the row of
     * {@code endNs}.
     *
     * @param replica   the replica.
     * @param endNs     when it ended (or the run's end).
     * @param preempted true if the provider ended it (some providers refund the partial unit).
     */
    void bill(final int replica, final long endNs, final boolean preempted)
    {
        final int offer = replicas.offer[replica];
        final BillingRule rule = model.providerBilling[model.typeProvider[model.offerType[offer]]];
        final double costUsd = rule.costUsd(model.offerPrice[offer], replicas.launchNs[replica], endNs, preempted);
        offerCostUsd[offer].add(costUsd);
        final long rowNs = endNs > 0 ? endNs - 1 : 0;
        final double[] accruedUsd = replicas.accruedUsd;
        series.add(rowNs, RunMetrics.COL_COST, costUsd - accruedUsd[replica]);
        series.add(rowNs, offerCostColumn[offer], costUsd - accruedUsd[replica]);
        accruedUsd[replica] = costUsd;
    }

    /**
     * Bill every replica still running at the run's end, not as preempted.
     *
     * @param endNs the run's end.
     */
    void billRunning(final long endNs)
    {
        for (int r = 0; r < replicas.count; r++)
        {
            if (replicas.state[r] < Simulation.TERMINATED)
            {
                bill(r, endNs, false);
            }
        }
    }

    /**
     * Accrue the running replicas' cost over the row {@code [fromNs, nowNs)} into the row.
     *
     * @param fromNs the row's start.
     * @param nowNs  the row's end.
     */
    void accrue(final long fromNs, final long nowNs)
    {
        final long rowNs = nowNs - 1;
        for (int r = 0; r < replicas.count; r++)
        {
            // A replica launched by the control event at this very time has nothing to accrue yet; skipping it
            // keeps the rare empty-window branch out of the compiled loop (its first use deoptimized and allocated).
            if (replicas.state[r] < Simulation.TERMINATED && replicas.launchNs[r] < nowNs)
            {
                final int offer = replicas.offer[r];
                final double usd = model.offerPrice[offer].integrateUsd(Math.max(fromNs, replicas.launchNs[r]), nowNs);
                replicas.accruedUsd[r] += usd;
                series.add(rowNs, RunMetrics.COL_COST, usd);
                series.add(rowNs, offerCostColumn[offer], usd);
            }
        }
    }

    /**
     * @param offer an offer.
     * @return billed cost of that offer's replicas so far, USD.
     */
    double offerCostUsd(final int offer)
    {
        return offerCostUsd[offer].get();
    }

    /**
     * @return total billed cost so far, USD (allocates a sum: a result, not for the event path).
     */
    double totalCostUsd()
    {
        final CompensatedSum sum = new CompensatedSum();
        for (final CompensatedSum offer : offerCostUsd)
        {
            sum.add(offer.get());
        }
        return sum.get();
    }
}
