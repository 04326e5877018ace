// Writes the binary fixtures of the wtb-* and rows-* corpus cases: .wtb files with valid checksums whose rows break
// their kind's rules, or the rules that span rows (duplicates, the load-rate grid, the declared span), which
// 'trace convert' cannot make (the CSV readers refuse such rows). The same build writes the same bytes. Run from the
// repository root after 'mvn -B -o -q -pl traces -am compile':
//   R=~/.m2/repository; jshell --class-path traces/target/classes:$R/org/agrona/agrona/2.6.0/agrona-2.6.0.jar:\
//   $R/org/eclipse/collections/eclipse-collections/13.0.0/eclipse-collections-13.0.0.jar:\
//   $R/org/eclipse/collections/eclipse-collections-api/13.0.0/eclipse-collections-api-13.0.0.jar \
//   -R--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED cli/src/test/resources/corpus/wtb-fixtures.jsh
import io.windtunnel.traces.*;
import io.windtunnel.traces.binary.*;
import java.nio.*;
import java.nio.file.*;
import java.util.zip.CRC32C;
Path corpus = Path.of("cli/src/test/resources/corpus");
long t0 = TraceTimes.parseEpochNs("2024-01-01T00:00:00Z", null);
long hour = 3_600_000_000_000L;
// Prices: a valid row, then NaN, negative and infinite prices (rows 1 to 3).
var prices = TraceTable.builder(TraceKind.PRICE);
int key = prices.keys().intern("aws", "us-east-1", "", "m5.large", "on-demand");
prices.add(t0, key, 0, 0.096).add(t0 + hour, key, 0, Double.NaN).add(t0 + 2 * hour, key, 0, -0.5).
    add(t0 + 3 * hour, key, 0, Double.POSITIVE_INFINITY);
TraceTable badPrices = prices.build();
for (String c : new String[] {"wtb-run-bad-values", "wtb-validate-bad-prices", "wtb-convert-bad-values"})
    BinaryTraceWriter.write(badPrices, corpus.resolve(c).resolve("bad-prices.wtb"));
// Faults: an unknown fault kind code, a preempt count that is not a whole number, a NaN count (rows 0 to 2).
var faults = TraceTable.builder(TraceKind.FAULTS);
int region = faults.keys().intern("aws", "us-east-1", "", "m5.large");
faults.add(t0, region, 9, 1).add(t0 + hour, region, FaultKind.PREEMPT.code(), 0.5).
    add(t0 + 2 * hour, region, FaultKind.OUTAGE_START.code(), Double.NaN);
BinaryTraceWriter.write(faults.build(), corpus.resolve("wtb-validate-bad-faults").resolve("bad-faults.wtb"));
// Prices: two on-demand prices of one key at 00:00 (rows 0 and 1): a run would silently keep the last one.
var dupPrices = TraceTable.builder(TraceKind.PRICE);
int od = dupPrices.keys().intern("aws", "us-east-1", "", "m5.large", "on-demand");
dupPrices.add(t0, od, 0, 0.096).add(t0, od, 0, 0.5).add(t0 + hour, od, 0, 0.096);
TraceTable duplicatePrices = dupPrices.build();
for (String c : new String[] {"rows-validate-duplicate-prices", "rows-run-duplicate-prices"})
    BinaryTraceWriter.write(duplicatePrices, corpus.resolve(c).resolve("dup-prices.wtb"));
// Load rates, step 10m: 00:25 is off the grid (15m after row 1), then 00:35 to 01:05 leaves 2 intervals out (a gap).
long tenMinutes = hour / 6;
long minute = hour / 60;
var offGrid = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(tenMinutes);
int usEast = offGrid.keys().intern("us-east");
offGrid.add(t0, usEast, 0, 600).add(t0 + tenMinutes, usEast, 0, 1200).add(t0 + 25 * minute, usEast, 0, 600).
    add(t0 + 35 * minute, usEast, 0, 1200).add(t0 + 65 * minute, usEast, 0, 600).add(t0 + 75 * minute, usEast, 0, 1200);
TraceTable offGridLoad = offGrid.build();
for (String c : new String[] {"rows-validate-off-grid-load", "rows-run-off-grid-load"})
    BinaryTraceWriter.write(offGridLoad, corpus.resolve(c).resolve("off-grid-load.wtb"));
// Load rates, step 10m, with a gap of 2 intervals after 00:10 only: refused, or filled with --gaps zero-fill.
var gap = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(tenMinutes);
gap.keys().intern("us-east");
gap.add(t0, 0, 0, 600).add(t0 + tenMinutes, 0, 0, 1200).add(t0 + 4 * tenMinutes, 0, 0, 600);
BinaryTraceWriter.write(gap.build(), corpus.resolve("rows-validate-gap-zero-fill").resolve("gap-load.wtb"));
// The load of span-row-outside-declared-span (every 10m from 00:00 to 00:50) with its span 00:00/00:55, which the
// interval of the last row outlasts. The writer refuses such a span, so it is written into the footer afterwards:
// the span section is the 20 bytes before the footer checksum (flag, start, end), then the footer is re-sealed.
var spanLoad = TraceTable.builder(TraceKind.LOAD_RATE).stepNs(tenMinutes);
spanLoad.keys().intern("us-east");
for (int i = 0; i < 6; i++) spanLoad.add(t0 + i * tenMinutes, 0, 0, i % 2 == 0 ? 600 : 1200);
TraceTable outsideSpan = spanLoad.build();
for (String c : new String[] {"rows-validate-outside-span", "rows-run-outside-span"}) {
    Path file = corpus.resolve(c).resolve("load.wtb");
    BinaryTraceWriter.write(outsideSpan, file);
    byte[] bytes = Files.readAllBytes(file);
    ByteBuffer buffer = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    buffer.putInt(bytes.length - 24, 1).putLong(bytes.length - 20, t0).putLong(bytes.length - 12, t0 + 55 * minute);
    int footer = (int)buffer.getLong(40);
    CRC32C crc = new CRC32C();
    crc.update(bytes, footer, bytes.length - 4 - footer);
    buffer.putInt(bytes.length - 4, (int)crc.getValue());
    Files.write(file, bytes);
}
/exit
