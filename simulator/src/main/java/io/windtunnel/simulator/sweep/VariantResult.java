package io.windtunnel.simulator.sweep;

import org.HdrHistogram.Histogram;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.DataFormatException;

/**
 * What one variant gave: per stack its summary metrics and its latency histogram, or the error that stopped it.
 * Small and serializable, so that it travels from a Spark executor to the driver; the histogram travels compressed
 * (HdrHistogram's compressed encoding) and decodes to the exact counts.
 *
 * @param variant the variant.
 * @param error   null if it ran; else what went wrong, e.g. {@code sweep.yaml:9: key 'x': ...}.
 * @param stacks  per stack, in the scenario's order; empty when it failed.
 */
public record VariantResult(Variant variant, String error, List<StackResult> stacks) implements Serializable
{
    private static final long serialVersionUID = 1L;

    /**
     * One stack of one variant.
     *
     * @param stack        the stack's name.
     * @param replications replications run.
     * @param metrics      every metric of the run summary, its mean over the replications, in the runner's order.
     * @param histogram    latency of the measured completed requests over all replications, ns, compressed.
     */
    public record StackResult(String stack, int replications, Map<String, Double> metrics, byte[] histogram)
        implements Serializable
    {
        private static final long serialVersionUID = 1L;

        /**
         * @return the latency histogram, decoded.
         */
        public Histogram latency()
        {
            try
            {
                return Histogram.decodeFromCompressedByteBuffer(ByteBuffer.wrap(histogram), 0);
            }
            catch (final DataFormatException e)
            {
                throw new IllegalStateException("a histogram this sweep encoded does not decode", e);
            }
        }

        /**
         * @param latency a histogram.
         * @return its compressed encoding.
         */
        public static byte[] encode(final Histogram latency)
        {
            final ByteBuffer buffer = ByteBuffer.allocate(latency.getNeededByteBufferCapacity());
            final int length = latency.encodeIntoCompressedByteBuffer(buffer);
            return Arrays.copyOf(buffer.array(), length);
        }

        @Override
        public boolean equals(final Object o)
        {
            return o instanceof StackResult other && stack.equals(other.stack) &&
                replications == other.replications && metrics.equals(other.metrics) &&
                Arrays.equals(histogram, other.histogram);
        }

        @Override
        public int hashCode()
        {
            return stack.hashCode() * 31 + Arrays.hashCode(histogram);
        }
    }

    /**
     * @return true if the variant ran.
     */
    public boolean ok()
    {
        return error == null;
    }
}
