package io.windtunnel.simulator.transfer;

import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.storage.StorageModel;

import java.util.function.IntPredicate;
import java.util.function.IntToDoubleFunction;

/**
 * The expected transfer cost of serving one request from a replica of an offer, for policies that weigh it against
 * the price of compute (placement near the data, the storage LP): the mean data-set read
 * ({@link TransferModel#readSize}) from the data location the replica reads from, billed to that location's
 * provider, plus the mean response ({@link TransferModel#responseSize}) to the clients, billed to the offer's
 * provider. Requests are ingress, which nobody bills, so they do not count.
 * <p>
 * <b>Prices.</b> Each part at the <em>marginal</em> price of its link class ({@link TransferPrices#usdPerGbAt}) at
 * the volume its sending provider has moved on that class so far this calendar month
 * ({@link TransferLedger#monthVolumeBytes}): the price the next requests will pay, not the month's average. A plan
 * that ends up moving the provider into the next tier is not foreseen; the next decision sees the new tier.
 * <p>
 * <b>Clients.</b> A response crosses the link between the replica's region and a client region, whose class is
 * {@link LinkClass#ofClient}: it depends on the replica's region only (internet, or the edge class from an edge
 * site), as does its price. The mean over clients weighted by their observed arrival rates is therefore that one
 * price times the mean response size, whatever the weights.
 * <p>
 * <b>Where the data is.</b> The locations are the storage locations ({@link CloudModel#storage}) when the model has
 * a {@code storage:} section, else the fixed {@code transfer.data} locations ({@link TransferModel#dataRegion}). A
 * replica reads from the nearest one that serves (lowest {@link LinkClass} code, then lowest index, as the request
 * path chooses); the fixed locations always serve, storage locations when the {@code serving} test given at
 * construction says so. With no serving location (or no data-set read) there is no read part.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none after construction; each call is
 * O(locations).
 */
public final class TransferEstimate
{
    private final CloudModel model;
    private final TransferModel transfer;
    private final TransferLedger ledger;
    private final IntPredicate serving;
    private final IntToDoubleFunction clientRatePerSec;
    private final int[] locationRegion;
    private final int[] locationZone;
    /** Scratch: which locations serve, filled per {@link #nearestServing} call. */
    private final boolean[] servingNow;

    /**
     * @param model   the run's model; its {@link CloudModel#transfer} is not null.
     * @param ledger  the run's ledger (the monthly volumes that set the tiers).
     * @param serving with a {@code storage:} section: does storage location {@code l} serve reads now (not read
     *                without one).
     * @param clientRatePerSec per client: its observed arrival rate, the weight of its mean sizes when sizes come
     *                from the request logs (equal weights while none is observed).
     */
    public TransferEstimate(final CloudModel model, final TransferLedger ledger, final IntPredicate serving,
        final IntToDoubleFunction clientRatePerSec)
    {
        if (model.transfer == null)
        {
            throw new IllegalArgumentException("a transfer estimate needs a model with bytes (transfer:)");
        }
        this.model = model;
        this.transfer = model.transfer;
        this.ledger = ledger;
        this.serving = serving;
        this.clientRatePerSec = clientRatePerSec;
        final StorageModel storage = model.storage;
        this.locationRegion = storage != null ? storage.locationRegion.clone() : transfer.dataRegion.clone();
        this.locationZone = storage != null ? storage.locationZone.clone() : transfer.dataZone.clone();
        this.servingNow = new boolean[locationRegion.length];
    }

    /**
     * @return the number of data locations (storage locations, or the fixed {@code transfer.data} ones).
     */
    public int locations()
    {
        return locationRegion.length;
    }

    /**
     * @param offer    an offer.
     * @param location a data location.
     * @return the {@link LinkClass} of a read by a replica of the offer from the location.
     */
    public int readClass(final int offer, final int location)
    {
        return LinkClass.between(model, model.offerRegion[offer], model.offerZone[offer], locationRegion[location],
            locationZone[location]);
    }

    /**
     * @param offer an offer.
     * @return the data location its replicas read from now: the serving one on the lowest link class, then the
     *     lowest index; -1 if none serves.
     */
    public int nearestServing(final int offer)
    {
        final boolean fixed = model.storage == null;
        for (int location = 0; location < servingNow.length; location++)
        {
            servingNow[location] = fixed || serving.test(location);
        }
        return LinkClass.nearest(model, model.offerRegion[offer], model.offerZone[offer], locationRegion,
            locationZone, servingNow);
    }

    /**
     * The expected transfer cost of one request served by a replica of the offer reading from {@code location}.
     *
     * @param nowNs    simulated time (the month whose volumes set the tiers).
     * @param offer    an offer.
     * @param location the data location it reads from, or -1 for none (no read part).
     * @return USD per request.
     */
    public double usdPerRequest(final long nowNs, final int offer, final int location)
    {
        final int offerRegion = model.offerRegion[offer];
        double usd = 0;
        if (transfer.responseSize != null || transfer.sizeFromLog(ArrivalLog.RESPONSE_BYTES))
        {
            final int linkClass = LinkClass.ofClient(model, offerRegion);
            usd += meanBytes(ArrivalLog.RESPONSE_BYTES) / ByteUnits.BYTES_PER_GB *
                marginalUsdPerGb(nowNs, model.regionProvider[offerRegion], linkClass);
        }
        if (transfer.reads() && location >= 0)
        {
            final int linkClass = readClass(offer, location);
            usd += meanBytes(ArrivalLog.READ_BYTES) / ByteUnits.BYTES_PER_GB *
                marginalUsdPerGb(nowNs, model.regionProvider[locationRegion[location]], linkClass);
        }
        return usd;
    }

    /**
     * The mean size per request: the size distribution's mean ({@link TransferModel#meanBytes} without a log), or,
     * when the size comes from the request logs, the clients' mean logged sizes weighted by their observed arrival
     * rates (equal weights while no arrival is observed). O(clients), no allocation.
     */
    private double meanBytes(final int column)
    {
        if (!transfer.sizeFromLog(column))
        {
            return transfer.meanBytes(column, null);
        }
        final int clients = model.clientNames.length;
        double weighted = 0;
        double weights = 0;
        for (int c = 0; c < clients; c++)
        {
            final double w = clientRatePerSec.applyAsDouble(c);
            weighted += w * transfer.meanBytes(column, model.clientArrivals[c]);
            weights += w;
        }
        if (weights > 0)
        {
            return weighted / weights;
        }
        double sum = 0;
        for (int c = 0; c < clients; c++)
        {
            sum += transfer.meanBytes(column, model.clientArrivals[c]);
        }
        return sum / clients;
    }

    /**
     * What copying {@code bytes} from one data location to another would cost now: the exact tiered integral
     * ({@link TransferPrices#costUsd}) on their link class, billed to the sending location's provider from its
     * current monthly volume (a large copy may cross tiers).
     *
     * @param nowNs simulated time.
     * @param from  the sending location.
     * @param to    the receiving location.
     * @param bytes the copy's size.
     * @return USD.
     */
    public double copyUsd(final long nowNs, final int from, final int to, final long bytes)
    {
        final int linkClass = LinkClass.between(model, locationRegion[from], locationZone[from], locationRegion[to],
            locationZone[to]);
        final int provider = model.regionProvider[locationRegion[from]];
        return transfer.prices.costUsd(provider, linkClass, nowNs, ledger.monthVolumeBytes(nowNs, provider,
            linkClass), bytes);
    }

    private double marginalUsdPerGb(final long nowNs, final int provider, final int linkClass)
    {
        return transfer.prices.usdPerGbAt(provider, linkClass, nowNs,
            ledger.monthVolumeBytes(nowNs, provider, linkClass));
    }
}
