/**
 * Runs every policy stack of a scenario for N replications on a thread pool with common random numbers, and
 * summarizes them with Student-t confidence intervals. Results do not depend on the number of threads.
 */
package io.windtunnel.simulator.runner;
