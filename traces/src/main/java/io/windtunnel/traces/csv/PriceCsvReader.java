package io.windtunnel.traces.csv;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceKind;

import java.util.List;
import java.util.Set;

/**
 * Reads {@code price-csv}, Windtunnel's generic price CSV, into a {@link TraceKind#PRICE} table:
 * <pre>
 *   time,provider,region,zone,instance_type,market,price_per_hour_usd
 *   2024-01-01T00:00:00Z,aws,us-east-1,us-east-1a,m5.large,spot,0.0351
 * </pre>
 * Each row is a price change: USD per instance-hour from {@code time} until the next row of the same key
 * (provider, region, zone, instance type, market). {@code zone} may be empty or absent (a region-wide price);
 * {@code market} takes the spellings {@link Market#parse} knows and is stored as its label; prices are finite and
 * at least 0 ({@link io.windtunnel.traces.TraceRules}, shared with the binary format). The common rules of the generic CSVs apply (see the package documentation).
 * <p>
 * <b>Threading:</b> stateless and thread-safe. <b>Allocation:</b> import-time only.
 */
public final class PriceCsvReader extends GenericCsvReader
{
    /** Name on the command line. */
    public static final String FORMAT_NAME = "price-csv";

    private static final String PRICE = "price_per_hour_usd";

    /**
     * Creates the reader; the format registry does this through the service loader.
     */
    public PriceCsvReader()
    {
        super(FORMAT_NAME, TraceKind.PRICE,
            List.of(TIME, "provider", "region", "instance_type", "market", PRICE), List.of("zone"),
            "Windtunnel generic price CSV: time,provider,region,zone,instance_type,market,price_per_hour_usd");
    }

    @Override
    boolean recognizesColumns(final Set<String> columns)
    {
        return columns.contains(TIME) && columns.contains(PRICE);
    }

    @Override
    void parseFields(final CsvRow row, final ImportOptions options, final ParsedRow out)
    {
        out.key[0] = row.keyField("provider", TraceKind.PRICE, 0);
        out.key[1] = row.keyField("region", TraceKind.PRICE, 1);
        out.key[2] = row.keyField("zone", TraceKind.PRICE, 2);
        out.key[3] = row.keyField("instance_type", TraceKind.PRICE, 3);
        final String marketText = row.text("market");
        final Market market = Market.parse(marketText);
        if (market == null)
        {
            row.problem("market", marketText.isBlank() ? "must not be empty; use on-demand or spot" :
                "unknown market '" + marketText + "'; use on-demand (also ondemand, on_demand, od) or spot " +
                    "(also preemptible)");
        }
        else
        {
            out.key[4] = market.label();
        }
        final double price = row.decimal(PRICE, "a price in USD per hour");
        row.checkValue(PRICE, TraceKind.PRICE, 0, price, "");
        out.value = price;
    }
}
