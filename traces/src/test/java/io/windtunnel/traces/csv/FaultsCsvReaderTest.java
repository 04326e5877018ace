package io.windtunnel.traces.csv;

import io.windtunnel.traces.FaultKind;
import io.windtunnel.traces.ImportOptions;
import io.windtunnel.traces.TraceKind;
import io.windtunnel.traces.TraceTable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;

import static io.windtunnel.traces.csv.CsvTestFiles.at;
import static io.windtunnel.traces.csv.CsvTestFiles.problems;
import static io.windtunnel.traces.csv.CsvTestFiles.write;
import static org.assertj.core.api.Assertions.assertThat;

class FaultsCsvReaderTest
{
    private static final String HEADER = "time,provider,region,zone,instance_type,kind,count\n";

    @TempDir
    Path dir;

    private final FaultsCsvReader reader = new FaultsCsvReader();

    @Test
    void shouldReadFixtureIntoFaultCodesAndCounts() throws Exception
    {
        final TraceTable table = reader.read(
            CsvTestFiles.resource("/fixtures/csv/faults.csv"), ImportOptions.defaults());
        assertThat(table.kind()).isEqualTo(TraceKind.FAULTS);
        final int[] codes = new int[table.rowCount()];
        final double[] values = new double[table.rowCount()];
        for (int row = 0; row < codes.length; row++)
        {
            codes[row] = table.code(row);
            values[row] = table.value(row);
        }
        assertThat(codes).containsExactly(FaultKind.CAPACITY.code(), FaultKind.PREEMPT.code(),
            FaultKind.PREEMPT_FRACTION.code(), FaultKind.UNAVAILABLE.code(), FaultKind.OUTAGE_START.code(),
            FaultKind.OUTAGE_END.code(), FaultKind.AVAILABLE.code(), FaultKind.INSTANCE_FAILURE.code());
        assertThat(values).containsExactly(10, 2, 0.5, 0, 0, 0, 0, 1);
        assertThat(table.keys().fields(table.keyId(4))).containsExactly("gcp", "europe-west1", "europe-west1-b", "");
    }

    @Test
    void shouldCheckCountOfEveryKind() throws Exception
    {
        final Path file = write(dir, "counts.csv", HEADER +
            "2024-01-01T00:00:00Z,aws,r,z,t,preempt,0\n" +
            "2024-01-01T00:00:01Z,aws,r,z,t,preempt,1.5\n" +
            "2024-01-01T00:00:02Z,aws,r,z,t,failure,\n" +
            "2024-01-01T00:00:03Z,aws,r,z,t,preempt_fraction,0\n" +
            "2024-01-01T00:00:04Z,aws,r,z,t,preempt_fraction,1.01\n" +
            "2024-01-01T00:00:05Z,aws,r,z,t,capacity,-1\n" +
            "2024-01-01T00:00:06Z,aws,r,z,t,capacity,\n" +
            "2024-01-01T00:00:07Z,aws,r,z,t,unavailable,-1\n" +
            "2024-01-01T00:00:08Z,aws,r,z,t,outage_start,x\n" +
            "2024-01-01T00:00:09Z,aws,r,z,t,preempt,3\n" +
            "2024-01-01T00:00:09Z,aws,r,z,t,preempt_fraction,1\n" +
            "2024-01-01T00:00:09Z,aws,r,z,t,capacity,0\n" +
            "2024-01-01T00:00:09Z,aws,r,z,t,outage_end,\n");
        assertThat(problems(reader, file)).containsExactly(
            at(file, 2, "count") + "count for preempt must be a whole number of instances of at least 1, got 0",
            at(file, 3, "count") + "count for preempt must be a whole number of instances of at least 1, got 1.5",
            at(file, 4, "count") + "count is required for kind failure (a number of instances)",
            at(file, 5, "count") + "count for preempt_fraction must be a fraction in (0, 1], got 0",
            at(file, 6, "count") + "count for preempt_fraction must be a fraction in (0, 1], got 1.01",
            at(file, 7, "count") + "count for capacity must be at least 0, got -1",
            at(file, 8, "count") + "count is required for kind capacity (a capacity in instances)",
            at(file, 9, "count") + "count for unavailable must be at least 0, got -1; it may also be empty",
            at(file, 10, "count") + "cannot read 'x' as a count: expected a decimal number such as 12 or 0.25");
    }

    @Test
    void shouldReportUnknownKindListingTheKnownOnes() throws Exception
    {
        final Path file = write(dir, "kind.csv", HEADER +
            "2024-01-01T00:00:00Z,aws,r,z,t,meteor,1\n2024-01-01T00:00:01Z,aws,r,z,t,,1\n");
        final String known = "; use one of preempt, preempt_fraction, unavailable, available, capacity, failure, " +
            "outage_start, outage_end";
        assertThat(problems(reader, file)).containsExactly(
            at(file, 2, "kind") + "unknown fault kind 'meteor'" + known,
            at(file, 3, "kind") + "must not be empty" + known);
    }

    @Test
    void shouldAllowDifferentKindsButNotTheSameKindTwiceAtOneTime() throws Exception
    {
        final Path file = write(dir, "dup.csv", HEADER +
            "2024-01-01T00:00:00Z,aws,r,z,t,outage_end,\n" +
            "2024-01-01T00:00:00Z,aws,r,z,t,available,\n" +
            "2024-01-01T00:00:00Z,aws,r,z,t,preempt,1\n" +
            "2024-01-01T00:00:00Z,aws,r,z,t,PREEMPT,2\n");
        assertThat(problems(reader, file)).containsExactly(at(file, 5, "time") +
            "duplicate: aws/r/z/t kind preempt already has a row at 2024-01-01T00:00:00Z on line 4");
    }

    @Test
    void shouldAcceptHeaderWithoutOptionalColumnsButRequireCountWhereNeeded() throws Exception
    {
        final Path file = write(dir, "short.csv", "time,provider,region,kind\n" +
            "2024-01-01T00:00:00Z,aws,us-east-1,outage_start\n" +
            "2024-01-01T00:00:01Z,aws,us-east-1,preempt\n");
        assertThat(problems(reader, file)).containsExactly(at(file, 3, "count") +
            "count is required for kind preempt (a number of instances); the header has no count column");
    }

    @Test
    void shouldRequireProviderAndRegion() throws Exception
    {
        final Path file = write(dir, "names.csv", HEADER + "2024-01-01T00:00:00Z,,,z,t,outage_start,\n");
        assertThat(problems(reader, file)).containsExactly(
            at(file, 2, "provider") + "must not be empty",
            at(file, 2, "region") + "must not be empty");
    }
}
