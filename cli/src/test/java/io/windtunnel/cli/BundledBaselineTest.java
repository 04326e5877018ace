package io.windtunnel.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled scenarios against their committed baseline, exactly: a change that moves any gated result (cost,
 * latency percentiles, SLO, availability, lost requests) of the quickstart or the M/M/1 validation must refresh
 * {@code scenarios/baselines/bundled.json} in the same commit:
 * <pre>
 * ./windtunnel check scenarios/quickstart.yaml scenarios/mm1.yaml --baseline scenarios/baselines/bundled.json \
 *     --update-baseline
 * </pre>
 */
class BundledBaselineTest
{
    @Test
    void shouldHoldTheBundledScenariosToTheirCommittedBaselineExactly()
    {
        final StringWriter out = new StringWriter();
        final StringWriter err = new StringWriter();
        final CommandLine commandLine = WindtunnelCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));

        final int code = commandLine.execute("check", "../scenarios/quickstart.yaml", "../scenarios/mm1.yaml",
            "--baseline", "../scenarios/baselines/bundled.json", "--tolerance", "exact", "--strict");

        assertThat(code).as(out + "\n" + err + "\nIf the change is intended, refresh the baseline (see this test's " +
            "Javadoc) and say why in the commit.").isEqualTo(ExitCodes.OK);
        // 3 stacks of the quickstart and 1 of mm1, 11 gated metrics each.
        assertThat(out.toString()).contains("check passed: 44 held, 0 regressed, 0 improved");
    }
}
