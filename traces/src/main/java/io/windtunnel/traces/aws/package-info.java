/**
 * Importers of Amazon EC2 data:
 * <ul>
 *   <li>{@link io.windtunnel.traces.aws.AwsSpotPriceJsonReader} ({@code aws-spot-json}): the
 *       {@code describe-spot-price-history} JSON response, one page or several;</li>
 *   <li>{@link io.windtunnel.traces.aws.AwsSpotPriceCsvReader} ({@code aws-spot-csv}): the same history exported
 *       to CSV;</li>
 *   <li>{@link io.windtunnel.traces.aws.SpotAdvisorReader}: the Spot Instance Advisor feed, which is not a time
 *       series, into a {@link io.windtunnel.traces.aws.SpotAdvisor} lookup of interruption buckets and the
 *       preemption hazard per instance-hour derived from them;</li>
 *   <li>{@link io.windtunnel.traces.aws.AwsZones}: the region of an availability zone name.</li>
 * </ul>
 * <pre>{@code
 * TraceTable spot = AwsSpotPriceJsonReader.readPages(List.of(page1, page2), ImportOptions.defaults());
 * SpotAdvisor advisor = SpotAdvisorReader.read(Path.of("spot-advisor-data.json"));
 * double hazardPerHour = advisor.hazardPerHour("us-east-1", "Linux", "m5.large");
 * }</pre>
 */
package io.windtunnel.traces.aws;
