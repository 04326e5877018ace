package io.windtunnel.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.ArrayList;
import java.util.List;

/**
 * Turns SIGINT and SIGTERM into an orderly stop of the command that installed it: the first signal calls the
 * command's stop action (e.g. cancel the runs) and interrupts the command's thread, which then cleans up (removes
 * its temporary folder), says what happened and returns {@code 128 + signal}. A second signal ends the process at
 * once with the same code.
 * <p>
 * Uses {@code sun.misc.Signal} (module {@code jdk.unsupported}), the one JDK API that lets a program handle a signal
 * and keep running; a shutdown hook cannot, since the JVM exits when the hooks end. The previous handlers are put
 * back by {@link #close()}, so commands run in process (tests) leave the JVM as they found it.
 * <p>
 * <b>Threading:</b> the handlers run on the JVM's signal thread; {@link #received()} may be read from any thread.
 */
final class SignalGuard implements AutoCloseable
{
    /** Exit code after SIGINT (128 + 2). */
    static final int SIGINT_EXIT = 130;
    /** Exit code after SIGTERM (128 + 15). */
    static final int SIGTERM_EXIT = 143;

    private final Thread owner;
    private final Runnable onStop;
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile String received;

    private SignalGuard(final Thread owner, final Runnable onStop)
    {
        this.owner = owner;
        this.onStop = onStop;
    }

    /**
     * @param onStop called once on the first signal, on the signal thread; must not block.
     * @return a guard over the calling thread, installed.
     */
    static SignalGuard install(final Runnable onStop)
    {
        final SignalGuard guard = new SignalGuard(Thread.currentThread(), onStop);
        for (final String name : new String[] {"INT", "TERM"})
        {
            try
            {
                final Signal signal = new Signal(name);
                guard.previous.add(Signal.handle(signal, guard::handle));
                guard.signals.add(signal);
            }
            catch (final IllegalArgumentException e)
            {
                // The platform does not have this signal, or the JVM reserves it (e.g. with -Xrs): leave it alone.
            }
        }
        return guard;
    }

    private void handle(final Signal signal)
    {
        if (received != null)
        {
            Runtime.getRuntime().halt(exitCode(signal.getName()));
        }
        received = signal.getName();
        onStop.run();
        owner.interrupt();
    }

    /**
     * @return the name of the signal received ("INT", "TERM"), or null.
     */
    String received()
    {
        return received;
    }

    /**
     * @return {@code 128 + signal} for the signal received.
     */
    int exitCode()
    {
        return exitCode(received);
    }

    private static int exitCode(final String name)
    {
        return "TERM".equals(name) ? SIGTERM_EXIT : SIGINT_EXIT;
    }

    /**
     * Put the previous handlers back and clear the owner's interrupt flag if a signal set it.
     */
    @Override
    public void close()
    {
        for (int i = 0; i < signals.size(); i++)
        {
            Signal.handle(signals.get(i), previous.get(i));
        }
        if (received != null && Thread.currentThread() == owner)
        {
            Thread.interrupted();
        }
    }
}
