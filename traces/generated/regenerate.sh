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

# One client region, 3 days (Mon-Wed), 15 requests/s on average with a deep night trough (peak/trough about 12,
# peak at 15:00 UTC): the autoscaler comparison (scenarios/autoscalers.yaml).
./windtunnel trace gen load-diurnal --start 2024-01-01T00:00:00Z --duration 3d --step 1m --seed 12 \
    --regions users:1@0 --mean-rate 15 --amplitude 0.85 --peak-hour 15 --weekend-factor 0.7 --noise 0.05 \
    --counts poisson traces/generated/load-diurnal-1region-3d.csv

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

# --- spot-serving (scenarios/spot-serving.yaml) ---------------------------------------------------------------------
# Spot prices per zone and spot preemptions for aws us-east-1 and eu-west-1 (m5.large) and gcp us-central1 and
# europe-west1 (n2-standard-2), three zones each, over the same two days. The model parameters below were fitted to
# real series by traces/generated/calibrate-spot-serving.sh (which needs the real data, not shipped; see README.md
# "spot-serving"); they are written out here so that regenerating needs nothing but this repository.

# aws us-east-1c, 1d, 1e: each zone's spot model is fitted to that availability zone's own real series (c5a.2xlarge
# us-east-1, Nov-Dec 2023, as a ratio to its on-demand price 0.308 USD/h), applied to m5.large's list price.
./windtunnel trace gen price --start 2024-01-01T00:00:00Z --duration 2d --seed 51 \
    --catalog traces/generated/catalog-spot-serving.csv --zone us-east-1c \
    --mean-ratio 0.5496 --reversion-per-day 0.0434 --volatility 0.0076 --changes-per-day 3.508 \
    --jumps-per-day 0.0000 --jump-mean 0.0002 --decimals 4 \
    traces/generated/spot-serving-prices-aws-us-east-1c.csv
./windtunnel trace gen price --start 2024-01-01T00:00:00Z --duration 2d --seed 52 \
    --catalog traces/generated/catalog-spot-serving.csv --zone us-east-1d \
    --mean-ratio 0.6724 --reversion-per-day 0.0109 --volatility 0.0083 --changes-per-day 3.445 \
    --jumps-per-day 0.0000 --jump-mean 0.0002 --decimals 4 \
    traces/generated/spot-serving-prices-aws-us-east-1d.csv
./windtunnel trace gen price --start 2024-01-01T00:00:00Z --duration 2d --seed 53 \
    --catalog traces/generated/catalog-spot-serving.csv --zone us-east-1e \
    --mean-ratio 0.4971 --reversion-per-day 0.0207 --volatility 0.0102 --changes-per-day 3.647 \
    --jumps-per-day 0.0000 --jump-mean 0.0002 --decimals 4 \
    traces/generated/spot-serving-prices-aws-us-east-1e.csv

# aws eu-west-1a, 1b, 1c: no real European AWS spot history is at hand; the fit of us-east-1f (the fourth usable real
# zone) is transferred, each zone drawing its own path.
./windtunnel trace gen price --start 2024-01-01T00:00:00Z --duration 2d --seed 54 \
    --catalog traces/generated/catalog-spot-serving.csv --region eu-west-1 \
    --mean-ratio 0.4942 --reversion-per-day 0.0821 --volatility 0.0120 --changes-per-day 3.463 \
    --jumps-per-day 0.0000 --jump-mean 0.0053 --decimals 4 \
    traces/generated/spot-serving-prices-aws-eu-west-1.csv

# gcp us-central1 and europe-west1, three zones each: fitted to the real weekly history of n2-standard-4 spot in
# us-central1 (2023-05 to 2026-07; GCP re-prices spot rarely, so two days seldom see a change), applied to
# n2-standard-2's list price; each zone draws its own path. The fit explains every observed change as a jump (the
# ordinary re-quote rate comes out at 4.6e-10 a day; the option must be positive).
./windtunnel trace gen price --start 2024-01-01T00:00:00Z --duration 2d --seed 55 \
    --catalog traces/generated/catalog-spot-serving.csv --provider gcp \
    --mean-ratio 0.2714 --reversion-per-day 0.0051 --volatility 0.0156 --changes-per-day 4.6e-10 \
    --jumps-per-day 0.0246 --jump-mean 0.0333 --decimals 6 \
    traces/generated/spot-serving-prices-gcp.csv

# Preemptions: 8-instance spot pools per zone (about the fleet a stack keeps in one zone) at hazards per
# instance-hour measured on real spot fleets (Bamboo, AWS us-east-1, Nov 2020: g4dn.xlarge in 1c and 1d, p2.xlarge in
# 1e and over several zones) or derived from AWS Spot Advisor's interruption bucket of m5.large in eu-west-1 (5-10%
# a month: -ln(1 - 0.075) / 730); batches of mean 1.9, the measured instances lost per loss event. GCP publishes no
# interruption rates: us-central1 takes the multi-zone p2.xlarge rate, europe-west1 the Spot Advisor one.
./windtunnel trace gen faults-hazard --start 2024-01-01T00:00:00Z --duration 2d --seed 56 \
    --fleet aws/us-east-1/us-east-1c/m5.large:8@0.4257 --fleet aws/us-east-1/us-east-1d/m5.large:8@1.620 \
    --fleet aws/us-east-1/us-east-1e/m5.large:8@0.01584 --fleet aws/eu-west-1/eu-west-1a/m5.large:8@0.0001068 \
    --fleet aws/eu-west-1/eu-west-1b/m5.large:8@0.0001068 --fleet aws/eu-west-1/eu-west-1c/m5.large:8@0.0001068 \
    --fleet gcp/us-central1/us-central1-a/n2-standard-2:8@0.1294 \
    --fleet gcp/us-central1/us-central1-b/n2-standard-2:8@0.1294 \
    --fleet gcp/us-central1/us-central1-c/n2-standard-2:8@0.1294 \
    --fleet gcp/europe-west1/europe-west1-b/n2-standard-2:8@0.0001068 \
    --fleet gcp/europe-west1/europe-west1-c/n2-standard-2:8@0.0001068 \
    --fleet gcp/europe-west1/europe-west1-d/n2-standard-2:8@0.0001068 --mean-batch 1.9 \
    traces/generated/spot-serving-preemptions.csv
