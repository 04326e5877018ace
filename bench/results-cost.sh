#!/usr/bin/env bash
# The cost of writing a run's results, through the real `windtunnel run` path (docs/performance.md, "Result files").
# For each duration: bench/scenarios/results-cost.yaml with that duration, one stack, one replication, --threads 1,
# timed by the CLI itself (simulation; writing the result folder), /usr/bin/time (peak RSS) and the GC log (largest
# heap after a collection). Prints one table row per duration.
#   bench/results-cost.sh 1d 30d 365d
#   JAR=/path/to/other/windtunnel.jar bench/results-cost.sh 1d        # time another build (its run must print
#                                                                    # "wrote DIR in N s")
# Extra JVM options: JAVA_OPTS="-Xmx4g" bench/results-cost.sh ...
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
jar="${JAR:-$root/cli/target/windtunnel.jar}"
if [ -z "${JAR:-}" ]; then
    "$root/windtunnel" --version > /dev/null    # builds the jar if the sources changed
fi
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

echo "| duration | simulated requests | simulation (s) | writing (s) | writing / simulation | peak RSS (MB) | max heap after GC (MB) | timeseries.csv (MB) | latency.hlog (MB) |"
echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
for duration in "$@"; do
    scenario="$work/results-cost-$duration.yaml"
    sed "s/^duration: .*/duration: $duration/" "$root/bench/scenarios/results-cost.yaml" > "$scenario"
    out="$work/out-$duration"
    # shellcheck disable=SC2086
    /usr/bin/time -v -o "$work/time.txt" java --add-exports java.base/jdk.internal.misc=ALL-UNNAMED \
        -Xlog:gc:file="$work/gc.log" ${JAVA_OPTS:-} -jar "$jar" run "$scenario" --threads 1 --out "$out" \
        > "$work/stdout.txt"
    line="$(grep -E 'simulated requests in' "$work/stdout.txt")"
    requests="$(sed -E 's/.* ([0-9,]+) simulated requests in ([0-9.]+) s.*/\1/' <<< "$line")"
    simulation="$(sed -E 's/.* simulated requests in ([0-9.]+) s.*/\1/' <<< "$line")"
    writing="$(grep -E '^wrote ' "$work/stdout.txt" | sed -E 's/.* in ([0-9.]+) s .*/\1/')"
    rss_kb="$(grep 'Maximum resident set size' "$work/time.txt" | awk '{print $NF}')"
    heap_mb="$(grep -oE '[0-9]+M->[0-9]+M' "$work/gc.log" | sed -E 's/.*->([0-9]+)M/\1/' | sort -n | tail -1)"
    csv_mb="$(stat -c %s "$out/timeseries.csv" | awk '{printf "%.1f", $1 / 1e6}')"
    hlog_mb="$(stat -c %s "$out/latency.hlog" | awk '{printf "%.1f", $1 / 1e6}')"
    share="$(awk -v w="$writing" -v s="$simulation" 'BEGIN {printf "%.1f%%", 100 * w / s}')"
    echo "| $duration | $requests | $simulation | $writing | $share | $((rss_kb / 1024)) | ${heap_mb:-none} | $csv_mb | $hlog_mb |"
    rm -rf "$out"
done
