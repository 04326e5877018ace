package io.windtunnel.simulator;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.transfer.LinkClass;
import io.windtunnel.simulator.transfer.SizeDistribution;
import io.windtunnel.simulator.transfer.TransferLedger;
import io.windtunnel.simulator.transfer.TransferModel;

import java.util.Arrays;

/**
 * The request path's bytes, for a model with {@link CloudModel#transfer}: each request's sizes, drawn at arrival, and
 * the time and ledger entry of each transfer (request out, data-set read, response back). The request path calls it
 * only behind a final flag fixed at setup, so runs without bytes never come here.
 * <p>
 * <b>Random numbers.</b> Sizes come from their own streams, {@code ("request-bytes", client)},
 * {@code ("response-bytes", client)} and {@code ("read-bytes", client)}, drawn at arrival: every stack sees the same
 * sizes for the same requests, and no stream of a run without bytes moves. A size taken from a request log
 * ({@link TransferModel#sizeFromLog}) uses no random number; its stream is drawn only for requests whose log row has
 * no size (the fallback).
 * <p>
 * <b>Data set.</b> A replica reads from the data-set location on the cheapest-to-reach link (lowest class code:
 * same zone, other zone, other region, internet, edge; the first listed on a tie), chosen per offer at setup; with a
 * {@code storage:} section, among the locations serving now ({@link DataPlacement}), recomputed when they change.
 * <p>
 * <b>Threading:</b> not thread-safe; owned by one run. <b>Allocation:</b> none per request once the size arrays have
 * grown to the request table's peak.
 */
final class TransferPath
{
    private final CloudModel model;
    private final TransferModel transfer;
    private final ReplicaTable replicas;
    private final TransferLedger ledger;
    private final RandomStream[] requestStreams;
    private final RandomStream[] responseStreams;
    private final RandomStream[] readStreams;
    /** Data-set locations: region and zone of each ({@code transfer.data.locations}, or the storage section's). */
    private final int[] dataRegion;
    private final int[] dataZone;
    /** Per offer: the data-set location its replicas read from, or -1 without a data set. */
    private final int[] offerData;
    /** Per offer: the link class of that read. */
    private final int[] offerDataClass;
    /** The run's storage placement, told of each read (its request price); null without a storage section. */
    private DataPlacement storage;
    private long[] requestBytes = new long[1 << 16];
    private long[] responseBytes = new long[1 << 16];
    private long[] readBytes = new long[1 << 16];

    TransferPath(final CloudModel model, final ReplicaTable replicas, final RandomStreams streams,
        final TransferLedger ledger)
    {
        this.model = model;
        this.transfer = model.transfer;
        this.replicas = replicas;
        this.ledger = ledger;
        final int clients = model.clientNames.length;
        requestStreams = new RandomStream[clients];
        responseStreams = new RandomStream[clients];
        readStreams = new RandomStream[clients];
        for (int c = 0; c < clients; c++)
        {
            requestStreams[c] = streams.stream("request-bytes", c);
            responseStreams[c] = streams.stream("response-bytes", c);
            readStreams[c] = streams.stream("read-bytes", c);
        }
        offerData = new int[model.offers()];
        offerDataClass = new int[model.offers()];
        if (model.storage != null)
        {
            // The storage policy decides where the data is: DataPlacement calls locateData once it has.
            dataRegion = model.storage.locationRegion;
            dataZone = model.storage.locationZone;
            Arrays.fill(offerData, -1);
        }
        else
        {
            dataRegion = transfer.dataRegion;
            dataZone = transfer.dataZone;
            final boolean[] all = new boolean[dataRegion.length];
            Arrays.fill(all, true);
            locateData(all);
        }
    }

    /** @param placement the run's storage placement, for a model with a storage section. */
    void bindStorage(final DataPlacement placement)
    {
        this.storage = placement;
    }

    /**
     * Recompute each offer's data-set location: the nearest of the serving ones (lowest link class, then the lowest
     * index). Called at setup, and by storage placement whenever its serving set changes (never per request).
     *
     * @param serving per data-set location: does it serve reads.
     */
    void locateData(final boolean[] serving)
    {
        for (int offer = 0; offer < offerData.length; offer++)
        {
            final int region = model.offerRegion[offer];
            final int zone = model.offerZone[offer];
            final int d = LinkClass.nearest(model, region, zone, dataRegion, dataZone, serving);
            offerData[offer] = d;
            offerDataClass[offer] = d < 0 ? 0 : LinkClass.between(model, region, zone, dataRegion[d], dataZone[d]);
        }
    }

    /**
     * @param offer an offer.
     * @return the data-set location its replicas read from now, or -1 without a data set.
     */
    int offerDataLocation(final int offer)
    {
        return offerData[offer];
    }

    /**
     * A new request: its sizes, from its log row where the scenario takes them from the log and the row has them,
     * else drawn.
     *
     * @param logIndex its index in the client's arrival log, if the client replays one.
     */
    void onArrival(final int request, final int client, final int logIndex)
    {
        if (request >= requestBytes.length)
        {
            final int length = Math.max(request + 1, requestBytes.length * 2);
            requestBytes = Arrays.copyOf(requestBytes, length);
            responseBytes = Arrays.copyOf(responseBytes, length);
            readBytes = Arrays.copyOf(readBytes, length);
        }
        final ArrivalLog log = model.clientArrivals[client];
        requestBytes[request] = size(ArrivalLog.REQUEST_BYTES, transfer.requestSize, requestStreams[client], log,
            logIndex);
        responseBytes[request] = size(ArrivalLog.RESPONSE_BYTES, transfer.responseSize, responseStreams[client], log,
            logIndex);
        readBytes[request] = size(ArrivalLog.READ_BYTES, transfer.readSize, readStreams[client], log, logIndex);
    }

    /** The logged size where the column comes from the log and the row has one, else a draw (the fallback). */
    private long size(final int column, final SizeDistribution size, final RandomStream stream, final ArrivalLog log,
        final int logIndex)
    {
        if (log != null && transfer.sizeFromLog(column))
        {
            final long logged = log.sizeBytes(column, logIndex);
            if (logged >= 0)
            {
                return logged;
            }
        }
        return size == null ? 0 : size.sample(stream);
    }

    /**
     * An attempt or copy of the request goes from its client to the replica: its bytes are moved (ingress, not
     * billed).
     *
     * @param home    the request's slot whose sizes apply (a hedge copy's home).
     * @return the time they take, ns, added to the way out.
     */
    long requestNs(final long nowNs, final int home, final int replica)
    {
        return clientHop(nowNs, requestBytes[home], replica, false);
    }

    /**
     * The request starts its service: it reads its data-set bytes (billed to the data's provider).
     *
     * @return the read's time, ns, added to the service (0 without a data set).
     */
    long readNs(final long nowNs, final int home, final int replica)
    {
        final int offer = replicas.offer[replica];
        final int location = offerData[offer];
        final long size = readBytes[home];
        if (location < 0 || size <= 0)
        {
            return 0;
        }
        final int linkClass = offerDataClass[offer];
        final int region = dataRegion[location];
        ledger.record(nowNs, linkClass, model.regionProvider[region], size, true);
        if (storage != null)
        {
            storage.onRead(location);
        }
        return transfer.readRttNs[linkClass] + transfer.transferNs(size, linkClass, replicas.region[replica]);
    }

    /**
     * The response leaves the replica for the client (egress, billed to the replica's provider).
     *
     * @return the time its bytes take, ns, added to the way back.
     */
    long responseNs(final long nowNs, final int home, final int replica)
    {
        return clientHop(nowNs, responseBytes[home], replica, true);
    }

    /** Bytes between a client and a replica: into the ledger (billed to the replica's provider or not); their time. */
    private long clientHop(final long nowNs, final long size, final int replica, final boolean billed)
    {
        final int region = replicas.region[replica];
        final int linkClass = LinkClass.ofClient(model, region);
        ledger.record(nowNs, linkClass, replicas.provider[replica], size, billed);
        return transfer.transferNs(size, linkClass, region);
    }
}
