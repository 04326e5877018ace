package io.windtunnel.cli;

import io.windtunnel.traces.Market;
import io.windtunnel.traces.TraceCsvWriter;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.TraceTimes;
import io.windtunnel.traces.gen.CountMode;
import io.windtunnel.traces.gen.DiurnalLoad;
import io.windtunnel.traces.gen.HazardPreemptions;
import io.windtunnel.traces.gen.LoadGrid;
import io.windtunnel.traces.gen.LoadTraceGenerator;
import io.windtunnel.traces.gen.OnDemandCatalog;
import io.windtunnel.traces.gen.PriceTraceGenerator;
import io.windtunnel.traces.gen.RegionMix;
import io.windtunnel.traces.gen.RegionOutages;
import io.windtunnel.traces.gen.SpotFleet;
import io.windtunnel.traces.gen.SpotPriceModel;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class TraceGenCommandTest
{
    private static final long START_NS = TraceTimes.parseEpochNs("2024-01-01T00:00:00Z", null);
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long DAY_NS = 1440 * MINUTE_NS;
    private static final String[] KINDS = {"load-constant", "load-diurnal", "load-mmpp", "load-flash", "load-scaled",
        "price", "faults-hazard", "faults-bid", "faults-outage"};

    @TempDir
    Path tempDir;

    /** What one command run printed and returned. */
    record Result(int exitCode, String out, String err)
    {
    }

    static Result run(final String... args)
    {
        final CommandLine commandLine = WindtunnelCommand.newCommandLine();
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        final int exitCode = commandLine.execute(args);
        return new Result(exitCode, out.toString(), err.toString());
    }

    private static String tableCsv(final TraceTable table) throws IOException
    {
        final StringWriter out = new StringWriter();
        TraceCsvWriter.write(table, out);
        return out.toString();
    }

    private static List<CSVRecord> records(final Path file) throws IOException
    {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8);
            CSVParser parser = CSVParser.builder().setReader(reader).setFormat(CSVFormat.DEFAULT.builder()
                .setCommentMarker('#').setHeader().setSkipHeaderRecord(true).get()).get())
        {
            return new ArrayList<>(parser.getRecords());
        }
    }

    @Test
    void shouldListEveryKindWhenAskedForHelp()
    {
        final Result result = run("trace", "gen", "--help");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains(KINDS);
        for (final String kind : KINDS)
        {
            final Result kindHelp = run("trace", "gen", kind, "--help");
            assertThat(kindHelp.exitCode()).as(kind).isEqualTo(ExitCodes.OK);
            assertThat(kindHelp.out()).as(kind).contains("OUT").contains("default");
        }
    }

    @Test
    void shouldExitWithInputErrorAndUsageWhenKindIsMissing()
    {
        final Result result = run("trace", "gen");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(result.err()).contains("needs a KIND").contains("load-diurnal");
    }

    @Test
    void shouldWriteSameTraceAsGeneratorWhenRunningLoadDiurnal() throws IOException
    {
        final Path out = tempDir.resolve("load.csv");
        final Result result = run("trace", "gen", "load-diurnal", "--duration", "1d", "--step", "5m", "--seed", "7",
            "--regions", "us-east:0.6,eu-west:0.4", "--mean-rate", "30", "--amplitude", "0.4", "--peak-hour", "13",
            "--weekend-factor", "0.8", "--noise", "0.1", "--counts", "poisson", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("wrote 576 rows (2 keys) of load-rate to " + out);
        final TraceTable expected = LoadTraceGenerator.generate(new DiurnalLoad(30, 0.4, 13, 0.8, 0.1),
            LoadGrid.of(START_NS, DAY_NS, 5 * MINUTE_NS), RegionMix.parse("us-east:0.6,eu-west:0.4"),
            CountMode.POISSON, 7);
        assertThat(Files.readString(out)).isEqualTo(tableCsv(expected));
        final List<CSVRecord> rows = records(out);
        assertThat(rows).hasSize(576);
        assertThat(rows.get(0).get("region")).isEqualTo("us-east");
        assertThat(Long.parseLong(rows.get(0).get("requests"))).isPositive();
    }

    @Test
    void shouldWriteParseableFileForEveryGridLoadKind() throws IOException
    {
        final String[][] commands = {
            {"load-constant", "--rate", "2.5"},
            {"load-mmpp", "--base-rate", "1", "--burst-rate", "9", "--mean-base", "30m", "--mean-burst", "5m"},
            {"load-flash", "--rate", "4", "--at", "2024-01-01T03:00:00Z", "--multiplier", "5", "--decay", "20m"},
            {"load-flash", "--at", "90m"}};
        for (final String[] command : commands)
        {
            final Path out = tempDir.resolve(command[0] + ".csv");
            final List<String> args = new ArrayList<>(List.of("trace", "gen"));
            args.addAll(List.of(command));
            args.addAll(List.of("--duration", "6h", "--step", "1m", out.toString()));
            final Result result = run(args.toArray(new String[0]));

            assertThat(result.exitCode()).as(String.join(" ", command) + result.err()).isEqualTo(ExitCodes.OK);
            assertThat(Files.readString(out))
                .startsWith("# span: 2024-01-01T00:00:00Z/2024-01-01T06:00:00Z\n# step: 1m\ntime,requests\n");
            final List<CSVRecord> rows = records(out);
            assertThat(rows).hasSize(360);
            assertThat(rows.get(0).get("time")).isEqualTo("2024-01-01T00:00:00Z");
            for (final CSVRecord row : rows)
            {
                assertThat(Double.parseDouble(row.get("requests"))).isGreaterThanOrEqualTo(0);
            }
        }
        final List<CSVRecord> constant = records(tempDir.resolve("load-constant.csv"));
        assertThat(Double.parseDouble(constant.get(0).get("requests"))).isEqualTo(150.0);
    }

    @Test
    void shouldGiveIdenticalBytesForSameSeedAndDifferentForAnother() throws IOException
    {
        final Path a = tempDir.resolve("a.csv");
        final Path b = tempDir.resolve("b.csv");
        final Path c = tempDir.resolve("c.csv");
        run("trace", "gen", "load-mmpp", "--seed", "3", a.toString());
        run("trace", "gen", "load-mmpp", "--seed", "3", b.toString());
        run("trace", "gen", "load-mmpp", "--seed", "4", c.toString());

        assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b)).isNotEqualTo(Files.readAllBytes(c));
    }

    @Test
    void shouldRescaleAFileWhenRunningLoadScaled() throws IOException
    {
        final Path source = tempDir.resolve("source.csv");
        assertThat(run("trace", "gen", "load-diurnal", "--duration", "1d", "--step", "10m", "--noise", "0",
            "--regions", "us-east:0.5,ap-south:0.5", source.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        final Path out = tempDir.resolve("scaled.csv");

        final Result result = run("trace", "gen", "load-scaled", "--input", source.toString(), "--format",
            "rate-csv", "--mean-rate", "3", "--step", "30m", "--duration", "3d", "--start",
            "2025-06-01T00:00:00Z", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        final List<CSVRecord> rows = records(out);
        assertThat(rows).hasSize(2 * 144);
        assertThat(rows.get(0).get("time")).isEqualTo("2025-06-01T00:00:00Z");
        assertThat(rows.get(1).get("region")).isEqualTo("ap-south");
        double total = 0;
        for (final CSVRecord row : rows)
        {
            total += Double.parseDouble(row.get("requests"));
        }
        assertThat(total / (3 * 86_400.0)).isCloseTo(3.0, within(1e-9));

        final Path defaults = tempDir.resolve("defaults.csv");
        assertThat(run("trace", "gen", "load-scaled", "--input", source.toString(), "--format",
            "rate-csv", "--mean-rate", "1", "--regions", "x:1", defaults.toString()).exitCode())
            .isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(defaults)).startsWith("# span: 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z\n" +
            "# step: 10m\ntime,region,requests\n2024-01-01T00:00:00Z,x,");
        assertThat(records(defaults)).hasSize(144);
    }

    @Test
    void shouldWriteOnDemandAndSpotPricesWhenRunningPrice() throws IOException
    {
        final Path out = tempDir.resolve("price.csv");
        final Result result = run("trace", "gen", "price", "--duration", "3d", "--seed", "5", "--provider", "aws,gcp",
            "--instance-type", "m5.large,n2-standard-2", "--mean-ratio", "0.4", "--jumps-per-day", "0.5",
            out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        final TraceTable expected = PriceTraceGenerator.generate(OnDemandCatalog.builtIn().select(
            List.of("aws", "gcp"), List.of(), List.of("m5.large", "n2-standard-2")), EnumSet.allOf(Market.class),
            new SpotPriceModel(0.4, 1.0, 0.15, 4, 0.5, 0.5, 4), START_NS, START_NS + 3 * DAY_NS, 5);
        assertThat(Files.readString(out)).isEqualTo(tableCsv(expected));
        for (final CSVRecord row : records(out))
        {
            final double price = Double.parseDouble(row.get("price_per_hour_usd"));
            final double onDemand = OnDemandCatalog.builtIn().pricePerHourUsd(row.get("provider"), row.get("region"),
                row.get("instance_type"));
            assertThat(price).isGreaterThan(0).isLessThanOrEqualTo(onDemand);
        }
    }

    @Test
    void shouldUseUserCatalogAndOnlyRequestedMarket() throws IOException
    {
        final Path catalog = tempDir.resolve("catalog.csv");
        Files.writeString(catalog, "provider,region,instance_type,price_per_hour_usd\nacme,north-1,small,0.05\n");
        final Path out = tempDir.resolve("price.csv");

        final Result result = run("trace", "gen", "price", "--catalog", catalog.toString(), "--markets", "on-demand",
            out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(out)).isEqualTo("# span: 2024-01-01T00:00:00Z/2024-01-02T00:00:00Z\n" +
            "time,provider,region,zone,instance_type,market,price_per_hour_usd\n" +
            "2024-01-01T00:00:00Z,acme,north-1,,small,on-demand,0.05\n");
    }

    @Test
    void shouldPrintFittedParametersWhenCalibratingFromAFile() throws IOException
    {
        final Path history = tempDir.resolve("history.csv");
        assertThat(run("trace", "gen", "price", "--duration", "400d", "--seed", "2", "--provider", "aws",
            "--region", "us-east-1", "--instance-type", "m5.large", "--reversion-per-day", "2",
            "--changes-per-day", "8", "--decimals", "6", history.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        final Path out = tempDir.resolve("fitted.csv");

        final Result result = run("trace", "gen", "price", "--calibrate-from", history.toString(),
            "--calibrate-format", "price-csv", "--duration", "2d", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        assertThat(result.out()).contains("calibrated on").contains("aws/us-east-1/m5.large/spot")
            .containsPattern("--reversion-per-day [12]\\.\\d+").containsPattern("--changes-per-day [78]\\.\\d+");
        assertThat(records(out)).isNotEmpty();
        // Fitted decimals follow the history (6 places) unless --decimals is given.
        boolean sixPlaces = false;
        for (final CSVRecord row : records(out))
        {
            sixPlaces |= row.get("market").equals("spot") && row.get("price_per_hour_usd").length() == 8;
        }
        assertThat(sixPlaces).isTrue();

        final Result conflict = run("trace", "gen", "price", "--calibrate-from", history.toString(),
            "--calibrate-format", "price-csv", "--mean-ratio", "0.3", out.toString());
        assertThat(conflict.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(conflict.err()).contains("--mean-ratio cannot be combined with --calibrate-from");
    }

    @Test
    void shouldWriteHazardPreemptionsMatchingGenerator() throws IOException
    {
        final Path out = tempDir.resolve("hazard.csv");
        final Result result = run("trace", "gen", "faults-hazard", "--duration", "10d", "--seed", "8",
            "--fleet", "aws/us-east-1/us-east-1a/m5.large:40", "--fleet", "gcp/us-central1/n2-standard-2:10@0.01",
            "--hazard-per-hour", "0.002", "--mean-batch", "2", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        final TraceTable expected = HazardPreemptions.generate(List.of(
            SpotFleet.parse("aws/us-east-1/us-east-1a/m5.large:40"),
            SpotFleet.parse("gcp/us-central1/n2-standard-2:10@0.01")),
            0.002, 2, START_NS, START_NS + 10 * DAY_NS, 8);
        assertThat(expected.rowCount()).isPositive();
        assertThat(Files.readString(out)).isEqualTo(tableCsv(expected));
        assertThat(records(out).get(0).get("kind")).isEqualTo("preempt");
    }

    @Test
    void shouldDerivePreemptionsFromPriceFileWhenRunningFaultsBid() throws IOException
    {
        final Path prices = tempDir.resolve("prices.csv");
        assertThat(run("trace", "gen", "price", "--duration", "30d", "--provider", "azure", "--mean-ratio", "0.6",
            "--volatility", "0.4", prices.toString()).exitCode()).isEqualTo(ExitCodes.OK);
        final Path out = tempDir.resolve("bid.csv");

        final Result result = run("trace", "gen", "faults-bid", "--prices", prices.toString(), "--format",
            "price-csv", "--bid-fraction", "0.6", "--instances", "5", out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        final List<CSVRecord> rows = records(out);
        assertThat(rows).isNotEmpty();
        for (final CSVRecord row : rows)
        {
            assertThat(row.get("provider")).isEqualTo("azure");
            assertThat(row.get("kind")).isIn("preempt", "unavailable", "available");
            if (row.get("kind").equals("preempt"))
            {
                assertThat(row.get("count")).isEqualTo("5");
            }
        }
    }

    @Test
    void shouldWriteOutagePairsWhenRunningFaultsOutage() throws IOException
    {
        final Path out = tempDir.resolve("outage.csv");
        final Result result = run("trace", "gen", "faults-outage", "--duration", "60d", "--seed", "9", "--target",
            "aws/eu-west-1", "--target", "gcp/europe-west1/europe-west1-b", "--mtbf", "5d", "--mttr", "3h",
            out.toString());

        assertThat(result.exitCode()).as(result.err()).isEqualTo(ExitCodes.OK);
        final TraceTable expected = RegionOutages.generate(List.of(RegionOutages.Target.parse("aws/eu-west-1"),
            RegionOutages.Target.parse("gcp/europe-west1/europe-west1-b")), 5 * DAY_NS, 180 * MINUTE_NS, START_NS,
            START_NS + 60 * DAY_NS, 9);
        assertThat(Files.readString(out)).isEqualTo(tableCsv(expected));
        assertThat(records(out).size()).isGreaterThan(8);
    }

    @Test
    void shouldExitWithInputErrorAndNoStackTraceWhenOptionsAreInvalid() throws IOException
    {
        final String out = tempDir.resolve("x.csv").toString();
        final String missing = tempDir.resolve("missing.csv").toString();
        final String[][] cases = {
            {"not a whole number of 1m steps", "load-constant", "--duration", "90s", out},
            {"shares must sum to 1", "load-diurnal", "--regions", "a:0.5,b:0.6", out},
            {"no UTC offset known for 'mars'", "load-diurnal", "--regions", "mars:1", out},
            {"amplitude must be in [0, 1)", "load-diurnal", "--amplitude", "1.5", out},
            {"Invalid value for option '--rate'", "load-constant", "--rate", "fast", out},
            {"--start: cannot read '2024-01-01T00:00:00' as a time: use ISO-8601 with Z", "load-constant", "--start",
                "2024-01-01T00:00:00", out},
            {"--duration: cannot read 'soon' as a duration", "price", "--duration", "soon", out},
            {"counts must be 'expected' or 'poisson'", "load-constant", "--counts", "exact", out},
            {"outside the window", "load-flash", "--at", "2d", out},
            {"fleet 'aws:3' is not PROVIDER/REGION", "faults-hazard", "--fleet", "aws:3", out},
            {"Missing required option: '--fleet", "faults-hazard", out},
            {"give exactly one of --bid-usd and --bid-fraction", "faults-bid", "--prices", missing, out},
            {"--markets: unknown market 'reserved'", "price", "--markets", "spot,reserved", out},
            {"mean spot/on-demand ratio must be in (0, 1]", "price", "--mean-ratio", "2", out},
            {"no catalog entry matches", "price", "--provider", "oracle", out},
            {"no such file", "load-scaled", "--input", missing, "--format", "rate-csv",
                "--mean-rate", "1", out},
            {"unknown trace format 'nope'", "load-scaled", "--input", missing, "--format", "nope", "--mean-rate",
                "1", out},
            {"holds a price trace; a load-rate trace is needed", "load-scaled", "--input", missing, "--format",
                "price-csv", "--mean-rate", "1", out},
            {"MTBF must be positive", "faults-outage", "--target", "aws/eu-west-1", "--mtbf", "0s", out},
            {"would take about", "faults-hazard", "--fleet", "a/b/c:1000000", "--hazard-per-hour", "1000", out}};
        assertInputErrors(cases);
        assertThat(Files.exists(tempDir.resolve("x.csv"))).isFalse();
    }

    @Test
    void shouldReportEveryProblemOfABadCatalog() throws IOException
    {
        final Path catalog = tempDir.resolve("catalog.csv");
        Files.writeString(catalog, "provider,region,instance_type,price_per_hour_usd\naws,us-east-1,m5.large,free\n" +
            "aws,us-east-1,,0.1\n");

        final Result result = run("trace", "gen", "price", "--catalog", catalog.toString(),
            tempDir.resolve("p.csv").toString());

        assertThat(result.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(result.err()).contains("catalog.csv:2: field 'price_per_hour_usd'")
            .contains("catalog.csv:3: field 'instance_type': empty");
    }

    @Test
    void shouldWriteTheBinaryFormatWhenOutputEndsInWtb() throws Exception
    {
        final Path csv = tempDir.resolve("load.csv");
        final Path wtb = tempDir.resolve("load.wtb");
        final String[] model = {"load-constant", "--rate", "5", "--duration", "6h", "--seed", "3"};
        assertThat(run(concat(model, csv.toString())).exitCode()).isZero();
        assertThat(run(concat(model, wtb.toString())).exitCode()).isZero();
        final TraceTable fromCsv = io.windtunnel.traces.TraceFormats.byName("rate-csv")
            .read(csv, io.windtunnel.traces.ImportOptions.defaults());
        assertThat(io.windtunnel.traces.binary.BinaryTraceFile.readTable(wtb)).isEqualTo(fromCsv);
    }

    @Test
    void shouldTakeHazardsFromSpotAdvisorBuckets() throws Exception
    {
        final Path advisor = Path.of(TraceGenCommandTest.class.getResource("/fixtures/spot-advisor-data.json").toURI());
        final Path out = tempDir.resolve("advisor.csv");
        final Result result = run("trace", "gen", "faults-hazard", "--duration", "30d", "--advisor", advisor.toString(),
            "--fleet", "aws/us-east-1/m5.large:200", "--fleet", "aws/us-east-1/c5.xlarge:200", out.toString());
        assertThat(result.exitCode()).as(result.err()).isZero();
        final TraceTable faults = io.windtunnel.traces.TraceFormats.byName("faults-csv")
            .read(out, io.windtunnel.traces.ImportOptions.defaults());
        final io.windtunnel.traces.aws.SpotAdvisor spotAdvisor =
            io.windtunnel.traces.aws.SpotAdvisorReader.read(advisor);
        for (final String type : new String[] {"m5.large", "c5.xlarge"})
        {
            final int key = faults.keys().find("aws", "us-east-1", "", type);
            double preempted = 0;
            for (int row = 0; row < faults.rowCount(); row++)
            {
                preempted += faults.keyId(row) == key ? faults.value(row) : 0;
            }
            final double expected = 200 * 30 * 24 * spotAdvisor.hazardPerHour("us-east-1", "Linux", type);
            assertThat(preempted).as(type).isCloseTo(expected, within(5 * Math.sqrt(expected) + 1));
        }

        final Result unknown = run("trace", "gen", "faults-hazard", "--advisor", advisor.toString(),
            "--fleet", "aws/mars-1/m5.large:2", tempDir.resolve("x.csv").toString());
        assertThat(unknown.exitCode()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(unknown.err()).contains("--advisor").contains("mars-1");
    }

    @Test
    void shouldNameThePathWhenAFolderIsGivenForAFileOrTheOutputFolderIsMissing() throws IOException
    {
        final Path folder = Files.createDirectories(tempDir.resolve("folder"));
        final String f = folder.toString();
        final String out = tempDir.resolve("x.csv").toString();
        final String[][] cases = {
            {f + ": is a folder, expected a trace file to write", "load-constant", f},
            {f + ": is a folder, expected a trace file to write", "load-constant", tempDir.toString()
                + "/folder/"},
            {"cannot write " + tempDir.resolve("none/x.csv") + ": folder " + tempDir.resolve("none") +
                " does not exist", "load-constant", tempDir.resolve("none/x.csv").toString()},
            {"--input: " + f + ": is a folder, expected a trace file", "load-scaled", "--input", f, "--mean-rate",
                "1", out},
            {"--catalog: " + f + ": is a folder, expected a catalog file", "price", "--catalog", f, out},
            {"--calibrate-from: " + f + ": is a folder, expected a trace file", "price", "--calibrate-from", f, out},
            {"--advisor: " + f + ": is a folder, expected a Spot Advisor JSON file", "faults-hazard", "--advisor", f,
                "--fleet", "aws/us-east-1/m5.large:2", out},
            {"--prices: " + f + ": is a folder, expected a trace file", "faults-bid", "--prices", f, "--bid-usd",
                "0.05", out}};
        assertInputErrors(cases);
        assertThat(folder).isEmptyDirectory();
        assertThat(tempDir.resolve("x.csv")).doesNotExist();
    }

    /**
     * @param cases each a message fragment, then the arguments after {@code trace gen}; every case must exit 2 with
     *              that fragment on stderr and no stack trace.
     */
    private static void assertInputErrors(final String[][] cases)
    {
        for (final String[] testCase : cases)
        {
            final List<String> args = new ArrayList<>(List.of("trace", "gen"));
            args.addAll(List.of(testCase).subList(1, testCase.length));
            final Result result = run(args.toArray(new String[0]));

            assertThat(result.exitCode()).as(String.join(" ", args) + "\n" + result.err())
                .isEqualTo(ExitCodes.INPUT_ERROR);
            assertThat(result.err()).as(String.join(" ", args)).contains(testCase[0]).doesNotContain("\tat ");
        }
    }

    private static String[] concat(final String[] model, final String out)
    {
        final List<String> args = new ArrayList<>(List.of("trace", "gen"));
        args.addAll(List.of(model));
        args.add(out);
        return args.toArray(new String[0]);
    }
}
