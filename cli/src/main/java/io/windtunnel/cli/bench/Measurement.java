package io.windtunnel.cli.bench;

/**
 * One benchmark's result, as the gate keeps it.
 *
 * @param key        {@code Class.method} with its JMH parameters, e.g. {@code HoldBenchmark.engine(pending=1000)}.
 * @param mode       JMH's mode: {@code thrpt} (higher is faster) or {@code avgt}, {@code sample}, {@code ss} (time
 *                   per operation: lower is faster).
 * @param score      the score in {@code unit}; for a benchmark with a {@code requests} counter, requests per second.
 * @param error      JMH's 99.9% error half-width in {@code unit}, NaN when it has none (one iteration).
 * @param unit       the score's unit.
 * @param bytesPerOp bytes allocated per operation ({@code -prof gc}'s {@code gc.alloc.rate.norm}; per request for a
 *                   benchmark with a {@code requests} counter), NaN when not measured.
 */
public record Measurement(String key, String mode, double score, double error, String unit, double bytesPerOp)
{
    /**
     * @return how fast, higher is faster: the score for throughput, its inverse for a time per operation.
     */
    public double speed()
    {
        return "thrpt".equals(mode) ? score : 1.0 / score;
    }
}
