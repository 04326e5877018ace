package io.windtunnel.simulator.policy.lp;

/**
 * Orders options by cost per unit of capacity ({@code cost_i / a_i}), ties by index: the order in which both
 * solvers fill options and the rounding adds and removes replicas. A stable merge sort over an {@code int[]} of
 * indexes, so that no {@code Integer} is boxed and ties keep index order.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> only when the number of options grows.
 */
final class CostOrder
{
    private int[] order = new int[0];
    private int[] scratch = new int[0];
    private double[] key = new double[0];

    /**
     * Sorts options {@code 0..n-1} by {@code costPerHourUsd[i] / capacityPerReplica[i]}, lower first, ties by lower
     * index.
     *
     * @return the order, valid until the next call ({@code n} valid entries).
     */
    int[] sort(final double[] costPerHourUsd, final double[] capacityPerReplica, final int n)
    {
        if (order.length < n)
        {
            order = new int[n];
            scratch = new int[n];
            key = new double[n];
        }
        for (int i = 0; i < n; i++)
        {
            order[i] = i;
            key[i] = costPerHourUsd[i] / capacityPerReplica[i];
        }
        mergeSort(0, n);
        return order;
    }

    /**
     * @return the sort key of option {@code i} from the last {@link #sort} (its cost per capacity).
     */
    double key(final int i)
    {
        return key[i];
    }

    private void mergeSort(final int from, final int to)
    {
        if (to - from < 2)
        {
            return;
        }
        final int mid = (from + to) >>> 1;
        mergeSort(from, mid);
        mergeSort(mid, to);
        if (key[order[mid - 1]] <= key[order[mid]])
        {
            return;
        }
        System.arraycopy(order, from, scratch, from, to - from);
        int left = from;
        int right = mid;
        for (int out = from; out < to; out++)
        {
            // "<=" takes the left run first on equal keys: the sort is stable, so ties stay in index order
            if (right >= to || (left < mid && key[scratch[left]] <= key[scratch[right]]))
            {
                order[out] = scratch[left++];
            }
            else
            {
                order[out] = scratch[right++];
            }
        }
    }
}
