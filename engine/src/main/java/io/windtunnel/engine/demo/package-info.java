/**
 * A small M/M/c model on the engine and the Erlang C formulas to check it against; the engine's end-to-end demo.
 */
package io.windtunnel.engine.demo;
