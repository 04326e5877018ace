package io.windtunnel.cli.bench;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class BenchComparisonTest
{
    @Test
    void shouldFlagOnlyDropsBeyondTheThreshold()
    {
        final Map<String, Double> saved = Map.of("a", 1.0, "b", 1.0, "c", 1.0, "d", 1.0, "gone", 2.0);
        final Map<String, Double> now = Map.of("a", 0.81, "b", 0.79, "c", 1.21, "d", 1.19, "fresh", 3.0);

        final BenchComparison comparison = BenchComparison.compare(now, saved, 0.2);

        assertThat(comparison.rows()).extracting(BenchComparison.Row::name, BenchComparison.Row::verdict)
            .containsExactly(
                org.assertj.core.groups.Tuple.tuple("a", BenchComparison.Verdict.OK),
                org.assertj.core.groups.Tuple.tuple("b", BenchComparison.Verdict.REGRESSION),
                org.assertj.core.groups.Tuple.tuple("c", BenchComparison.Verdict.IMPROVED),
                org.assertj.core.groups.Tuple.tuple("d", BenchComparison.Verdict.OK),
                org.assertj.core.groups.Tuple.tuple("fresh", BenchComparison.Verdict.NEW),
                org.assertj.core.groups.Tuple.tuple("gone", BenchComparison.Verdict.NOT_MEASURED));
        assertThat(comparison.regressions()).extracting(BenchComparison.Row::name).containsExactly("b");
        assertThat(comparison.table("saved.json"))
            .contains("| b | 1.00x | 0.790x | -21.0% | REGRESSION |")
            .contains("| gone | 2.00x | - | - | not measured |")
            .contains("1 ratio(s) regressed: b");
    }

    @Test
    void shouldPassEverythingAgainstItself()
    {
        final Map<String, Double> ratios = Map.of("x", 3.2, "y", 0.45);

        assertThat(BenchComparison.compare(ratios, ratios, 0.05).regressions()).isEmpty();
    }

    @Test
    void shouldRefuseAThresholdOutsideZeroToOne()
    {
        assertThatThrownBy(() -> BenchComparison.compare(Map.of(), Map.of(), 1.0))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
