package io.windtunnel.cli;

import io.windtunnel.traces.GapPolicy;
import io.windtunnel.traces.ImportOptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;

class TraceImportOptionsTest
{
    @Test
    void shouldPassEveryFlagIntoImportOptionsWhenGiven()
    {
        final TraceImportOptions flags = CommandLine.populateCommand(new TraceImportOptions(),
            "--zone", "Europe/Berlin", "--sort", "--gaps", "zero-fill", "--step", "5m");

        final ImportOptions options = flags.importOptions();

        assertThat(options.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
        assertThat(options.sort()).isTrue();
        assertThat(options.gapPolicy()).isEqualTo(GapPolicy.ZERO_FILL);
        assertThat(options.stepNs()).isEqualTo(300_000_000_000L);
    }

    @Test
    void shouldKeepDefaultsWhenNoFlagIsGiven()
    {
        final ImportOptions options = CommandLine.populateCommand(new TraceImportOptions()).importOptions();

        assertThat(options).isEqualTo(ImportOptions.defaults());
    }
}
