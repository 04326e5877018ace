package io.windtunnel.simulator.policy.lp;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class CostOrderTest
{
    @Test
    void shouldSortLikeAStableComparatorSortWhenKeysRepeat()
    {
        final SplittableRandom random = new SplittableRandom(3L);
        final CostOrder order = new CostOrder();
        for (int trial = 0; trial < 200; trial++)
        {
            final int n = random.nextInt(60);
            final double[] cost = new double[n];
            final double[] capacity = new double[n];
            final Integer[] expected = new Integer[n];
            for (int i = 0; i < n; i++)
            {
                cost[i] = random.nextInt(5) * 0.25; // few distinct values: many ties
                capacity[i] = 1 + random.nextInt(2);
                expected[i] = i;
            }
            Arrays.sort(expected, Comparator.comparingDouble((Integer i) -> cost[i] / capacity[i]));
            final int[] actual = Arrays.copyOf(order.sort(cost, capacity, n), n);
            assertThat(actual).containsExactly(Arrays.stream(expected).mapToInt(Integer::intValue).toArray());
        }
    }
}
