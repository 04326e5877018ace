package io.windtunnel.traces;

/**
 * Streams the rows of a normalized trace in time order, one at a time, without creating an object per row:
 * call {@link #next()} and then read the current row's columns.
 * <pre>{@code
 * try (TraceCursor cursor = trace.cursor()) {
 *     while (cursor.next()) {
 *         schedule(cursor.timeNs(), cursor.keyId(), cursor.code(), cursor.value());
 *     }
 * }
 * }</pre>
 * Implemented over an in-memory {@link TraceTable} and over a memory-mapped binary trace file, so the simulator
 * replays either the same way.
 * <p>
 * <b>Threading:</b> not thread-safe. <b>Allocation:</b> none per row.
 */
public interface TraceCursor extends AutoCloseable
{
    /**
     * @return true if a row was read, false at the end.
     */
    boolean next();

    /**
     * @return the current row's time, nanoseconds since the Unix epoch (UTC).
     */
    long timeNs();

    /**
     * @return the current row's key id in {@link #keys()}.
     */
    int keyId();

    /**
     * @return the current row's code (a {@link FaultKind#code()} in fault traces, 0 otherwise).
     */
    int code();

    /**
     * @return the current row's value, whose meaning the {@link TraceKind} gives.
     */
    double value();

    /**
     * @return what the rows describe.
     */
    TraceKind kind();

    /**
     * @return the keys the rows refer to.
     */
    KeyDictionary keys();

    /**
     * @return total rows in the trace.
     */
    long rowCount();

    /**
     * Release resources; a no-op for in-memory tables.
     */
    @Override
    void close();
}
