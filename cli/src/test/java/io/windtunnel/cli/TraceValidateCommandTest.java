package io.windtunnel.cli;

import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import io.windtunnel.traces.binary.BinaryTraceWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

class TraceValidateCommandTest
{
    private static final String PRICE_HEADER = "time,provider,region,zone,instance_type,market,price_per_hour_usd\n";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(final String... args)
    {
        final CommandLine commandLine = WindtunnelCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        final String[] full = new String[args.length + 2];
        full[0] = "trace";
        full[1] = "validate";
        System.arraycopy(args, 0, full, 2, args.length);
        return commandLine.execute(full);
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.write(dir.resolve(name), text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldPrintOneOkLineAndExitZeroWhenFileIsValid() throws Exception
    {
        final Path file = write("prices.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,aws,us-east-1,us-east-1a,m5.large,spot,0.035\n" +
            "2024-01-01T00:00:00Z,aws,us-east-1,,m5.large,on-demand,0.096\n" +
            "2024-01-02T00:00:00Z,aws,us-east-1,us-east-1a,m5.large,spot,0.036\n");
        assertThat(run(file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(file + ": OK price-csv (price), 3 rows, 2 keys, " +
            "2024-01-01T00:00:00Z to 2024-01-02T00:00:00Z" + System.lineSeparator());
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldListEveryProblemAndTheirCountAndExitOneWhenFileHasSeveral() throws Exception
    {
        final Path file = write("bad.csv", PRICE_HEADER +
            "2024-01-01T00:00:00Z,aws,us-east-1,,m5.large,bid,0.035\n" +
            "2024-01-01 00:00:01,aws,us-east-1,,m5.large,spot,-1\n" +
            "2024-01-01T00:00:02Z,aws,us-east-1,,m5.large,spot\n");
        assertThat(run(file.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString().split("\\R")).containsExactly(
            file + ":2: field 'market': unknown market 'bid'; use on-demand (also ondemand, on_demand, od) or spot " +
                "(also preemptible)",
            file + ":3: field 'time': timestamp '2024-01-01 00:00:01' has no offset or 'Z'; give its time zone " +
                "(e.g. --zone UTC)",
            file + ":3: field 'price_per_hour_usd': price must be at least 0, got -1",
            file + ":4: row has 6 values but the header has 7 columns",
            "4 problems in " + file);
    }

    @Test
    void shouldExitTwoWithMessageAndNoStackTraceWhenFileIsMissing()
    {
        final Path missing = dir.resolve("nope.csv");
        assertThat(run(missing.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).isEqualTo("windtunnel: no such file: " + missing + System.lineSeparator());
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldListEveryBadRowAndExitOneWhenWtbChecksumsAreValidButValuesAreNot() throws Exception
    {
        final TraceTable.Builder prices = TraceTable.builder(TraceKind.PRICE);
        final int spot = prices.keys().intern("aws", "us-east-1", "", "m5.large", "spot");
        prices.add(TraceSamples.T0_NS, spot, 0, 0.03).add(TraceSamples.T0_NS + 1, spot, 0, Double.NaN)
            .add(TraceSamples.T0_NS + 2, spot, 0, -1).add(TraceSamples.T0_NS + 3, spot, 0, Double.POSITIVE_INFINITY);
        final Path priceFile = dir.resolve("prices.wtb");
        BinaryTraceWriter.write(prices.build(), priceFile);
        final TraceTable.Builder faults = TraceTable.builder(TraceKind.FAULTS);
        final int region = faults.keys().intern("aws", "us-east-1", "", "");
        faults.add(TraceSamples.T0_NS, region, 9, 1);
        final Path faultFile = dir.resolve("faults.wtb");
        BinaryTraceWriter.write(faults.build(), faultFile);

        assertThat(run(priceFile.toString(), faultFile.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString().split("\\R")).containsExactly(
            priceFile + " at row 1: field 'value': price must be a finite number, got NaN",
            priceFile + " at row 2: field 'value': price must be at least 0, got -1",
            priceFile + " at row 3: field 'value': price must be a finite number, got Infinity",
            "3 problems in " + priceFile,
            faultFile + " at row 0: field 'code': unknown fault kind code 9; known codes: 1 preempt, " +
                "2 preempt_fraction, 3 unavailable, 4 available, 5 capacity, 6 failure, 7 outage_start, 8 outage_end",
            "1 problem in " + faultFile);
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldExitTwoNamingThePathWhenAFolderIsGiven() throws Exception
    {
        final Path good = write("good.csv", "time\n1704067200\n");
        assertThat(run(dir.toString(), good.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).isEqualTo("windtunnel: " + dir + ": is a folder, expected a trace file" +
            System.lineSeparator());
        assertThat(out.toString()).startsWith(good + ": OK");
    }

    @Test
    void shouldExitTwoWhenFormatIsUnknownOrUndetectable() throws Exception
    {
        final Path file = write("mystery.csv", "a,b,c\n1,2,3\n");
        assertThat(run(file.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).startsWith("windtunnel: " + file + ": format not recognized; name it with " +
            "--format, one of: ").contains("price-csv").doesNotContain("\tat ");

        err.getBuffer().setLength(0);
        assertThat(run("--format", "nonsense", file.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).startsWith("windtunnel: unknown trace format 'nonsense'; known formats: ")
            .contains("arrivals-csv", "faults-csv", "price-csv", "rate-csv", "binary").doesNotContain("\tat ");
    }

    @Test
    void shouldCheckEveryFileAndExitWithTheWorstOutcome() throws Exception
    {
        final Path good = write("good.csv", "time\n1704067200\n");
        final Path bad = write("bad.csv", "time,service_ms\n1704067200,0\n");
        assertThat(run(good.toString(), bad.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString().split("\\R")).containsExactly(
            good + ": OK arrivals-csv (arrivals), 1 row, 1 key, 2024-01-01T00:00:00Z to 2024-01-01T00:00:00Z",
            bad + ":2: field 'service_ms': service time must be greater than 0 ms, got 0; leave it empty when unknown",
            "1 problem in " + bad);

        out.getBuffer().setLength(0);
        assertThat(run(good.toString(), dir.resolve("gone.csv").toString(), bad.toString()))
            .isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(out.toString()).contains(good + ": OK").contains("1 problem in " + bad);
        assertThat(err.toString()).contains("no such file: " + dir.resolve("gone.csv"));
    }

    @Test
    void shouldPassZoneSortGapsAndStepToTheReader() throws Exception
    {
        final Path rates = write("rates.txt", "time,requests\n" +
            "2024-01-01 01:02:00,5\n2024-01-01 01:00:00,3\n2024-01-01 01:01:00,4\n2024-01-01 01:05:00,1\n");
        assertThat(run(rates.toString())).isEqualTo(ExitCodes.FAILED);

        out.getBuffer().setLength(0);
        assertThat(run("--zone", "Europe/Berlin", "--sort", "--gaps", "zero-fill", "--step", "1m",
            "--format", "rate-csv", rates.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).isEqualTo(rates + ": OK rate-csv (load-rate), 6 rows, 1 key, " +
            "2024-01-01T00:00:00Z to 2024-01-01T00:05:00Z, step 1m" + System.lineSeparator());

        out.getBuffer().setLength(0);
        assertThat(run("--zone", "UTC", "--sort", "--step", "2m", rates.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains(rates + ":4: field 'time': interval of 1m since line 3");
    }

    @Test
    void shouldListOnlyMaxProblemsAndCountTheRest() throws Exception
    {
        final StringBuilder text = new StringBuilder("time\n");
        for (int i = 0; i < 7; i++)
        {
            text.append("never\n");
        }
        final Path file = write("times.csv", text.toString());
        assertThat(run("--max-problems", "3", file.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString().split("\\R")).hasSize(5).endsWith(
            "... and 4 more not listed (raise --max-problems to see them)", "7 problems in " + file);
    }

    @Test
    void shouldExitTwoOnBadOptionValues() throws Exception
    {
        final Path file = write("t.csv", "time\n1704067200\n");
        assertThat(run("--gaps", "ignore", file.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("--gaps: expected 'error' or 'zero-fill', got 'ignore'");
        assertThat(run("--step", "soon", file.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("--step: cannot read 'soon' as a duration");
        assertThat(run("--step", "0s", file.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(run("--zone", "Mars/Olympus", file.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("unknown time zone 'Mars/Olympus'");
        assertThat(run("--max-problems", "0", file.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).doesNotContain("\tat ");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldExitTwoWhenNoFileIsGiven()
    {
        assertThat(run()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("Missing required parameter");
    }

    @Test
    void shouldValidateHeaderlessFormatsWithStartTimeUnitAndKeyOptions() throws Exception
    {
        final Path availability = write("availability.csv", "0,8\n1.5,8\n1.5,6\n3,6\n3,8\n");
        assertThat(run("--format", "spot-availability", availability.toString())).isEqualTo(ExitCodes.FAILED);
        out.getBuffer().setLength(0);
        assertThat(run("--format", "spot-availability", "--start", "2020-11-20T17:30:00Z", "--time-unit", "1h",
            "--key", "aws/us-east-1/us-east-1c/p2.xlarge", availability.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("OK spot-availability (faults)", "2020-11-20T17:30:00Z",
            "2020-11-20T20:30:00Z");

        final Path counts = write("counts.txt", "3\n4\n5\n");
        assertThat(run("--format", "counts", "--start", "2024-01-01T00:00:00Z", "--step", "1m", counts.toString()))
            .isEqualTo(ExitCodes.OK);
        assertThat(run("--key", "aws/us-east-1", counts.toString())).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("--key: expected PROVIDER/REGION/ZONE/TYPE");
    }

    @Test
    void shouldReportRowsAFilteringReaderLeftOut() throws Exception
    {
        final Path file = write("spot.json", "{\"SpotPriceHistory\": ["
            + "{\"Timestamp\": \"2024-01-01T00:00:10Z\", \"ProductDescription\": \"Windows\", "
            + "\"InstanceType\": \"m5.large\", \"SpotPrice\": \"0.1\", \"AvailabilityZone\": \"us-east-1a\"},"
            + "{\"Timestamp\": \"2024-01-01T00:00:00Z\", \"ProductDescription\": \"Linux/UNIX\", "
            + "\"InstanceType\": \"m5.large\", \"SpotPrice\": \"0.04\", \"AvailabilityZone\": \"us-east-1a\"}]}");
        assertThat(run(file.toString())).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("OK aws-spot-json (price), 1 row").contains(file + ": ")
            .containsIgnoringCase("dropped");
        assertThat(err.toString()).isEmpty();
    }
}
