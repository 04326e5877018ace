package io.windtunnel.simulator.transfer;

import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;

/**
 * A scenario's bytes: request and response sizes (drawn, or taken from the clients' request logs:
 * {@link #sizeFromLog}), what each request reads from a data set and where that data set
 * lives, the transfer prices, and bandwidth and latency per {@link LinkClass}. Held by {@link CloudModel#transfer};
 * a model without it (null) has no bytes at all, and its runs are those of before bytes existed.
 * <p>
 * <b>Time.</b> A transfer of {@code n} bytes on class {@code c} takes {@code n * 8 / bitsPerSec[c]} seconds, or over
 * a region's uplink ({@link #uplinkBitsPerSec}) whichever is slower. Each transfer has the whole bandwidth (no sharing
 * between concurrent transfers is modelled). A request's bytes add to its way out, a response's to its way back; a
 * data-set read adds the class's read round trip ({@link #readRttNs}) and its bytes' time to the service, holding the
 * worker.
 * <p>
 * <b>Threading:</b> immutable; shared by every run of a scenario. <b>Allocation:</b> none after construction.
 */
public final class TransferModel
{
    /** Default bandwidth per class, bit/s: assumptions for a single flow, not provider figures (see the docs). */
    public static final double[] DEFAULT_BITS_PER_SEC = {10e9, 5e9, 1e9, 100e6, 100e6};
    /** Default data-read round trip per class, ns: rough assumptions (see the docs). */
    public static final long[] DEFAULT_READ_RTT_NS = {200_000L, 1_000_000L, 60_000_000L, 80_000_000L, 20_000_000L};

    /** Request size (client to replica), or null for none. */
    public final SizeDistribution requestSize;
    /** Response size (replica to client), or null for none. */
    public final SizeDistribution responseSize;
    /** Bytes read from the data set per request, or null for no data set. */
    public final SizeDistribution readSize;
    /** Data-set locations: region of each. */
    public final int[] dataRegion;
    /** Data-set locations: zone of each, or {@link CloudModel#NO_ZONE}. */
    public final int[] dataZone;
    /** Transfer prices. */
    public final TransferPrices prices;
    /** Bandwidth per class, bit/s. */
    public final double[] bitsPerSec;
    /** Data-read round trip per class, ns. */
    public final long[] readRttNs;
    /** Per cloud region: its uplink, bit/s, or 0 for none (only the class bandwidth applies). */
    public final double[] uplinkBitsPerSec;
    /** Epoch time of simulated time 0, ns: where calendar months (volume tiers) start. */
    public final long startEpochNs;
    /** Per {@link ArrivalLog} size column: true if sizes come from the client's request log. */
    private final boolean[] sizeFromLog;

    /**
     * @param requestSize      request size or null.
     * @param responseSize     response size or null.
     * @param readSize         data-set read per request or null.
     * @param dataRegion       data-set location regions (empty without a data set, or when the model's storage
     *                         section places it: {@code CloudModel.Builder} checks a read has one or the other).
     * @param dataZone         their zones.
     * @param prices           transfer prices.
     * @param bitsPerSec       bandwidth per class.
     * @param readRttNs        read round trip per class.
     * @param uplinkBitsPerSec per region uplink (0 none); length = the model's regions.
     * @param startEpochNs     epoch time of simulated time 0.
     */
    public TransferModel(final SizeDistribution requestSize, final SizeDistribution responseSize,
        final SizeDistribution readSize, final int[] dataRegion, final int[] dataZone, final TransferPrices prices,
        final double[] bitsPerSec, final long[] readRttNs, final double[] uplinkBitsPerSec, final long startEpochNs)
    {
        this(requestSize, responseSize, readSize, dataRegion, dataZone, prices, bitsPerSec, readRttNs,
            uplinkBitsPerSec, startEpochNs, new boolean[ArrivalLog.SIZE_COLUMNS]);
    }

    /**
     * Sizes that may come from the clients' request logs: for a column with {@code sizeFromLog} true, a request of
     * a client that replays an {@link ArrivalLog} takes its logged size, and the column's size distribution (which
     * may then be null) is the fallback for requests whose log row has none and for clients without a log; with
     * no fallback, such a request has 0 bytes (the scenario reader refuses scenarios where that would happen).
     *
     * @param requestSize      request size, the fallback of a logged one, or null.
     * @param responseSize     response size, the fallback of a logged one, or null.
     * @param readSize         data-set read per request, the fallback of a logged one, or null.
     * @param dataRegion       data-set location regions (empty without a data set).
     * @param dataZone         their zones.
     * @param prices           transfer prices.
     * @param bitsPerSec       bandwidth per class.
     * @param readRttNs        read round trip per class.
     * @param uplinkBitsPerSec per region uplink (0 none); length = the model's regions.
     * @param startEpochNs     epoch time of simulated time 0.
     * @param sizeFromLog      per size column ({@link ArrivalLog#REQUEST_BYTES}, {@link ArrivalLog#RESPONSE_BYTES},
     *                         {@link ArrivalLog#READ_BYTES}): whether sizes come from the request logs.
     */
    public TransferModel(final SizeDistribution requestSize, final SizeDistribution responseSize,
        final SizeDistribution readSize, final int[] dataRegion, final int[] dataZone, final TransferPrices prices,
        final double[] bitsPerSec, final long[] readRttNs, final double[] uplinkBitsPerSec, final long startEpochNs,
        final boolean[] sizeFromLog)
    {
        if (sizeFromLog.length != ArrivalLog.SIZE_COLUMNS)
        {
            throw new IllegalArgumentException("one log flag per size column");
        }
        if (dataRegion.length != dataZone.length || bitsPerSec.length != LinkClass.COUNT ||
            readRttNs.length != LinkClass.COUNT)
        {
            throw new IllegalArgumentException("transfer tables of the wrong length");
        }
        this.requestSize = requestSize;
        this.responseSize = responseSize;
        this.readSize = readSize;
        this.dataRegion = dataRegion.clone();
        this.dataZone = dataZone.clone();
        this.prices = prices;
        this.bitsPerSec = bitsPerSec.clone();
        this.readRttNs = readRttNs.clone();
        this.uplinkBitsPerSec = uplinkBitsPerSec.clone();
        this.startEpochNs = startEpochNs;
        this.sizeFromLog = sizeFromLog.clone();
    }

    /**
     * The mean size per request of one client, for estimates (the run itself takes each request's own size): the
     * mean of its log's sizes (with the fallback's mean for rows without one) where the size comes from the log and
     * the client has one, else the size distribution's mean (0 without one).
     *
     * @param column an {@link ArrivalLog} size column.
     * @param log    the client's arrival log ({@link CloudModel#clientArrivals}), or null.
     * @return mean bytes per request.
     */
    public double meanBytes(final int column, final ArrivalLog log)
    {
        final SizeDistribution size = column == ArrivalLog.REQUEST_BYTES ? requestSize :
            column == ArrivalLog.RESPONSE_BYTES ? responseSize : readSize;
        final double fallback = size == null ? 0 : size.meanBytes();
        return sizeFromLog[column] && log != null ? log.meanSizeBytes(column, fallback) : fallback;
    }

    /**
     * @return true if requests read the data set (a read size, drawn or from the request logs).
     */
    public boolean reads()
    {
        return readSize != null || sizeFromLog[ArrivalLog.READ_BYTES];
    }

    /**
     * @param column an {@link ArrivalLog} size column.
     * @return true if that size comes from the clients' request logs (the column's distribution is the fallback).
     */
    public boolean sizeFromLog(final int column)
    {
        return sizeFromLog[column];
    }

    /**
     * Sizes only, with the default prices ({@link TransferPrices#awsExample()}), bandwidths and no uplink limits.
     *
     * @param requestSize  request size or null.
     * @param responseSize response size or null.
     * @param regions      the model's number of regions.
     * @return the settings.
     */
    public static TransferModel sizes(final SizeDistribution requestSize, final SizeDistribution responseSize,
        final int regions)
    {
        return new TransferModel(requestSize, responseSize, null, new int[0], new int[0],
            TransferPrices.awsExample(), DEFAULT_BITS_PER_SEC, DEFAULT_READ_RTT_NS, new double[regions], 0);
    }

    /**
     * @param bytes     bytes moved.
     * @param linkClass the class.
     * @param region    the cloud region at one end (its uplink may be slower than the class).
     * @return the time the bytes take, ns.
     */
    public long transferNs(final long bytes, final int linkClass, final int region)
    {
        final double uplink = uplinkBitsPerSec[region];
        final double bps = uplink > 0 && uplink < bitsPerSec[linkClass] ? uplink : bitsPerSec[linkClass];
        return (long)(bytes * 8e9 / bps + 0.5);
    }
}
