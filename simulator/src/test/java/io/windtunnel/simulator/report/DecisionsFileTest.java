package io.windtunnel.simulator.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.windtunnel.simulator.cost.BillingRule;
import io.windtunnel.simulator.cost.PriceSeries;
import io.windtunnel.simulator.model.CloudModel;
import io.windtunnel.simulator.model.LoadSeries;
import io.windtunnel.simulator.policy.BoundedDecisionLog;
import io.windtunnel.simulator.runner.RunResult;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code decisions.jsonl} as {@link ResultWriter#writeDecisions} writes it from runs' decision logs. */
class DecisionsFileTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long SECOND = 1_000_000_000L;
    /** 2024-01-01T00:00:00Z. */
    private static final long START_EPOCH_NS = 1_704_067_200L * SECOND;

    /** Two offers of a region without zones, one in a zone. */
    private static CloudModel model()
    {
        final CloudModel.Builder b = CloudModel.builder();
        final int aws = b.provider("aws", 120 * SECOND, BillingRule.PER_SECOND_MINIMUM_MINUTE);
        final int east = b.region(aws, "us-east-1", 10);
        final int zone = b.zone(east, "us-east-1a");
        final int m5 = b.instanceType(aws, "m5.large", 2, 1.0, 30 * SECOND);
        b.offer(east, m5, CloudModel.ON_DEMAND, PriceSeries.constant(0.096));
        b.offer(east, m5, CloudModel.SPOT, PriceSeries.constant(0.03));
        b.offerInZone(zone, m5, CloudModel.SPOT, PriceSeries.constant(0.02));
        b.client("us", LoadSeries.constant(1));
        b.rtt(0, east, 10_000_000L);
        b.service(CloudModel.LOGNORMAL, 20_000_000, 1.0);
        b.requests(10, SECOND, 0);
        b.times(3600 * SECOND, 0, 60 * SECOND, 600 * SECOND);
        return b.build();
    }

    private static RunResult run(final String stack, final int replication, final BoundedDecisionLog log)
    {
        return new RunResult(stack, replication, Map.of(), Map.of(), Map.of(), null, null, new double[0][], 0, log);
    }

    private static List<JsonNode> write(final List<RunResult> runs) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        ResultWriter.writeDecisions(runs, model(), START_EPOCH_NS, out);
        final String text = out.toString(StandardCharsets.UTF_8);
        final List<JsonNode> lines = new ArrayList<>();
        if (!text.isEmpty())
        {
            assertThat(text).endsWith("\n");
            for (final String line : text.substring(0, text.length() - 1).split("\n", -1))
            {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    @Test
    void shouldWriteOneObjectPerDecisionWithNamedOffersScoresChoiceAndRuleWhenParsedBack() throws Exception
    {
        final BoundedDecisionLog log = BoundedDecisionLog.growing(10, 1, 1, 1);
        log.begin(90 * SECOND + 500_000_000L, "cheapest-price");
        log.option(1);
        log.score("pricePerHourUsd", 0.03);
        log.score("rttMs", 12.5);
        log.option(2);
        log.score("pricePerHourUsd", 0.02);
        log.chose(2, "cheapest available");
        log.begin(120 * SECOND, "lp");
        log.option(0);
        log.score("plannedReplicas", 3);
        log.chose(-1, "plan");

        final List<JsonNode> lines = write(List.of(run("spot", 1, log)));

        assertThat(lines).hasSize(2);
        final JsonNode first = lines.get(0);
        assertThat(first.get("stack").asText()).isEqualTo("spot");
        assertThat(first.get("replication").asInt()).isEqualTo(1);
        assertThat(first.get("sequence").asInt()).isZero();
        assertThat(first.get("timeSeconds").asDouble()).isEqualTo(90.5);
        assertThat(first.get("time").asText()).isEqualTo("2024-01-01T00:01:30.500Z");
        assertThat(first.get("policy").asText()).isEqualTo("cheapest-price");
        assertThat(first.get("options")).hasSize(2);
        assertThat(first.at("/options/0/offer").asText()).isEqualTo("aws/us-east-1/m5.large/spot");
        assertThat(first.at("/options/0/offerIndex").asInt()).isEqualTo(1);
        assertThat(first.at("/options/0/scores/pricePerHourUsd").asDouble()).isEqualTo(0.03);
        assertThat(first.at("/options/0/scores/rttMs").asDouble()).isEqualTo(12.5);
        assertThat(first.at("/options/1/offer").asText()).isEqualTo("aws/us-east-1/us-east-1a/m5.large/spot");
        assertThat(first.at("/options/1/scores").size()).isEqualTo(1);
        assertThat(first.get("chosen").asText()).isEqualTo("aws/us-east-1/us-east-1a/m5.large/spot");
        assertThat(first.get("chosenIndex").asInt()).isEqualTo(2);
        assertThat(first.get("rule").asText()).isEqualTo("cheapest available");
        final JsonNode plan = lines.get(1);
        assertThat(plan.get("sequence").asInt()).isEqualTo(1);
        assertThat(plan.get("policy").asText()).isEqualTo("lp");
        assertThat(plan.at("/options/0/offer").asText()).isEqualTo("aws/us-east-1/m5.large/on-demand");
        assertThat(plan.at("/options/0/scores/plannedReplicas").asDouble()).isEqualTo(3);
        assertThat(plan.get("chosen").isNull()).isTrue();
        assertThat(plan.get("chosenIndex").asInt()).isEqualTo(-1);
    }

    @Test
    void shouldEscapeNamesAndWriteNullForNonFiniteScoresWhenPoliciesRecordOddValues() throws Exception
    {
        final String policy = "my \"policy\"\\ with\nnewline\ttab\u0001 é ✓ 𝄞";
        final String score = "score \"q\"\n";
        final String rule = "rule </script> \\u0000";
        final BoundedDecisionLog log = BoundedDecisionLog.growing(10, 1, 1, 1);
        log.begin(0, policy);
        log.option(7);
        log.score(score, Double.NaN);
        log.score("inf", Double.POSITIVE_INFINITY);
        log.score("twice", 1);
        log.score("twice", 2);
        log.chose(7, rule);

        final List<JsonNode> lines = write(List.of(run("stack \"x\"", 0, log)));

        assertThat(lines).hasSize(1);
        final JsonNode line = lines.get(0);
        assertThat(line.get("stack").asText()).isEqualTo("stack \"x\"");
        assertThat(line.get("policy").asText()).isEqualTo(policy);
        assertThat(line.get("rule").asText()).isEqualTo(rule);
        final JsonNode scores = line.at("/options/0/scores");
        assertThat(scores.get(score).isNull()).isTrue();
        assertThat(scores.get("inf").isNull()).isTrue();
        // A repeated name keeps its first value, as BoundedDecisionLog#score(decision, option, name) reads it.
        assertThat(scores.get("twice").asDouble()).isEqualTo(1);
        // An offer index the model does not have: written, without a name.
        assertThat(line.at("/options/0/offer").isNull()).isTrue();
        assertThat(line.at("/options/0/offerIndex").asInt()).isEqualTo(7);
        assertThat(line.get("chosen").isNull()).isTrue();
    }

    @Test
    void shouldWriteRunsInTheGivenOrderAndDecisionsInRecordingOrderWhenManyRunsAreRandom() throws Exception
    {
        final SplittableRandom random = new SplittableRandom(11);
        final List<RunResult> runs = new ArrayList<>();
        final List<String> expected = new ArrayList<>();
        for (final String stack : List.of("b", "a"))
        {
            for (int r = 0; r < 3; r++)
            {
                final BoundedDecisionLog log = BoundedDecisionLog.growing(1000, 1, 1, 1);
                final int decisions = random.nextInt(0, 40);
                long timeNs = 0;
                for (int d = 0; d < decisions; d++)
                {
                    timeNs += random.nextLong(0, 100 * SECOND);
                    log.begin(timeNs, "p");
                    final int options = random.nextInt(0, 4);
                    int chosen = -1;
                    for (int o = 0; o < options; o++)
                    {
                        chosen = random.nextInt(0, 3);
                        log.option(chosen);
                        log.score("x", random.nextDouble());
                    }
                    log.chose(chosen, "r");
                    expected.add(stack + "/" + r + "/" + d + "/" + timeNs / 1e9 + "/" + options);
                }
                runs.add(run(stack, r, log));
            }
        }
        runs.add(run("off", 0, null));

        final List<String> written = write(runs).stream().map(l -> l.get("stack").asText() + "/" +
            l.get("replication").asInt() + "/" + l.get("sequence").asInt() + "/" + l.get("timeSeconds").asDouble() +
            "/" + l.get("options").size()).toList();

        assertThat(written).isEqualTo(expected);
    }

    @Test
    void shouldWriteNothingWhenNoRunRecorded() throws Exception
    {
        assertThat(write(List.of(run("a", 0, BoundedDecisionLog.growing(1, 1, 1, 1)), run("b", 0, null)))).isEmpty();
    }
}
