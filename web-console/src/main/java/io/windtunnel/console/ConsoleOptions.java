package io.windtunnel.console;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.Objects;

/**
 * How a {@link ConsoleServer} runs: where the results and the bundled scenarios are, where it listens, who may
 * use it, and how many runs it takes at once.
 *
 * @param results           the results folder: its run folders are the console's store.
 * @param scenarios         the folder of bundled scenarios ({@code NAME.yaml}); uploaded scenarios are read there
 *                          too, so their relative trace paths mean what they mean for the bundled ones.
 * @param bind              address to listen on; 127.0.0.1 unless a token is given.
 * @param port              port, 0 for any free one.
 * @param token             the secret every page and API call must carry, or null (loopback only).
 * @param maxRunning        runs simulated at once.
 * @param maxQueued         runs waiting for a free slot; one more is refused with 429.
 * @param threadsPerRun     threads each run uses for its stacks and replications.
 * @param bodyLimitBytes    largest request body; a larger one gets 413.
 * @param progressIntervalMs how often a progress stream sends a snapshot.
 */
public record ConsoleOptions(Path results, Path scenarios, String bind, int port, String token, int maxRunning,
    int maxQueued, int threadsPerRun, long bodyLimitBytes, long progressIntervalMs)
{
    /** Default address: this machine only. */
    public static final String LOOPBACK = "127.0.0.1";
    /** Shortest token accepted: a guessable one would make binding elsewhere pointless. */
    public static final int MIN_TOKEN_CHARS = 16;
    /** Default request body limit: a scenario may be 1 MiB, plus JSON quoting. */
    public static final long DEFAULT_BODY_LIMIT_BYTES = 2L * 1024 * 1024;

    /**
     * @param results   the results folder.
     * @param scenarios the bundled scenarios' folder.
     * @return options for 127.0.0.1 on any free port, no token, one run at a time and four waiting.
     */
    public static ConsoleOptions defaults(final Path results, final Path scenarios)
    {
        return new ConsoleOptions(results, scenarios, LOOPBACK, 0, null, 1, 4,
            Runtime.getRuntime().availableProcessors(), DEFAULT_BODY_LIMIT_BYTES, 500);
    }

    /**
     * @param newBind  the address.
     * @param newToken the token, or null.
     * @return these options listening on {@code newBind} with {@code newToken}.
     */
    public ConsoleOptions withAccess(final String newBind, final String newToken)
    {
        return new ConsoleOptions(results, scenarios, newBind, port, newToken, maxRunning, maxQueued, threadsPerRun,
            bodyLimitBytes, progressIntervalMs);
    }

    /**
     * @param newPort the port, 0 for any free one.
     * @return these options on {@code newPort}.
     */
    public ConsoleOptions withPort(final int newPort)
    {
        return new ConsoleOptions(results, scenarios, bind, newPort, token, maxRunning, maxQueued, threadsPerRun,
            bodyLimitBytes, progressIntervalMs);
    }

    /**
     * @param running runs at once.
     * @param queued  runs waiting.
     * @param threads threads per run.
     * @return these options with those limits.
     */
    public ConsoleOptions withLimits(final int running, final int queued, final int threads)
    {
        return new ConsoleOptions(results, scenarios, bind, port, token, running, queued, threads, bodyLimitBytes,
            progressIntervalMs);
    }

    /**
     * @param bytes          largest request body.
     * @param intervalMs     progress snapshot interval.
     * @return these options with that body limit and progress interval.
     */
    public ConsoleOptions withBodyLimitAndInterval(final long bytes, final long intervalMs)
    {
        return new ConsoleOptions(results, scenarios, bind, port, token, maxRunning, maxQueued, threadsPerRun, bytes,
            intervalMs);
    }

    /**
     * Check the options before anything listens: a non-loopback address needs a token of at least
     * {@link #MIN_TOKEN_CHARS} characters, and the limits must be positive.
     *
     * @throws IllegalArgumentException with a message for the user (it names the option).
     */
    public void check()
    {
        Objects.requireNonNull(results, "results");
        Objects.requireNonNull(scenarios, "scenarios");
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("--port: " + port + " is out of range [0, 65535]");
        }
        if (token != null && token.length() < MIN_TOKEN_CHARS)
        {
            throw new IllegalArgumentException("--token: too short (" + token.length() + " characters); use at " +
                "least " + MIN_TOKEN_CHARS + ", e.g. the output of 'openssl rand -hex 16'");
        }
        final boolean loopback;
        try
        {
            loopback = InetAddress.getByName(bind).isLoopbackAddress();
        }
        catch (final UnknownHostException e)
        {
            throw new IllegalArgumentException("--bind: '" + bind + "' is not an address of this machine (" +
                e.getMessage() + ")");
        }
        if (!loopback && token == null)
        {
            throw new IllegalArgumentException("--bind " + bind + " makes the console reachable from other " +
                "machines: give --token T (at least " + MIN_TOKEN_CHARS + " characters), which every page and API " +
                "call must then carry");
        }
        if (maxRunning < 1 || maxQueued < 0 || threadsPerRun < 1)
        {
            throw new IllegalArgumentException("runs at once and threads per run must be at least 1, runs waiting " +
                "at least 0");
        }
    }
}
