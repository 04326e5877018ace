package io.windtunnel.cli;

import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceCsvWriter;
import io.windtunnel.traces.TraceDurations;
import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceReader;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.aws.SpotAdvisor;
import io.windtunnel.traces.aws.SpotAdvisorReader;
import io.windtunnel.traces.binary.BinaryTraceWriter;
import io.windtunnel.traces.gen.BidPreemptions;
import io.windtunnel.traces.gen.ConstantLoad;
import io.windtunnel.traces.gen.CountMode;
import io.windtunnel.traces.gen.DiurnalLoad;
import io.windtunnel.traces.gen.FlashCrowdLoad;
import io.windtunnel.traces.gen.GeneratorParameterException;
import io.windtunnel.traces.gen.HazardPreemptions;
import io.windtunnel.traces.gen.LoadGrid;
import io.windtunnel.traces.gen.LoadModel;
import io.windtunnel.traces.gen.LoadTraceGenerator;
import io.windtunnel.traces.gen.MmppLoad;
import io.windtunnel.traces.gen.OnDemandCatalog;
import io.windtunnel.traces.gen.PriceTraceGenerator;
import io.windtunnel.traces.gen.RegionMix;
import io.windtunnel.traces.gen.RegionOutages;
import io.windtunnel.traces.gen.ScaledLoad;
import io.windtunnel.traces.gen.SpotCalibrator;
import io.windtunnel.traces.gen.SpotFleet;
import io.windtunnel.traces.gen.SpotPriceModel;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code windtunnel trace gen KIND [options] OUT}: writes a synthetic, seeded trace. One subcommand per model;
 * the models, their equations and parameters are documented in {@code docs/traces.md}, section "Synthetic traces", and in
 * {@code io.windtunnel.traces.gen}. This class only reads options, calls the generator and writes the table.
 * <p>
 * Same options and seed give a byte-identical file. Invalid options print one message and exit with
 * {@link ExitCodes#INPUT_ERROR}.
 */
@Command(
    name = "gen",
    mixinStandardHelpOptions = true,
    description = {
        "Generate a synthetic, seeded trace: the same options and seed give a byte-identical file.",
        "Run 'windtunnel trace gen KIND --help' for the options of one kind."},
    subcommands = {
        TraceGenCommand.LoadConstant.class, TraceGenCommand.LoadDiurnal.class, TraceGenCommand.LoadMmpp.class,
        TraceGenCommand.LoadFlash.class, TraceGenCommand.LoadScaled.class, TraceGenCommand.Price.class,
        TraceGenCommand.FaultsHazard.class, TraceGenCommand.FaultsBid.class, TraceGenCommand.FaultsOutage.class},
    footer = {"", "Times are ISO-8601 with Z or an offset; durations take a unit (250ms, 60s, 5m, 1h, 2d) or ISO "
        + "(PT1M). Output is the generic CSV of the trace's kind."})
public final class TraceGenCommand implements Callable<Integer>
{
    /** Start of every generated trace unless {@code --start} says otherwise. */
    static final String DEFAULT_START = "2024-01-01T00:00:00Z";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call()
    {
        final PrintWriter err = spec.commandLine().getErr();
        err.println("windtunnel: trace gen needs a KIND");
        spec.commandLine().usage(err);
        return ExitCodes.INPUT_ERROR;
    }

    /**
     * The one place generated traces are written: adding the binary format is a change here only.
     *
     * @param table the trace.
     * @param out   the file; {@code .wtb} is the binary format, anything else CSV.
     * @throws IOException if the file cannot be written.
     */
    static void writeTrace(final TraceTable table, final Path out) throws IOException
    {
        final Path name = out.getFileName();
        if (name != null && name.toString().toLowerCase(Locale.ROOT).endsWith(".wtb"))
        {
            BinaryTraceWriter.write(table, out);
            return;
        }
        TraceCsvWriter.write(table, out);
    }

    /**
     * @param option the option, for the message.
     * @param text   ISO-8601 time with offset or Z.
     * @return epoch nanoseconds.
     */
    static long parseTime(final String option, final String text)
    {
        try
        {
            return TraceTimes.parseEpochNs(text, null);
        }
        catch (final IllegalArgumentException e)
        {
            throw new UserInputException(option + ": cannot read '" + text + "' as a time: use ISO-8601 with Z or " +
                "an offset, e.g. 2024-01-01T00:00:00Z or 2024-01-01T09:00:00+09:00");
        }
    }

    /**
     * @param option the option, for the message.
     * @param text   a duration.
     * @return nanoseconds.
     */
    static long parseDuration(final String option, final String text)
    {
        try
        {
            return TraceDurations.parseNs(text);
        }
        catch (final IllegalArgumentException e)
        {
            throw new UserInputException(option + ": " + e.getMessage());
        }
    }

    /**
     * Read an input trace by format name or by detection and check its kind.
     *
     * @param option   the option that named the file, for messages.
     * @param file     the file.
     * @param format   format name, or null to detect.
     * @param expected the kind the command needs.
     * @return the table.
     * @throws IOException          if the file cannot be read.
     * @throws TraceFormatException if its content has problems.
     */
    static TraceTable readTrace(final String option, final Path file, final String format, final TraceKind expected)
        throws IOException, TraceFormatException
    {
        TracePaths.input(option, file, "a trace file");
        final TraceReader reader;
        try
        {
            reader = format == null ? TraceFormats.detect(file) : TraceFormats.byName(format);
        }
        catch (final IllegalArgumentException e)
        {
            throw new UserInputException(option + ": " + e.getMessage());
        }
        // A binary file declares its own kind, so its reader has none: check the table instead.
        if (reader.kind() != null && reader.kind() != expected)
        {
            throw new UserInputException(option + ": format '" + reader.formatName() + "' holds a " +
                reader.kind().label() + " trace; a " + expected.label() + " trace is needed");
        }
        final TraceTable table = reader.read(file, ImportOptions.defaults());
        if (table.kind() != expected)
        {
            throw new UserInputException(option + ": " + file + " holds a " + table.kind().label() +
                " trace; a " + expected.label() + " trace is needed");
        }
        return table;
    }

    /** Output file, shared by every kind. */
    static final class Output
    {
        @Parameters(index = "0", paramLabel = "OUT",
            description = "Output file (replaced if it exists): .wtb for the binary format, anything else the "
                + "generic CSV of the kind.")
        Path out;
    }

    /** Start and length of the generated window. */
    static final class Window
    {
        @Option(names = "--start", paramLabel = "TIME",
            description = "Start, ISO-8601 with Z or offset (default: " + DEFAULT_START + ").")
        String start;

        @Option(names = "--duration", paramLabel = "DURATION",
            description = "Length of the trace, e.g. 2d, 36h, PT90M (default: 1d).")
        String duration;

        long startNs(final long defaultNs)
        {
            return start == null ? defaultNs : parseTime("--start", start);
        }

        /**
         * @return {@code --start}, or {@link TraceGenCommand#DEFAULT_START}.
         */
        long startNs()
        {
            return startNs(parseTime("--start", DEFAULT_START));
        }

        long durationNs(final long defaultNs)
        {
            final long durationNs = duration == null ? defaultNs : parseDuration("--duration", duration);
            if (durationNs <= 0)
            {
                throw new UserInputException("--duration must be positive, got " + duration);
            }
            return durationNs;
        }

        /**
         * @return {@code --duration}, or one day.
         */
        long durationNs()
        {
            return durationNs(TraceDurations.parseNs("1d"));
        }

        long endNs(final long startNs)
        {
            final long durationNs = durationNs();
            if (startNs > Long.MAX_VALUE - durationNs)
            {
                throw new UserInputException("--duration: the window ends after the year 2262");
            }
            return startNs + durationNs;
        }
    }

    /** The seed. */
    static final class Seed
    {
        @Option(names = "--seed", paramLabel = "SEED", defaultValue = "1",
            description = "Random seed; the same seed and options give the same file (default: ${DEFAULT-VALUE}).")
        long seed;
    }

    /** Which catalog entries or trace keys to use. */
    static final class KeyFilter
    {
        @Option(names = "--provider", split = ",", paramLabel = "NAME", description = "Only these providers.")
        List<String> providers = new ArrayList<>();

        @Option(names = "--region", split = ",", paramLabel = "NAME", description = "Only these regions.")
        List<String> regions = new ArrayList<>();

        @Option(names = "--instance-type", split = ",", paramLabel = "NAME", description = "Only these types.")
        List<String> instanceTypes = new ArrayList<>();
    }

    /** Options of every load kind. */
    static final class LoadOptions
    {
        @Option(names = "--step", paramLabel = "DURATION",
            description = "Interval of one row; the duration must be a whole number of steps (default: 1m).")
        String step;

        @Option(names = "--regions", paramLabel = "NAME:SHARE[@UTC_OFFSET_HOURS],...",
            description = {"Split the load over client regions, shares summing to 1, e.g. "
                + "us-east:0.5,eu-west:0.3,ap-south:0.2. Offsets shift the diurnal cycle; well-known names "
                + "(us-east, eu-west, ap-south, ...) have one built in (default: one unnamed region)."})
        String regions;

        @Option(names = "--counts", paramLabel = "expected|poisson", defaultValue = "expected",
            description = {"Row values: the expected count of the interval (the integral of the intensity), or a "
                + "Poisson sample of it (default: ${DEFAULT-VALUE}; the simulator samples arrivals itself)."})
        String counts;

        long stepNs(final long defaultNs)
        {
            return step == null ? defaultNs : parseDuration("--step", step);
        }

        RegionMix regionMix()
        {
            return regions == null ? RegionMix.none() : RegionMix.parse(regions);
        }
    }

    /** A kind: generates a table and writes it; user mistakes in parameters become input errors. */
    abstract static class Kind implements Callable<Integer>
    {
        @Spec
        CommandSpec spec;

        @Mixin
        Output output;

        @Override
        public final Integer call() throws IOException, TraceFormatException
        {
            // Checked before generating, which may take long. Generated traces are replaced without --force:
            // regenerate.sh rewrites the shipped ones in place.
            TracePaths.output(null, output.out, true);
            final TraceTable table;
            try
            {
                table = generate();
            }
            catch (final GeneratorParameterException e)
            {
                throw new UserInputException(e.getMessage());
            }
            writeTrace(table, output.out);
            final PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "wrote %d rows (%d keys) of %s to %s%n",
                table.rowCount(), table.keys().size(), table.kind().label(), output.out);
            out.flush();
            return ExitCodes.OK;
        }

        /**
         * @return the generated table.
         * @throws IOException          if an input file cannot be read.
         * @throws TraceFormatException if an input file has problems.
         */
        abstract TraceTable generate() throws IOException, TraceFormatException;
    }

    /** A seeded kind generated over the window from {@code --start} for {@code --duration}. */
    abstract static class WindowedKind extends Kind
    {
        @Mixin
        Window window;

        @Mixin
        Seed seed;
    }

    /** A load kind over a regular grid from {@code --start}. */
    abstract static class GridLoadKind extends WindowedKind
    {
        @Mixin
        LoadOptions load;

        @Override
        final TraceTable generate()
        {
            final LoadGrid grid = LoadGrid.of(window.startNs(), window.durationNs(),
                load.stepNs(TraceDurations.parseNs("1m")));
            return LoadTraceGenerator.generate(model(grid), grid, load.regionMix(), CountMode.parse(load.counts),
                seed.seed);
        }

        /**
         * @param grid the grid being generated.
         * @return the model.
         */
        abstract LoadModel model(LoadGrid grid);
    }

    /** {@code load-constant}. */
    @Command(name = "load-constant", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Constant rate (a homogeneous Poisson process counted per interval).")
    static final class LoadConstant extends GridLoadKind
    {
        @Option(names = "--rate", paramLabel = "REQ_PER_S", defaultValue = "100",
            description = "Total rate over all regions, requests per second (default: ${DEFAULT-VALUE}).")
        double ratePerSec;

        @Override
        LoadModel model(final LoadGrid grid)
        {
            return new ConstantLoad(ratePerSec);
        }
    }

    /** {@code load-diurnal}. */
    @Command(name = "load-diurnal", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Daily sinusoid in each region's local time, quieter weekends and multiplicative lognormal "
            + "noise; the long-run mean is exactly --mean-rate."})
    static final class LoadDiurnal extends GridLoadKind
    {
        @Option(names = "--mean-rate", paramLabel = "REQ_PER_S", defaultValue = "100",
            description = "Long-run mean over all regions, requests per second (default: ${DEFAULT-VALUE}).")
        double meanRatePerSec;

        @Option(names = "--amplitude", paramLabel = "A", defaultValue = "0.5",
            description = "Relative daily amplitude a in [0, 1): peak/trough = (1+a)/(1-a) "
                + "(default: ${DEFAULT-VALUE}).")
        double amplitude;

        @Option(names = "--peak-hour", paramLabel = "HOUR", defaultValue = "14",
            description = "Local hour of the daily peak, 0 to 24 (default: ${DEFAULT-VALUE}).")
        double peakHour;

        @Option(names = "--weekend-factor", paramLabel = "FACTOR", defaultValue = "0.7",
            description = "Weekend level relative to weekdays (default: ${DEFAULT-VALUE}).")
        double weekendFactor;

        @Option(names = "--noise", paramLabel = "SIGMA", defaultValue = "0.05",
            description = "Standard deviation of the log of the per-interval noise, 0 for none "
                + "(default: ${DEFAULT-VALUE}).")
        double noiseSigma;

        @Override
        LoadModel model(final LoadGrid grid)
        {
            return new DiurnalLoad(meanRatePerSec, amplitude, peakHour, weekendFactor, noiseSigma);
        }
    }

    /** {@code load-mmpp}. */
    @Command(name = "load-mmpp", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Bursts: a two-state Markov-modulated Poisson process. Long-run mean = "
            + "(base * mean-base + burst * mean-burst) / (mean-base + mean-burst)."})
    static final class LoadMmpp extends GridLoadKind
    {
        @Option(names = "--base-rate", paramLabel = "REQ_PER_S", defaultValue = "50",
            description = "Rate in the base state, requests per second (default: ${DEFAULT-VALUE}).")
        double baseRatePerSec;

        @Option(names = "--burst-rate", paramLabel = "REQ_PER_S", defaultValue = "200",
            description = "Rate in the burst state, requests per second (default: ${DEFAULT-VALUE}).")
        double burstRatePerSec;

        @Option(names = "--mean-base", defaultValue = "1h", paramLabel = "DURATION",
            description = "Mean time in the base state (default: ${DEFAULT-VALUE}).")
        String meanBase;

        @Option(names = "--mean-burst", defaultValue = "10m", paramLabel = "DURATION",
            description = "Mean time in the burst state (default: ${DEFAULT-VALUE}).")
        String meanBurst;

        @Override
        LoadModel model(final LoadGrid grid)
        {
            return new MmppLoad(baseRatePerSec, burstRatePerSec, parseDuration("--mean-base", meanBase),
                parseDuration("--mean-burst", meanBurst));
        }
    }

    /** {@code load-flash}. */
    @Command(name = "load-flash", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Flash crowd: at one instant the rate jumps to --multiplier times base and decays back "
            + "exponentially with time constant --decay.")
    static final class LoadFlash extends GridLoadKind
    {
        @Option(names = "--rate", paramLabel = "REQ_PER_S", defaultValue = "100",
            description = "Base rate over all regions, requests per second (default: ${DEFAULT-VALUE}).")
        double baseRatePerSec;

        @Option(names = "--at", defaultValue = "6h", paramLabel = "TIME|OFFSET",
            description = "When the crowd arrives: an ISO-8601 time, or an offset from --start such as 6h "
                + "(a bare number is seconds) (default: ${DEFAULT-VALUE}).")
        String at;

        @Option(names = "--multiplier", paramLabel = "M", defaultValue = "10",
            description = "Peak rate relative to base, >= 1 (default: ${DEFAULT-VALUE}).")
        double multiplier;

        @Option(names = "--decay", defaultValue = "30m", paramLabel = "DURATION",
            description = "Time constant of the exponential decay (default: ${DEFAULT-VALUE}).")
        String decay;

        @Override
        LoadModel model(final LoadGrid grid)
        {
            final long atNs = at.indexOf(':') >= 0 ? parseTime("--at", at) :
                grid.startNs() + parseDuration("--at", at);
            return new FlashCrowdLoad(baseRatePerSec, atNs, multiplier, parseDuration("--decay", decay));
        }
    }

    /** {@code load-scaled}. */
    @Command(name = "load-scaled", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"The shape of a real load-rate trace rescaled to --mean-rate, optionally resampled to "
            + "--step and repeated or cropped to --duration. Start, step and duration default to the source's."})
    static final class LoadScaled extends Kind
    {
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "The source load-rate trace.")
        Path input;

        @Option(names = "--format", paramLabel = "NAME",
            description = "Format of --input (default: detected from the file).")
        String format;

        @Option(names = "--mean-rate", paramLabel = "REQ_PER_S", required = true,
            description = "Target mean over all regions, requests per second.")
        double meanRatePerSec;

        @Mixin
        Window window;

        @Mixin
        Seed seed;

        @Mixin
        LoadOptions load;

        @Override
        TraceTable generate() throws IOException, TraceFormatException
        {
            final TraceTable source = readTrace("--input", input, format, TraceKind.LOAD_RATE);
            final ScaledLoad model = new ScaledLoad(source, meanRatePerSec);
            final long stepNs = load.stepNs(model.sourceStepNs());
            final long durationNs = window.duration == null ? model.defaultDurationNs(stepNs) :
                window.durationNs(0);
            final LoadGrid grid = LoadGrid.of(window.startNs(model.sourceStartNs()), durationNs, stepNs);
            return LoadTraceGenerator.generate(model, grid, load.regionMix(), CountMode.parse(load.counts),
                seed.seed);
        }
    }

    /** {@code price}. */
    @Command(name = "price", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"On-demand list prices (constant) and spot prices: an Ornstein-Uhlenbeck process with upward "
            + "jumps on log(spot/on-demand), re-quoted at random times, always within (0, on-demand].",
            "Keys: provider, region, zone (the catalog's; empty for region-wide entries), instance_type, market."})
    static final class Price extends WindowedKind
    {
        private static final String[] MODEL_OPTIONS = {"--mean-ratio", "--reversion-per-day", "--volatility",
            "--changes-per-day", "--jumps-per-day", "--jump-mean"};

        @Option(names = "--catalog", paramLabel = "FILE",
            description = "On-demand prices as CSV: provider,region,instance_type,price_per_hour_usd and optionally "
                + "zone, for a spot series per zone (default: the built-in catalog of 3 providers x 2 regions x 2 "
                + "types, region-wide).")
        Path catalog;

        @Mixin
        KeyFilter filter;

        @Option(names = "--zone", split = ",", paramLabel = "NAME",
            description = "Only these zones of the catalog (an entry without a zone has none).")
        List<String> zones = new ArrayList<>();

        @Option(names = "--markets", split = ",", defaultValue = "on-demand,spot", paramLabel = "MARKET",
            description = "Markets to write (default: ${DEFAULT-VALUE}).")
        List<String> markets;

        @Option(names = "--mean-ratio", paramLabel = "RATIO", defaultValue = "0.35",
            description = "Long-run spot/on-demand level exp(mu), in (0, 1] (default: ${DEFAULT-VALUE}).")
        double meanRatio;

        @Option(names = "--reversion-per-day", paramLabel = "THETA", defaultValue = "1.0",
            description = "Mean-reversion speed theta, per day (default: ${DEFAULT-VALUE}).")
        double reversionPerDay;

        @Option(names = "--volatility", paramLabel = "SIGMA", defaultValue = "0.15",
            description = "Volatility sigma of log(spot/on-demand), per sqrt(day) (default: ${DEFAULT-VALUE}).")
        double volatility;

        @Option(names = "--changes-per-day", paramLabel = "N", defaultValue = "4",
            description = "Ordinary spot price changes per day (default: ${DEFAULT-VALUE}).")
        double changesPerDay;

        @Option(names = "--jumps-per-day", paramLabel = "N", defaultValue = "0.1",
            description = "Upward price jumps per day (default: ${DEFAULT-VALUE}).")
        double jumpsPerDay;

        @Option(names = "--jump-mean", paramLabel = "M", defaultValue = "0.5",
            description = "Mean jump of log(spot/on-demand), exponential sizes (default: ${DEFAULT-VALUE}).")
        double jumpMean;

        @Option(names = "--decimals", paramLabel = "N", defaultValue = "4",
            description = "Decimal places of spot prices, 2 to 10 (default: ${DEFAULT-VALUE}).")
        int decimals;

        @Option(names = "--calibrate-from", paramLabel = "FILE",
            description = "Fit the spot model to a real price trace instead of the model options above.")
        Path calibrateFrom;

        @Option(names = "--calibrate-format", paramLabel = "NAME",
            description = "Format of --calibrate-from (default: detected).")
        String calibrateFormat;

        @Option(names = "--calibrate-key", paramLabel = "PROVIDER/REGION/ZONE/TYPE",
            description = "Spot series to fit, zone may be empty (default: the only spot series of the file).")
        String calibrateKey;

        @Option(names = "--calibrate-on-demand-usd", paramLabel = "USD",
            description = "On-demand price of that series (default: from the file, else from the catalog).")
        Double calibrateOnDemandUsd;

        @Override
        TraceTable generate() throws IOException, TraceFormatException
        {
            final OnDemandCatalog prices = catalog == null ? OnDemandCatalog.builtIn() :
                OnDemandCatalog.read(TracePaths.input("--catalog", catalog, "a catalog file"));
            final Set<Market> marketSet = EnumSet.noneOf(Market.class);
            for (final String name : markets)
            {
                final Market market = Market.parse(name);
                if (market == null)
                {
                    throw new UserInputException("--markets: unknown market '" + name + "'; use on-demand, spot");
                }
                marketSet.add(market);
            }
            final long startNs = window.startNs();
            final SpotPriceModel model = calibrateFrom == null ?
                new SpotPriceModel(meanRatio, reversionPerDay, volatility, changesPerDay, jumpsPerDay, jumpMean,
                    decimals) :
                calibrate(prices);
            return PriceTraceGenerator.generate(
                prices.select(filter.providers, filter.regions, zones, filter.instanceTypes),
                marketSet, model, startNs, window.endNs(startNs), seed.seed);
        }

        private SpotPriceModel calibrate(final OnDemandCatalog prices) throws IOException, TraceFormatException
        {
            for (final String option : MODEL_OPTIONS)
            {
                if (spec.commandLine().getParseResult().hasMatchedOption(option))
                {
                    throw new UserInputException(option + " cannot be combined with --calibrate-from, which fits " +
                        "the spot model to the file");
                }
            }
            final TraceTable observed = readTrace("--calibrate-from", calibrateFrom, calibrateFormat,
                TraceKind.PRICE);
            final int keyId = spotKey(observed);
            final String[] key = observed.keys().fields(keyId);
            double onDemand = calibrateOnDemandUsd == null ? SpotCalibrator.onDemandFor(observed, keyId) :
                calibrateOnDemandUsd;
            if (Double.isNaN(onDemand))
            {
                onDemand = prices.pricePerHourUsd(key[0], key[1], key[3]);
            }
            if (Double.isNaN(onDemand))
            {
                throw new UserInputException("--calibrate-from: no on-demand price for " +
                    observed.keys().describe(keyId) + " in the file or the catalog; give --calibrate-on-demand-usd");
            }
            final SpotCalibrator.Calibration fit = SpotCalibrator.calibrate(observed, keyId, onDemand);
            final SpotPriceModel fitted = fit.model();
            final PrintWriter out = spec.commandLine().getOut();
            out.printf(Locale.ROOT, "calibrated on %d prices over %.1f days of %s: --mean-ratio %.4f " +
                "--reversion-per-day %.4f --volatility %.4f --changes-per-day %.3f --jumps-per-day %.4f " +
                "--jump-mean %.4f%n", fit.quotes(), fit.spanDays(), observed.keys().describe(keyId),
                fitted.meanRatio(), fitted.reversionPerDay(), fitted.volatilityPerSqrtDay(), fitted.changesPerDay(),
                fitted.jumpsPerDay(), fitted.jumpMeanLog());
            final boolean decimalsGiven = spec.commandLine().getParseResult().hasMatchedOption("--decimals");
            return new SpotPriceModel(fitted.meanRatio(), fitted.reversionPerDay(), fitted.volatilityPerSqrtDay(),
                fitted.changesPerDay(), fitted.jumpsPerDay(), fitted.jumpMeanLog(),
                decimalsGiven ? decimals : fitted.decimals());
        }

        private int spotKey(final TraceTable observed)
        {
            final List<Integer> spotKeys = new ArrayList<>();
            final List<String> names = new ArrayList<>();
            for (int id = 0; id < observed.keys().size(); id++)
            {
                if (Market.parse(observed.keys().field(id, 4)) == Market.SPOT)
                {
                    spotKeys.add(id);
                    final String[] f = observed.keys().fields(id);
                    names.add(f[0] + "/" + f[1] + "/" + f[2] + "/" + f[3]);
                }
            }
            if (calibrateKey != null)
            {
                final int index = names.indexOf(calibrateKey.trim());
                if (index < 0)
                {
                    throw new UserInputException("--calibrate-key: no spot series " + calibrateKey + " in " +
                        calibrateFrom + "; it has " + names);
                }
                return spotKeys.get(index);
            }
            if (spotKeys.size() != 1)
            {
                throw new UserInputException("--calibrate-from: " + calibrateFrom + " has " + spotKeys.size() +
                    " spot series " + names + "; choose one with --calibrate-key PROVIDER/REGION/ZONE/TYPE");
            }
            return spotKeys.get(0);
        }
    }

    /** {@code faults-hazard}. */
    @Command(name = "faults-hazard", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Spot preemptions at a constant hazard per instance-hour: 'preempt' events with counts. "
            + "Expected preemptions = instances * hazard * hours.",
            "From a monthly interruption frequency f (AWS Spot Advisor): hazard = -ln(1 - f) / 730."})
    static final class FaultsHazard extends WindowedKind
    {
        @Option(names = "--fleet", required = true, paramLabel = "PROVIDER/REGION/[ZONE/]TYPE:COUNT[@HAZARD]",
            description = "Running spot instances of one key, repeatable, e.g. aws/us-east-1/us-east-1a/m5.large:20 "
                + "or gcp/us-central1/n2-standard-2:10@0.004.")
        List<String> fleets;

        @Option(names = "--hazard-per-hour", paramLabel = "H", defaultValue = "1e-4",
            description = "Preemption hazard per instance-hour for fleets without @HAZARD (default: "
                + "${DEFAULT-VALUE}, about the 5-10%%/month Spot Advisor bucket).")
        double hazardPerHour;

        @Option(names = "--mean-batch", paramLabel = "B", defaultValue = "1",
            description = "Mean instances per preemption event, geometric sizes (default: ${DEFAULT-VALUE}).")
        double meanBatch;

        @Option(names = "--advisor", paramLabel = "FILE",
            description = "AWS Spot Instance Advisor JSON (spot-advisor-data.json): fleets without @HAZARD take "
                + "the hazard of their region and type's interruption bucket instead of --hazard-per-hour.")
        Path advisor;

        @Option(names = "--advisor-os", paramLabel = "OS", defaultValue = "Linux",
            description = "Operating system whose advisor buckets to use: Linux or Windows (default: "
                + "${DEFAULT-VALUE}).")
        String advisorOs;

        @Override
        TraceTable generate() throws IOException, TraceFormatException
        {
            final SpotAdvisor spotAdvisor = advisor == null ? null :
                SpotAdvisorReader.read(TracePaths.input("--advisor", advisor, "a Spot Advisor JSON file"));
            final List<SpotFleet> parsed = new ArrayList<>();
            for (final String fleet : fleets)
            {
                SpotFleet spotFleet = SpotFleet.parse(fleet);
                if (spotAdvisor != null && Double.isNaN(spotFleet.hazardPerHour()))
                {
                    final double hazard;
                    try
                    {
                        hazard = spotAdvisor.hazardPerHour(spotFleet.region(), advisorOs, spotFleet.instanceType());
                    }
                    catch (final IllegalArgumentException e)
                    {
                        throw new UserInputException("--advisor " + advisor + ": fleet " + spotFleet.describe() +
                            ": " + e.getMessage());
                    }
                    spotFleet = new SpotFleet(spotFleet.provider(), spotFleet.region(), spotFleet.zone(),
                        spotFleet.instanceType(), spotFleet.instances(), hazard);
                }
                parsed.add(spotFleet);
            }
            final long startNs = window.startNs();
            return HazardPreemptions.generate(parsed, hazardPerHour, meanBatch, startNs, window.endNs(startNs),
                seed.seed);
        }
    }

    /** {@code faults-bid}. */
    @Command(name = "faults-bid", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Price-triggered preemption for a bid: 'preempt' of the instances and 'unavailable' when a "
            + "spot price rises above the bid, 'available' when it falls back. Covers the price trace's times."})
    static final class FaultsBid extends Kind
    {
        @Option(names = "--prices", required = true, paramLabel = "FILE",
            description = "A price trace with spot series.")
        Path prices;

        @Option(names = "--format", paramLabel = "NAME", description = "Format of --prices (default: detected).")
        String format;

        @Option(names = "--bid-usd", paramLabel = "USD", description = "Bid in USD per instance-hour, for every key.")
        Double bidUsd;

        @Option(names = "--bid-fraction", paramLabel = "FRACTION",
            description = "Bid as a fraction of each key's on-demand price (from the same trace).")
        Double bidFraction;

        @Option(names = "--instances", paramLabel = "N", defaultValue = "1",
            description = "Instances running per key, preempted together (default: ${DEFAULT-VALUE}).")
        int instances;

        @Mixin
        KeyFilter filter;

        @Override
        TraceTable generate() throws IOException, TraceFormatException
        {
            if ((bidUsd == null) == (bidFraction == null))
            {
                throw new UserInputException("give exactly one of --bid-usd and --bid-fraction");
            }
            final BidPreemptions.Bid bid = bidUsd != null ? BidPreemptions.Bid.absolute(bidUsd) :
                BidPreemptions.Bid.ofOnDemand(bidFraction);
            final TraceTable table = readTrace("--prices", prices, format, TraceKind.PRICE);
            return BidPreemptions.generate(table, bid, instances, filter.providers, filter.regions,
                filter.instanceTypes);
        }
    }

    /** {@code faults-outage}. */
    @Command(name = "faults-outage", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Region or zone outages with exponential up (MTBF) and down (MTTR) times: "
            + "'outage_start'/'outage_end' rows. Availability = MTBF / (MTBF + MTTR)."})
    static final class FaultsOutage extends WindowedKind
    {
        @Option(names = "--target", required = true, paramLabel = "PROVIDER/REGION[/ZONE]",
            description = "A region or zone that fails, repeatable, e.g. aws/eu-west-1 or aws/eu-west-1/eu-west-1a.")
        List<String> targets;

        @Option(names = "--mtbf", defaultValue = "30d", paramLabel = "DURATION",
            description = "Mean time between failures, i.e. mean up time (default: ${DEFAULT-VALUE}).")
        String mtbf;

        @Option(names = "--mttr", defaultValue = "2h", paramLabel = "DURATION",
            description = "Mean time to repair, i.e. mean outage length (default: ${DEFAULT-VALUE}).")
        String mttr;

        @Override
        TraceTable generate()
        {
            final List<RegionOutages.Target> parsed = new ArrayList<>();
            for (final String target : targets)
            {
                parsed.add(RegionOutages.Target.parse(target));
            }
            final long startNs = window.startNs();
            return RegionOutages.generate(parsed, parseDuration("--mtbf", mtbf), parseDuration("--mttr", mttr),
                startNs, window.endNs(startNs), seed.seed);
        }
    }
}
