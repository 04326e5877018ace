package io.windtunnel.simulator.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The sweep view's data and page ({@link SweepPage}) from results made up here, so every number is known; the
 * browser tests (cli {@code SweepBrowserTest}) check what the page draws from it.
 */
class SweepPageTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HOSTILE = "</script><b>x";

    @TempDir
    Path dir;

    private Sweep sweep() throws Exception
    {
        return Sweep.read(SweepTest.sweepFile(dir, """
            axes:
              stacks.spot.autoscaler.target: [0.5, 0.75, 1e-1]
              stacks[0].placement.markets: [[spot, on-demand], [on-demand]]
            seeds: [7, 3, 5]
            replications: 1
            """));
    }

    /** Made-up results: variant 4 failed; the second stack has a metric the first does not. */
    private static List<VariantResult> results(final Sweep sweep, final long seed)
    {
        final Random random = new Random(seed);
        final List<VariantResult> results = new ArrayList<>();
        for (final Variant variant : sweep.variants())
        {
            if (variant.index() == 4)
            {
                results.add(new VariantResult(variant, "sweep.yaml:3: key 'x': broken", List.of()));
                continue;
            }
            final Map<String, Double> a = new LinkedHashMap<>();
            a.put("cost.total_usd", random.nextDouble() * 10);
            a.put("latency.p99_ms", Double.NaN);
            final Map<String, Double> b = new LinkedHashMap<>();
            b.put("cost.total_usd", random.nextDouble());
            b.put("latency.p99_ms", 100 + random.nextGaussian());
            b.put("bytes.egress_gb", (double)random.nextInt(1000));
            final byte[] histogram = VariantResult.StackResult.encode(new Histogram(3));
            results.add(new VariantResult(variant, null, List.of(
                new VariantResult.StackResult("spot", 1, a, histogram),
                new VariantResult.StackResult(HOSTILE, 1, b, histogram))));
        }
        return results;
    }

    @Test
    void dataHoldsEveryMetricOfEveryStackOfEveryVariantThatRanExactly() throws Exception
    {
        final Sweep sweep = sweep();
        final List<VariantResult> results = results(sweep, 11);
        final JsonNode data = JSON.readTree(SweepPage.data(sweep, results));

        assertThat(data.get("stacks")).extracting(JsonNode::asText).containsExactly("spot", HOSTILE);
        // Whatever metrics the results have, in first-seen order: a metric only one stack has is a column too.
        assertThat(data.get("metrics")).extracting(JsonNode::asText)
            .containsExactly("cost.total_usd", "latency.p99_ms", "bytes.egress_gb");
        assertThat(data.get("seeds")).extracting(JsonNode::asLong).containsExactly(7L, 3L, 5L);
        assertThat(data.get("axes").get(0).get("numbers")).extracting(JsonNode::asDouble)
            .containsExactly(0.5, 0.75, 0.1);
        assertThat(data.get("axes").get(1).get("numbers").isNull()).isTrue();
        assertThat(data.get("axes").get(1).get("values")).extracting(JsonNode::asText)
            .containsExactly("[spot, on-demand]", "[on-demand]");
        // Student-t quantiles for 1 and 2 degrees of freedom (3 seeds).
        assertThat(data.get("t95")).hasSize(3);
        assertThat(data.get("t95").get(1).asDouble()).isCloseTo(12.7062, org.assertj.core.data.Offset.offset(1e-4));
        assertThat(data.get("t95").get(2).asDouble()).isCloseTo(4.3027, org.assertj.core.data.Offset.offset(1e-4));

        final JsonNode variants = data.get("variants");
        assertThat(variants).hasSize(sweep.variants().size() - 1);
        int checked = 0;
        for (final JsonNode v : variants)
        {
            final VariantResult result = results.get(v.get("i").asInt());
            assertThat(result.ok()).isTrue();
            assertThat(v.get("v")).extracting(JsonNode::asInt)
                .containsExactlyElementsOf(result.variant().valueIndexes());
            assertThat(data.get("seeds").get(v.get("s").asInt()).asLong()).isEqualTo(result.variant().seed());
            final Map<String, Double> spot = result.stacks().get(0).metrics();
            final Map<String, Double> other = result.stacks().get(1).metrics();
            assertThat(v.get("m").get(0).get(0).asDouble()).isEqualTo(spot.get("cost.total_usd"));
            assertThat(v.get("m").get(0).get(1).isNull()).as("NaN is written as null").isTrue();
            assertThat(v.get("m").get(0).get(2).isNull()).as("a metric the stack does not have").isTrue();
            assertThat(v.get("m").get(1).get(1).asDouble()).isEqualTo(other.get("latency.p99_ms"));
            assertThat(v.get("m").get(1).get(2).asDouble()).isEqualTo(other.get("bytes.egress_gb"));
            checked++;
        }
        assertThat(checked).isEqualTo(17);
        assertThat(variants.findValues("i")).extracting(JsonNode::asInt).doesNotContain(4);
    }

    @Test
    void pageIsSelfContainedAndNoNameCanEndItsScript() throws Exception
    {
        final Sweep sweep = sweep();
        final List<VariantResult> results = results(sweep, 12);
        final Path out = dir.resolve("out");
        java.nio.file.Files.createDirectories(out);
        SweepReport.write(out, sweep, results);
        final String page = java.nio.file.Files.readString(out.resolve("report.html"));

        assertThat(page).contains("default-src 'none'", "<script type=\"application/json\" id=\"sweep-data\">",
            "window.sweepView = sweepView", "<h3><code>stacks.spot.autoscaler.target</code></h3>");
        assertThat(page).doesNotContain("src=\"http", "href=\"http");
        // The hostile stack name appears only escaped: as HTML text in the tables, as \u003c in the data.
        assertThat(page).doesNotContain(HOSTILE);
        assertThat(page).contains("&lt;/script&gt;&lt;b&gt;x", "\\u003C/script\\u003E\\u003Cb\\u003Ex");
        // The failed variant is listed with its error.
        assertThat(page).contains("<ul id=\"failed\">", "sweep.yaml:3: key &#39;x&#39;: broken");
        final int start = page.indexOf("id=\"sweep-data\">") + "id=\"sweep-data\">".length();
        assertThat(JSON.readTree(page.substring(start, page.indexOf("</script>", start))).get("variants"))
            .hasSize(17);
    }

    @Test
    void onlyPlainNumbersMakeANumericAxis()
    {
        assertThat(SweepPage.numbers(List.of("1", "2.5", "-3e2"))).containsExactly(1, 2.5, -300);
        assertThat(SweepPage.numbers(List.of("1", "2d"))).isNull();
        assertThat(SweepPage.numbers(List.of("1", "0x10"))).isNull();
        assertThat(SweepPage.numbers(List.of("NaN"))).isNull();
        assertThat(SweepPage.numbers(List.of("6h", "1d"))).isNull();
        assertThat(SweepPage.numbers(List.of("round-robin"))).isNull();
    }
}
