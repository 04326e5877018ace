/**
 * The Windtunnel console: a small Vert.x Web 5 application over a results folder, to browse, compare and launch
 * runs, with their progress pushed live.
 * <p>
 * {@link io.windtunnel.console.ConsoleServer} holds the one route table; the run folders are the store
 * ({@code RunStore}: scanned on each request, so a run written by the CLI appears without a restart); runs the console
 * starts are simulated on worker threads of their own ({@code Launcher}: a bounded number at once, a bounded queue,
 * 429 beyond it) and report progress through published snapshots ({@code ProgressBoard}), never by the event loop
 * touching a running engine. Usage:
 * <pre>{@code
 * Vertx vertx = Vertx.vertx();
 * ConsoleServer console = ConsoleServer.start(vertx,
 *     ConsoleOptions.defaults(Path.of("results"), Path.of("scenarios")).withPort(8080)).await();
 * // ... http://127.0.0.1:8080/
 * console.close().await();
 * }</pre>
 * The HTTP API and the pages are described in {@code docs/console.md}.
 */
package io.windtunnel.console;
