// Writes the binary fixtures of the wtb-* corpus cases: .wtb files with valid checksums whose rows break their
// kind's rules, which 'trace convert' cannot make (the CSV readers refuse such rows). Run from the repository root
// after 'mvn -B -o -q -pl traces -am compile':
//   R=~/.m2/repository; jshell --class-path traces/target/classes:$R/org/agrona/agrona/2.6.0/agrona-2.6.0.jar:\
//   $R/org/eclipse/collections/eclipse-collections/13.0.0/eclipse-collections-13.0.0.jar:\
//   $R/org/eclipse/collections/eclipse-collections-api/13.0.0/eclipse-collections-api-13.0.0.jar \
//   -R--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED cli/src/test/resources/corpus/wtb-fixtures.jsh
import io.windtunnel.traces.*;
import io.windtunnel.traces.binary.*;
import java.nio.file.*;
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
/exit
