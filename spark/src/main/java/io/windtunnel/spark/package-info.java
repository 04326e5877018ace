/**
 * Windtunnel on Apache Spark: sweeps whose variants run as Spark tasks ({@link io.windtunnel.spark.SparkSweep}, the
 * {@code --spark} backend of {@code windtunnel sweep} and a {@code spark-submit} main class) and the preprocessing of
 * raw request logs and price snapshots into trace files ({@link io.windtunnel.spark.SparkPrep}). Nothing else
 * depends on this module; see {@code docs/spark.md}.
 */
package io.windtunnel.spark;
