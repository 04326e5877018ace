package io.windtunnel.engine;

/**
 * Receives every event of an {@link Engine}, with its type, in place of the per-type {@link EventHandler}s.
 * <p>
 * A model with several event types usually registers one handler per type. The engine's run loop then calls a
 * different handler class from one call site, which the JIT cannot inline and dispatches through an interface stub
 * on every event. A model that owns all its types can instead install one dispatcher (see
 * {@link Engine#dispatcher(EventDispatcher)}) and {@code switch} on the type: one call the JIT sees a single
 * receiver for, and plain method calls behind it. Types still come from {@link Engine#register}, which keeps
 * validating {@link Engine#schedule}.
 * <p>
 * <b>Threading:</b> called on the thread that runs the engine, one event at a time.
 * <b>Allocation:</b> the engine allocates nothing to call it.
 */
@FunctionalInterface
public interface EventDispatcher
{
    /**
     * Handle an event that has become due.
     *
     * @param type     the event's type, as returned by {@link Engine#register}.
     * @param nowNs    simulated time of the event; equals {@link Engine#nowNs()}.
     * @param target   the entity the event is about, as scheduled.
     * @param payload  first free-form argument, as scheduled.
     * @param payload2 second free-form argument, as scheduled.
     */
    void onEvent(int type, long nowNs, int target, long payload, long payload2);
}
