package io.windtunnel.simulator.sweep;

import java.io.Serializable;

/**
 * A sweep file's bytes and its base scenario's, read once where the sweep starts so that every place that runs its
 * variants (threads, Spark executors) expands the same sweep without reading those two files again. Traces are not
 * carried: they travel by path ({@code docs/spark.md}).
 *
 * @param file        the sweep file as the user named it (for messages).
 * @param folder      its folder, absolute: the base scenario's path is relative to it.
 * @param bytes       the sweep file's content.
 * @param baseFile    the base scenario file as messages name it, or null when the base is inline.
 * @param baseFolder  the folder the base scenario's trace paths are relative to, absolute.
 * @param baseBytes   the base scenario file's content, or null when the base is inline.
 */
public record SweepSource(String file, String folder, byte[] bytes, String baseFile, String baseFolder,
    byte[] baseBytes) implements Serializable
{
    private static final long serialVersionUID = 1L;
}
