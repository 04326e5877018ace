/**
 * Storage placement's model: where a data set may be stored (locations with their prices) and how large it is over
 * time. The storage policies (slot {@code storage}) choose which locations hold it; the request path reads from the
 * nearest holder (see {@link io.windtunnel.simulator.transfer.TransferModel}).
 */
package io.windtunnel.simulator.storage;
