package io.windtunnel.engine;

import java.util.Arrays;

/**
 * Single-threaded discrete-event engine: a simulated clock, an exact event queue and a run loop that dispatches
 * each due event to the handler registered for its type.
 * <p>
 * Simulated time is a {@code long} of nanoseconds since the scenario start and never goes backwards. Events
 * run in {@code (timeNs, seq)} order, {@code seq} being assigned when an event is scheduled, so events due at
 * the same time run first in, first out and a run is reproducible bit for bit.
 * <pre>{@code
 * Engine engine = new Engine(1024);
 * int arrival = engine.register((nowNs, target, payload, payload2) -> {
 *     // ... serve the request, then schedule the next one
 *     engine.scheduleAfter(interArrivalNs, ARRIVAL_TYPE, target, 0, 0);
 * });
 * engine.schedule(0, arrival, 0, 0, 0);
 * engine.runUntil(60_000_000_000L);   // one simulated minute
 * }</pre>
 * <b>Threading:</b> not thread-safe. One thread builds the model, registers handlers and runs the loop;
 * parallel runs use one engine each.
 * <p>
 * <b>Allocation:</b> {@link #schedule}, {@link #cancel} and the run loop allocate nothing once the queue has
 * reached its peak size (see {@link EventQueue} for the rare doubling beyond the initial capacity). Handlers are
 * plain objects registered at setup: no {@code Runnable}, lambda or event object is created per event.
 * <p>
 * <b>Caveats:</b> scheduling in the past is a bug in the model and throws; a handler that throws ends the run
 * loop with that exception and leaves the engine at the failing event's time.
 */
public final class Engine
{
    private final EventQueue queue;
    private EventHandler[] handlers = new EventHandler[8];
    private int handlerCount;

    private long nowNs;
    private boolean stopRequested;
    private EventDispatcher dispatcher;
    private long eventsProcessed;
    private long eventsCancelled;

    /**
     * @param initialCapacity pending events the queue holds before its first (rare) doubling.
     */
    public Engine(final int initialCapacity)
    {
        queue = new EventQueue(initialCapacity);
    }

    /**
     * Register a handler for a new event type. Call at setup, before the run.
     *
     * @param handler called for every event of the returned type.
     * @return the event type to pass to {@link #schedule}.
     */
    public int register(final EventHandler handler)
    {
        if (handler == null)
        {
            throw new NullPointerException("handler");
        }
        if (handlerCount == handlers.length)
        {
            handlers = Arrays.copyOf(handlers, handlerCount * 2);
        }
        handlers[handlerCount] = handler;
        return handlerCount++;
    }

    /**
     * Send every event to one dispatcher, with its type, instead of to the handler registered for the type (see
     * {@link EventDispatcher} for why). Types must still be registered.
     *
     * @param dispatcher receives all events from now on; null to go back to the per-type handlers.
     */
    public void dispatcher(final EventDispatcher dispatcher)
    {
        this.dispatcher = dispatcher;
    }

    /**
     * Schedule an event.
     *
     * @param timeNs   when it is due; not before {@link #nowNs()}, and below {@code Long.MAX_VALUE} (which means
     *                 "no event").
     * @param type     a type returned by {@link #register}.
     * @param target   entity index handed to the handler.
     * @param payload  first argument handed to the handler.
     * @param payload2 second argument handed to the handler.
     * @return a handle for {@link #cancel(long)}.
     * @throws IllegalArgumentException if {@code timeNs} is in the past or {@code type} is not registered.
     */
    public long schedule(final long timeNs, final int type, final int target, final long payload, final long payload2)
    {
        if (timeNs < nowNs || timeNs == EventQueue.NO_EVENT || type < 0 || type >= handlerCount)
        {
            throw badSchedule(timeNs, type);
        }
        return queue.push(timeNs, type, target, payload, payload2);
    }

    /**
     * Schedule an event {@code delayNs} after now. A negative delay throws, as in {@link #schedule}.
     *
     * @param delayNs  delay from {@link #nowNs()}.
     * @param type     a type returned by {@link #register}.
     * @param target   entity index handed to the handler.
     * @param payload  first argument handed to the handler.
     * @param payload2 second argument handed to the handler.
     * @return a handle for {@link #cancel(long)}.
     */
    public long scheduleAfter(
        final long delayNs, final int type, final int target, final long payload, final long payload2)
    {
        return schedule(nowNs + delayNs, type, target, payload, payload2);
    }

    /**
     * Cancel a pending event. Harmless for a handle whose event already ran or was cancelled.
     *
     * @param handle from {@link #schedule}.
     * @return true if the event was pending and will not run.
     */
    public boolean cancel(final long handle)
    {
        if (queue.cancel(handle))
        {
            eventsCancelled++;
            return true;
        }
        return false;
    }

    /**
     * @param handle from {@link #schedule}.
     * @return true if the event has neither run nor been cancelled.
     */
    public boolean isPending(final long handle)
    {
        return queue.isPending(handle);
    }

    /**
     * Run until no event is pending or {@link #stop()} is called.
     *
     * @return events processed by this call.
     */
    public long run()
    {
        return loop(Long.MAX_VALUE, Long.MAX_VALUE);
    }

    /**
     * Run every event due at or before {@code endTimeNs}, then advance the clock to {@code endTimeNs} (unless
     * stopped early), so that a following {@code schedule} is relative to the end of the window.
     *
     * @param endTimeNs last simulated time to process, inclusive.
     * @return events processed by this call.
     */
    public long runUntil(final long endTimeNs)
    {
        final long processed = loop(endTimeNs, Long.MAX_VALUE);
        if (!stopRequested && endTimeNs > nowNs)
        {
            nowNs = endTimeNs;
        }
        stopRequested = false;
        return processed;
    }

    /**
     * Run at most {@code maxEvents} events.
     *
     * @param maxEvents upper bound on events processed.
     * @return events processed by this call.
     */
    public long runEvents(final long maxEvents)
    {
        return loop(Long.MAX_VALUE, maxEvents);
    }

    private long loop(final long endTimeNs, final long maxEvents)
    {
        final EventQueue queue = this.queue;
        stopRequested = false;
        long processed = 0;
        while (processed < maxEvents && !stopRequested && queue.pollUntil(endTimeNs))
        {
            final long timeNs = queue.polledTimeNs();
            nowNs = timeNs;
            processed++;
            eventsProcessed++;
            final EventDispatcher dispatcher = this.dispatcher;
            if (dispatcher != null)
            {
                dispatcher.onEvent(
                    queue.polledType(), timeNs, queue.polledTarget(), queue.polledPayload(), queue.polledPayload2());
            }
            else
            {
                handlers[queue.polledType()].onEvent(
                    timeNs, queue.polledTarget(), queue.polledPayload(), queue.polledPayload2());
            }
        }
        return processed;
    }

    /**
     * Ask the run loop to return after the current event. Call from a handler.
     */
    public void stop()
    {
        stopRequested = true;
    }

    /**
     * @return the simulated time, nanoseconds since the scenario start.
     */
    public long nowNs()
    {
        return nowNs;
    }

    /**
     * @return time of the next pending event, or {@link EventQueue#NO_EVENT}.
     */
    public long nextEventTimeNs()
    {
        return queue.peekTimeNs();
    }

    /**
     * @return events waiting to run.
     */
    public int pending()
    {
        return queue.size();
    }

    /**
     * @return events dispatched to handlers since construction.
     */
    public long eventsProcessed()
    {
        return eventsProcessed;
    }

    /**
     * @return events scheduled since construction.
     */
    public long eventsScheduled()
    {
        // Every scheduled event is processed, cancelled or still pending.
        return eventsProcessed + eventsCancelled + queue.size();
    }

    /**
     * @return events cancelled while pending since construction.
     */
    public long eventsCancelled()
    {
        return eventsCancelled;
    }

    /**
     * @return most events pending at once since construction.
     */
    public int peakPending()
    {
        return queue.peakSize();
    }

    private IllegalArgumentException badSchedule(final long timeNs, final int type)
    {
        if (type < 0 || type >= handlerCount)
        {
            return new IllegalArgumentException("unregistered event type " + type);
        }
        if (timeNs == EventQueue.NO_EVENT)
        {
            return new IllegalArgumentException("timeNs Long.MAX_VALUE is reserved for 'no event'; schedule earlier");
        }
        return new IllegalArgumentException(
            "event scheduled in the past: timeNs=" + timeNs + " < nowNs=" + nowNs);
    }
}
