package io.windtunnel.simulator;

import org.HdrHistogram.Histogram;

import java.nio.ByteBuffer;

/**
 * One closed latency interval kept for {@code latency.hlog}, stored compressed (a few hundred bytes instead of the
 * ~270 KB of a live histogram of this range), so that long runs with short sample intervals keep their intervals.
 * An interval covers all measured requests ({@link #TOTAL}) or those of one client region ({@code client/NAME}) or
 * served by one provider ({@code provider/NAME}).
 * <p>
 * <b>Threading:</b> immutable.
 *
 * @param group      what the interval covers: {@link #TOTAL}, {@code client/NAME} or {@code provider/NAME}.
 * @param startMs    interval start, simulated ms since the scenario start.
 * @param endMs      interval end, simulated ms.
 * @param compressed the histogram in HdrHistogram's compressed encoding.
 */
public record LatencyInterval(String group, long startMs, long endMs, byte[] compressed)
{
    /** Group of the intervals of all measured requests. */
    public static final String TOTAL = "";

    /**
     * @param tag tag for the log line, e.g. {@code stack/r0} or {@code stack/r0/client/us-east}.
     * @return the histogram, decoded and stamped.
     */
    public Histogram decode(final String tag)
    {
        try
        {
            final Histogram histogram = Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(compressed), 0);
            histogram.setStartTimeStamp(startMs);
            histogram.setEndTimeStamp(endMs);
            histogram.setTag(tag);
            return histogram;
        }
        catch (final java.util.zip.DataFormatException e)
        {
            throw new IllegalStateException("corrupt interval histogram", e);
        }
    }
}
