package io.windtunnel.traces.ingest;

import io.windtunnel.traces.TraceFormats;
import io.windtunnel.traces.TraceReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RealFormatDetectionTest
{
    @ParameterizedTest
    @CsvSource({
        "aws-spot-price-c5a2xlarge-useast1-2023/spot_price_history.csv, aws-spot-csv",
        "aws-spot-api-sample-2016/describe-spot-price-history.json, aws-spot-json",
        "gcp-prices-cyclenerd/gcp_instance_prices_snapshot_2026-07-30.csv, gcp-prices-csv",
        "gcp-prices-cyclenerd/gcp_price_history_selected_2022-02_to_2026-07.csv, gcp-prices-csv",
        "load-worldcup98-per-minute/worldcup98_requests_per_minute.csv, worldcup98-csv",
        "load-azure-llm-inference-2023/AzureLLMInferenceTrace_conv.csv, azure-llm-csv",
        "azure-retail-spot-swedencentral/spot_prices.csv, azure-spot-csv"})
    void shouldDetectRealSampleWhenPresent(final String file, final String format) throws Exception
    {
        final int slash = file.indexOf('/');
        final Path path = RealFixtures.realSample(file.substring(0, slash)).resolve(file.substring(slash + 1));

        assertThat(TraceFormats.detect(path).formatName()).isEqualTo(format);
    }

    @ParameterizedTest
    @CsvSource({
        "aws-spot-availability-bamboo-2020/aws-spot-instances-p2-xlarge-2020-11-20-to-2020-11-23.csv",
        "aws-spot-advisor-2024/spot-advisor-data.json",
        "aws-spot-api-sample-2016/describe-regions.json"})
    void shouldClaimNoFormatWhenRealFileIsNotATraceOrHasNoHeader(final String file)
    {
        final int slash = file.indexOf('/');
        final Path path = RealFixtures.realSample(file.substring(0, slash)).resolve(file.substring(slash + 1));

        assertThatThrownBy(() -> TraceFormats.detect(path)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("format not recognized");
    }

    @Test
    void shouldRegisterEveryRealFormatWithDescription()
    {
        for (final String name : new String[]{"aws-spot-json", "aws-spot-csv", "azure-retail-json", "gcp-prices-csv",
            "spot-availability", "counts", "worldcup98-csv", "azure-llm-csv", "azure-spot-csv"})
        {
            final TraceReader reader = TraceFormats.byName(name);
            assertThat(reader.formatName()).isEqualTo(name);
            assertThat(reader.description()).isNotBlank().isNotEqualTo(name);
        }
    }
}
