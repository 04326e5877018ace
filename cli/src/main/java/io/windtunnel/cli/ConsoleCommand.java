package io.windtunnel.cli;

import io.vertx.core.Vertx;
import io.windtunnel.console.ConsoleOptions;
import io.windtunnel.console.ConsoleServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.net.BindException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code windtunnel console}: serves the web console over a results folder until SIGINT or SIGTERM; runs it started
 * and has not finished are then cancelled (their folders say so).
 */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
        "Browse, compare and launch runs in a browser: a web console over the results folder (docs/console.md).",
        "Runs written by 'windtunnel run' and sweeps written by 'windtunnel sweep' appear without a restart. Stop it " +
            "with Ctrl-C."})
public final class ConsoleCommand implements Callable<Integer>
{
    /** Environment variable that may hold the token instead of --token (not visible in the process list). */
    static final String TOKEN_VARIABLE = "WINDTUNNEL_CONSOLE_TOKEN";

    @Spec
    private CommandSpec spec;

    @Option(names = "--results", paramLabel = "DIR", defaultValue = "results",
        description = "Results folder: its run and sweep folders are what the console shows (default: " +
            "${DEFAULT-VALUE}).")
    private Path results;

    @Option(names = "--scenarios", paramLabel = "DIR", defaultValue = "scenarios",
        description = "Folder of the bundled scenarios the New run page offers (default: ${DEFAULT-VALUE}).")
    private Path scenarios;

    @Option(names = "--port", paramLabel = "P", defaultValue = "8080",
        description = "Port to listen on, 0 for any free one (default: ${DEFAULT-VALUE}).")
    private int port;

    @Option(names = "--bind", paramLabel = "ADDR", defaultValue = ConsoleOptions.LOOPBACK,
        description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only); any other needs --token.")
    private String bind;

    @Option(names = "--token", paramLabel = "T",
        description = "Secret (at least " + ConsoleOptions.MIN_TOKEN_CHARS + " characters) every page and API call " +
            "must then carry; or set " + TOKEN_VARIABLE + ".")
    private String token;

    @Option(names = "--max-running", paramLabel = "N", defaultValue = "1",
        description = "Runs simulated at once (default: ${DEFAULT-VALUE}).")
    private int maxRunning;

    @Option(names = "--max-queued", paramLabel = "N", defaultValue = "4",
        description = "Runs waiting for a free slot; more are refused with 429 (default: ${DEFAULT-VALUE}).")
    private int maxQueued;

    @Option(names = "--threads", paramLabel = "N",
        description = "Threads each run uses (default: available processors).")
    private Integer threads;

    @Override
    public Integer call() throws Exception
    {
        final String secret = token != null ? token : System.getenv(TOKEN_VARIABLE);
        final ConsoleOptions options = ConsoleOptions.defaults(results, scenarios)
            .withAccess(bind, secret == null || secret.isEmpty() ? null : secret)
            .withPort(port)
            .withLimits(maxRunning, maxQueued, RunCommand.threadCount(threads));
        try
        {
            options.check();
        }
        catch (final IllegalArgumentException e)
        {
            throw new UserInputException(e.getMessage());
        }
        final Vertx vertx = Vertx.vertx();
        try
        {
            final ConsoleServer console;
            try
            {
                console = ConsoleServer.start(vertx, options).await();
            }
            catch (final Exception e)
            {
                // await() rethrows the listen failure as it is, a BindException included.
                if (e instanceof BindException || e.getCause() instanceof BindException ||
                    String.valueOf(e.getMessage()).contains("Address already in use"))
                {
                    throw new UserInputException("cannot listen on " + bind + ":" + port + " (" + e.getMessage() +
                        "); choose another --port");
                }
                throw e;
            }
            final PrintWriter out = spec.commandLine().getOut();
            final String host = bind.contains(":") ? "[" + bind + "]" : bind;
            out.println("windtunnel console: http://" + host + ":" + console.port() + "/" +
                (options.token() != null ? "?token=<your token>  (opened once, it sets a cookie)" : ""));
            out.println("results: " + results.toAbsolutePath().normalize() + ", scenarios: " +
                scenarios.toAbsolutePath().normalize() + "; Ctrl-C stops it");
            out.flush();
            final CountDownLatch stop = new CountDownLatch(1);
            try (SignalGuard signals = SignalGuard.install(stop::countDown))
            {
                try
                {
                    stop.await();
                }
                catch (final InterruptedException e)
                {
                    // the signal: stop below
                }
                out.println("windtunnel console: stopping (runs still going are cancelled)");
                out.flush();
                // The signal guard interrupts this thread right after it counts the latch down, so the interrupt may
                // land while the server closes: wait without being interruptible (join), or the stop would fail.
                console.close().toCompletionStage().toCompletableFuture().join();
                return signals.received() == null ? ExitCodes.OK : signals.exitCode();
            }
        }
        finally
        {
            vertx.close().toCompletionStage().toCompletableFuture().join();
        }
    }
}
