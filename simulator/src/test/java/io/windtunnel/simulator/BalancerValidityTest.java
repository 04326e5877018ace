package io.windtunnel.simulator;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.policy.Balancer;
import io.windtunnel.simulator.policy.CheapestPricePlacement;
import io.windtunnel.simulator.policy.FixedAutoscaler;
import io.windtunnel.simulator.policy.LeastOutstandingBalancer;
import io.windtunnel.simulator.policy.PolicyStack;
import io.windtunnel.simulator.policy.PowerOfTwoChoicesBalancer;
import io.windtunnel.simulator.policy.RandomBalancer;
import io.windtunnel.simulator.policy.ReplaceOnFailureFailover;
import org.junit.jupiter.api.Test;

import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/**
 * The balancers against queueing theory, on n identical one-worker replicas with Poisson arrivals and exponential
 * work (mean 1 ms) and no network delay:
 * <ul>
 * <li>a random split makes n independent M/M/1 queues at arrival rate lambda / n each, so the mean sojourn is
 * {@code 1 / (mu - lambda / n)};</li>
 * <li>at high load, power of two choices and join-the-shortest-queue (least-outstanding) beat it by far. Mitzenmacher's
 * supermarket model ("The Power of Two Choices in Randomized Load Balancing", 2001, Theorem 4) gives, for d choices
 * among n queues as n grows, per-queue load {@code lambda} (mean work 1) and exponential work, the expected time in
 * the system {@code T_d = sum_{i >= 1} lambda^((d^i - d) / (d - 1))}; for d = 2 and lambda = 0.9,
 * {@code 1 + 0.9^2 + 0.9^6 + 0.9^14 + 0.9^30 + ... = 2.614} mean works, against {@code 1 / (1 - 0.9) = 10} for
 * random. A finite n does a little worse than the limit (a draw can pick the same queue twice, and the queue-length
 * distribution is not yet the limit's).</li>
 * </ul>
 */
class BalancerValidityTest
{
    private static final double MU = 1000.0;

    @Test
    void shouldMatchIndependentMm1QueuesWhenTheSplitIsRandom()
    {
        final int replicas = 4;
        final double rho = 0.7;
        final Simulation simulation = run(replicas, rho, 4_000_000, RandomBalancer::new);
        final double theoryNs = 1e9 / (MU - rho * MU);
        report("random", replicas, rho, simulation, theoryNs);
        assertThat(simulation.meanLatencyNs()).isCloseTo(theoryNs, within(0.02 * theoryNs));
    }

    @Test
    void shouldBeatRandomAsMitzenmacherPredictsWhenLoadIsHigh()
    {
        final int replicas = 32;
        final double rho = 0.9;
        final long requests = 2_000_000;
        final double randomNs = run(replicas, rho, requests, RandomBalancer::new).meanLatencyNs();
        final Simulation twoChoices =
            run(replicas, rho, requests, () -> new PowerOfTwoChoicesBalancer(2, 1.0, true));
        final Simulation shortest = run(replicas, rho, requests, LeastOutstandingBalancer::new);

        double mitzenmacher = 0;
        for (int i = 1; i < 40; i++)
        {
            mitzenmacher += Math.pow(rho, Math.pow(2, i) - 2);
        }
        final double mitzenmacherNs = mitzenmacher * 1e9 / MU;
        report("power-of-two-choices", replicas, rho, twoChoices, mitzenmacherNs);
        System.out.printf(Locale.ROOT, "random %.4f ms (M/M/1: %.4f ms), least-outstanding %.4f ms%n",
            randomNs / 1e6, 1e3 / (MU - rho * MU), shortest.meanLatencyNs() / 1e6);

        assertThat(mitzenmacher).isCloseTo(2.6141, within(1e-4));
        // Random is M/M/1 (10 ms); two choices come close to the supermarket limit, a little above it at n = 32;
        // the shortest queue, comparing all 32, does better still.
        assertThat(randomNs).isCloseTo(10e6, within(0.1 * 10e6));
        assertThat(twoChoices.meanLatencyNs()).isBetween(mitzenmacherNs, 1.1 * mitzenmacherNs);
        assertThat(shortest.meanLatencyNs()).isLessThan(twoChoices.meanLatencyNs());
        assertThat(twoChoices.meanLatencyNs()).isLessThan(0.5 * randomNs);
    }

    private static Simulation run(final int replicas, final double rho, final long requests,
        final Supplier<Balancer> balancer)
    {
        final double lambda = rho * replicas * MU;
        final long durationNs = (long)(requests / lambda * 1e9);
        final CloudModel model = Fixtures.mmc(1, lambda, MU, durationNs, durationNs / 20);
        final PolicyStack stack = new PolicyStack("validity", Map.of(),
            () -> new FixedAutoscaler(replicas),
            () -> new CheapestPricePlacement(new boolean[] {true, true}, new boolean[] {true}),
            balancer, () -> new ReplaceOnFailureFailover(1));
        final Simulation simulation = Fixtures.run(model, stack, 23);
        assertThat(simulation.conservationHolds()).isTrue();
        assertThat(simulation.rejected() + simulation.failed() + simulation.timedOut()).isZero();
        return simulation;
    }

    private static void report(final String balancer, final int replicas, final double rho,
        final Simulation simulation, final double theoryNs)
    {
        System.out.printf(Locale.ROOT, "%s, %d replicas at rho %.2f: %d requests, mean sojourn %.4f ms vs %.4f ms " +
            "(%+.2f%%)%n", balancer, replicas, rho, simulation.measuredArrivals(), simulation.meanLatencyNs() / 1e6,
            theoryNs / 1e6, 100 * (simulation.meanLatencyNs() / theoryNs - 1));
    }
}
