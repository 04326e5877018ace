package io.windtunnel.traces.azure;

import com.fasterxml.jackson.core.JsonToken;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.ingest.ImportResult;
import io.windtunnel.traces.ingest.ImportSummary;
import io.windtunnel.traces.ingest.SummarizingTraceReader;
import io.windtunnel.traces.ingest.internal.Decimals;
import io.windtunnel.traces.ingest.internal.JsonInput;
import io.windtunnel.traces.ingest.internal.JsonInput.JsonScalar;
import io.windtunnel.traces.ingest.internal.JsonRecord;
import io.windtunnel.traces.ingest.internal.JsonRecordArray;
import io.windtunnel.traces.ingest.internal.PricePages;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Reads pages of the Azure Retail Prices API ({@code GET https://prices.azure.com/api/retail/prices}):
 * <pre>
 * {"BillingCurrency": "USD", "Items": [{"currencyCode": "USD", "retailPrice": 0.176346, "unitPrice": 0.176346,
 *   "armRegionName": "westeurope", "effectiveStartDate": "2020-08-01T00:00:00Z", "meterName": "F16s Spot",
 *   "productName": "Virtual Machines FS Series Windows", "skuName": "F16s Spot", "serviceName": "Virtual Machines",
 *   "unitOfMeasure": "1 Hour", "type": "Consumption", "armSkuName": "Standard_F16s", ...}, ...],
 *  "NextPageLink": "https://...$skip=100" | null, "Count": 100}
 * </pre>
 * into a {@link TraceKind#PRICE} table keyed {@code (azure, armRegionName, "", armSkuName, market)} with
 * {@code retailPrice} (USD per hour) from {@code effectiveStartDate}. A meter whose {@code meterName} or
 * {@code skuName} ends in {@code " Spot"} is the spot market, any other the on-demand (pay-as-you-go) market.
 * <p>
 * <b>Kept:</b> virtual machine compute meters only. Items are dropped, counted by reason in the
 * {@link ImportSummary}, when {@code serviceName} is not {@code Virtual Machines}; {@code type} is not
 * {@code Consumption} (Reservation prices are for a whole 1- or 3-year term, DevTestConsumption is a discounted
 * subscription offer); {@code unitOfMeasure} is not {@code 1 Hour}; {@code productName} names
 * {@code Cloud Services} (classic PaaS meters filed under Virtual Machines at another rate); the OS is not the
 * selected one (Windows products end in {@code " Windows"}, all others are Linux; default Linux); the meter is
 * {@code Low Priority} (the retired predecessor of Spot, priced separately, kept out of the spot market so each
 * key has one price); {@code tierMinimumUnits} is above 0; {@code armSkuName} is empty; or {@code retailPrice}
 * is 0 (placeholder meters of unreleased sizes). Dropped items are checked only in the fields that drop them.
 * <p>
 * <b>Problems</b> (with line and JSON pointer such as {@code /Items/7/retailPrice}): malformed JSON, a missing
 * {@code Items} array, a missing or mistyped field, a {@code currencyCode} other than USD (request
 * {@code currencyCode='USD'}), a negative price, a bad timestamp, two kept items with the same key and
 * {@code effectiveStartDate}.
 * <p>
 * The API lists current prices only, so a table from one download holds one price per key; downloads made at
 * different times, read together with {@link #readAll}, build a history.
 * <p>
 * <b>Threading:</b> stateless, may be shared. <b>Allocation:</b> import time only; streams the JSON.
 */
public final class AzureRetailPriceReader implements SummarizingTraceReader
{
    /** The format's name. */
    public static final String FORMAT = "azure-retail-json";

    /** Which operating system's prices to keep. */
    public enum Os
    {
        /** Products not ending in {@code " Windows"}. */
        LINUX,
        /** Products ending in {@code " Windows"}. */
        WINDOWS
    }

    private static final String ITEMS = "Items";
    private static final JsonRecordArray RESPONSE = new JsonRecordArray(ITEMS, "price item",
        "an Azure Retail Prices API response page", "an Azure Retail Prices API page");

    private final Os os;

    /**
     * Keeps Linux prices.
     */
    public AzureRetailPriceReader()
    {
        this(Os.LINUX);
    }

    /**
     * @param os the operating system whose prices to keep; the others are dropped and counted.
     */
    public AzureRetailPriceReader(final Os os)
    {
        if (os == null)
        {
            throw new IllegalArgumentException("os must not be null");
        }
        this.os = os;
    }

    @Override
    public String formatName()
    {
        return FORMAT;
    }

    @Override
    public TraceKind kind()
    {
        return TraceKind.PRICE;
    }

    @Override
    public String description()
    {
        return "Azure Retail Prices API JSON pages (Items, NextPageLink): VM pay-as-you-go and spot, " +
            os.name().toLowerCase(java.util.Locale.ROOT) + " only";
    }

    @Override
    public boolean recognizes(final String fileName, final String head)
    {
        return PricePages.startsJsonObject(head) && head.contains("\"" + ITEMS + "\"") &&
            (head.contains("\"armRegionName\"") || head.contains("\"NextPageLink\"") ||
                head.contains("\"BillingCurrency\""));
    }

    @Override
    public ImportResult readWithSummary(final Path file, final ImportOptions options)
        throws TraceFormatException, IOException
    {
        return readAll(List.of(file), options);
    }

    /**
     * Read saved pages (following {@code NextPageLink}) into one table with the registered reader (Linux),
     * logging the summary if items were dropped.
     *
     * @param pages   the page files, in any order.
     * @param options what the files do not say.
     * @return one time-sorted table.
     * @throws TraceFormatException with the problems of every page, including duplicates across pages.
     * @throws IOException          if a file cannot be read.
     */
    public static TraceTable readPages(final List<Path> pages, final ImportOptions options)
        throws TraceFormatException, IOException
    {
        return SummarizingTraceReader.logged(new AzureRetailPriceReader().readAll(pages, options));
    }

    /**
     * @param pages   the page files, in any order; at least one.
     * @param options what the files do not say.
     * @return one table of all pages and the summary.
     * @throws TraceFormatException with the problems of every page.
     * @throws IOException          if a file cannot be read.
     */
    public ImportResult readAll(final List<Path> pages, final ImportOptions options)
        throws TraceFormatException, IOException
    {
        return PricePages.read(pages, options, RESPONSE.pointer(), page -> RESPONSE.read(page.file(),
            page.problems(), page.summary(), (record, index) -> accept(new Item(record), index, page, options)));
    }

    private void accept(final Item item, final int index, final PricePages.Page page, final ImportOptions options)
    {
        final ImportSummary.Builder summary = page.summary();
        final String service = item.string("serviceName");
        final String type = item.string("type");
        if (service == null || type == null)
        {
            return;
        }
        if (!"Virtual Machines".equals(service))
        {
            summary.drop("items of services other than 'Virtual Machines'");
            return;
        }
        if (!"Consumption".equals(type))
        {
            summary.drop("Virtual Machines items of type '" + Decimals.shorten(type) + "' (only Consumption is read)");
            return;
        }
        final String unit = item.string("unitOfMeasure");
        final String product = item.string("productName");
        final String meter = item.string("meterName");
        final String sku = item.string("skuName");
        if (unit == null || product == null || meter == null || sku == null)
        {
            return;
        }
        if (!"1 Hour".equals(unit))
        {
            summary.drop("Virtual Machines items not priced per '1 Hour'");
            return;
        }
        if (product.contains("Cloud Services"))
        {
            summary.drop("Cloud Services meters (productName contains 'Cloud Services')");
            return;
        }
        final boolean windows = product.endsWith(" Windows");
        if (windows != (os == Os.WINDOWS))
        {
            summary.drop(windows ? "Windows items (reading Linux only)" : "Linux items (reading Windows only)");
            return;
        }
        if (meter.endsWith(" Low Priority") || sku.endsWith(" Low Priority"))
        {
            summary.drop("Low Priority meters");
            return;
        }
        final JsonScalar tier = item.record.get("tierMinimumUnits");
        if (tier != null && tier.isNumber() && Double.parseDouble(tier.text()) > 0)
        {
            summary.drop("higher usage tiers (tierMinimumUnits above 0)");
            return;
        }
        final String armSku = item.optionalString("armSkuName");
        if (armSku == null || armSku.isBlank())
        {
            summary.drop("Virtual Machines items without armSkuName");
            return;
        }
        final String region = item.string("armRegionName");
        final String currency = item.string("currencyCode");
        final String start = item.string("effectiveStartDate");
        final Double price = item.price();
        boolean valid = region != null && currency != null && start != null && price != null;
        if (region != null && region.isBlank())
        {
            item.report("armRegionName", "empty");
            valid = false;
        }
        if (currency != null && !"USD".equals(currency))
        {
            item.report("currencyCode", "prices must be in USD, got '" + Decimals.shorten(currency) +
                "'; request the API with currencyCode='USD'");
            valid = false;
        }
        long timeNs = 0;
        if (start != null)
        {
            try
            {
                timeNs = TraceTimes.parseEpochNs(start, options.zone());
            }
            catch (final IllegalArgumentException e)
            {
                item.report("effectiveStartDate", e.getMessage());
                valid = false;
            }
        }
        if (!valid)
        {
            return;
        }
        if (price == 0)
        {
            summary.drop("zero-price placeholder meters (retailPrice 0)");
            return;
        }
        final boolean spot = meter.endsWith(" Spot") || sku.endsWith(" Spot");
        final int keyId = page.series().key("azure", region.trim(), "", armSku.trim(),
            spot ? Market.SPOT.label() : Market.ON_DEMAND.label());
        page.series().add(timeNs, keyId, price, page.source(), item.record.line(), index);
    }

    /**
     * One item's members with reporting at the member's line and pointer.
     */
    private static final class Item
    {
        private final JsonRecord record;

        Item(final JsonRecord record)
        {
            this.record = record;
        }

        /**
         * @return the member's string, or null after reporting it missing or mistyped.
         */
        String string(final String field)
        {
            final JsonScalar value = record.get(field);
            if (value == null)
            {
                report(field, "missing");
                return null;
            }
            if (!value.isString())
            {
                report(field, "expected a string, found " + JsonInput.describe(value.token()));
                return null;
            }
            return value.text();
        }

        /**
         * @return the member's string, or null if absent or null; reports other types.
         */
        String optionalString(final String field)
        {
            final JsonScalar value = record.get(field);
            if (value == null || value.token() == JsonToken.VALUE_NULL)
            {
                return null;
            }
            return string(field);
        }

        /**
         * @return retailPrice, or null after reporting it.
         */
        Double price()
        {
            final JsonScalar value = record.get("retailPrice");
            if (value == null)
            {
                report("retailPrice", "missing");
                return null;
            }
            if (!value.isStringOrNumber())
            {
                report("retailPrice", "expected a number, found " + JsonInput.describe(value.token()));
                return null;
            }
            try
            {
                return Decimals.parseNonNegative(value.text(), "a price in USD per hour");
            }
            catch (final IllegalArgumentException e)
            {
                report("retailPrice", e.getMessage());
                return null;
            }
        }

        void report(final String field, final String message)
        {
            record.report(field, message);
        }
    }
}
