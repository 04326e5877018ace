package io.windtunnel.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import picocli.CommandLine;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code windtunnel check} as CI runs it: a baseline written, then held, broken, improved on, refused.
 */
class CheckCommandTest
{
    /** Two stacks, two replications, a few thousand requests: a second of simulation. */
    private static final String SCENARIO = """
        name: small
        seed: 7
        replications: 2
        start: 2024-01-01T00:00:00Z
        duration: 20m
        warmup: 2m
        sampleInterval: 5m
        providers:
          aws:
            regions:
              us-east-1: {quota: 8}
            instanceTypes:
              m5.large: {workers: 2, boot: 30s}
        prices:
          - {provider: aws, region: us-east-1, instanceType: m5.large, market: on-demand, pricePerHour: 0.096}
        load:
          constant: {us-east: 20}
        clients:
          us-east: {rtt: {default: 10ms}}
        service: {distribution: exponential, mean: 50ms}
        stacks:
          - name: two
            autoscaler: {type: fixed, replicas: 2}
          - name: three
            autoscaler: {type: fixed, replicas: 3}
        """;

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private Path scenario;
    private Path baseline;

    @BeforeEach
    void writeScenario() throws Exception
    {
        scenario = Files.writeString(dir.resolve("small.yaml"), SCENARIO);
        baseline = dir.resolve("baselines/small.json");
    }

    private int run(final String... args)
    {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        final CommandLine commandLine = WindtunnelCommand.newCommandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private int check(final String... extra)
    {
        final String[] args = new String[4 + extra.length];
        args[0] = "check";
        args[1] = scenario.toString();
        args[2] = "--baseline";
        args[3] = baseline.toString();
        System.arraycopy(extra, 0, args, 4, extra.length);
        return run(args);
    }

    /** Multiply one baseline mean, as if the code had given another number when the baseline was taken. */
    private void scaleBaseline(final String stack, final String metric, final double factor) throws Exception
    {
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode root = (ObjectNode)mapper.readTree(baseline.toFile());
        final ObjectNode value = (ObjectNode)root.at("/scenarios/small/stacks/" + stack + "/" + metric);
        value.put("mean", value.get("mean").asDouble() * factor);
        mapper.writeValue(baseline.toFile(), root);
    }

    private double baselineMean(final String stack, final String metric) throws Exception
    {
        return new ObjectMapper().readTree(baseline.toFile()).at("/scenarios/small/stacks/" + stack + "/" + metric +
            "/mean").asDouble();
    }

    @Test
    void shouldWriteTheSameBaselineTwiceAndHoldTheRunToItExactly() throws Exception
    {
        assertThat(check("--update-baseline", "--threads", "1")).as(err.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("wrote baseline");
        final String first = Files.readString(baseline);
        assertThat(check("--update-baseline", "--threads", "2")).isEqualTo(ExitCodes.OK);
        assertThat(Files.readString(baseline)).as("a rerun writes the same bytes, whatever the threads")
            .isEqualTo(first);
        assertThat(first).contains("\"format\" : \"windtunnel-baseline/1\"").contains("\"small.yaml\" : \"sha256:")
            .contains("\"cost.total_usd\"").contains("\"latency.p99_ms\"").contains("\"availability.time_share\"");
        // Two fixed replicas at 0.096 USD/h for 20 minutes, the first booted at once.
        assertThat(baselineMean("two", "cost.total_usd")).isCloseTo(2 * 0.096 / 3, org.assertj.core.api.Assertions.within(1e-9));

        assertThat(check("--tolerance", "exact", "--strict")).as(out + "\n" + err).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("check passed: 22 held, 0 regressed, 0 improved");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldFailWithJunitAndMarkdownReportsWhenAMetricRegressesBeyondItsTolerance() throws Exception
    {
        check("--update-baseline");
        final double costUsd = baselineMean("three", "cost.total_usd");
        // The baseline's cost 5% lower: today's run costs 5.26% more than it.
        scaleBaseline("three", "cost.total_usd", 0.95);
        final Path junit = dir.resolve("reports/check.xml");
        final Path markdown = dir.resolve("check.md");
        Files.createDirectories(junit.getParent());

        assertThat(check("--junit", junit.toString(), "--markdown", markdown.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("REGRESSED").contains("check FAILED: 21 held, 1 regressed")
            .contains("small, three: cost.total_usd:").contains("+5.26%").contains("higher is worse; tolerance 1%");

        final Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(junit.toFile());
        final Element suites = xml.getDocumentElement();
        assertThat(suites.getAttribute("tests")).isEqualTo("22");
        assertThat(suites.getAttribute("failures")).isEqualTo("1");
        final NodeList failures = xml.getElementsByTagName("failure");
        assertThat(failures.getLength()).isEqualTo(1);
        final Element testcase = (Element)failures.item(0).getParentNode();
        assertThat(testcase.getAttribute("classname")).isEqualTo("windtunnel.small.three");
        assertThat(testcase.getAttribute("name")).isEqualTo("cost.total_usd");
        assertThat(failures.item(0).getTextContent()).contains("expected: ").contains("actual: ")
            .contains("tolerance: 1%");
        assertThat(Files.readString(markdown)).contains("### Windtunnel check: **failed**")
            .contains("| small | three | `cost.total_usd` |").contains("**REGRESSED**");

        // A tolerance for that metric lets it through; the others keep the default.
        assertThat(check("--tolerance", "cost.total_usd=6%")).isEqualTo(ExitCodes.OK);
        assertThat(check("--tolerance", "cost.total_usd=" + costUsd * 0.04)).as("absolute, in USD")
            .isEqualTo(ExitCodes.FAILED);
        assertThat(check("--tolerance", "cost.total_usd=" + costUsd * 0.06)).isEqualTo(ExitCodes.OK);
    }

    @Test
    void shouldPassImprovementsUnlessStrictAndKnowWhichWayIsWorse() throws Exception
    {
        check("--update-baseline");
        // Availability is worse when lower: a baseline 10% below today's value is an improvement now ...
        scaleBaseline("two", "availability.time_share", 0.9);
        // ... and latency worse when higher: a baseline 10% above today's value too.
        scaleBaseline("two", "latency.p99_ms", 1.1);

        assertThat(check()).as(out.toString()).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).contains("2 improved beyond the tolerance").contains("check passed");
        assertThat(check("--strict")).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("IMPROVED (stale baseline)").contains("(failing: --strict)");

        scaleBaseline("two", "availability.time_share", 1 / 0.9 * 1.1);
        assertThat(check()).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("availability.time_share:").contains("lower is worse");
    }

    @Test
    void shouldFailOnStacksTheBaselineAndTheScenarioDoNotShare() throws Exception
    {
        check("--update-baseline");
        Files.writeString(scenario, SCENARIO.replace("name: three", "name: four"));
        final Path junit = dir.resolve("check.xml");

        assertThat(check("--junit", junit.toString())).isEqualTo(ExitCodes.FAILED);
        assertThat(out.toString()).contains("stack 'four' has no baseline; add it with --update-baseline")
            .contains("stack 'three' is in the baseline but not in the scenario")
            .contains("note: the scenario file changed since the baseline was taken");
        assertThat(Files.readString(junit)).contains("type=\"new_stack\"").contains("type=\"missing_stack\"");
    }

    @Test
    void shouldRefuseABaselineTakenOnOtherInputsOrWithoutTheScenario() throws Exception
    {
        check("--update-baseline");
        final ObjectMapper mapper = new ObjectMapper();
        final ObjectNode root = (ObjectNode)mapper.readTree(baseline.toFile());
        ((ObjectNode)root.at("/scenarios/small/inputs")).put("load.csv", "sha256:0123456789abcdef");
        mapper.writeValue(baseline.toFile(), root);

        assertThat(check()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("was taken on other inputs: load.csv (an input of the baseline, " +
            "not read now)").contains("--update-baseline");
        assertThat(out.toString()).isEmpty();

        Files.writeString(scenario, SCENARIO.replace("name: small", "name: other"));
        assertThat(check()).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("scenario 'other' has no entry in the baseline").contains("(it has: small)");
    }

    @Test
    void shouldRefuseTheCiRuleWithOneReplicationAndNoteAnotherSeed() throws Exception
    {
        check("--update-baseline");
        Files.writeString(scenario, SCENARIO.replace("seed: 7", "seed: 8"));
        assertThat(check("--tolerance", "ci")).as(err.toString()).isIn(ExitCodes.OK, ExitCodes.FAILED);
        assertThat(out.toString()).contains("the baseline was taken with seed 7 and 2 replication(s); this run uses " +
            "seed 8 and 2");

        Files.writeString(scenario, SCENARIO.replace("replications: 2", "replications: 1"));
        check("--update-baseline");
        assertThat(check("--tolerance", "ci")).isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("tolerance 'ci' needs a confidence interval on both sides");
    }

    @Test
    void shouldWriteTheRunFoldersWithOut() throws Exception
    {
        check("--update-baseline");
        final Path results = dir.resolve("results");
        final Path markdown = dir.resolve("check.md");
        assertThat(check("--out", results.toString(), "--markdown", markdown.toString())).isEqualTo(ExitCodes.OK);
        assertThat(results.resolve("small/summary.json")).exists();
        // The pull-request comment points at the run's page.
        assertThat(Files.readString(markdown)).contains("small: report `" + results.resolve("small/report.html") + "`");
        assertThat(check("--out", results.toString())).as("an existing result is not overwritten")
            .isEqualTo(ExitCodes.INPUT_ERROR);
        assertThat(err.toString()).contains("small");
    }
}
