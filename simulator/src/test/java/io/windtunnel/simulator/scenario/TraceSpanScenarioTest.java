package io.windtunnel.simulator.scenario;

import io.windtunnel.engine.Engine;
import io.windtunnel.engine.random.RandomStreams;
import io.windtunnel.simulator.Simulation;
import io.windtunnel.simulator.model.ArrivalLog;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/**
 * The span rule through the scenario reader: a trace that does not cover the run's window is an error naming both,
 * unless {@code beyond} says what to read there, and then the model holds exactly that reading.
 */
class TraceSpanScenarioTest
{
    private static final long MINUTE_NS = 60_000_000_000L;
    private static final long HOUR_NS = 60 * MINUTE_NS;

    /** Three hourly steps of 1, 2 and 4 requests/s: the span is [00:00, 03:00) on 2024-01-01. */
    private static final String LOAD = String.join("\n",
        "# step: 1h",
        "time,region,requests",
        "2024-01-01T00:00:00Z,c,3600",
        "2024-01-01T01:00:00Z,c,7200",
        "2024-01-01T02:00:00Z,c,14400",
        "");

    @TempDir
    Path dir;

    /**
     * @param start    the run's start.
     * @param duration the run's duration.
     * @param load     lines of the 'load' mapping.
     * @param extra    more top-level lines (prices, faults).
     */
    private Path scenario(final String start, final String duration, final String load, final String extra)
        throws Exception
    {
        final String yaml = String.join("\n",
            "name: span",
            "start: " + start,
            "duration: " + duration,
            "sampleInterval: 30m",
            "providers:",
            "  p:",
            "    billing: {granularity: 1s, minimum: 0s}",
            "    regions: {r: {}}",
            "    instanceTypes: {t: {workers: 8, boot: 0s}}",
            extra.contains("prices:") ? "" : "prices:\n  - {provider: p, region: r, instanceType: t, pricePerHour: 1}",
            "load:",
            load,
            "clients:",
            "  c: {rtt: {default: 1ms}}",
            "service: {mean: 1ms}",
            "stacks:",
            "  - name: one",
            "    autoscaler: {type: fixed, replicas: 2}",
            "    placement: {markets: [on-demand]}",
            extra,
            "");
        return Files.writeString(dir.resolve("scenario.yaml"), yaml);
    }

    private Scenario loadScenario(final String start, final String duration, final String beyond) throws Exception
    {
        Files.writeString(dir.resolve("load.csv"), LOAD);
        return ScenarioReader.read(scenario(start, duration, "  file: load.csv" +
            (beyond == null ? "" : "\n  beyond: " + beyond), ""));
    }

    @Test
    void shouldRefuseLoadTraceWhenItEndsBeforeTheWindowEnds() throws Exception
    {
        assertThatThrownBy(() -> loadScenario("2024-01-01T00:00:00Z", "4h", null))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("scenario.yaml:13: key 'load.file': the load trace load.csv for client region 'c' " +
                "covers 2024-01-01T00:00:00Z/2024-01-01T03:00:00Z (derived from its rows), but the run's window is " +
                "2024-01-01T00:00:00Z/2024-01-01T04:00:00Z: the window runs 1h past the trace's end")
            .hasMessageContaining("'beyond' under 'load': zero (no requests there), repeat")
            .hasMessageContaining("'# span: START/END'");
    }

    @Test
    void shouldRefuseLoadTraceWhenItStartsAfterTheWindowStarts() throws Exception
    {
        assertThatThrownBy(() -> loadScenario("2023-12-31T23:00:00Z", "4h", "error"))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("covers 2024-01-01T00:00:00Z/2024-01-01T03:00:00Z (derived from its rows), but " +
                "the run's window is 2023-12-31T23:00:00Z/2024-01-01T03:00:00Z: the window starts 1h before the trace");
    }

    @Test
    void shouldAcceptLoadTraceWhenItCoversTheWindowExactly() throws Exception
    {
        final Scenario s = loadScenario("2024-01-01T00:00:00Z", "3h", null);
        assertThat(s.model().clientLoad[0].expectedArrivals(0, 3 * HOUR_NS)).isEqualTo(25_200.0);
        assertThat(s.traceCoverage()).singleElement().satisfies(trace ->
        {
            assertThat(trace.outside()).isFalse();
            assertThat(trace.declared()).isFalse();
            assertThat(trace.kind()).isEqualTo("load-rate");
        });
    }

    /**
     * The window [-1h, 4.5h) around the span [0, 3h) of rates 1, 2, 4 /s: zero reads 3600 + 7200 + 14400; hold-last
     * adds 1 h at 1/s before and 1.5 h at 4/s after; repeat reads the hour before as the span's last hour (4/s) and
     * after it hour 0 (1/s) and half of hour 1 (2/s).
     */
    @ParameterizedTest
    @CsvSource({"zero, 25200", "hold-last, 50400", "repeat, 46800"})
    void shouldGiveExactExpectedArrivalsWhenBeyondSaysWhatToRead(final String beyond, final double expected)
        throws Exception
    {
        final Scenario s = loadScenario("2023-12-31T23:00:00Z", "330m", beyond);
        final LoadSeries load = s.model().clientLoad[0];
        assertThat(load.expectedArrivals(0, 330 * MINUTE_NS)).isCloseTo(expected, within(1e-6));
        // The hour before the trace, per reading: nothing, its first rate, its last hour again.
        final double before = load.expectedArrivals(0, HOUR_NS);
        assertThat(before).isCloseTo(beyond.equals("zero") ? 0 : beyond.equals("hold-last") ? 3600 : 14400,
            within(1e-6));
        assertThat(s.traceCoverage()).singleElement().satisfies(trace ->
        {
            assertThat(trace.beyond().label()).isEqualTo(beyond);
            assertThat(trace.outside()).isTrue();
            assertThat(trace.beforeNs()).isEqualTo(HOUR_NS);
            assertThat(trace.afterNs()).isEqualTo(90 * MINUTE_NS);
            assertThat(trace.keys()).singleElement().satisfies(key -> assertThat(key.key()).isEqualTo("c"));
        });

        // A run draws that many arrivals, within 5 standard deviations of the Poisson count.
        final Simulation simulation = new Simulation(new Engine(1024), s.model(), s.stacks().get(0),
            new RandomStreams(3));
        simulation.run();
        assertThat((double)simulation.arrivals()).isCloseTo(expected, within(5 * Math.sqrt(expected)));
        assertThat(simulation.conservationHolds()).isTrue();
    }

    @Test
    void shouldRepeatLoadAlignedAtSpanStartWhenRunIsManyPeriodsLong() throws Exception
    {
        // 30 days of a 3 h trace starting 1 h before it: step k of the series is base step (k + 2) mod 3.
        final LoadSeries load = loadScenario("2023-12-31T23:00:00Z", "30d", "repeat").model().clientLoad[0];
        assertThat(load.periodNs()).isEqualTo(3 * HOUR_NS);
        for (int hour = 0; hour < 30 * 24; hour += 7)
        {
            final double rate = new double[] {1, 2, 4}[(hour + 2) % 3];
            assertThat(load.expectedArrivals(hour * HOUR_NS, (hour + 1) * HOUR_NS)).as("hour %d", hour)
                .isCloseTo(rate * 3600, within(1e-6));
        }
        assertThat(load.expectedArrivals(0, 720 * HOUR_NS)).isCloseTo(240 * 25_200.0, within(1e-3));
    }

    @Test
    void shouldUseDeclaredSpanAndReadItsMissingRowsAsNoLoadWhenTraceDeclaresSpan() throws Exception
    {
        // The declared span runs to 04:00: the hour after the rows is known to have no requests, so it is covered.
        Files.writeString(dir.resolve("load.csv"), "# span: 2024-01-01T00:00:00Z/2024-01-01T04:00:00Z\n" + LOAD);
        final Scenario s = ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "4h", "  file: load.csv", ""));
        assertThat(s.model().clientLoad[0].expectedArrivals(0, 4 * HOUR_NS)).isEqualTo(25_200.0);
        assertThat(s.traceCoverage()).singleElement().satisfies(trace ->
        {
            assertThat(trace.declared()).isTrue();
            assertThat(trace.outside()).isFalse();
            assertThat(trace.keys()).isEmpty();
        });
        // Repeated, its period is the declared 4 h, the empty hour included.
        final Scenario repeated = ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "8h",
            "  file: load.csv\n  beyond: repeat", ""));
        final LoadSeries load = repeated.model().clientLoad[0];
        assertThat(load.expectedArrivals(4 * HOUR_NS, 8 * HOUR_NS)).isEqualTo(25_200.0);
        assertThat(load.expectedArrivals(7 * HOUR_NS, 8 * HOUR_NS)).isZero();
    }

    @Test
    void shouldRefuseBeyondWhenLoadIsConstantOrValueIsUnknown() throws Exception
    {
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "1h",
            "  constant: {c: 5}\n  beyond: zero", "")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'load.beyond': applies to a load file");
        Files.writeString(dir.resolve("load.csv"), LOAD);
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "1h",
            "  file: load.csv\n  beyond: wrap", "")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'load.beyond': 'wrap' is not one of error, zero, repeat, hold-last");
    }

    @Test
    void shouldReplayArrivalLogPerBeyondWhenWindowOutlastsIt() throws Exception
    {
        Files.writeString(dir.resolve("log.csv"), String.join("\n",
            "# span: 2024-01-01T00:00:00Z/2024-01-01T00:01:00Z",
            "time,region,service_ms",
            "2024-01-01T00:00:10Z,c,1",
            "2024-01-01T00:00:20Z,c,",
            "2024-01-01T00:00:50Z,c,3",
            ""));
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "3m", "  file: log.csv", "")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("the arrival log log.csv for client region 'c' covers " +
                "2024-01-01T00:00:00Z/2024-01-01T00:01:00Z (its declared span)");

        final ArrivalLog zero = ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "3m",
            "  file: log.csv\n  beyond: zero", "")).model().clientArrivals[0];
        assertThat(zero.size()).isEqualTo(3);

        final ArrivalLog repeat = ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "3m",
            "  file: log.csv\n  beyond: repeat", "")).model().clientArrivals[0];
        final long[] seconds = {10, 20, 50, 70, 80, 110, 130, 140, 170};
        assertThat(repeat.size()).isEqualTo(seconds.length);
        for (int i = 0; i < seconds.length; i++)
        {
            assertThat(repeat.timeNs(i)).isEqualTo(seconds[i] * 1_000_000_000L);
            assertThat(repeat.workNs(i)).isEqualTo(new long[] {1_000_000, -1, 3_000_000}[i % 3]);
        }

        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "3m",
            "  file: log.csv\n  beyond: hold-last", "")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'load.beyond': 'hold-last' does not apply to a per-request arrival log");
    }

    @Test
    void shouldDeriveArrivalLogSpanWithItsLargestGapAndRefuseRepeatWithoutDeclaredSpan() throws Exception
    {
        // Arrivals every 20 s from 00:00:05 to 00:09:45: the span is [00:00:05 - 20 s, 00:09:45 + 20 s), which
        // covers a 10-minute window from 00:00:00 although no request arrives at 00:00:00 itself.
        final StringBuilder log = new StringBuilder("time\n");
        for (int s = 5; s < 600; s += 20)
        {
            log.append(String.format(java.util.Locale.ROOT, "2024-01-01T00:%02d:%02dZ%n", s / 60, s % 60));
        }
        Files.writeString(dir.resolve("log.csv"), log.toString());
        final Scenario s = ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "10m", "  file: log.csv", ""));
        assertThat(s.traceCoverage()).singleElement().satisfies(trace ->
        {
            assertThat(trace.outside()).isFalse();
            assertThat(trace.keys()).singleElement().satisfies(key -> assertThat(key.spanEndEpochNs() -
                key.spanStartEpochNs()).isEqualTo((585 - 5 + 2 * 20) * 1_000_000_000L));
        });
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "20m",
            "  file: log.csv\n  beyond: repeat", "")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'load.beyond': 'repeat' needs the period of the arrival log, and log.csv " +
                "does not declare its span");
    }

    /**
     * One on-demand replica for the whole 4 h run, billed per second without minimum: the bill is the price's
     * integral. The trace declares [00:00, 03:00) with 1, 2 and 4 USD/h in its three hours.
     */
    @ParameterizedTest
    @CsvSource({
        "2024-01-01T00:00:00Z, hold-last, 11.0",   // 1 + 2 + 4, then the last price: + 4
        "2024-01-01T00:00:00Z, repeat, 8.0",       // 1 + 2 + 4, then the span's first hour again: + 1
        "2023-12-31T23:00:00Z, hold-last, 8.0",    // the hour before holds the first price: 1 + 1 + 2 + 4
        "2023-12-31T23:00:00Z, repeat, 11.0"})     // the hour before is the span's last hour: 4 + 1 + 2 + 4
    void shouldBillTheHandComputedIntegralWhenPricesAreHeldOrRepeated(final String start, final String beyond,
        final double expectedUsd) throws Exception
    {
        Files.writeString(dir.resolve("prices.csv"), String.join("\n",
            "# span: 2024-01-01T00:00:00Z/2024-01-01T03:00:00Z",
            "time,provider,region,zone,instance_type,market,price_per_hour_usd",
            "2024-01-01T00:00:00Z,p,r,,t,on-demand,1",
            "2024-01-01T01:00:00Z,p,r,,t,on-demand,2",
            "2024-01-01T02:00:00Z,p,r,,t,on-demand,4",
            ""));
        Files.writeString(dir.resolve("load.csv"), "# span: 2023-12-31T00:00:00Z/2024-01-02T00:00:00Z\n" + LOAD);
        final Path file = scenario(start, "4h", "  file: load.csv", "prices:\n  - file: prices.csv\n    beyond: " + beyond);
        Files.writeString(file, Files.readString(file).replace("replicas: 2", "replicas: 1"));
        final Scenario s = ScenarioReader.read(file);
        assertThat(s.model().offerPrice[0].integrateUsd(0, 4 * HOUR_NS)).isCloseTo(expectedUsd, within(1e-9));
        final Simulation simulation = new Simulation(new Engine(1024), s.model(), s.stacks().get(0),
            new RandomStreams(1));
        simulation.run();
        assertThat(simulation.totalCostUsd()).isCloseTo(expectedUsd, within(1e-9));
        assertThat(s.traceCoverage()).filteredOn(trace -> trace.kind().equals("price")).singleElement()
            .satisfies(trace ->
            {
                assertThat(trace.beyond().label()).isEqualTo(beyond);
                assertThat(trace.outside()).isTrue();
                assertThat(trace.beforeNs()).isEqualTo(start.startsWith("2024") ? 0 : HOUR_NS);
                assertThat(trace.afterNs()).isEqualTo(start.startsWith("2024") ? HOUR_NS : 0);
                assertThat(trace.keys()).singleElement()
                    .satisfies(key -> assertThat(key.key()).isEqualTo("p/r/t/on-demand"));
            });
    }

    @Test
    void shouldRefusePricesPerOfferWhenFirstPriceComesAfterStartOrTraceEndsEarly() throws Exception
    {
        Files.writeString(dir.resolve("load.csv"), "# span: 2023-12-31T00:00:00Z/2024-01-02T00:00:00Z\n" + LOAD);
        Files.writeString(dir.resolve("prices.csv"), String.join("\n",
            "time,provider,region,zone,instance_type,market,price_per_hour_usd",
            "2024-01-01T00:00:00Z,p,r,,t,on-demand,1",
            "2024-01-01T00:30:00Z,p,r,,t,spot,0.3",
            "2024-01-01T02:00:00Z,p,r,,t,on-demand,2",
            ""));
        // The spot offer's first price is 30 minutes late, although the file covers the window's end.
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "2h", "  file: load.csv",
            "prices:\n  - file: prices.csv")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'prices[0].file': the price trace prices.csv for p/r/t/spot covers " +
                "2024-01-01T00:30:00Z/2024-01-01T02:00:00Z (derived from its rows), but the run's window is " +
                "2024-01-01T00:00:00Z/2024-01-01T02:00:00Z: the window starts 30m before the trace")
            .hasMessageContaining("hold-last (the first price before the trace, the last one after it)");
        // One hour more and the file's last row no longer reaches the end either.
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "3h", "  file: load.csv",
            "prices:\n  - file: prices.csv\n    beyond: error")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("for p/r/t/on-demand covers 2024-01-01T00:00:00Z/2024-01-01T02:00:00Z")
            .hasMessageContaining("the window runs 1h past the trace's end");
        // hold-last: today's reading, recorded.
        final Scenario held = ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "3h", "  file: load.csv",
            "prices:\n  - file: prices.csv\n    beyond: hold-last"));
        assertThat(held.traceCoverage()).filteredOn(trace -> trace.kind().equals("price")).singleElement()
            .satisfies(trace ->
            {
                assertThat(trace.beforeNs()).isEqualTo(30 * MINUTE_NS);
                assertThat(trace.afterNs()).isEqualTo(HOUR_NS);
                assertThat(trace.keys()).hasSize(2);
            });
    }

    @Test
    void shouldRefuseZeroForPricesAndRepeatWithoutDeclaredSpan() throws Exception
    {
        Files.writeString(dir.resolve("load.csv"), "# span: 2023-12-31T00:00:00Z/2024-01-02T00:00:00Z\n" + LOAD);
        Files.writeString(dir.resolve("prices.csv"), String.join("\n",
            "time,provider,region,zone,instance_type,market,price_per_hour_usd",
            "2024-01-01T00:00:00Z,p,r,,t,on-demand,1",
            ""));
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "1h", "  file: load.csv",
            "prices:\n  - file: prices.csv\n    beyond: zero")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'prices[0].beyond': 'zero' does not apply to prices: a price of 0 is not a " +
                "reading of a missing price");
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "1h", "  file: load.csv",
            "prices:\n  - file: prices.csv\n    beyond: repeat")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'prices[0].beyond': 'repeat' needs the period of the price trace");
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "1h", "  file: load.csv",
            "prices:\n  - {provider: p, region: r, instanceType: t, pricePerHour: 1, beyond: hold-last}")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'prices[0].beyond': applies to a price file (a trace with a span)");
    }

    @Test
    void shouldRefuseDifferentBeyondWhenTwoFilesPriceTheSameOffer() throws Exception
    {
        Files.writeString(dir.resolve("load.csv"), "# span: 2023-12-31T00:00:00Z/2024-01-02T00:00:00Z\n" + LOAD);
        final String header = "time,provider,region,zone,instance_type,market,price_per_hour_usd\n";
        Files.writeString(dir.resolve("a.csv"), header + "2024-01-01T00:00:00Z,p,r,,t,on-demand,1\n");
        Files.writeString(dir.resolve("b.csv"), header + "2024-01-01T01:00:00Z,p,r,,t,on-demand,2\n");
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "2h", "  file: load.csv",
            "prices:\n  - {file: a.csv, beyond: hold-last}\n  - {file: b.csv, beyond: error}")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("the price files a.csv and b.csv both price p/r/t/on-demand, with different " +
                "'beyond' (hold-last, error)");
        // Together they cover from 00:00 to b.csv's last row at 01:00; held, the offer steps from 1 to 2 USD/h.
        final Scenario s = ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "2h", "  file: load.csv",
            "prices:\n  - {file: a.csv, beyond: hold-last}\n  - {file: b.csv, beyond: hold-last}"));
        assertThat(s.model().offerPrice[0].integrateUsd(0, 2 * HOUR_NS)).isCloseTo(3.0, within(1e-12));
        assertThat(s.traceCoverage()).filteredOn(trace -> trace.kind().equals("price")).hasSize(2)
            .allSatisfy(trace -> assertThat(trace.afterNs()).isEqualTo(HOUR_NS));
    }

    @Test
    void shouldTileFaultsWithTheSpanAsPeriodWhenRepeated() throws Exception
    {
        Files.writeString(dir.resolve("load.csv"), "# span: 2023-12-31T00:00:00Z/2024-01-02T00:00:00Z\n" + LOAD);
        Files.writeString(dir.resolve("faults.csv"), String.join("\n",
            "# span: 2024-01-01T00:00:00Z/2024-01-01T01:00:00Z",
            "time,provider,region,zone,instance_type,kind,count",
            "2024-01-01T00:10:00Z,p,r,,,failure,1",
            "2024-01-01T00:40:00Z,p,r,,,outage_start,0",
            "2024-01-01T00:50:00Z,p,r,,,outage_end,0",
            ""));
        final String faults = "faults:\n  - file: faults.csv";
        // Starting 30 minutes before the span: the first period shown is the span's second half.
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2023-12-31T23:30:00Z", "3h", "  file: load.csv",
            faults)))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'faults[0].file': the fault trace faults.csv covers " +
                "2024-01-01T00:00:00Z/2024-01-01T01:00:00Z (its declared span), but the run's window is " +
                "2023-12-31T23:30:00Z/2024-01-01T02:30:00Z: the window starts 30m before the trace and the window " +
                "runs 1h 30m past the trace's end")
            .hasMessageContaining("zero (no faults outside the span: the events as given) or repeat");

        final CloudModel zero = ScenarioReader.read(scenario("2023-12-31T23:30:00Z", "3h", "  file: load.csv",
            faults + "\n    beyond: zero")).model();
        assertThat(zero.faultTimeNs).containsExactly(40 * MINUTE_NS, 70 * MINUTE_NS, 80 * MINUTE_NS);

        final CloudModel repeat = ScenarioReader.read(scenario("2023-12-31T23:30:00Z", "3h", "  file: load.csv",
            faults + "\n    beyond: repeat")).model();
        // The period before the window keeps its state changes (the outage at -50 and -40 minutes), which the
        // simulation replays at the window's start; its failure hit nothing and is dropped.
        assertThat(repeat.faultTimeNs).containsExactly(-50 * MINUTE_NS, -40 * MINUTE_NS, 10 * MINUTE_NS,
            20 * MINUTE_NS, 40 * MINUTE_NS,
            70 * MINUTE_NS, 80 * MINUTE_NS, 100 * MINUTE_NS, 130 * MINUTE_NS, 140 * MINUTE_NS, 160 * MINUTE_NS);

        assertThatThrownBy(() -> ScenarioReader.read(scenario("2023-12-31T23:30:00Z", "3h", "  file: load.csv",
            faults + "\n    beyond: hold-last")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("key 'faults[0].beyond': 'hold-last' does not apply to faults: a fault is an " +
                "event, not a level");
    }

    @Test
    void shouldRefuseFaultTraceWithoutEventsOrSpanUnlessZero() throws Exception
    {
        Files.writeString(dir.resolve("load.csv"), "# span: 2023-12-31T00:00:00Z/2024-01-02T00:00:00Z\n" + LOAD);
        Files.writeString(dir.resolve("faults.csv"), "time,provider,region,zone,instance_type,kind,count\n");
        assertThatThrownBy(() -> ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "1h", "  file: load.csv",
            "faults:\n  - file: faults.csv")))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("the fault trace faults.csv has no events and declares no span");
        final Scenario s = ScenarioReader.read(scenario("2024-01-01T00:00:00Z", "1h", "  file: load.csv",
            "faults:\n  - file: faults.csv\n    beyond: zero"));
        assertThat(s.model().faultTimeNs).isEmpty();
        assertThat(s.traceCoverage()).filteredOn(trace -> trace.kind().equals("faults")).singleElement()
            .satisfies(trace -> assertThat(trace.beforeNs()).isEqualTo(HOUR_NS));
    }
}
