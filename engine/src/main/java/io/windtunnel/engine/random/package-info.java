/**
 * Seeded random streams, split per component from one scenario seed (common random numbers).
 */
package io.windtunnel.engine.random;
