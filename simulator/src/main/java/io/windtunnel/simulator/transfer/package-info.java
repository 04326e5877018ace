/**
 * Bytes on the wire: request, response and data-set read sizes, the link classes a transfer crosses, transfer prices
 * per GB (with tiers by monthly volume) and bandwidth, and a run's ledger of GB moved and transfer cost per class.
 */
package io.windtunnel.simulator.transfer;
