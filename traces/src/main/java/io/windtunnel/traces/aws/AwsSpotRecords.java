package io.windtunnel.traces.aws;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportSummary;
import io.windtunnel.traces.ingest.internal.Decimals;
import io.windtunnel.traces.ingest.internal.PriceSeries;

/**
 * The normalization shared by the JSON and CSV forms of AWS spot price history: checks one record's five fields,
 * keeps it if its {@code ProductDescription} is the selected one and adds it to the series with key
 * {@code (aws, region of the AZ, AZ, InstanceType, spot)}. Not thread-safe; one per read.
 */
final class AwsSpotRecords
{
    static final String TIMESTAMP = "Timestamp";
    static final String INSTANCE_TYPE = "InstanceType";
    static final String PRODUCT = "ProductDescription";
    static final String PRICE = "SpotPrice";
    static final String ZONE = "AvailabilityZone";

    /** Where a record's problems go: the reader knows the line and JSON pointer of each field. */
    interface FieldProblems
    {
        /**
         * @param field   the field at fault.
         * @param message what is wrong.
         */
        void report(String field, String message);

        /**
         * @param field a field.
         * @return true if the reader already reported it (e.g. as having the wrong JSON type) and passed null.
         */
        default boolean reported(final String field)
        {
            return false;
        }
    }

    private final String product;
    private final ImportOptions options;
    private final PriceSeries series;
    private final ImportSummary.Builder summary;

    AwsSpotRecords(
        final String product, final ImportOptions options, final PriceSeries series,
        final ImportSummary.Builder summary)
    {
        this.product = product;
        this.options = options;
        this.series = series;
        this.summary = summary;
    }

    /**
     * Check a record and add it if kept. Null fields are reported missing.
     */
    void accept(
        final String timestamp, final String instanceType, final String productDescription, final String price,
        final String zone, final FieldProblems problems, final int source, final long line, final int record)
    {
        boolean valid = true;
        long timeNs = 0;
        if (present(timestamp, TIMESTAMP, problems))
        {
            try
            {
                timeNs = TraceTimes.parseEpochNs(timestamp, options.zone());
            }
            catch (final IllegalArgumentException e)
            {
                problems.report(TIMESTAMP, e.getMessage());
                valid = false;
            }
        }
        else
        {
            valid = false;
        }
        valid &= present(instanceType, INSTANCE_TYPE, problems);
        valid &= present(productDescription, PRODUCT, problems);
        double priceUsd = 0;
        if (present(price, PRICE, problems))
        {
            try
            {
                priceUsd = Decimals.parseNonNegative(price, "a spot price in USD per hour");
            }
            catch (final IllegalArgumentException e)
            {
                problems.report(PRICE, e.getMessage());
                valid = false;
            }
        }
        else
        {
            valid = false;
        }
        String region = null;
        if (present(zone, ZONE, problems))
        {
            try
            {
                region = AwsZones.regionOf(zone.trim());
            }
            catch (final IllegalArgumentException e)
            {
                problems.report(ZONE, e.getMessage());
                valid = false;
            }
        }
        else
        {
            valid = false;
        }
        if (!valid)
        {
            return;
        }
        final String description = productDescription.trim();
        if (!description.equals(product))
        {
            summary.drop("records with ProductDescription '" + Decimals.shorten(description) +
                "' (reading '" + product + "' only)");
            return;
        }
        final int keyId = series.key("aws", region, zone.trim(), instanceType.trim(), Market.SPOT.label());
        series.add(timeNs, keyId, priceUsd, source, line, record);
    }

    private static boolean present(final String value, final String field, final FieldProblems problems)
    {
        if (value == null || value.isBlank())
        {
            if (!problems.reported(field))
            {
                problems.report(field, value == null ? "missing" : "empty");
            }
            return false;
        }
        return true;
    }
}
