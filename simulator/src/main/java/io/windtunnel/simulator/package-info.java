/**
 * Windtunnel simulator module. Filled by later work; kept compiling so the module graph is real from the start.
 */
package io.windtunnel.simulator;
