package io.windtunnel.traces.aws;

/**
 * What the AWS Spot Instance Advisor says about one instance type in one region for one operating system.
 * Immutable.
 *
 * @param region         region, e.g. {@code us-east-1}.
 * @param os             operating system as in the feed: {@code Linux} or {@code Windows}.
 * @param instanceType   instance type, e.g. {@code m5.large}.
 * @param savingsPercent savings of spot over on-demand, whole percent ({@code "s"}).
 * @param bucket         frequency-of-interruption bucket ({@code "r"}).
 */
public record SpotAdvisorEntry(
    String region, String os, String instanceType, double savingsPercent, InterruptionBucket bucket)
{
}
