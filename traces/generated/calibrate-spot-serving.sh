#!/usr/bin/env bash
# Fits the spot-serving trace models to real data and prints the parameters that traces/generated/regenerate.sh
# writes out. Needs the real series, which are NOT part of this repository (the project never reads them at run or
# test time); by default from ../shared/traces/real beside the repository, or give the folder:
#   traces/generated/calibrate-spot-serving.sh [REAL_TRACES_DIR]
# The folder layout and sources are those of shared/traces/real/README.md:
#   A1 aws-spot-price-c5a2xlarge-useast1-2023/spot_price_history.csv  (AWS API spot history, 5 AZs, 7 weeks)
#   A4 aws-spot-advisor-2024/spot_advisor_flat.csv                      (AWS Spot Instance Advisor, Feb 2024)
#   A5 aws-spot-availability-bamboo-2020/*.csv                           (Bamboo, NSDI'23: measured spot fleets)
#   A6 gcp-prices-cyclenerd/gcp_price_history_selected_2022-02_to_2026-07.csv (GCP Billing Catalog, weekly)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
real="${1:-../shared/traces/real}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

echo "== Spot price models (SpotCalibrator, maximum likelihood; docs/traces.md 'Calibration')"
# AWS: one fit per availability zone of A1, as a ratio to c5a.2xlarge's on-demand list price in us-east-1
# (0.308 USD/h; A1 has no on-demand prices). us-east-1b is not used: its series only drifts upward over the seven
# weeks, and the fit puts its long-run level at the on-demand cap with no reversion (mean ratio 1.0), which would
# describe an instance never worth buying on spot rather than that zone.
for zone in us-east-1c us-east-1d us-east-1e us-east-1f; do
    ./windtunnel trace gen price --catalog traces/generated/catalog-spot-serving.csv --zone us-east-1c \
        --calibrate-from "$real/aws-spot-price-c5a2xlarge-useast1-2023/spot_price_history.csv" \
        --calibrate-key "aws/us-east-1/$zone/c5a.2xlarge" --calibrate-on-demand-usd 0.308 "$out/aws-$zone.csv" \
        | grep '^calibrated'
done
# GCP: the weekly history of n2-standard-4 spot in us-central1 (its own on-demand price from the same file).
# n2-standard-2 is not in A6's history; europe-west1 n2-standard-4 has only 25 distinct spot prices (30 needed).
./windtunnel trace gen price --catalog traces/generated/catalog-spot-serving.csv --provider gcp \
    --calibrate-from "$real/gcp-prices-cyclenerd/gcp_price_history_selected_2022-02_to_2026-07.csv" \
    --calibrate-key gcp/us-central1//n2-standard-4 "$out/gcp.csv" 2>/dev/null | grep '^calibrated'
echo "(GCP's 'changes-per-day 0.000' is 4.6e-10 unrounded: every observed change is fitted as a jump;"
echo " regenerate.sh passes 4.6e-10 because the option must be positive.)"

echo
echo "== Preemption hazards per instance-hour"
# Bamboo fleets: x,y step functions of running instances (x in seconds, the multi-zone p2 trace in hours).
# hazard = instances lost (sum of the drops of y) / instance-hours (integral of y); batch = lost / drop events.
bamboo="$real/aws-spot-availability-bamboo-2020"
hazard() { # file, seconds per x unit, label
    tr -d '\r' < "$1" | awk -F, -v unit="$2" -v label="$3" '
        {x = $1 + 0; y = $2 + 0}
        NR > 1 {hours += py * (x - px) * unit / 3600; if (y < py) {lost += py - y; events++}}
        {px = x; py = y}
        END {printf "%-40s lost %4d in %3d events over %8.1f instance-hours: hazard %.4g /h, batch %.2f\n",
             label, lost, events, hours, lost / hours, lost / events
             printf "%d %d\n", lost, events > "/dev/stderr"}' 2>> "$out/batches"
}
hazard "$bamboo/aws-spot-instances-g4dn-xlarge-us-east-1c-2020-11-20-1930-to-2020-11-21-2200.csv" 1 \
    "g4dn.xlarge us-east-1c (-> aws us-east-1c)"
hazard "$bamboo/aws-spot-instances-g4dn-xlarge-us-east-1d-2020-11-23-1730-to-2020-11-24-1530.csv" 1 \
    "g4dn.xlarge us-east-1d (-> aws us-east-1d)"
hazard "$bamboo/aws-spot-instances-p2-xlarge-us-east-1e-2020-11-23-1700-to-2020-11-24-0700.csv" 1 \
    "p2.xlarge us-east-1e (-> aws us-east-1e)"
hazard "$bamboo/aws-spot-instances-p2-xlarge-2020-11-20-to-2020-11-23.csv" 3600 \
    "p2.xlarge multi-zone (-> gcp us-central1)"
awk '{lost += $1; events += $2} END {printf "pooled mean batch (--mean-batch): %d lost in %d events = %.2f\n",
    lost, events, lost / events}' "$out/batches"
# Spot Advisor: the bucket of m5.large (Linux) in eu-west-1, its midpoint as the monthly interruption probability p,
# hazard = -ln(1 - p) / 730 (docs/traces.md, "AWS Spot Instance Advisor").
grep '^eu-west-1,Linux,m5.large,' "$real/aws-spot-advisor-2024/spot_advisor_flat.csv" | awk -F, '{
    split($6, b, "[-<>%]"); lo = b[1] + 0; hi = b[2] + 0; p = (lo + hi) / 200;
    printf "Spot Advisor m5.large eu-west-1: bucket %s, p = %.3f a month: hazard %.4g /h (-> aws eu-west-1, gcp europe-west1)\n",
        $6, p, -log(1 - p) / 730}'
