package io.windtunnel.simulator.policy.lp;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class FractionalKnapsackSolverTest
{
    private final FractionalKnapsackSolver solver = new FractionalKnapsackSolver();

    @Test
    void shouldFillCheapestPerCapacityFirstWhenSolvingTheWorkedExample()
    {
        final double[] x = new double[3];
        final double cost = solver.solve(new double[] {0.2, 0.1, 0.15}, new double[] {1, 1, 1},
            new double[] {1000, 500, 700}, 1000, x);

        assertThat(x).containsExactly(0, 500, 500);
        assertThat(cost).isCloseTo(125, within(1e-12));
    }

    @Test
    void shouldFillEveryBoundWhenDemandIsInfeasible()
    {
        final double[] x = new double[2];
        final double cost = solver.solve(new double[] {1, 2}, new double[] {2, 1}, new double[] {3, 4}, 100, x);

        assertThat(x).containsExactly(3, 4);
        assertThat(cost).isEqualTo(11);
    }

    @Test
    void shouldFillTiesInIndexOrderAndPerCapacityWhenCapacitiesDiffer()
    {
        final double[] x = new double[4];
        // per capacity: 0.5, 0.25, 0.5, 0.25 -> options 1 and 3 first (1 before 3), then 0 before 2
        solver.solve(new double[] {1, 1, 0.5, 0.5}, new double[] {2, 4, 1, 2}, new double[] {1, 1, 1, 1}, 7, x);

        assertThat(x).containsExactly(new double[] {0.5, 1, 0, 1}, within(1e-12));
    }
}
