/**
 * Importer of Google Cloud Compute Engine prices: {@link io.windtunnel.traces.gcp.GcpPriceCsvReader} reads the
 * per machine type and region price tables derived from the Cloud Billing Catalog (the
 * Cyclenerd/google-cloud-pricing-cost-calculator {@code pricing.yml} flattened to CSV), one snapshot or a history
 * of snapshots, into on-demand and spot price rows.
 */
package io.windtunnel.traces.gcp;
