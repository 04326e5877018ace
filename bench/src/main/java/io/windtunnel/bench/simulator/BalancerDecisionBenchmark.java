package io.windtunnel.bench.simulator;

import io.windtunnel.engine.random.RandomStream;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.CapacityWeightedBalancer;
import io.windtunnel.simulator.policy.LeastOutstandingBalancer;
import io.windtunnel.simulator.policy.LocalityFirstBalancer;
import io.windtunnel.simulator.policy.PeakEwmaBalancer;
import io.windtunnel.simulator.policy.PolicySlot;
import io.windtunnel.simulator.policy.PowerOfTwoChoicesBalancer;
import io.windtunnel.simulator.policy.RandomBalancer;
import io.windtunnel.simulator.policy.ResponseListener;
import io.windtunnel.simulator.policy.RoundRobinBalancer;
import io.windtunnel.simulator.policy.SimulationView;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * One decision ({@code pickReplica}) of each built-in balancer at 8, 64 and 512 ready replicas, on a view with preset
 * state: replicas spread over three regions and three instance types (capacities 4, 3 and 2 worker-speeds), each with
 * 1 to 8 requests in flight (no idle replica, so the balancers that stop at an idle one scan the whole list), and for
 * peak-EWMA a cost per replica from one response each. The view answers from arrays, so the figure is the balancer's
 * own work. Run with {@code -prof gc}: {@code gc.alloc.rate.norm} must be 0 B/op.
 * <pre>
 * java -jar bench/target/benchmarks.jar BalancerDecisionBenchmark -prof gc
 * </pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
public class BalancerDecisionBenchmark
{
    /** The balancer measured: its registry type (round-robin-reshuffle is round-robin with reshuffle: true). */
    @Param({"round-robin", "round-robin-reshuffle", "random", "least-outstanding", "power-of-two-choices",
        "peak-ewma", "weighted-capacity", "locality-first"})
    public String balancer;

    /** Ready replicas. */
    @Param({"8", "64", "512"})
    public int replicas;

    private PresetView view;
    private Balancer policy;
    private int client;

    /** Builds the view and the balancer, with the built-in defaults. */
    @Setup(Level.Trial)
    public void setUp()
    {
        view = new PresetView(replicas);
        policy = newBalancer(balancer);
        for (int replica = 0; replica < replicas; replica++)
        {
            policy.onResponse(view, replica, ResponseListener.COMPLETED, (10 + replica % 40) * 1_000_000L);
        }
    }

    /**
     * @return the chosen replica (consumed by JMH).
     */
    @Benchmark
    public int decide()
    {
        final int c = client;
        client = c == 2 ? 0 : c + 1;
        return policy.pickReplica(view, c);
    }

    /**
     * @param type a built-in balancer type, or round-robin-reshuffle.
     * @return it with its declared defaults.
     */
    static Balancer newBalancer(final String type)
    {
        switch (type)
        {
            case "round-robin":
                return new RoundRobinBalancer();
            case "round-robin-reshuffle":
                return new RoundRobinBalancer(true);
            case "random":
                return new RandomBalancer();
            case "least-outstanding":
                return new LeastOutstandingBalancer();
            case "power-of-two-choices":
                return new PowerOfTwoChoicesBalancer(2, 1.0, true);
            case "peak-ewma":
                return new PeakEwmaBalancer(10_000_000_000L, 30_000_000L, 2);
            case "weighted-capacity":
                return new CapacityWeightedBalancer();
            case "locality-first":
                return new LocalityFirstBalancer(2.0);
            default:
                throw new IllegalArgumentException("unknown balancer " + type);
        }
    }

    /** A view of n ready replicas with preset offers and in-flight counts. */
    static final class PresetView implements SimulationView
    {
        private final CloudModel model;
        private final int[] offer;
        private final int[] inFlight;
        private final RandomStream random = new RandomStream(7);

        PresetView(final int replicas)
        {
            final CloudModel.Builder b = CloudModel.builder();
            final int provider = b.provider("p", 0, BillingRule.PER_SECOND_MINIMUM_MINUTE);
            final int[] regions = {b.region(provider, "a", 100_000), b.region(provider, "b", 100_000),
                b.region(provider, "c", 100_000)};
            final int[] types = {b.instanceType(provider, "big", 4, 1.0, 0),
                b.instanceType(provider, "fast", 2, 1.5, 0), b.instanceType(provider, "slow", 4, 0.5, 0)};
            for (final int region : regions)
            {
                for (final int type : types)
                {
                    b.offer(region, type, CloudModel.ON_DEMAND, PriceSeries.constant(1.0));
                }
            }
            for (int c = 0; c < 3; c++)
            {
                final int client = b.client("c" + c, LoadSeries.constant(1));
                for (int r = 0; r < 3; r++)
                {
                    b.rtt(client, regions[r], (5 + 50L * ((c + r) % 3)) * 1_000_000L);
                }
            }
            b.service(CloudModel.EXPONENTIAL, 1e7, 1);
            b.times(3_600_000_000_000L, 0, 60_000_000_000L, 60_000_000_000L);
            model = b.build();
            offer = new int[replicas];
            inFlight = new int[replicas];
            final RandomStream preset = new RandomStream(11);
            for (int i = 0; i < replicas; i++)
            {
                offer[i] = i % 9;
                inFlight[i] = 1 + preset.nextInt(8);
            }
        }

        @Override
        public CloudModel model()
        {
            return model;
        }

        @Override
        public long nowNs()
        {
            return 1_000_000_000L;
        }

        @Override
        public int readyCount()
        {
            return offer.length;
        }

        @Override
        public int readyReplica(final int i)
        {
            return i;
        }

        @Override
        public long readySetVersion()
        {
            return 1;
        }

        @Override
        public int activeReplicas()
        {
            return offer.length;
        }

        @Override
        public int activeWorkers()
        {
            return 4 * offer.length;
        }

        @Override
        public int replicaOffer(final int replica)
        {
            return offer[replica];
        }

        @Override
        public int replicaState(final int replica)
        {
            return READY;
        }

        @Override
        public int replicaQueueLength(final int replica)
        {
            return inFlight[replica];
        }

        @Override
        public int replicaBusy(final int replica)
        {
            return 0;
        }

        @Override
        public int replicaInFlight(final int replica)
        {
            return inFlight[replica];
        }

        @Override
        public boolean offerAvailable(final int o)
        {
            return true;
        }

        @Override
        public double offerPricePerHourUsd(final int o)
        {
            return 1.0;
        }

        @Override
        public double observedArrivalRatePerSec()
        {
            return 0;
        }

        @Override
        public double observedUtilization()
        {
            return 0;
        }

        @Override
        public int replicaCount()
        {
            return offer.length;
        }

        @Override
        public long replicaLaunchNs(final int replica)
        {
            return 0;
        }

        @Override
        public long replicaCompleted(final int replica)
        {
            return 0;
        }

        @Override
        public double replicaCostUsd(final int replica)
        {
            return 0;
        }

        @Override
        public int offerActiveReplicas(final int o)
        {
            return 0;
        }

        @Override
        public int regionReplicas(final int region)
        {
            return 0;
        }

        @Override
        public double observedClientArrivalRatePerSec(final int c)
        {
            return 0;
        }

        @Override
        public RandomStream random(final PolicySlot<?> slot)
        {
            return random;
        }
    }
}
