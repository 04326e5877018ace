#!/usr/bin/env bash
# Recreates every trace in traces/generated/ exactly: same options, same seeds, same bytes.
#   traces/generated/regenerate.sh        (from anywhere; uses the repository's ./windtunnel launcher)
#
# GeneratedTracesTest (cli module) parses each './windtunnel trace gen' command below, runs it in-process and checks
# that it reproduces its file byte for byte, so these files and the generators cannot drift apart. Keep each command
# plain words (backslash continuations are fine; no quotes, variables or globs) with the output file last.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."

# Client load: 2 days (Mon-Tue) at 1-minute steps, 20 requests/s in total over three client regions, each peaking at
# 14:00 local time; Poisson counts, like a request log.
./windtunnel trace gen load-diurnal --start 2024-01-01T00:00:00Z --duration 2d --step 1m --seed 11 \
    --regions us-east:0.5,eu-west:0.3,ap-south:0.2 --mean-rate 20 --amplitude 0.5 --peak-hour 14 \
    --weekend-factor 0.7 --noise 0.05 --counts poisson \
    traces/generated/load-diurnal-3regions-2d.csv

# Prices: on-demand list prices and spot prices for the built-in catalog (aws, azure, gcp x 2 regions x 2 types).
./windtunnel trace gen price --start 2024-01-01T00:00:00Z --duration 2d --seed 21 \
    --mean-ratio 0.35 --reversion-per-day 1.0 --volatility 0.15 --changes-per-day 4 --jumps-per-day 0.1 \
    --jump-mean 0.5 --decimals 4 \
    traces/generated/prices-3providers-2d.csv

# Spot preemptions of 50-instance fleets at illustrative, deliberately busy hazards (per instance-hour).
./windtunnel trace gen faults-hazard --start 2024-01-01T00:00:00Z --duration 2d --seed 31 \
    --fleet aws/us-east-1/m5.large:50@0.004 --fleet azure/westeurope/Standard_D2s_v3:50@0.003 \
    --fleet gcp/us-central1/n2-standard-2:50@0.006 --mean-batch 2 \
    traces/generated/faults-spot-hazard-2d.csv

# One outage of aws/eu-west-1 (MTBF 2 days, MTTR 90 minutes; the seed is one whose window holds exactly one).
./windtunnel trace gen faults-outage --start 2024-01-01T00:00:00Z --duration 2d --seed 4 \
    --target aws/eu-west-1 --mtbf 2d --mttr 90m \
    traces/generated/faults-region-outage-2d.csv
