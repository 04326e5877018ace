package io.windtunnel.simulator.model;

import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.storage.StorageModel;
import io.windtunnel.simulator.transfer.TransferModel;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The static description of one scenario's world, compiled to primitive tables indexed by {@code int}: providers,
 * cloud regions, their availability zones, instance types, offers (region or zone x instance type x market, each
 * with a price series), client regions with their round-trip times, load, faults, the service model and run
 * parameters.
 * <p>
 * <b>Zones.</b> A region may have zones ({@link #zoneNames}, {@link #zoneRegion}); an offer then names one
 * ({@link #offerZone}) and a replica of it runs, is billed and is hit by zone-scoped faults in that zone. An offer
 * without a zone ({@link #NO_ZONE}) stands for the whole region, as in models without zones. Zone names are unique
 * within their region only (Azure numbers its zones 1, 2, 3 in every region). Round-trip times and quotas stay per
 * region.
 * <p>
 * Built once with {@link Builder}, then shared read-only by every run of the scenario (all stacks, all
 * replications, all threads). Arrays are exposed as public final fields for the simulation's hot path; do not
 * modify them.
 * <p>
 * <b>Threading:</b> immutable after {@link Builder#build()}; safe to share. <b>Allocation:</b> none after build.
 */
public final class CloudModel
{
    /** Market code of on-demand offers. */
    public static final int ON_DEMAND = 0;
    /** Market code of spot offers. */
    public static final int SPOT = 1;
    /** Service-time distribution: exponential. */
    public static final int EXPONENTIAL = 0;
    /** Service-time distribution: lognormal with the given mean and coefficient of variation. */
    public static final int LOGNORMAL = 1;
    /** Service-time distribution: every request takes the mean. */
    public static final int DETERMINISTIC = 2;
    /** Zone of an offer that is not placed in a zone, or of a fault that covers the whole region. */
    public static final int NO_ZONE = -1;

    /** Provider names. */
    public final String[] providerNames;
    /** Per provider: warning before a spot preemption, ns. */
    public final long[] providerNoticeNs;
    /** Per provider: billing rule. */
    public final BillingRule[] providerBilling;

    /** Cloud region names (unique across providers). */
    public final String[] regionNames;
    /** Per region: its provider. */
    public final int[] regionProvider;
    /** Per region: most replicas that may be active at once (quota). */
    public final int[] regionQuota;
    /**
     * Per region: true for an edge site (a small region near a set of clients whose quota is its hard capacity; see
     * {@link Builder#edgeSite}), false for a cloud region.
     */
    public final boolean[] regionEdge;
    /**
     * Per region: mean time between the edge site's random outages, ns (exponential up-times drawn from the run's
     * stream {@code ("edge-outages", region)}); 0 for none (cloud regions, and edge sites without {@code mtbf}).
     */
    public final long[] regionEdgeMtbfNs;
    /** Per region: how long each random edge-site outage lasts, ns; 0 where {@link #regionEdgeMtbfNs} is 0. */
    public final long[] regionEdgeRepairNs;

    /** Zone names, unique within their region. */
    public final String[] zoneNames;
    /** Per zone: its region. */
    public final int[] zoneRegion;

    /** Instance type names. */
    public final String[] typeNames;
    /** Per type: its provider. */
    public final int[] typeProvider;
    /** Per type: workers (concurrent requests) per instance. */
    public final int[] typeWorkers;
    /** Per type: speed factor; service time is the request's work divided by it. */
    public final double[] typeSpeed;
    /** Per type: delay from launch to ready, ns. */
    public final long[] typeBootNs;

    /** Per offer: region. */
    public final int[] offerRegion;
    /** Per offer: zone, or {@link #NO_ZONE} for an offer of the whole region. */
    public final int[] offerZone;
    /** Per offer: instance type. */
    public final int[] offerType;
    /** Per offer: market, {@link #ON_DEMAND} or {@link #SPOT}. */
    public final int[] offerMarket;
    /** Per offer: price over time. */
    public final PriceSeries[] offerPrice;

    /** Client region names. */
    public final String[] clientNames;
    /** Round-trip time from client region {@code c} to cloud region {@code r}: {@code rttNs[c * regions + r]}. */
    public final long[] rttNs;
    /** Uniform jitter added to each one-way network delay, in {@code [0, jitterNs)}. */
    public final long jitterNs;
    /** Per client: the load steps (a rate of zero when the client replays an arrival log). */
    public final LoadSeries[] clientLoad;
    /** Per client: the arrival log replayed instead of the rate, or null. */
    public final ArrivalLog[] clientArrivals;

    /** Faults in time order: simulated time. */
    public final long[] faultTimeNs;
    /** Faults: {@link io.windtunnel.traces.FaultKind#code()}. */
    public final int[] faultKind;
    /** Faults: provider. */
    public final int[] faultProvider;
    /** Faults: region, or -1 for every region of the provider. */
    public final int[] faultRegion;
    /** Faults: zone, or {@link #NO_ZONE} for the whole region (or every region of the provider). */
    public final int[] faultZone;
    /** Faults: instance type, or -1 for every type. */
    public final int[] faultType;
    /** Faults: count or fraction. */
    public final double[] faultValue;

    /** Service-time distribution. */
    public final int serviceDistribution;
    /** Mean work per request on a type of speed 1, ns. */
    public final double serviceMeanNs;
    /** Coefficient of variation, for {@link #LOGNORMAL}. */
    public final double serviceCv;
    /** Most requests waiting per replica; {@code Integer.MAX_VALUE} for no limit. */
    public final int queueLimit;
    /** Client timeout per attempt, ns; 0 for none. */
    public final long timeoutNs;
    /** Retries after a timeout. */
    public final int timeoutRetries;

    /** Latency objective, ns. */
    public final long sloLatencyNs;
    /** Ready replicas required for the time to count as available. */
    public final int requiredReadyReplicas;

    /** Run length, ns. */
    public final long durationNs;
    /** Statistics ignore requests arriving earlier, ns. */
    public final long warmupNs;
    /** Control-loop period, ns. */
    public final long controlIntervalNs;
    /** Time-series row and latency interval length, ns. */
    public final long sampleIntervalNs;

    /** Bytes on the wire (sizes, data set, transfer prices and bandwidth), or null for a model without bytes. */
    public final TransferModel transfer;

    /** Storage placement's candidate locations and data-set size, or null for a model without a storage section. */
    public final StorageModel storage;

    private CloudModel(final Builder b)
    {
        providerNames = b.providerNames.toArray(new String[0]);
        providerNoticeNs = toLongs(b.providerNoticeNs);
        providerBilling = b.providerBilling.toArray(new BillingRule[0]);
        regionNames = b.regionNames.toArray(new String[0]);
        regionProvider = toInts(b.regionProvider);
        regionQuota = toInts(b.regionQuota);
        regionEdge = new boolean[regionNames.length];
        regionEdgeMtbfNs = new long[regionNames.length];
        regionEdgeRepairNs = new long[regionNames.length];
        for (final long[] edge : b.edgeSites)
        {
            final int region = (int)edge[0];
            regionEdge[region] = true;
            regionEdgeMtbfNs[region] = edge[1];
            regionEdgeRepairNs[region] = edge[2];
        }
        zoneNames = b.zoneNames.toArray(new String[0]);
        zoneRegion = toInts(b.zoneRegion);
        typeNames = b.typeNames.toArray(new String[0]);
        typeProvider = toInts(b.typeProvider);
        typeWorkers = toInts(b.typeWorkers);
        typeSpeed = b.typeSpeed.stream().mapToDouble(Double::doubleValue).toArray();
        typeBootNs = toLongs(b.typeBootNs);
        offerRegion = toInts(b.offerRegion);
        offerZone = toInts(b.offerZone);
        offerType = toInts(b.offerType);
        offerMarket = toInts(b.offerMarket);
        offerPrice = b.offerPrice.toArray(new PriceSeries[0]);
        clientNames = b.clientNames.toArray(new String[0]);
        rttNs = new long[clientNames.length * regionNames.length];
        for (final long[] rtt : b.rtt)
        {
            rttNs[(int)rtt[0] * regionNames.length + (int)rtt[1]] = rtt[2];
        }
        jitterNs = b.jitterNs;
        clientLoad = b.clientLoad.toArray(new LoadSeries[0]);
        clientArrivals = b.clientArrivals.toArray(new ArrivalLog[0]);
        final int faults = b.faults.size();
        final Integer[] order = new Integer[faults];
        for (int i = 0; i < faults; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (x, y) -> Long.compare(b.faults.get(x)[0], b.faults.get(y)[0]));
        faultTimeNs = new long[faults];
        faultKind = new int[faults];
        faultProvider = new int[faults];
        faultRegion = new int[faults];
        faultZone = new int[faults];
        faultType = new int[faults];
        faultValue = new double[faults];
        for (int i = 0; i < faults; i++)
        {
            final long[] f = b.faults.get(order[i]);
            faultTimeNs[i] = f[0];
            faultKind[i] = (int)f[1];
            faultProvider[i] = (int)f[2];
            faultRegion[i] = (int)f[3];
            faultType[i] = (int)f[4];
            faultValue[i] = Double.longBitsToDouble(f[5]);
            faultZone[i] = (int)f[6];
        }
        serviceDistribution = b.serviceDistribution;
        serviceMeanNs = b.serviceMeanNs;
        serviceCv = b.serviceCv;
        queueLimit = b.queueLimit;
        timeoutNs = b.timeoutNs;
        timeoutRetries = b.timeoutRetries;
        sloLatencyNs = b.sloLatencyNs;
        requiredReadyReplicas = b.requiredReadyReplicas;
        durationNs = b.durationNs;
        warmupNs = b.warmupNs;
        controlIntervalNs = b.controlIntervalNs;
        sampleIntervalNs = b.sampleIntervalNs;
        transfer = b.transfer;
        storage = b.storage;
    }

    /**
     * @return a builder for a new model.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /**
     * @return number of offers.
     */
    public int offers()
    {
        return offerRegion.length;
    }

    /**
     * @param client client region.
     * @param region cloud region.
     * @return round-trip time, ns.
     */
    public long rttNs(final int client, final int region)
    {
        return rttNs[client * regionNames.length + region];
    }

    /**
     * @return true if any region is an edge site.
     */
    public boolean hasEdgeSites()
    {
        for (final boolean edge : regionEdge)
        {
            if (edge)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param name a provider name.
     * @return its index, or -1.
     */
    public int providerIndex(final String name)
    {
        return Arrays.asList(providerNames).indexOf(name);
    }

    /**
     * @param name a cloud region name.
     * @return its index, or -1.
     */
    public int regionIndex(final String name)
    {
        return Arrays.asList(regionNames).indexOf(name);
    }

    /**
     * @param region a cloud region.
     * @param name   a zone name.
     * @return the index of that region's zone of that name, or {@link #NO_ZONE}.
     */
    public int zoneIndex(final int region, final String name)
    {
        for (int z = 0; z < zoneNames.length; z++)
        {
            if (zoneRegion[z] == region && zoneNames[z].equals(name))
            {
                return z;
            }
        }
        return NO_ZONE;
    }

    /**
     * @return true if any offer is placed in a zone.
     */
    public boolean hasZones()
    {
        for (final int zone : offerZone)
        {
            if (zone != NO_ZONE)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * @param offer an offer.
     * @return a readable name such as {@code aws/us-east-1/m5.large/spot}, or with its zone
     * {@code aws/us-east-1/us-east-1a/m5.large/spot}.
     */
    public String describeOffer(final int offer)
    {
        final int region = offerRegion[offer];
        final int zone = offerZone[offer];
        return providerNames[regionProvider[region]] + "/" + regionNames[region] + "/" +
            (zone == NO_ZONE ? "" : zoneNames[zone] + "/") + typeNames[offerType[offer]] + "/" + marketName(offer);
    }

    /**
     * @param offer an offer.
     * @return {@code spot} or {@code on-demand}.
     */
    public String marketName(final int offer)
    {
        return offerMarket[offer] == SPOT ? "spot" : "on-demand";
    }

    private static int[] toInts(final List<Integer> list)
    {
        return list.stream().mapToInt(Integer::intValue).toArray();
    }

    private static long[] toLongs(final List<Long> list)
    {
        return list.stream().mapToLong(Long::longValue).toArray();
    }

    /**
     * Collects a model at setup. Not thread-safe.
     */
    public static final class Builder
    {
        private final List<String> providerNames = new ArrayList<>();
        private final List<Long> providerNoticeNs = new ArrayList<>();
        private final List<BillingRule> providerBilling = new ArrayList<>();
        private final List<String> regionNames = new ArrayList<>();
        private final List<Integer> regionProvider = new ArrayList<>();
        private final List<Integer> regionQuota = new ArrayList<>();
        private final List<String> zoneNames = new ArrayList<>();
        private final List<Integer> zoneRegion = new ArrayList<>();
        private final List<String> typeNames = new ArrayList<>();
        private final List<Integer> typeProvider = new ArrayList<>();
        private final List<Integer> typeWorkers = new ArrayList<>();
        private final List<Double> typeSpeed = new ArrayList<>();
        private final List<Long> typeBootNs = new ArrayList<>();
        private final List<Integer> offerRegion = new ArrayList<>();
        private final List<Integer> offerZone = new ArrayList<>();
        private final List<Integer> offerType = new ArrayList<>();
        private final List<Integer> offerMarket = new ArrayList<>();
        private final List<PriceSeries> offerPrice = new ArrayList<>();
        private final List<String> clientNames = new ArrayList<>();
        private final List<long[]> rtt = new ArrayList<>();
        private final List<LoadSeries> clientLoad = new ArrayList<>();
        private final List<ArrivalLog> clientArrivals = new ArrayList<>();
        private final List<long[]> faults = new ArrayList<>();
        /** Edge sites: region, mean time between random outages (ns, 0 for none), repair time (ns). */
        private final List<long[]> edgeSites = new ArrayList<>();
        private long jitterNs;
        private int serviceDistribution = EXPONENTIAL;
        private double serviceMeanNs = 1_000_000;
        private double serviceCv = 1;
        private int queueLimit = Integer.MAX_VALUE;
        private long timeoutNs;
        private int timeoutRetries;
        private long sloLatencyNs = 1_000_000_000L;
        private int requiredReadyReplicas = 1;
        private long durationNs = 60_000_000_000L;
        private long warmupNs;
        private long controlIntervalNs = 60_000_000_000L;
        private long sampleIntervalNs = 60_000_000_000L;
        private TransferModel transfer;
        private StorageModel storage;

        /**
         * @param name      provider name.
         * @param noticeNs  warning before a spot preemption.
         * @param billing   billing rule.
         * @return the provider's index.
         */
        public int provider(final String name, final long noticeNs, final BillingRule billing)
        {
            providerNames.add(name);
            providerNoticeNs.add(noticeNs);
            providerBilling.add(billing);
            return providerNames.size() - 1;
        }

        /**
         * @param provider its provider.
         * @param name     region name, unique in the model.
         * @param quota    most active replicas.
         * @return the region's index.
         */
        public int region(final int provider, final String name, final int quota)
        {
            regionNames.add(name);
            regionProvider.add(provider);
            regionQuota.add(quota);
            return regionNames.size() - 1;
        }

        /**
         * Marks a region as an edge site: a small region near a set of clients, whose quota is its hard capacity.
         * Without random outages; see {@link #edgeSite(int, long, long)}.
         *
         * @param region a region added before.
         * @return this builder.
         */
        public Builder edgeSite(final int region)
        {
            return edgeSite(region, 0, 0);
        }

        /**
         * Marks a region as an edge site with random outages: up-times exponential with mean {@code mtbfNs}, each
         * outage lasting {@code repairNs}, drawn per run from the stream {@code ("edge-outages", region)} of the
         * replication (so every stack sees the same outages). Marking a region twice keeps the last values.
         *
         * @param region   a region added before.
         * @param mtbfNs   mean time between outages, ns; 0 for none.
         * @param repairNs length of each outage, ns; positive when {@code mtbfNs} is.
         * @return this builder.
         * @throws IllegalArgumentException if the region does not exist or the times are inconsistent.
         */
        public Builder edgeSite(final int region, final long mtbfNs, final long repairNs)
        {
            if (region < 0 || region >= regionNames.size())
            {
                throw new IllegalArgumentException("no region " + region);
            }
            if (mtbfNs < 0 || repairNs < 0 || (mtbfNs > 0) != (repairNs > 0))
            {
                throw new IllegalArgumentException("edge site '" + regionNames.get(region) +
                    "': mtbf and repair must both be positive, or both 0: " + mtbfNs + ", " + repairNs);
            }
            edgeSites.removeIf(e -> e[0] == region);
            edgeSites.add(new long[] {region, mtbfNs, repairNs});
            return this;
        }

        /**
         * @param region its region.
         * @param name   zone name, unique within the region.
         * @return the zone's index.
         * @throws IllegalArgumentException if the region already has a zone of that name.
         */
        public int zone(final int region, final String name)
        {
            for (int z = 0; z < zoneNames.size(); z++)
            {
                if (zoneRegion.get(z) == region && zoneNames.get(z).equals(name))
                {
                    throw new IllegalArgumentException("zone '" + name + "' of region '" + regionNames.get(region) +
                        "' is declared twice");
                }
            }
            zoneNames.add(name);
            zoneRegion.add(region);
            return zoneNames.size() - 1;
        }

        /**
         * @param provider its provider.
         * @param name     type name.
         * @param workers  concurrent requests per instance.
         * @param speed    speed factor (1 = the service model's mean).
         * @param bootNs   launch-to-ready delay.
         * @return the type's index.
         */
        public int instanceType(final int provider, final String name, final int workers, final double speed,
            final long bootNs)
        {
            typeNames.add(name);
            typeProvider.add(provider);
            typeWorkers.add(workers);
            typeSpeed.add(speed);
            typeBootNs.add(bootNs);
            return typeNames.size() - 1;
        }

        /**
         * @param region region.
         * @param type   instance type (of the region's provider).
         * @param market {@link #ON_DEMAND} or {@link #SPOT}.
         * @param price  price series.
         * @return the offer's index.
         */
        public int offer(final int region, final int type, final int market, final PriceSeries price)
        {
            return addOffer(region, NO_ZONE, type, market, price);
        }

        /**
         * @param zone   zone (its region is the offer's region).
         * @param type   instance type (of the zone's provider).
         * @param market {@link #ON_DEMAND} or {@link #SPOT}.
         * @param price  price series of that zone.
         * @return the offer's index.
         */
        public int offerInZone(final int zone, final int type, final int market, final PriceSeries price)
        {
            return addOffer(zoneRegion.get(zone), zone, type, market, price);
        }

        private int addOffer(final int region, final int zone, final int type, final int market,
            final PriceSeries price)
        {
            offerRegion.add(region);
            offerZone.add(zone);
            offerType.add(type);
            offerMarket.add(market);
            offerPrice.add(price);
            return offerRegion.size() - 1;
        }

        /**
         * @param name client region name.
         * @param load its load.
         * @return the client region's index.
         */
        public int client(final String name, final LoadSeries load)
        {
            clientNames.add(name);
            clientLoad.add(load);
            clientArrivals.add(null);
            return clientNames.size() - 1;
        }

        /**
         * @param name     client region name.
         * @param arrivals its requests, replayed one by one.
         * @return the client region's index.
         */
        public int client(final String name, final ArrivalLog arrivals)
        {
            clientNames.add(name);
            clientLoad.add(new LoadSeries(new long[] {0}, new double[] {0}, Long.MAX_VALUE));
            clientArrivals.add(arrivals);
            return clientNames.size() - 1;
        }

        /**
         * @param client client region.
         * @param region cloud region.
         * @param rttNs  round-trip time.
         * @return this builder.
         */
        public Builder rtt(final int client, final int region, final long rttNs)
        {
            rtt.add(new long[] {client, region, rttNs});
            return this;
        }

        /**
         * @param value jitter bound per one-way delay, ns.
         * @return this builder.
         */
        public Builder jitterNs(final long value)
        {
            jitterNs = value;
            return this;
        }

        /**
         * @param timeNs   simulated time.
         * @param kind     fault kind code.
         * @param provider provider.
         * @param region   region or -1.
         * @param type     type or -1.
         * @param value    count or fraction.
         * @return this builder.
         */
        public Builder fault(final long timeNs, final int kind, final int provider, final int region, final int type,
            final double value)
        {
            faults.add(new long[] {timeNs, kind, provider, region, type, Double.doubleToRawLongBits(value), NO_ZONE});
            return this;
        }

        /**
         * A fault scoped to one zone.
         *
         * @param timeNs simulated time.
         * @param kind   fault kind code.
         * @param zone   zone (its region and provider are the fault's).
         * @param type   type or -1.
         * @param value  count or fraction.
         * @return this builder.
         */
        public Builder zoneFault(final long timeNs, final int kind, final int zone, final int type, final double value)
        {
            final int region = zoneRegion.get(zone);
            faults.add(new long[] {timeNs, kind, regionProvider.get(region), region, type,
                Double.doubleToRawLongBits(value), zone});
            return this;
        }

        /**
         * @param distribution {@link #EXPONENTIAL}, {@link #LOGNORMAL} or {@link #DETERMINISTIC}.
         * @param meanNs       mean work per request at speed 1.
         * @param cv           coefficient of variation (lognormal only).
         * @return this builder.
         */
        public Builder service(final int distribution, final double meanNs, final double cv)
        {
            serviceDistribution = distribution;
            serviceMeanNs = meanNs;
            serviceCv = cv;
            return this;
        }

        /**
         * @param limit   most waiting requests per replica.
         * @param timeout client timeout per attempt, 0 for none.
         * @param retries retries after a timeout.
         * @return this builder.
         */
        public Builder requests(final int limit, final long timeout, final int retries)
        {
            queueLimit = limit;
            timeoutNs = timeout;
            timeoutRetries = retries;
            return this;
        }

        /**
         * @param latencyNs     latency objective.
         * @param requiredReady ready replicas required for availability.
         * @return this builder.
         */
        public Builder slo(final long latencyNs, final int requiredReady)
        {
            sloLatencyNs = latencyNs;
            requiredReadyReplicas = requiredReady;
            return this;
        }

        /**
         * @param duration run length.
         * @param warmup   warm-up.
         * @param control  control-loop period.
         * @param sample   time-series interval.
         * @return this builder.
         */
        public Builder times(final long duration, final long warmup, final long control, final long sample)
        {
            durationNs = duration;
            warmupNs = warmup;
            controlIntervalNs = control;
            sampleIntervalNs = sample;
            return this;
        }

        /**
         * @return names of the regions added so far, in index order.
         */
        public List<String> regionNames()
        {
            return regionNames;
        }

        /**
         * @param value the model's bytes (sizes, data set, prices, bandwidth), or null for none.
         * @return this builder.
         */
        public Builder transfer(final TransferModel value)
        {
            transfer = value;
            return this;
        }

        /**
         * @param value storage placement's locations and data-set size, or null for none.
         * @return this builder.
         */
        public Builder storage(final StorageModel value)
        {
            storage = value;
            return this;
        }

        /**
         * @return the model.
         * @throws IllegalArgumentException if it is inconsistent.
         */
        public CloudModel build()
        {
            if (durationNs <= 0 || warmupNs < 0 || warmupNs >= durationNs || controlIntervalNs <= 0 ||
                sampleIntervalNs <= 0)
            {
                throw new IllegalArgumentException("duration must be positive, warm-up shorter than it, intervals > 0");
            }
            if (clientNames.isEmpty() || offerRegion.isEmpty())
            {
                throw new IllegalArgumentException("a model needs at least one client region and one offer");
            }
            if (transfer != null && (transfer.uplinkBitsPerSec.length != regionNames.size() ||
                Arrays.stream(transfer.dataRegion).anyMatch(r -> r < 0 || r >= regionNames.size())))
            {
                throw new IllegalArgumentException("the transfer settings name regions the model does not have");
            }
            if (transfer != null && transfer.reads() && transfer.dataRegion.length == 0 && storage == null)
            {
                throw new IllegalArgumentException("a data-set read needs data-set locations or a storage section");
            }
            if (storage != null && (transfer == null || !transfer.reads()))
            {
                throw new IllegalArgumentException("a storage section needs bytes with a data-set read");
            }
            if (storage != null &&
                Arrays.stream(storage.locationRegion).anyMatch(r -> r < 0 || r >= regionNames.size()))
            {
                throw new IllegalArgumentException("the storage locations name regions the model does not have");
            }
            return new CloudModel(this);
        }

        /**
         * @return the client regions' arrival logs so far, by client index (null for a client fed by a rate), for
         * readers that check other sections against them (a size taken from the log).
         */
        public List<ArrivalLog> clientArrivals()
        {
            return java.util.Collections.unmodifiableList(clientArrivals);
        }

        /**
         * @return the client region names so far, by index.
         */
        public List<String> clientNames()
        {
            return java.util.Collections.unmodifiableList(clientNames);
        }
    }
}
