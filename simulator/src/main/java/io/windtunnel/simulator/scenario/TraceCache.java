package io.windtunnel.simulator.scenario;

import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Trace tables already read, for readers of many scenarios over the same traces (a sweep reads its base scenario
 * once per variant): a trace file is parsed and hashed once, then shared. An entry is keyed by the file's absolute
 * path, its format, size and modification time, so a file changed on disk is read again.
 * <p>
 * <b>Threading:</b> thread-safe; {@link TraceTable}s are immutable and shared between threads. Two threads asking
 * for the same new file at once may both read it; one result is kept.
 */
public final class TraceCache
{
    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final RemoteFiles remote;

    /**
     * Fetches a trace named by a URI ({@code hdfs://}, {@code s3a://}, {@code file://}) to a local file, which the
     * readers then read (the binary reader maps it). The {@code spark} module gives one over Hadoop's file systems.
     */
    @FunctionalInterface
    public interface RemoteFiles
    {
        /**
         * @param uri the path as the scenario writes it, with a scheme.
         * @return a local copy (the same one for the same URI within a JVM).
         * @throws IOException if it cannot be fetched.
         */
        Path fetch(String uri) throws IOException;
    }

    /** A cache that refuses trace paths with a scheme ({@code hdfs://...}): they need a {@link RemoteFiles}. */
    public TraceCache()
    {
        this(null);
    }

    /**
     * @param remote fetches trace paths with a scheme, or null to refuse them.
     */
    public TraceCache(final RemoteFiles remote)
    {
        this.remote = remote;
    }

    /**
     * @return how this cache fetches trace paths with a scheme, or null.
     */
    RemoteFiles remote()
    {
        return remote;
    }

    /** A file's identity as far as the cache cares. */
    record Key(Path path, String format, long sizeBytes, long modifiedMs)
    {
        static Key of(final Path path, final String format) throws IOException
        {
            final BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class);
            return new Key(path.toAbsolutePath().normalize(), format, attributes.size(),
                attributes.lastModifiedTime().toMillis());
        }
    }

    /**
     * What reading a trace file gave.
     *
     * @param kind   the kind the file declares.
     * @param sha256 the file's SHA-256, hex.
     * @param table  its rows.
     */
    record Entry(TraceKind kind, String sha256, TraceTable table)
    {
    }

    Entry get(final Key key)
    {
        return entries.get(key);
    }

    void put(final Key key, final Entry entry)
    {
        entries.putIfAbsent(key, entry);
    }

    /**
     * @return how many trace files are held.
     */
    public int size()
    {
        return entries.size();
    }
}
