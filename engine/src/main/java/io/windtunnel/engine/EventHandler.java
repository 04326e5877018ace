package io.windtunnel.engine;

/**
 * Reacts to one type of event. Registered once with {@link Engine#register(EventHandler)}, which returns the
 * {@code int} event type that {@link Engine#schedule} takes; the engine then calls it for every event of that
 * type, in {@code (timeNs, seq)} order.
 * <p>
 * A handler is an ordinary object built at setup, usually a field of the model (or the model itself behind
 * a small adapter), so no object is created per event. It may schedule and cancel events, read
 * {@link Engine#nowNs()} and call {@link Engine#stop()}.
 * <p>
 * <b>Threading:</b> called on the thread that runs the engine, one event at a time.
 * <b>Allocation:</b> the engine allocates nothing to call a handler; keep the handler's own work
 * allocation-free for a steady state without garbage.
 */
@FunctionalInterface
public interface EventHandler
{
    /**
     * Handle an event that has become due.
     *
     * @param nowNs    simulated time of the event, nanoseconds since the scenario start; equals
     *                 {@link Engine#nowNs()}.
     * @param target   the entity the event is about (an index into the model's tables), as scheduled.
     * @param payload  first free-form argument, as scheduled.
     * @param payload2 second free-form argument, as scheduled.
     */
    void onEvent(long nowNs, int target, long payload, long payload2);
}
