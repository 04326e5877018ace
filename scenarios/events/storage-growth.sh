#!/usr/bin/env bash
# Recreates scenarios/events/storage-growth-8h.csv exactly: the data set of scenarios/storage-placement.yaml grows
# by 15 GB an hour from its 300 GB at the start (the scenario's storage.data.size), one step per hour from 1h to 7h.
#   scenarios/events/storage-growth.sh       (from anywhere)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
awk 'BEGIN {
    print "# The data set of scenarios/storage-placement.yaml: its size from each offset on (storage-growth.sh)."
    print "time,size"
    for (h = 1; h <= 7; h++) printf "%dh,%d GB\n", h, 300 + 15 * h
}' > storage-growth-8h.csv
