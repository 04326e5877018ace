#!/usr/bin/env bash
# Recreates traces/generated/load-edge-iot-1d.csv exactly: device traffic for scenarios/edge-iot.yaml.
#   traces/generated/edge-iot-load.sh        (from anywhere; uses the repository's ./windtunnel launcher)
#
# Nine small client regions (device groups) around three edge sites: a diurnal pattern (load-diurnal, 100 requests/s
# on average over all nine, peak/trough 3 at 13:00 local time) plus independent bursts per region (load-mmpp: off,
# then 200 requests/s split by the same shares for 15 minutes on average, every 3 hours on average), summed row by
# row. Both generators write expected counts (the simulator draws the arrivals) on the same 5-minute grid and in the
# same row order; the sum keeps the span and step lines. It is a separate script, not part of regenerate.sh, because
# GeneratedTracesTest runs that script's commands one by one and this file is the sum of two of them; the test checks
# this file by running the two commands below (read from this script) and summing them as the awk does.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

regions=fra-1:0.12@1,fra-2:0.11@1,fra-3:0.10@1,lagos-metro:0.12@1,lagos-cell-1:0.11@1,lagos-cell-2:0.10@1,nairobi-1:0.12@3,nairobi-2:0.11@3,nairobi-3:0.11@3
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

./windtunnel trace gen load-diurnal --start 2024-01-01T00:00:00Z --duration 1d --step 5m --seed 61 \
    --regions "$regions" --mean-rate 100 --amplitude 0.5 --peak-hour 13 --weekend-factor 1 --noise 0.05 \
    "$tmp/diurnal.csv"
./windtunnel trace gen load-mmpp --start 2024-01-01T00:00:00Z --duration 1d --step 5m --seed 62 \
    --regions "$regions" --base-rate 0 --burst-rate 200 --mean-base 3h --mean-burst 15m \
    "$tmp/bursts.csv"

# Same grid, same order: add the third column of each data row, check that time and region agree.
paste -d, "$tmp/diurnal.csv" "$tmp/bursts.csv" | awk -F, '
    /^#/ { sub(/,#.*/, ""); print; next }
    $1 == "time" { print "time,region,requests"; next }
    $1 != $4 || $2 != $5 { print "rows differ: " $0 > "/dev/stderr"; exit 1 }
    { printf "%s,%s,%.3f\n", $1, $2, $3 + $6 }' > traces/generated/load-edge-iot-1d.csv
