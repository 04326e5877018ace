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
 * back when the last guard is closed, so commands run in process (tests, several at once) leave the JVM as they found
 * it; a signal stops every command running in the JVM.
 * <p>
 * <b>Threading:</b> the handlers run on the JVM's signal thread; {@link #received()} may be read from any thread.
 */
final class SignalGuard implements AutoCloseable
{
    /** Exit code after SIGINT (128 + 2). */
    static final int SIGINT_EXIT = 130;
    /** Exit code after SIGTERM (128 + 15). */
    static final int SIGTERM_EXIT = 143;
    private static final String[] NAMES = {"INT", "TERM"};

    /** The guards of the commands running in this JVM (several when commands run in process, e.g. in tests). */
    private static final List<SignalGuard> ACTIVE = new ArrayList<>();
    private static final List<Signal> SIGNALS = new ArrayList<>();
    private static final List<SignalHandler> PREVIOUS = new ArrayList<>();
    private static String firstReceived;

    private final Thread owner;
    private final Runnable onStop;
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
        synchronized (ACTIVE)
        {
            if (ACTIVE.isEmpty())
            {
                firstReceived = null;
                for (final String name : NAMES)
                {
                    try
                    {
                        final Signal signal = new Signal(name);
                        PREVIOUS.add(Signal.handle(signal, SignalGuard::handle));
                        SIGNALS.add(signal);
                    }
                    catch (final IllegalArgumentException e)
                    {
                        // The platform lacks this signal, or the JVM reserves it (e.g. with -Xrs): leave it alone.
                    }
                }
            }
            ACTIVE.add(guard);
        }
        return guard;
    }

    private static void handle(final Signal signal)
    {
        final List<SignalGuard> guards;
        synchronized (ACTIVE)
        {
            if (firstReceived != null)
            {
                Runtime.getRuntime().halt(exitCode(firstReceived));
            }
            firstReceived = signal.getName();
            guards = new ArrayList<>(ACTIVE);
        }
        for (final SignalGuard guard : guards)
        {
            guard.received = signal.getName();
            guard.onStop.run();
            guard.owner.interrupt();
        }
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
     * Remove this guard; the last one puts the previous handlers back. Clears the owner's interrupt flag if a
     * signal set it.
     */
    @Override
    public void close()
    {
        synchronized (ACTIVE)
        {
            ACTIVE.remove(this);
            if (ACTIVE.isEmpty())
            {
                for (int i = 0; i < SIGNALS.size(); i++)
                {
                    Signal.handle(SIGNALS.get(i), PREVIOUS.get(i));
                }
                SIGNALS.clear();
                PREVIOUS.clear();
            }
        }
        if (received != null && Thread.currentThread() == owner)
        {
            Thread.interrupted();
        }
    }
}
