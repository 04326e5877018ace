/**
 * Importers of measured workload and availability data, where times are relative or the provider is not named:
 * <ul>
 *   <li>{@link io.windtunnel.traces.measured.SpotAvailabilityReader} ({@code spot-availability}): measured spot
 *       fleet sizes as a headerless {@code x,y} step function, to capacity faults;</li>
 *   <li>{@link io.windtunnel.traces.measured.CountsReader} ({@code counts}): one request count per line at a
 *       declared start and step, to a load rate;</li>
 *   <li>{@link io.windtunnel.traces.measured.WorldCup98Reader} ({@code worldcup98-csv}): {@code period,count}
 *       request counts such as WorldCup98 per minute, to a load rate;</li>
 *   <li>{@link io.windtunnel.traces.measured.AzureLlmInferenceReader} ({@code azure-llm-csv}): Azure LLM
 *       inference request logs, to arrivals.</li>
 * </ul>
 * Headerless formats cannot be recognized from their bytes; users name them.
 */
package io.windtunnel.traces.measured;
