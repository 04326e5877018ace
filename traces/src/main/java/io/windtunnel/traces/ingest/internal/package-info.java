/**
 * Helpers shared by the importers of real provider and workload formats: strict decimal parsing, CSV and JSON
 * input that turn malformed bytes into located problems, a price-row collector that finds duplicate
 * (key, time) rows and collapses redundant repeats, and merging the problems of several files. Not API.
 */
package io.windtunnel.traces.ingest.internal;
