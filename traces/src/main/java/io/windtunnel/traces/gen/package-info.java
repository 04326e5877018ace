/**
 * Synthetic traces: seeded, reproducible generators of load, price and fault series that look like real ones,
 * each producing a normalized {@link io.windtunnel.traces.TraceTable}.
 * <ul>
 *   <li>Load ({@link io.windtunnel.traces.TraceKind#LOAD_RATE}): a {@link io.windtunnel.traces.gen.LoadModel}
 *       ({@link io.windtunnel.traces.gen.ConstantLoad}, {@link io.windtunnel.traces.gen.DiurnalLoad},
 *       {@link io.windtunnel.traces.gen.MmppLoad}, {@link io.windtunnel.traces.gen.FlashCrowdLoad},
 *       {@link io.windtunnel.traces.gen.ScaledLoad}) gives expected counts per client region and interval;
 *       {@link io.windtunnel.traces.gen.LoadTraceGenerator} writes them or Poisson samples of them.</li>
 *   <li>Price ({@link io.windtunnel.traces.TraceKind#PRICE}): {@link io.windtunnel.traces.gen.PriceTraceGenerator}
 *       writes on-demand list prices from an {@link io.windtunnel.traces.gen.OnDemandCatalog} and spot prices from a
 *       {@link io.windtunnel.traces.gen.SpotPriceModel}, which {@link io.windtunnel.traces.gen.SpotCalibrator} can
 *       fit to a real series.</li>
 *   <li>Faults ({@link io.windtunnel.traces.TraceKind#FAULTS}): {@link io.windtunnel.traces.gen.HazardPreemptions},
 *       {@link io.windtunnel.traces.gen.BidPreemptions} and {@link io.windtunnel.traces.gen.RegionOutages}.</li>
 * </ul>
 * <pre>{@code
 * long start = TraceTimes.parseEpochNs("2024-01-01T00:00:00Z", null);
 * TraceTable load = LoadTraceGenerator.generate(
 *     new DiurnalLoad(100, 0.5, 14, 0.7, 0.05), LoadGrid.of(start, TraceDurations.parseNs("2d"), 60_000_000_000L),
 *     RegionMix.parse("us-east:0.5,eu-west:0.3,ap-south:0.2"), CountMode.POISSON, 42);
 * TraceCsvWriter.write(load, Path.of("load.csv"));
 * }</pre>
 * All randomness comes from {@link io.windtunnel.engine.random.RandomStreams} of one seed, split by component and
 * key name, so equal seeds and parameters give bit-identical tables and one key's series does not change when
 * other keys are added. Commons Math samplers and optimizers are driven by those streams or are deterministic.
 * Transcendental functions use {@link java.lang.StrictMath} so results do not depend on the JIT or the CPU.
 * Invalid parameters raise {@link io.windtunnel.traces.gen.GeneratorParameterException} with a message for the
 * user. The models, their equations and sources are in {@code docs/traces.md}, section "Synthetic traces".
 */
package io.windtunnel.traces.gen;
