/**
 * Importer of Microsoft Azure prices: {@link io.windtunnel.traces.azure.AzureRetailPriceReader}
 * ({@code azure-retail-json}) reads pages of the Azure Retail Prices API into virtual machine pay-as-you-go and
 * spot price rows.
 */
package io.windtunnel.traces.azure;
