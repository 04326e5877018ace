package io.windtunnel.simulator;

import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.storage.StorageModel;
import io.windtunnel.simulator.transfer.ByteUnits;
import io.windtunnel.simulator.transfer.SizeDistribution;
import io.windtunnel.simulator.transfer.TransferModel;
import io.windtunnel.simulator.transfer.TransferPrices;

/** Test models shared with other test packages. */
public final class ConservationTestModels
{
    private ConservationTestModels()
    {
    }

    /**
     * @return the two-provider model of {@link ConservationTest} with seed 1.
     */
    public static CloudModel small()
    {
        return ConservationTest.faultyModel(1);
    }

    /**
     * @return {@link #small()} with a data set each request reads 256 KB of, grown from 2 to 3 GB at 30 minutes, and
     * five candidate storage locations on both providers (two in us-east-1, one per other region, one more on aws).
     */
    public static CloudModel smallWithStorage()
    {
        final CloudModel.Builder b = ConservationTest.faultyBuilder(1);
        final long gb = ByteUnits.BYTES_PER_GB;
        b.transfer(new TransferModel(null, SizeDistribution.constant(4096), SizeDistribution.constant(256 * 1024),
            new int[0], new int[0], TransferPrices.awsExample(), TransferModel.DEFAULT_BITS_PER_SEC,
            TransferModel.DEFAULT_READ_RTT_NS, new double[3], 0));
        b.storage(new StorageModel(new String[] {"s3-east", "s3-east-ia", "s3-west", "gcs-central", "s3-west-2"},
            new int[] {0, 0, 1, 2, 1}, new int[] {CloudModel.NO_ZONE, CloudModel.NO_ZONE, CloudModel.NO_ZONE,
            CloudModel.NO_ZONE, CloudModel.NO_ZONE}, new String[] {"standard", "infrequent", "standard", "standard",
            "standard"}, new double[] {0.023, 0.0125, 0.024, 0.020, 0.0125}, new double[] {0.0004, 0.001, 0.0004,
            0.0004, 0.001}, new double[] {0.005, 0.01, 0.005, 0.005, 0.01}, new long[] {0, 30 * 60_000_000_000L},
            new long[] {2 * gb, 3 * gb}, 64L << 20));
        return b.build();
    }
}
