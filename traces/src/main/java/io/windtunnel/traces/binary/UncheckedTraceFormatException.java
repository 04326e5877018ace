package io.windtunnel.traces.binary;

import io.windtunnel.traces.TraceFormatException;

/**
 * Wraps a {@link TraceFormatException} found while streaming rows, where {@link io.windtunnel.traces.TraceCursor}
 * methods cannot throw checked exceptions: a binary trace block whose checksum, order or key ids are wrong. Its
 * message is the wrapped exception's (file, block, what is wrong); callers that can, rethrow {@link #getCause()}.
 */
public final class UncheckedTraceFormatException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /**
     * @param cause the problem found.
     */
    public UncheckedTraceFormatException(final TraceFormatException cause)
    {
        super(cause.getMessage(), cause);
    }

    /**
     * @return the wrapped format exception.
     */
    @Override
    public synchronized TraceFormatException getCause()
    {
        return (TraceFormatException)super.getCause();
    }
}
