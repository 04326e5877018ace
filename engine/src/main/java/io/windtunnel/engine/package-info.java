/**
 * The Windtunnel engine: a single-threaded, allocation-free discrete-event core that the simulator drives.
 * <p>
 * <b>Time and order.</b> Simulated time is a {@code long} of nanoseconds since the scenario start. The
 * {@link io.windtunnel.engine.Engine} keeps pending events in an exact {@link io.windtunnel.engine.EventQueue}
 * ordered by {@code (timeNs, seq)}: events due at the same time run in the order they were scheduled, so a run
 * is a pure function of its inputs and seed.
 * <p>
 * <b>Writing a model.</b> Keep entities in primitive tables indexed by {@code int}; register one
 * {@link io.windtunnel.engine.EventHandler} per event type at setup; schedule events with the entity index as
 * {@code target} and up to two {@code long} payloads; keep the {@code long} handle of anything that may need
 * cancelling (timeouts, preemption notices). A model with many event types may instead install one
 * {@link io.windtunnel.engine.EventDispatcher} that receives every event with its type (one receiver for the run
 * loop's call site, which the JIT can inline).
 * <pre>{@code
 * Engine engine = new Engine(4096);
 * RandomStreams streams = new RandomStreams(seed);
 * RandomStream arrivals = streams.stream("arrivals");
 * LatencyRecorder latency = new LatencyRecorder(1_000, 60_000_000_000L, 3);
 *
 * int[] types = new int[2];
 * types[0] = engine.register((nowNs, request, payload, payload2) -> {          // arrival
 *     engine.scheduleAfter(arrivals.exponentialNs(1e6), types[0], request + 1, 0, 0);
 *     engine.scheduleAfter(500_000, types[1], request, nowNs, 0);               // done in 0.5 ms
 * });
 * types[1] = engine.register((nowNs, request, arrivalNs, payload2) ->
 *     latency.record(nowNs - arrivalNs));                                        // completion
 *
 * engine.schedule(0, types[0], 0, 0, 0);
 * engine.runUntil(10_000_000_000L);                                              // ten simulated seconds
 * }</pre>
 * <b>Randomness.</b> {@link io.windtunnel.engine.random.RandomStreams} splits one seed into named streams so
 * that competing policies see the same random numbers. <b>Metrics.</b>
 * {@link io.windtunnel.engine.metrics.LatencyRecorder} (HdrHistogram with a fixed range and simulated-time
 * intervals), {@link io.windtunnel.engine.metrics.Counter}, {@link io.windtunnel.engine.metrics.CompensatedSum}
 * and {@link io.windtunnel.engine.metrics.TimeSeriesSampler}.
 * <p>
 * <b>Threading:</b> nothing here is thread-safe; one thread owns an engine and its model. <b>Allocation:</b>
 * scheduling, cancelling, dispatching, sampling random numbers and recording metrics allocate nothing in steady
 * state; arrays grow only at setup or by a documented, rare doubling. The engine module depends on Agrona and
 * HdrHistogram only and does no I/O.
 */
package io.windtunnel.engine;
