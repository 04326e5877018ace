/**
 * Parameter sweeps: a sweep file (a base scenario and axes of values over any scenario key path, cartesian or
 * zipped, seeds, replications) expanded into variants ({@link io.windtunnel.simulator.sweep.Sweep}), each variant
 * run share-nothing on one thread ({@link io.windtunnel.simulator.sweep.VariantRun}), its result written atomically
 * ({@link io.windtunnel.simulator.sweep.SweepStore}), and the results merged into a table, histograms and a summary
 * ({@link io.windtunnel.simulator.sweep.SweepReport}). {@link io.windtunnel.simulator.sweep.LocalSweep} runs a sweep
 * on a thread pool; the {@code spark} module runs the same variants as Spark tasks through the same classes, so both
 * give the same numbers. Format and outputs: {@code docs/spark.md}.
 */
package io.windtunnel.simulator.sweep;
