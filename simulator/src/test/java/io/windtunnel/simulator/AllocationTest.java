package io.windtunnel.simulator;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.HedgeFailover;
import io.windtunnel.simulator.policy.RetryBackoffFailover;
import io.windtunnel.simulator.policy.Autoscaler;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.BoundedDecisionLog;
import io.windtunnel.simulator.policy.DecisionRecorder;
import io.windtunnel.simulator.policy.FailoverPolicy;
import io.windtunnel.simulator.policy.PlacementPolicy;
import io.windtunnel.simulator.policy.ActivePassiveFailover;
import io.windtunnel.simulator.policy.NPlusKFailover;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.ReplaceOnFailureFailover;
import io.windtunnel.simulator.policy.SpreadPlacement;
import io.windtunnel.simulator.policy.ResponseListener;
import io.windtunnel.simulator.policy.SimulationView;
import io.windtunnel.simulator.scenario.ExplainMode;
import io.windtunnel.traces.FaultKind;
import org.junit.jupiter.api.Tag;
import io.windtunnel.simulator.runner.HlogSpool;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Proves the request path allocates nothing after warm-up, on a multi-provider model with network delays and
 * jitter, lognormal work, timeouts (scheduled and cancelled per request), round-robin balancing, three latency
 * histograms per request, the control loop, sampling and spot preemptions with failover, and the latency intervals
 * spooled to a file as {@code latency.hlog} lines (every interval encoded, compressed and written on the sample path),
 * as {@code run} does. (A run without a spool takes the same path minus the spool's calls; measuring it too doubled
 * the test's time for no coverage.) Runs in a surefire execution of its own (tag "allocation", one JVM, nothing
 * beside it), without escape analysis: 0 bytes there is 0 bytes with it (simulator/pom.xml says why).
 * <p>
 * The cases with hedged requests and retries after a backoff run first ({@link Order}). In one JVM with the others,
 * whichever case ran after a change of the JIT's history once allocated 80 bytes in its measured window (0 when run
 * alone). {@code measure} repeats a run whose window allocated once, and the repeated run's window must be 0 bytes
 * (see its comment).
 * <p>
 * A new case is a {@code @Test} method at the end that builds its stack (or model) and calls {@code measure}, which
 * warms up, counts the window's bytes and checks conservation; anything rarer than a request (a fault, a takeover, a
 * plan) must happen inside the window ({@link #WARM_UP_NS}, {@link #MEASURED_NS}) and once before it, and the case
 * asserts afterwards that it did (a counter of the simulation or the policy). Cases never run in parallel.
 */
@Tag("allocation")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllocationTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;
    /**
     * Simulated warm-up before the measured window: 6 M requests, 480 samples, 240 control decisions and 4 spot
     * preemptions, and an outage with takeover and fail-back in the capacity-failover case. (It was 2 hours; 40
     * minutes measured the same 0 bytes, with the repeat after a first-time cost as before.)
     */
    static final long WARM_UP_NS = 40 * MINUTE;
    /**
     * The measured window, after the warm-up: 3 M requests, 2 spot preemption faults (at 40:07 and 50:07) and the
     * capacity-failover case's outage (40:03-50:00) with its takeover and fail-back. A case that tests something
     * rarer must make it happen inside this window (and once in the warm-up, so its path is compiled), and assert
     * that it did.
     */
    static final long MEASURED_NS = 20 * MINUTE;

    @TempDir
    Path dir;

    @Test
    void shouldAllocateNothingAfterWarmUpWhenIntervalsAreSpooledToAFile() throws Exception
    {
        final CloudModel model = model();
        try (HlogSpool spool = HlogSpool.toFile(dir.resolve("latency.hlog.part"), "spot/r0",
            Simulation.intervalGroups(model), HlogSpool.header(0)))
        {
            measure(spool);
            // Every 5-second interval of the simulated time, for the total, 2 clients and 2 providers.
            assertThat(spool.bytes()).isGreaterThan((WARM_UP_NS + MEASURED_NS) / (5 * SECOND) * 5 * 40);
        }
    }

    private static CloudModel model()
    {
        return model(false);
    }

    /**
     * @param outage true to add an outage of us-east-1 for the first 10 minutes of the measured window (40-50
     *               minutes) and another 30 minutes earlier (10-20 minutes, in the warm-up, so that the failover's
     *               outage path is compiled first).
     */
    private static CloudModel model(final boolean outage)
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 2 * MINUTE, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int gcp = b.provider("gcp", 30 * SECOND, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(aws, "us-east-1", 1000);
        final int central = b.region(gcp, "us-central1", 1000);
        final int m5 = b.instanceType(aws, "m5.large", 2, 1.0, 30 * SECOND);
        final int n2 = b.instanceType(gcp, "n2-standard-2", 2, 1.0, 20 * SECOND);
        b.offer(east, m5, CloudModel.SPOT, new PriceSeries(new long[] {0, 60 * MINUTE}, new double[] {0.03, 0.05}));
        b.offer(east, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.096));
        b.offer(central, n2, CloudModel.SPOT, PriceSeries.constant(0.04));
        // With outages, 80% of the load: a fleet small enough that the launches of the takeovers and fail-backs stay
        // within the replica table's first size (its doubling allocates, on a launch, by design).
        final double load = outage ? 0.8 : 1.0;
        final int us = b.client("us", LoadSeries.constant(1500 * load));
        final int eu = b.client("eu", LoadSeries.constant(1000 * load));
        b.rtt(us, east, 10_000_000L).rtt(us, central, 30_000_000L).rtt(eu, east, 80_000_000L).rtt(eu, central, 100_000_000L);
        b.jitterNs(1_000_000L);
        for (int i = 1; i <= 22; i++)
        {
            b.fault(i * 10 * MINUTE + 7 * SECOND, FaultKind.PREEMPT.code(), i % 2 == 0 ? aws : gcp, -1, -1, 1);
        }
        if (outage)
        {
            for (final long startNs : new long[] {WARM_UP_NS - 30 * MINUTE, WARM_UP_NS})
            {
                b.fault(startNs + 3 * SECOND, FaultKind.OUTAGE_START.code(), aws, east, -1, 0);
                b.fault(startNs + 10 * MINUTE, FaultKind.OUTAGE_END.code(), aws, east, -1, 0);
            }
        }
        b.service(CloudModel.LOGNORMAL, 20_000_000, 1.0);
        b.requests(1000, 400_000_000L, 1);
        // Control every 10 s and samples every 5 s, so that the per-interval handlers too are compiled by C2 during the
        // warm-up: a C2 transition of the sample handler was seen to allocate a few hundred bytes once (C1 alone did not).
        b.times(WARM_UP_NS + MEASURED_NS + 60 * MINUTE, 5 * MINUTE, 10 * SECOND, 5 * SECOND);
        return b.build();
    }


    /**
     * Policies that override every callback (counters only): balancer and autoscaler responses, the failover
     * policy's per-request events, a placement plan every control decision ({@link TopUpPlacement}), and a decision
     * log. What the simulator
     * adds around them (in-flight counts, ids, dispatch times, the plan's array) allocates nothing either.
     */
    @Test
    void shouldAllocateNothingAfterWarmUpWhenPoliciesListenToEveryCallback() throws Exception
    {
        final long[] heard = new long[4];
        final int offers = model().offers();
        final PolicyStack spot = ConservationTest.spotStack();
        final PolicyStack listening = new PolicyStack("listening", Map.of(),
            () -> {
                final Autoscaler autoscaler = spot.autoscaler().get();
                return new Autoscaler()
                {
                    @Override
                    public int desiredReplicas(final SimulationView view)
                    {
                        return autoscaler.desiredReplicas(view);
                    }

                    @Override
                    public void onResponse(final SimulationView view, final int replica, final int outcome,
                        final long latencyNs)
                    {
                        heard[0] += latencyNs;
                    }
                };
            },
            () -> new TopUpPlacement(null, offers),
            () -> {
                final Balancer balancer = spot.balancer().get();
                return new Balancer()
                {
                    @Override
                    public int pickReplica(final SimulationView view, final int client)
                    {
                        return balancer.pickReplica(view, client);
                    }

                    @Override
                    public void onResponse(final SimulationView view, final int replica, final int outcome,
                        final long latencyNs)
                    {
                        heard[1] += replica >= 0 ? view.replicaInFlight(replica) : 0;
                    }
                };
            },
            () -> {
                final FailoverPolicy failover = spot.failover().get();
                return new FailoverPolicy()
                {
                    @Override
                    public int replacements(final SimulationView view, final int replica, final int reason)
                    {
                        return failover.replacements(view, replica, reason);
                    }

                    @Override
                    public boolean retryLostRequest(final SimulationView view, final int attempts)
                    {
                        return failover.retryLostRequest(view, attempts);
                    }

                    @Override
                    public void onSent(final SimulationView view, final long requestId, final int attempt,
                        final int replica)
                    {
                        heard[2] += requestId;
                    }

                    @Override
                    public void onCompleted(final SimulationView view, final long requestId, final int attempt,
                        final int replica, final long latencyNs)
                    {
                        heard[2] -= requestId;
                    }

                    @Override
                    public void onLost(final SimulationView view, final long requestId, final int attempt,
                        final int replica, final int outcome)
                    {
                        heard[2] -= requestId;
                    }

                    @Override
                    public void onEnded(final SimulationView view, final long requestId, final int attempts,
                        final int outcome)
                    {
                        heard[3]++;
                    }
                };
            });
        // Room for one decision: the run makes more than one replacement, so the log fills and then drops.
        final BoundedDecisionLog decisions = new BoundedDecisionLog(1, 64, 64);
        measure(listening, null, decisions);
        assertThat(heard[0]).isPositive();
        assertThat(heard[1]).isPositive();
        assertThat(heard[3]).isGreaterThan(1_000_000);
        // Replacements after the preemptions, recorded until the log is full, then dropped (counted).
        assertThat(decisions.size()).isEqualTo(1);
        assertThat(decisions.dropped()).isPositive();
    }

    /**
     * Explanations on, as {@code explain: all} gives a run its log: cheapest-price records every offer it weighs
     * with two scores, and the log takes them without allocating (its first arrays hold far more than this run's
     * decisions; it allocates only when a run outgrows them, at a decision).
     */
    @Test
    void shouldAllocateNothingAfterWarmUpWhenEveryDecisionIsExplained()
    {
        final BoundedDecisionLog decisions = ExplainMode.ALL.newLog();
        measure(ConservationTest.spotStack(), null, decisions);
        assertThat(decisions.dropped()).isZero();
        // Decisions were recorded inside the measured window (after the warm-up), with their scores.
        final int last = decisions.size() - 1;
        assertThat(decisions.timeNs(last)).isGreaterThan(WARM_UP_NS);
        assertThat(decisions.optionCount(last)).isPositive();
        assertThat(decisions.scoreCount(last, 0)).isEqualTo(2);
    }

    /** A placement policy that also listens to responses (as a learning placement does) is called allocation-free. */
    @Test
    void shouldAllocateNothingAfterWarmUpWhenPlacementListensToResponses() throws Exception
    {
        final long[] heard = new long[1];
        final PolicyStack spot = ConservationTest.spotStack();
        final PolicyStack listening = new PolicyStack("placement-listening", Map.of(), spot.autoscaler(),
            () -> {
                final PlacementPolicy placement = spot.placement().get();
                final class ListeningPlacement implements PlacementPolicy, ResponseListener
                {
                    @Override
                    public int chooseOffer(final SimulationView view)
                    {
                        return placement.chooseOffer(view);
                    }

                    @Override
                    public void onResponse(final SimulationView view, final int replica, final int outcome,
                        final long latencyNs)
                    {
                        heard[0] += outcome == COMPLETED ? latencyNs : 0;
                    }
                }
                return new ListeningPlacement();
            },
            spot.balancer(), spot.failover());
        measure(listening, null, DecisionRecorder.NONE);
        assertThat(heard[0]).isPositive();
    }

    /**
     * Hedged requests: a copy after the observed p95 (its percentile histogram filled and read per window), copies
     * taking their own slots, races decided by response events, losers cancelled off queues and workers.
     */
    @Test
    @Order(1)
    void shouldAllocateNothingAfterWarmUpWhenRequestsAreHedged()
    {
        final PolicyStack spot = ConservationTest.spotStack();
        final PolicyStack hedged = new PolicyStack("hedge", Map.of(), spot.autoscaler(), spot.placement(),
            spot.balancer(), () -> new HedgeFailover("percentile", 30_000_000L, 95, 1000, 1, 1));
        final Simulation simulation = measure(hedged, null, DecisionRecorder.NONE);
        assertThat(simulation.hedgesSent()).isGreaterThan(10_000);
        assertThat(simulation.hedgeWins()).isPositive();
        assertThat(simulation.copiesCancelled()).isPositive();
    }

    /** Retries with exponential backoff and full jitter, each waiting as an engine event. */
    @Test
    @Order(2)
    void shouldAllocateNothingAfterWarmUpWhenRetriesBackOff()
    {
        final PolicyStack spot = ConservationTest.spotStack();
        final PolicyStack backoff = new PolicyStack("retry-backoff", Map.of(), spot.autoscaler(), spot.placement(),
            spot.balancer(), () -> new RetryBackoffFailover(20_000_000L, 2, 1_000_000_000L, 3, "full",
                new boolean[] {true, true, true}));
        final Simulation simulation = measure(backoff, null, DecisionRecorder.NONE);
        assertThat(simulation.delayedRetries()).isPositive();
    }

    private static void measure(final LatencyIntervalSink intervals)
    {
        measure(ConservationTest.spotStack(), intervals, DecisionRecorder.NONE);
    }

    static Simulation measure(final PolicyStack stack, final LatencyIntervalSink intervals,
        final DecisionRecorder decisions)
    {
        return measure(model(), stack, intervals, decisions);
    }

    /**
     * Runs the stack for {@link #WARM_UP_NS} of simulated warm-up, then counts the bytes this thread allocates in the
     * next {@link #MEASURED_NS}. If that window allocated, the whole run is repeated once in the same JVM and its
     * measured window must be 0 bytes. Two first-time costs of the JVM can land in a measured window: a code path
     * first reached there (the capacity failovers' fail-back: 80 bytes in the first run, with and without escape
     * analysis, 0 in the repeat), and a JIT deoptimization re-materializing objects escape analysis had
     * scalar-replaced (80 bytes seen once in shared JVMs after another case changed the JIT's history, 0 when the
     * case ran alone). An allocation on the per-request path allocates in every run's measured window (3 million
     * requests each), so it still fails, and so does one per preemption, takeover or fail-back in the window.
     */
    private static Simulation measure(final CloudModel model, final PolicyStack stack, final LatencyIntervalSink intervals,
        final DecisionRecorder decisions)
    {
        final Simulation first = measureOnce(model, stack, intervals, decisions, false);
        return first != null ? first : measureOnce(model, stack, intervals, decisions, true);
    }

    /** @return the simulation, or null if its measured window allocated and {@code last} is false. */
    private static Simulation measureOnce(final CloudModel model, final PolicyStack stack,
        final LatencyIntervalSink intervals, final DecisionRecorder decisions, final boolean last)
    {
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long threadId = Thread.currentThread().getId();
        threads.setThreadAllocatedMemoryEnabled(true);
        final Engine engine = new Engine(1 << 16);
        final Simulation simulation =
            new Simulation(engine, model, stack, new RandomStreams(5), intervals);
        simulation.recordDecisions(decisions);

        long timeNs = 0;
        while (timeNs < WARM_UP_NS)
        {
            timeNs += MINUTE;
            simulation.runUntil(timeNs);
        }

        final long eventsBefore = engine.eventsProcessed();
        final long arrivalsBefore = simulation.arrivals();
        final long preemptionsBefore = simulation.preemptions();
        final long before = threads.getThreadAllocatedBytes(threadId);
        simulation.runUntil(timeNs + MEASURED_NS);
        final long after = threads.getThreadAllocatedBytes(threadId);

        final long events = engine.eventsProcessed() - eventsBefore;
        assertThat(events).as("events measured").isGreaterThanOrEqualTo(1_000_000);
        assertThat(simulation.arrivals() - arrivalsBefore).as("requests measured").isGreaterThan(1_000_000);
        assertThat(simulation.preemptions() - preemptionsBefore).as("preemptions measured").isPositive();
        final long bytes = after - before;
        System.out.println("simulator allocation test (" + stack.name() + (last ? ", repeated" : "") + "): " + bytes +
            " bytes for " + events + " events, " + (simulation.preemptions() - preemptionsBefore) + " preemptions");
        if (bytes != 0 && !last)
        {
            return null;
        }
        assertThat(bytes).as("bytes allocated for " + events + " events" + (last ? " in the repeated run" : ""))
            .isZero();
        assertThat(simulation.conservationHolds()).isTrue();
        return simulation;
    }

    /**
     * The capacity failovers under preemptions and a region outage with takeover and fail-back in the measured window.
     */
    @Test
    void shouldAllocateNothingAfterWarmUpWithEachCapacityFailoverUnderFaults()
    {
        final PolicyStack spot = ConservationTest.spotStack();
        final ActivePassiveFailover[] activePassive = new ActivePassiveFailover[1];
        final java.util.List<java.util.function.Supplier<FailoverPolicy>> failovers = java.util.List.of(
            () -> new ReplaceOnFailureFailover(1),
            () -> activePassive[0] = new ActivePassiveFailover(new boolean[] {true, false}, new boolean[] {false, true},
                true, 10 * SECOND, 3, 2 * MINUTE, CloudModel.ON_DEMAND, 1),
            () -> activePassive[0] = new ActivePassiveFailover(new boolean[] {true, false}, new boolean[] {false, true},
                false, 10 * SECOND, 3, 2 * MINUTE, CloudModel.ON_DEMAND, 1),
            () -> new NPlusKFailover(2, SpreadPlacement.PROVIDER, CloudModel.ON_DEMAND, 1));
        for (final java.util.function.Supplier<FailoverPolicy> failover : failovers)
        {
            activePassive[0] = null;
            measure(model(true), new PolicyStack("capacity-failover", Map.of(), spot.autoscaler(), spot.placement(),
                spot.balancer(), failover), null, DecisionRecorder.NONE);
            if (activePassive[0] != null)
            {
                // Both outages were taken over and handed back: the second pair inside the measured window.
                assertThat(activePassive[0].takeovers()).as("takeovers").isGreaterThanOrEqualTo(2);
                assertThat(activePassive[0].failBacks()).as("fail-backs").isGreaterThanOrEqualTo(2);
            }
        }
    }

    /**
     * Edge sites: the model above plus an edge provider with a site of four boxes near client "us" (random site
     * outages, mean 10 minutes apart, 2 minutes each, so some fall in the warm-up and in the measured window), placed by edge-reserve and routed by
     * the three edge balancers in turn (cloud-only, edge-first, latency-budget), each deciding about a third of the
     * requests.
     */
    @Test
    void shouldAllocateNothingAfterWarmUpWithEdgeSitesAndTheEdgeBalancers()
    {
        final CloudModel base = model();
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 2 * MINUTE, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int gcp = b.provider("gcp", 30 * SECOND, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int edge = b.provider("edge", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(aws, "us-east-1", 1000);
        final int central = b.region(gcp, "us-central1", 1000);
        final int site = b.region(edge, "edge-us", 4);
        b.edgeSite(site, 10 * MINUTE, 2 * MINUTE);
        final int m5 = b.instanceType(aws, "m5.large", 2, 1.0, 30 * SECOND);
        final int n2 = b.instanceType(gcp, "n2-standard-2", 2, 1.0, 20 * SECOND);
        final int box = b.instanceType(edge, "box", 2, 1.0, 10 * SECOND);
        b.offer(east, m5, CloudModel.SPOT, new PriceSeries(new long[] {0, 60 * MINUTE}, new double[] {0.03, 0.05}));
        b.offer(east, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.096));
        b.offer(central, n2, CloudModel.SPOT, PriceSeries.constant(0.04));
        b.offer(site, box, CloudModel.ON_DEMAND, PriceSeries.constant(0.2));
        final int us = b.client("us", LoadSeries.constant(1500));
        final int eu = b.client("eu", LoadSeries.constant(1000));
        b.rtt(us, east, 10_000_000L).rtt(us, central, 30_000_000L).rtt(us, site, 2_000_000L);
        b.rtt(eu, east, 80_000_000L).rtt(eu, central, 100_000_000L).rtt(eu, site, 120_000_000L);
        b.jitterNs(base.jitterNs);
        for (int f = 0; f < base.faultTimeNs.length; f++)
        {
            b.fault(base.faultTimeNs[f], base.faultKind[f], base.faultProvider[f], -1, -1, base.faultValue[f]);
        }
        b.service(base.serviceDistribution, base.serviceMeanNs, base.serviceCv);
        b.requests(base.queueLimit, base.timeoutNs, base.timeoutRetries);
        b.slo(30_000_000L, 1);
        b.times(base.durationNs, base.warmupNs, base.controlIntervalNs, base.sampleIntervalNs);
        final CloudModel model = b.build();

        final long[] picks = new long[3];
        final PolicyStack spot = ConservationTest.spotStack();
        final PolicyStack edgeStack = new PolicyStack("edge", Map.of(), spot.autoscaler(),
            () -> new io.windtunnel.simulator.policy.EdgeReservePlacement(new boolean[] {true, true},
                new boolean[] {true, true, true}, 1),
            () -> {
                final Balancer[] balancers = {new io.windtunnel.simulator.policy.CloudOnlyBalancer(2.0),
                    new io.windtunnel.simulator.policy.EdgeFirstBalancer(1.0, 2.0),
                    new io.windtunnel.simulator.policy.LatencyBudgetBalancer(0.8, 1.0, 2.0)};
                return new RotatingBalancer(balancers, picks);
            },
            spot.failover());
        final Simulation simulation = measure(model, edgeStack, null, DecisionRecorder.NONE);
        assertThat(picks[0]).isGreaterThan(1_000_000);
        assertThat(picks[1]).isGreaterThan(1_000_000);
        assertThat(picks[2]).isGreaterThan(1_000_000);
        assertThat(simulation.failures()).as("replicas lost to edge-site outages").isPositive();
    }

    /**
     * Bytes on: lognormal request and response sizes, a data set read across regions and providers, tiered internet
     * prices with tier boundaries and a calendar month's turn (at 50 minutes) inside the measured window, a region's
     * uplink; every transfer priced into the ledger and the time series without allocating.
     */
    @Test
    void shouldAllocateNothingAfterWarmUpWithBytesOnTheRequestPath()
    {
        final long gb = io.windtunnel.simulator.transfer.ByteUnits.BYTES_PER_GB;
        final CloudModel.Builder b = threeRegions();
        final int west = 1;
        final int central = 2;
        final io.windtunnel.simulator.transfer.TransferPrices prices =
            new io.windtunnel.simulator.transfer.TransferPrices(
                // About 475 GB of internet bytes by the window's end: 350 GB is crossed near 44 minutes, the month
                // turns at 50 and 20 GB is crossed again near 53, all inside the measured window.
                new long[][] {{0}, {0}, {0}, {0, 20 * gb, 350 * gb, 1024 * gb}, {0}},
                new double[][] {{0}, {0.01}, {0.02}, {0, 0.09, 0.085, 0.07}, {0.08}}, "allocation test");
        // The calendar month turns 50 minutes into the run, inside the measured window: 2025-01-31T23:10Z + 50 min.
        final long startEpochNs = java.time.Instant.parse("2025-01-31T23:10:00Z").getEpochSecond() * SECOND;
        final double[] uplink = new double[3];
        uplink[central] = 200e6;
        b.transfer(new io.windtunnel.simulator.transfer.TransferModel(
            new io.windtunnel.simulator.transfer.SizeDistribution(
                io.windtunnel.simulator.transfer.SizeDistribution.LOGNORMAL, 2048, 1.0),
            new io.windtunnel.simulator.transfer.SizeDistribution(
                io.windtunnel.simulator.transfer.SizeDistribution.EXPONENTIAL, 50 * 1024, 0),
            io.windtunnel.simulator.transfer.SizeDistribution.constant(4096), new int[] {west},
            new int[] {CloudModel.NO_ZONE}, prices, io.windtunnel.simulator.transfer.TransferModel.DEFAULT_BITS_PER_SEC,
            // Short read round trips: the default 60 ms across regions would hold the workers too long for this load.
            new long[] {100_000L, 500_000L, 2_000_000L, 3_000_000L, 3_000_000L}, uplink, startEpochNs));
        final Simulation simulation = measure(b.build(), ConservationTest.spotStack(), null, DecisionRecorder.NONE);
        final io.windtunnel.simulator.transfer.TransferLedger ledger = simulation.transferLedger();
        assertThat(ledger.costUsd(io.windtunnel.simulator.transfer.LinkClass.INTERNET)).isPositive();
        assertThat(ledger.bytes(io.windtunnel.simulator.transfer.LinkClass.OTHER_REGION)).isPositive();
        assertThat(ledger.bytes(io.windtunnel.simulator.transfer.LinkClass.INTERNET)).isGreaterThan(400 * gb);
    }

    /**
     * Storage placement: a data set read from the nearest serving location, copied to another region at 20 minutes
     * (warm-up) and to another provider at 42 minutes (measured window), dropped from the old holders once each copy
     * is done, and grown at 25, 45 and 55 minutes (writes and growth sent to the other holders): the reads, the
     * per-offer table's recomputation, the copies, drops, growth steps and the storage columns allocate nothing.
     */
    @Test
    void shouldAllocateNothingAfterWarmUpWithStorageCopiesGrowthAndReads()
    {
        final long gb = io.windtunnel.simulator.transfer.ByteUnits.BYTES_PER_GB;
        final CloudModel.Builder b = threeRegions();
        final int east = 0;
        final int west = 1;
        final int central = 2;
        b.transfer(new io.windtunnel.simulator.transfer.TransferModel(null,
            io.windtunnel.simulator.transfer.SizeDistribution.constant(1024),
            io.windtunnel.simulator.transfer.SizeDistribution.constant(4096), new int[0], new int[0],
            io.windtunnel.simulator.transfer.TransferPrices.awsExample(),
            io.windtunnel.simulator.transfer.TransferModel.DEFAULT_BITS_PER_SEC,
            new long[] {100_000L, 500_000L, 2_000_000L, 3_000_000L, 3_000_000L}, new double[3], 0));
        b.storage(new io.windtunnel.simulator.storage.StorageModel(new String[] {"s3-east", "s3-west", "gcs"},
            new int[] {east, west, central}, new int[] {CloudModel.NO_ZONE, CloudModel.NO_ZONE, CloudModel.NO_ZONE},
            new String[] {"standard", "standard", "standard"}, new double[] {0.023, 0.024, 0.020},
            new double[] {0.0004, 0.0004, 0.0004}, new double[] {0.005, 0.005, 0.005},
            new long[] {0, 25 * MINUTE, 45 * MINUTE, 55 * MINUTE}, new long[] {gb, gb + gb / 4, gb + gb / 2, 2 * gb},
            64L << 20));
        final PolicyStack spot = ConservationTest.spotStack();
        final io.windtunnel.simulator.policy.StoragePolicy moving = (view, held) ->
        {
            final long now = view.nowNs();
            held[0] = now < 30 * MINUTE;
            held[1] = now >= 20 * MINUTE && now < 48 * MINUTE;
            held[2] = now >= 42 * MINUTE;
            return true;
        };
        final PolicyStack stack = new PolicyStack("storage", Map.of(), spot.autoscaler(), spot.placement(),
            spot.balancer(), spot.failover(), () -> moving);
        final Simulation simulation = measure(b.build(), stack, null, DecisionRecorder.NONE);
        assertThat(simulation.storageCopies()).isEqualTo(2);
        // s3-east held until its copy's successor was done at 30 minutes; gcs from its copy at 42 minutes, and it
        // took the growth writes of 45 and 55 minutes (4 writes of 64 MB for 0.25 GB, 8 for 0.5 GB).
        assertThat(simulation.storageLocation(0)[0]).isCloseTo(0.5, org.assertj.core.api.Assertions.within(1e-9));
        assertThat(simulation.storageLocation(2)[4]).isEqualTo(4 + 8);
        assertThat(simulation.storageLocation(2)[3]).isPositive();
        assertThat(simulation.dataServing(2)).isTrue();
        assertThat(simulation.dataServing(1)).isFalse();
    }

    /**
     * The bytes and storage cases' world: aws us-east-1 (region 0, spot and on-demand m5.large) and us-west-2 (region
     * 1, no offer), gcp us-central1 (region 2, spot n2-standard-2); 2,500 requests/s from two client regions,
     * preemptions every 10 minutes, 4 simulated hours.
     */
    private static CloudModel.Builder threeRegions()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 2 * MINUTE, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int gcp = b.provider("gcp", 30 * SECOND, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(aws, "us-east-1", 1000);
        b.region(aws, "us-west-2", 1000);
        final int central = b.region(gcp, "us-central1", 1000);
        final int m5 = b.instanceType(aws, "m5.large", 2, 1.0, 30 * SECOND);
        final int n2 = b.instanceType(gcp, "n2-standard-2", 2, 1.0, 20 * SECOND);
        b.offer(east, m5, CloudModel.SPOT, PriceSeries.constant(0.03));
        b.offer(east, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.096));
        b.offer(central, n2, CloudModel.SPOT, PriceSeries.constant(0.04));
        final int us = b.client("us", LoadSeries.constant(1500));
        final int eu = b.client("eu", LoadSeries.constant(1000));
        b.rtt(us, east, 10_000_000L).rtt(us, central, 30_000_000L).rtt(eu, east, 80_000_000L)
            .rtt(eu, central, 100_000_000L);
        b.jitterNs(1_000_000L);
        for (int i = 1; i <= 22; i++)
        {
            b.fault(i * 10 * MINUTE + 7 * SECOND, FaultKind.PREEMPT.code(), i % 2 == 0 ? aws : gcp, -1, -1, 1);
        }
        b.service(CloudModel.LOGNORMAL, 20_000_000, 1.0);
        b.requests(1000, 400_000_000L, 1);
        b.times(240 * MINUTE, 5 * MINUTE, 10 * SECOND, 5 * SECOND);
        return b;
    }

    /**
     * Sizes from a request log: one client replays a periodic log (a one-minute period repeated, so the log's
     * wrap-around happens every minute, inside the measured window too) whose rows give response and read sizes,
     * and request sizes on nine rows in ten (the tenth drawn from the fallback); another client is fed by a rate and
     * takes every size from the fallbacks.
     */
    @Test
    void shouldAllocateNothingAfterWarmUpWithSizesFromARequestLog()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 2 * MINUTE, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(aws, "us-east-1", 1000);
        final int west = b.region(aws, "us-west-2", 1000);
        final int m5 = b.instanceType(aws, "m5.large", 2, 1.0, 30 * SECOND);
        b.offer(east, m5, CloudModel.SPOT, PriceSeries.constant(0.03));
        b.offer(east, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.096));
        final int perMinute = 150_000;
        final long[] offsets = new long[perMinute];
        final long[] work = new long[perMinute];
        final long[][] sizes = new long[io.windtunnel.simulator.model.ArrivalLog.SIZE_COLUMNS][perMinute];
        final java.util.SplittableRandom random = new java.util.SplittableRandom(11);
        for (int i = 0; i < perMinute; i++)
        {
            offsets[i] = i * (MINUTE / perMinute);
            work[i] = -1;
            sizes[0][i] = i % 10 == 0 ? -1 : random.nextLong(100, 4096);
            sizes[1][i] = random.nextLong(0, 100_000);
            sizes[2][i] = random.nextLong(0, 8192);
        }
        final int us = b.client("us",
            io.windtunnel.simulator.model.ArrivalLog.periodic(offsets, work, sizes, MINUTE, 70 * MINUTE));
        final int eu = b.client("eu", LoadSeries.constant(500));
        b.rtt(us, east, 10_000_000L).rtt(us, west, 70_000_000L).rtt(eu, east, 80_000_000L)
            .rtt(eu, west, 100_000_000L);
        for (int i = 1; i <= 6; i++)
        {
            b.fault(i * 10 * MINUTE + 7 * SECOND, FaultKind.PREEMPT.code(), aws, -1, -1, 1);
        }
        b.service(CloudModel.LOGNORMAL, 20_000_000, 1.0);
        b.requests(1000, 400_000_000L, 1);
        b.times(70 * MINUTE, 5 * MINUTE, 10 * SECOND, 5 * SECOND);
        b.transfer(new io.windtunnel.simulator.transfer.TransferModel(
            new io.windtunnel.simulator.transfer.SizeDistribution(
                io.windtunnel.simulator.transfer.SizeDistribution.LOGNORMAL, 2048, 1.0),
            io.windtunnel.simulator.transfer.SizeDistribution.constant(1000),
            io.windtunnel.simulator.transfer.SizeDistribution.constant(4096), new int[] {west},
            new int[] {CloudModel.NO_ZONE}, io.windtunnel.simulator.transfer.TransferPrices.awsExample(),
            io.windtunnel.simulator.transfer.TransferModel.DEFAULT_BITS_PER_SEC,
            new long[] {100_000L, 500_000L, 2_000_000L, 3_000_000L, 3_000_000L}, new double[2], 0,
            new boolean[] {true, true, true}));
        final Simulation simulation = measure(b.build(), ConservationTest.spotStack(), null, DecisionRecorder.NONE);
        final io.windtunnel.simulator.transfer.TransferLedger ledger = simulation.transferLedger();
        assertThat(ledger.bytes(io.windtunnel.simulator.transfer.LinkClass.INTERNET)).isPositive();
        assertThat(ledger.bytes(io.windtunnel.simulator.transfer.LinkClass.OTHER_REGION)).isPositive();
    }
}
