package io.windtunnel.simulator.policy;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.storage.StorageModel;
import io.windtunnel.simulator.transfer.LinkClass;

import java.util.Arrays;

/**
 * Storage placement by the write-up's LP extended with transfer ({@code type: storage-lp}): per decision, for each
 * candidate holder set (each single storage location; with {@code maxLocations: 2} also each pair), the cost per hour
 * of serving from it is
 * <pre>
 *   storage(S) + min over the fleet x of sum_i x_i (c_i + (lambda / d) 3600 t_i(S)) + move(S) / horizonHours
 * </pre>
 * <ul>
 * <li>{@code storage(S)}: each member's {@link StorageModel#storageUsdPerHour} at the data set's current size, plus
 * its read-request price ({@code readPer1kUsd / 1000} per request that reads the data set) for the requests the
 * replicas reading from it serve;</li>
 * <li>the fleet ({@code fleet: planned}, the default): the compute plan {@code lp} with {@code transfer: true} would
 * make for the desired replicas
 * {@code d} (the active ones: the policy is asked after the control decision's launches) under the quotas and
 * availability, {@code c_i} the offer's price and {@code t_i(S)} the transfer USD per request of serving from it
 * with the data read from the nearest member of {@code S} ({@link SimulationView#offerTransferUsdPerRequest(int,
 * int)}), {@code lambda} the observed arrival rate; split into compute ({@code sum x_i c_i}) and transfer. With
 * {@code fleet: current} the fleet is the replicas active now ({@code x_i} fixed, no LP): for a stack whose compute
 * placement is not a transfer-aware LP (spread, cheapest-price...), so that the transfer term is the one its own
 * replicas will pay;</li>
 * <li>{@code move(S)}: copying the data set to each member not holding it now from the nearest current holder
 * (lowest link class, then the first, as the simulation copies; {@link SimulationView#dataCopyUsd}), amortized over
 * {@code horizonHours} so that a small saving does not pay a large copy back (no flapping); 0 at time 0, when the
 * first set holds the data with no copy.</li>
 * </ul>
 * It keeps the cheapest candidate; a tie goes to the set held now, then to the lower candidate index (singles
 * first, by location; then pairs in order). Each decision is recorded through {@link SimulationView#decisions()}:
 * one option per candidate (its index: a single's is its location, a pair's {@code locations + k}) with the scores
 * {@link #FIRST}, {@link #SECOND}, {@link #STORAGE}, {@link #TRANSFER}, {@link #COMPUTE}, {@link #MOVE},
 * {@link #TOTAL}.
 * <p>
 * <b>Threading:</b> one instance per run. <b>Allocation:</b> its scratch arrays on the first call; then one fleet LP
 * per candidate per decision (the Simplex's tableau, as {@code lp}: about 17 KB at 10 offers), once per control
 * decision, never per request.
 */
public final class StorageLpPlacement implements StoragePolicy
{
    /** The YAML type. */
    public static final String TYPE = "storage-lp";
    /** Largest {@code maxLocations}: pairs are the most a decision prices (singles plus pairs: L(L+1)/2 LPs). */
    public static final int MAX_LOCATIONS = 2;
    /** {@code fleet}: price the LP plan with transfer (the default). */
    public static final String PLANNED = "planned";
    /** {@code fleet}: price the replicas active now. */
    public static final String CURRENT = "current";
    /** Default {@code horizonHours}. */
    public static final double DEFAULT_HORIZON_HOURS = 24.0;
    /** Score: the candidate's first (or only) location. */
    static final String FIRST = StoragePolicy.SCORE_LOCATION;
    /** Score: the candidate's second location, -1 for a single. */
    static final String SECOND = StoragePolicy.SCORE_SECOND_LOCATION;
    /** Score: storage (GB-month prorated) and read requests, USD per hour. */
    static final String STORAGE = "storagePerHourUsd";
    /** Score: the fleet's expected transfer cost, USD per hour. */
    static final String TRANSFER = "transferPerHourUsd";
    /** Score: the fleet's compute cost (its offers' prices), USD per hour. */
    static final String COMPUTE = "computePerHourUsd";
    /** Score: the copies to its new members over the horizon, USD per hour. */
    static final String MOVE = "movePerHourUsd";
    /** Score: the sum minimized, USD per hour. */
    static final String TOTAL = "totalPerHourUsd";
    /** The rule recorded. */
    static final String RULE = "least storage + transfer + compute + amortized move per hour (storage LP)";

    private static final double SECONDS_PER_HOUR = 3600.0;

    private final int maxLocations;
    private final double horizonHours;
    private final boolean plannedFleet;
    private final FleetLpPlacement fleet;

    private int[] first;
    private int[] second;
    private int[] nearest;
    private int[] planned;
    private double[] transferUsdPerRequest;
    private double[] totalPerHourUsd;

    /**
     * @param allowedMarket   per market code: may the priced fleet use it.
     * @param allowedProvider per provider index: may the priced fleet use it.
     * @param maxLocations    1 (single locations) or 2 (also pairs).
     * @param horizonHours    hours a move's copy cost is spread over, > 0.
     */
    public StorageLpPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider, final int maxLocations,
        final double horizonHours)
    {
        this(new OfferFilter(allowedMarket, allowedProvider), maxLocations, horizonHours, true);
    }

    /**
     * @param allowedMarket   per market code: may the priced fleet use it.
     * @param allowedProvider per provider index: may the priced fleet use it.
     * @param maxLocations    1 (single locations) or 2 (also pairs).
     * @param horizonHours    hours a move's copy cost is spread over, > 0.
     * @param plannedFleet    true to price the LP's fleet, false the replicas active now.
     */
    public StorageLpPlacement(final boolean[] allowedMarket, final boolean[] allowedProvider, final int maxLocations,
        final double horizonHours, final boolean plannedFleet)
    {
        this(new OfferFilter(allowedMarket, allowedProvider), maxLocations, horizonHours, plannedFleet);
    }

    private StorageLpPlacement(final OfferFilter filter, final int maxLocations, final double horizonHours,
        final boolean plannedFleet)
    {
        if (maxLocations < 1 || maxLocations > MAX_LOCATIONS)
        {
            throw new IllegalArgumentException("maxLocations must be 1 or 2, was " + maxLocations);
        }
        if (!(horizonHours > 0) || Double.isInfinite(horizonHours))
        {
            throw new IllegalArgumentException("horizonHours must be finite and > 0, was " + horizonHours);
        }
        this.maxLocations = maxLocations;
        this.horizonHours = horizonHours;
        this.plannedFleet = plannedFleet;
        this.fleet = new LpPlacement(filter, true);
    }

    @Override
    public boolean placeData(final SimulationView view, final boolean[] held)
    {
        final CloudModel model = view.model();
        final StorageModel storage = model.storage;
        final int locations = storage.locations();
        final int offers = model.offers();
        if (first == null)
        {
            final int candidates = maxLocations == 1 ? locations : locations * (locations + 1) / 2;
            first = new int[candidates];
            second = new int[candidates];
            totalPerHourUsd = new double[candidates];
            int k = 0;
            for (int l = 0; l < locations; l++, k++)
            {
                first[k] = l;
                second[k] = -1;
            }
            for (int a = 0; a < locations && maxLocations > 1; a++)
            {
                for (int b = a + 1; b < locations; b++, k++)
                {
                    first[k] = a;
                    second[k] = b;
                }
            }
            nearest = new int[offers];
            planned = new int[offers];
            transferUsdPerRequest = new double[offers];
        }
        final long bytes = view.dataSetBytes();
        final int replicas = view.activeReplicas();
        final double requestsPerReplicaHour =
            replicas > 0 ? view.observedArrivalRatePerSec() / replicas * SECONDS_PER_HOUR : 0.0;
        final boolean reads = model.transfer != null && model.transfer.reads();
        boolean anyHeld = false;
        for (final boolean h : held)
        {
            anyHeld |= h;
        }
        final DecisionRecorder log = view.decisions();
        final boolean recording = log.enabled();
        if (recording)
        {
            log.begin(view.nowNs(), DECISION_PREFIX + TYPE);
        }
        int best = -1;
        for (int k = 0; k < first.length; k++)
        {
            // the offers' reads go to the candidate's nearest member, as the request path reads
            for (int offer = 0; offer < offers; offer++)
            {
                nearest[offer] = second[k] < 0 || readClass(model, storage, offer, first[k]) <=
                    readClass(model, storage, offer, second[k]) ? first[k] : second[k];
                transferUsdPerRequest[offer] = view.offerTransferUsdPerRequest(offer, nearest[offer]);
                planned[offer] = view.offerActiveReplicas(offer);
            }
            if (plannedFleet)
            {
                fleet.planWith(view, replicas, planned, transferUsdPerRequest);
            }
            double storagePerHourUsd = storage.storageUsdPerHour(first[k], bytes) +
                (second[k] < 0 ? 0.0 : storage.storageUsdPerHour(second[k], bytes));
            double computePerHourUsd = 0;
            double transferPerHourUsd = 0;
            for (int offer = 0; offer < offers; offer++)
            {
                if (planned[offer] > 0)
                {
                    computePerHourUsd += planned[offer] * view.offerPricePerHourUsd(offer);
                    transferPerHourUsd += planned[offer] * (plannedFleet ? fleet.transferPerHourUsd(offer) :
                        requestsPerReplicaHour * transferUsdPerRequest[offer]);
                    if (reads)
                    {
                        storagePerHourUsd += planned[offer] * requestsPerReplicaHour *
                            storage.readPer1kUsd[nearest[offer]] / 1000.0;
                    }
                }
            }
            final double moveUsd = anyHeld ? moveUsd(view, model, storage, held, first[k]) +
                (second[k] < 0 ? 0.0 : moveUsd(view, model, storage, held, second[k])) : 0.0;
            final double movePerHourUsd = moveUsd / horizonHours;
            final double total = storagePerHourUsd + computePerHourUsd + transferPerHourUsd + movePerHourUsd;
            totalPerHourUsd[k] = total;
            if (best < 0 || total < totalPerHourUsd[best] ||
                total == totalPerHourUsd[best] && isHeld(held, k) && !isHeld(held, best))
            {
                best = k;
            }
            if (recording)
            {
                log.option(k);
                log.score(FIRST, first[k]);
                log.score(SECOND, second[k]);
                log.score(STORAGE, storagePerHourUsd);
                log.score(TRANSFER, transferPerHourUsd);
                log.score(COMPUTE, computePerHourUsd);
                log.score(MOVE, movePerHourUsd);
                log.score(TOTAL, total);
            }
        }
        if (recording)
        {
            log.chose(best, RULE);
        }
        if (isHeld(held, best))
        {
            return false;
        }
        Arrays.fill(held, false);
        held[first[best]] = true;
        if (second[best] >= 0)
        {
            held[second[best]] = true;
        }
        return true;
    }

    /** @return true if candidate {@code k} is exactly the set held now. */
    private boolean isHeld(final boolean[] held, final int k)
    {
        for (int l = 0; l < held.length; l++)
        {
            if (held[l] != (l == first[k] || l == second[k]))
            {
                return false;
            }
        }
        return true;
    }

    /** @return the cost of giving {@code to} a copy: 0 if it holds one, else from its nearest current holder. */
    private static double moveUsd(final SimulationView view, final CloudModel model, final StorageModel storage,
        final boolean[] held, final int to)
    {
        if (held[to])
        {
            return 0.0;
        }
        final int from = LinkClass.nearest(model, storage.locationRegion[to], storage.locationZone[to],
            storage.locationRegion, storage.locationZone, held);
        return view.dataCopyUsd(from, to);
    }

    private static int readClass(final CloudModel model, final StorageModel storage, final int offer,
        final int location)
    {
        return LinkClass.between(model, model.offerRegion[offer], model.offerZone[offer],
            storage.locationRegion[location], storage.locationZone[location]);
    }

    /** Registry entry: {@code type: storage-lp}. */
    public static final class Provider extends PolicyProvider<StoragePolicy>
    {
        /** Declares the type and its parameters. */
        public Provider()
        {
            super(PolicySlot.STORAGE, TYPE,
                "the holder set (one location, or up to two) with the least storage + expected transfer + LP " +
                    "compute fleet + amortized copy cost per hour",
                OfferFilter.markets(), OfferFilter.providers(),
                PolicyParameter.integer("maxLocations", 1, MAX_LOCATIONS).defaultValue(1).unit("locations")
                    .doc("1: price each single location; 2: also each pair (the replicas read from the nearer)")
                    .build(),
                PolicyParameter.number("horizonHours", 0.01, 87_600).defaultValue(DEFAULT_HORIZON_HOURS)
                    .unit("hours")
                    .doc("a move's copy cost is spread over this many hours: longer keeps the data where it is " +
                        "unless the saving lasts").build(),
                PolicyParameter.choice("fleet", PLANNED, CURRENT).defaultValue(PLANNED)
                    .doc("planned: price the fleet the LP with transfer would run; current: the replicas active " +
                        "now (for a stack whose compute placement is not that LP)").build());
        }

        @Override
        public StoragePolicy create(final PolicyArguments arguments)
        {
            return new StorageLpPlacement(OfferFilter.from(arguments), arguments.getInt("maxLocations"),
                arguments.getDouble("horizonHours"), PLANNED.equals(arguments.getString("fleet")));
        }
    }
}
