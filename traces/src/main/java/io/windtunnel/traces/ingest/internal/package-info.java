/**
 * Helpers shared by the importers of real provider and workload formats: strict decimal parsing, CSV and JSON
 * input that turn malformed bytes into located problems, JSON records that report problems at their members, the
 * record-array layout of provider API responses, reading the pages of a paginated price response into one table,
 * a price-row collector that finds duplicate (key, time) rows and collapses redundant repeats, and merging the
 * problems of several files. Not API.
 */
package io.windtunnel.traces.ingest.internal;
