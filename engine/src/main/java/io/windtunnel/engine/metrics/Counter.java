package io.windtunnel.engine.metrics;

/**
 * A plain {@code long} counter, for outcome counts such as completed or lost requests. A class rather than a
 * bare field so a model can hand counters to reporting code by reference.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> none.
 */
public final class Counter
{
    private long value;

    /**
     * Add one.
     */
    public void increment()
    {
        value++;
    }

    /**
     * @param delta amount to add.
     */
    public void add(final long delta)
    {
        value += delta;
    }

    /**
     * @return the count.
     */
    public long get()
    {
        return value;
    }

    /**
     * Set back to zero.
     */
    public void reset()
    {
        value = 0;
    }
}
