package io.windtunnel.traces.csv;

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

class ArrivalsCsvReaderTest
{
    @TempDir
    Path dir;

    private final ArrivalsCsvReader reader = new ArrivalsCsvReader();

    @Test
    void shouldReadFixtureWithUnknownServiceAsNaNAndRepeatedTimes() throws Exception
    {
        final TraceTable table = reader.read(
            CsvTestFiles.resource("/fixtures/csv/arrivals.csv"), ImportOptions.defaults());
        assertThat(table.kind()).isEqualTo(TraceKind.ARRIVALS);
        assertThat(table.rowCount()).isEqualTo(4);
        assertThat(table.timeNs(0)).isEqualTo(table.timeNs(1));
        assertThat(table.value(0)).isEqualTo(12.5);
        assertThat(table.value(1)).isNaN();
        assertThat(table.timeNs(2)).isEqualTo(1_704_067_200_250_000_000L);
        assertThat(table.keys().field(table.keyId(2), 0)).isEqualTo("us-east");
        assertThat(table.keyId(3)).isEqualTo(table.keyId(0));
    }

    @Test
    void shouldReadTimeOnlyFileAsOneSeriesWithoutServiceTimes() throws Exception
    {
        final Path file = write(dir, "times.csv", "time\n1704067200\n1704067200\n1704067200.5\n");
        final TraceTable table = reader.read(file, ImportOptions.defaults());
        assertThat(table.rowCount()).isEqualTo(3);
        assertThat(table.keys().size()).isEqualTo(1);
        assertThat(table.keys().fields(0)).containsExactly("");
        for (int row = 0; row < 3; row++)
        {
            assertThat(table.value(row)).isNaN();
        }
    }

    @Test
    void shouldReportServiceTimeThatIsNotPositiveOrNotANumber() throws Exception
    {
        final Path file = write(dir, "service.csv", "time,service_ms\n" +
            "1704067200,0\n1704067201,-3\n1704067202,fast\n1704067203,1e400\n1704067204, \n");
        assertThat(problems(reader, file)).containsExactly(
            at(file, 2, "service_ms") + "service time must be greater than 0 ms, got 0; leave it empty when unknown",
            at(file, 3, "service_ms") + "service time must be greater than 0 ms, got -3; leave it empty when unknown",
            at(file, 4, "service_ms") +
                "cannot read 'fast' as a service time in milliseconds: expected a decimal number such as 12 or 0.25",
            at(file, 5, "service_ms") + "a service time in milliseconds '1e400' is too large");
    }

    @Test
    void shouldReportOutOfOrderArrivalUnlessSorting() throws Exception
    {
        final Path file = write(dir, "order.csv", "time,region\n1704067201,a\n1704067200,b\n");
        assertThat(problems(reader, file)).containsExactly(at(file, 3, "time") + "time 2024-01-01T00:00:00Z is " +
            "earlier than 2024-01-01T00:00:01Z on line 2: rows must be in time order; sort the file, or pass --sort " +
            "to sort on import");
        final TraceTable table = reader.read(file, ImportOptions.defaults().withSort(true));
        assertThat(table.keys().field(table.keyId(0), 0)).isEqualTo("b");
    }

    @Test
    void shouldReadSizeColumnsSortedWithTheirRowsAndEmptyAsUnknown() throws Exception
    {
        // Out of order, sorted on import: each size must follow its own row.
        final Path file = write(dir, "sizes.csv", "time,region,request_bytes,read_bytes\n" +
            "1704067202,a,300,\n1704067200,a,100,7\n1704067201,b,,0\n");
        final TraceTable table = reader.read(file, ImportOptions.defaults().withSort(true));
        assertThat(table.hasSizeColumn(TraceTable.REQUEST_BYTES)).isTrue();
        assertThat(table.hasSizeColumn(TraceTable.RESPONSE_BYTES)).isFalse();
        assertThat(table.hasSizeColumn(TraceTable.READ_BYTES)).isTrue();
        assertThat(table.hasSizeColumns()).isTrue();
        assertThat(new long[] {table.sizeBytes(TraceTable.REQUEST_BYTES, 0),
            table.sizeBytes(TraceTable.REQUEST_BYTES, 1), table.sizeBytes(TraceTable.REQUEST_BYTES, 2)})
            .containsExactly(100, -1, 300);
        assertThat(new long[] {table.sizeBytes(TraceTable.READ_BYTES, 0), table.sizeBytes(TraceTable.READ_BYTES, 1),
            table.sizeBytes(TraceTable.READ_BYTES, 2)}).containsExactly(7, 0, -1);
        assertThat(table.sizeBytes(TraceTable.RESPONSE_BYTES, 0)).isEqualTo(-1);
    }

    @Test
    void shouldKeepAnAllEmptySizeColumnAsAColumnWithUnknownSizes() throws Exception
    {
        final Path file = write(dir, "empty.csv", "time,response_bytes\n1704067200,\n");
        final TraceTable table = reader.read(file, ImportOptions.defaults());
        assertThat(table.hasSizeColumn(TraceTable.RESPONSE_BYTES)).isTrue();
        assertThat(table.sizeBytes(TraceTable.RESPONSE_BYTES, 0)).isEqualTo(-1);
        assertThat(new ArrivalsCsvReader().recognizes("x.csv", "time,response_bytes\n")).isTrue();
        assertThat(new ArrivalsCsvReader().recognizes("x.csv", "time,response_bytes,other\n")).isFalse();
    }

    @Test
    void shouldReportSizesThatAreNegativeFractionalTooLargeOrNotANumber() throws Exception
    {
        final Path file = write(dir, "badsizes.csv", "time,request_bytes,response_bytes\n" +
            "1704067200,-1,5\n1704067201,2.5,5\n1704067202,big,5\n1704067203,5,2e15\n1704067204,0,1e400\n");
        final String advice = " is not a size: write a whole number of bytes from 0 to 2^50 (1 PB); leave it empty " +
            "when unknown";
        assertThat(problems(reader, file)).containsExactly(
            at(file, 2, "request_bytes") + "'-1'" + advice,
            at(file, 3, "request_bytes") + "'2.5'" + advice,
            at(file, 4, "request_bytes") +
                "cannot read 'big' as a size in bytes: expected a decimal number such as 12 or 0.25",
            at(file, 5, "response_bytes") + "'2e15'" + advice,
            at(file, 6, "response_bytes") + "a size in bytes '1e400' is too large");
    }
}
