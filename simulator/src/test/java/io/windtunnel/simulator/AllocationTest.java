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
 * the test's time for no coverage.) Runs in its own surefire executions (tag "allocation"), with and without escape
 * analysis.
 * <p>
 * The cases with hedged requests and retries after a backoff run first ({@link Order}). In one JVM with the others,
 * whichever case ran after a change of the JIT's history once allocated 80 bytes in its measured hour (0 when run
 * alone). {@code measure} repeats a run whose hour allocated once, and the repeated run's hour must be 0 bytes (see its
 * comment).
 */
@Tag("allocation")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AllocationTest
{
    private static final long SECOND = 1_000_000_000L;
    private static final long MINUTE = 60 * SECOND;

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
            // Every 5-second interval of the 3 simulated hours, for the total, 2 clients and 2 providers.
            assertThat(spool.bytes()).isGreaterThan(180L * 60 / 5 * 5 * 40);
        }
    }

    private static CloudModel model()
    {
        return model(false);
    }

    /**
     * @param outage true to add an outage of us-east-1 from 140 to 150 minutes (in the measured hour) and another
     *               from 40 to 50 minutes (in the warm-up, so that the failover's outage path is compiled first).
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
            for (final long startMinute : new long[] {40, 140})
            {
                b.fault(startMinute * MINUTE + 3 * SECOND, FaultKind.OUTAGE_START.code(), aws, east, -1, 0);
                b.fault((startMinute + 10) * MINUTE, FaultKind.OUTAGE_END.code(), aws, east, -1, 0);
            }
        }
        b.service(CloudModel.LOGNORMAL, 20_000_000, 1.0);
        b.requests(1000, 400_000_000L, 1);
        // Control every 10 s and samples every 5 s, so that the per-interval handlers too are compiled by C2 during the
        // warm-up: a C2 transition of the sample handler was seen to allocate a few hundred bytes once (C1 alone did not).
        b.times(240 * MINUTE, 5 * MINUTE, 10 * SECOND, 5 * SECOND);
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
        final BoundedDecisionLog decisions = new BoundedDecisionLog(8, 64, 64);
        measure(listening, null, decisions);
        assertThat(heard[0]).isPositive();
        assertThat(heard[1]).isPositive();
        assertThat(heard[3]).isGreaterThan(1_000_000);
        // Replacements after the preemptions, recorded until the log is full, then dropped (counted).
        assertThat(decisions.size()).isEqualTo(8);
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
        // Decisions were recorded inside the measured hour (after the two hours of warm-up), with their scores.
        final int last = decisions.size() - 1;
        assertThat(decisions.timeNs(last)).isGreaterThan(120 * MINUTE);
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
     * Runs the stack for two simulated hours of warm-up, then counts the bytes this thread allocates in the third.
     * If that hour allocated, the whole run is repeated once in the same JVM and its measured hour must be 0 bytes.
     * Two first-time costs of the JVM can land in a measured hour: a code path first reached there (the capacity
     * failovers' fail-back: 80 bytes in the first run, with and without escape analysis, 0 in the repeat), and a JIT
     * deoptimization re-materializing objects escape analysis had scalar-replaced (80 bytes seen once in shared JVMs
     * after another case changed the JIT's history, 0 when the case ran alone). An allocation on the per-request path allocates in every run's
     * measured hour (a million requests each), so it still fails.
     */
    private static Simulation measure(final CloudModel model, final PolicyStack stack, final LatencyIntervalSink intervals,
        final DecisionRecorder decisions)
    {
        final Simulation first = measureOnce(model, stack, intervals, decisions, false);
        return first != null ? first : measureOnce(model, stack, intervals, decisions, true);
    }

    /** @return the simulation, or null if its measured hour allocated and {@code last} is false. */
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
        for (int round = 0; round < 120; round++)
        {
            timeNs += MINUTE;
            simulation.runUntil(timeNs);
        }

        final long eventsBefore = engine.eventsProcessed();
        final long arrivalsBefore = simulation.arrivals();
        final long preemptionsBefore = simulation.preemptions();
        final long before = threads.getThreadAllocatedBytes(threadId);
        simulation.runUntil(timeNs + 60 * MINUTE);
        final long after = threads.getThreadAllocatedBytes(threadId);

        final long events = engine.eventsProcessed() - eventsBefore;
        assertThat(events).as("events measured").isGreaterThanOrEqualTo(1_000_000);
        assertThat(simulation.arrivals() - arrivalsBefore).as("requests measured").isGreaterThan(1_000_000);
        assertThat(simulation.preemptions() - preemptionsBefore).as("preemptions measured").isPositive();
        final long bytes = after - before;
        System.out.println("simulator allocation test (" + stack.name() + (last ? ", repeated" : "") + "): " + bytes +
            " bytes for " + events + " events");
        if (bytes != 0 && !last)
        {
            return null;
        }
        assertThat(bytes).as("bytes allocated for " + events + " events" + (last ? " in the repeated run" : ""))
            .isZero();
        assertThat(simulation.conservationHolds()).isTrue();
        return simulation;
    }

    /** The capacity failovers under preemptions and a region outage with takeover and fail-back in the measured hour. */
    @Test
    void shouldAllocateNothingAfterWarmUpWithEachCapacityFailoverUnderFaults()
    {
        final PolicyStack spot = ConservationTest.spotStack();
        final java.util.List<java.util.function.Supplier<FailoverPolicy>> failovers = java.util.List.of(
            () -> new ReplaceOnFailureFailover(1),
            () -> new ActivePassiveFailover(new boolean[] {true, false}, new boolean[] {false, true}, true,
                10 * SECOND, 3, 2 * MINUTE, CloudModel.ON_DEMAND, 1),
            () -> new ActivePassiveFailover(new boolean[] {true, false}, new boolean[] {false, true}, false,
                10 * SECOND, 3, 2 * MINUTE, CloudModel.ON_DEMAND, 1),
            () -> new NPlusKFailover(2, SpreadPlacement.PROVIDER, CloudModel.ON_DEMAND, 1));
        for (final java.util.function.Supplier<FailoverPolicy> failover : failovers)
        {
            measure(model(true), new PolicyStack("capacity-failover", Map.of(), spot.autoscaler(), spot.placement(),
                spot.balancer(), failover), null, DecisionRecorder.NONE);
        }
    }

    /**
     * Bytes on: lognormal request and response sizes, a data set read across regions and providers, tiered internet
     * prices with tier boundaries and a calendar month's turn (at 150 minutes) inside the measured hour, a region's
     * uplink; every transfer priced into the ledger and the time series without allocating.
     */
    @Test
    void shouldAllocateNothingAfterWarmUpWithBytesOnTheRequestPath()
    {
        final long gb = io.windtunnel.simulator.transfer.ByteUnits.BYTES_PER_GB;
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 2 * MINUTE, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int gcp = b.provider("gcp", 30 * SECOND, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(aws, "us-east-1", 1000);
        final int west = b.region(aws, "us-west-2", 1000);
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
        final io.windtunnel.simulator.transfer.TransferPrices prices =
            new io.windtunnel.simulator.transfer.TransferPrices(
                new long[][] {{0}, {0}, {0}, {0, 100 * gb, 600 * gb, 1024 * gb}, {0}},
                new double[][] {{0}, {0.01}, {0.02}, {0, 0.09, 0.085, 0.07}, {0.08}}, "allocation test");
        // The calendar month turns 150 minutes into the run: 2025-01-31T21:30Z + 2.5 h.
        final long startEpochNs = java.time.Instant.parse("2025-01-31T21:30:00Z").getEpochSecond() * SECOND;
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
        assertThat(ledger.bytes(io.windtunnel.simulator.transfer.LinkClass.INTERNET)).isGreaterThan(600 * gb);
    }
}
