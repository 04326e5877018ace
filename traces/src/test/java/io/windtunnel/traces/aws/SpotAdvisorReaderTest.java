package io.windtunnel.traces.aws;

import io.windtunnel.traces.TraceFormatException;
import io.windtunnel.traces.TraceProblem;
import io.windtunnel.traces.ingest.RealFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.fail;
import static org.assertj.core.api.Assertions.within;

class SpotAdvisorReaderTest
{
    @TempDir
    Path tempDir;

    @Test
    void shouldReadBucketsFromLabelsWhenFixtureValid() throws Exception
    {
        final SpotAdvisor advisor = SpotAdvisorReader.read(RealFixtures.fixture("aws/spot-advisor-data.json"));

        assertThat(advisor.buckets()).extracting(InterruptionBucket::label)
            .containsExactly("<5%", "5-10%", "10-15%", "15-20%", ">20%");
        assertThat(advisor.buckets()).extracting(InterruptionBucket::lowerPercent).containsExactly(0.0, 5.0, 10.0, 15.0,
            20.0);
        assertThat(advisor.buckets()).extracting(InterruptionBucket::upperPercent).containsExactly(5.0, 10.0, 15.0,
            20.0, Double.POSITIVE_INFINITY);
        assertThat(advisor.buckets()).extracting(InterruptionBucket::maxPercent).containsExactly(5.0, 11.0, 16.0,
            22.0, 100.0);
        assertThat(advisor.size()).isEqualTo(6);
        assertThat(advisor.regions()).containsExactly("eu-west-1", "us-east-1");
        assertThat(advisor.globalRate()).isEqualTo("<10%");
        assertThat(advisor.instanceType("t3.micro")).isEqualTo(new SpotAdvisor.InstanceSpec(2, 1.0, false));
        assertThat(advisor.instanceTypes()).hasSize(4);
    }

    @Test
    void shouldLookUpEntriesCaseInsensitivelyByOsWhenPresent() throws Exception
    {
        final SpotAdvisor advisor = SpotAdvisorReader.read(RealFixtures.fixture("aws/spot-advisor-data.json"));

        final SpotAdvisorEntry entry = advisor.entry("us-east-1", "linux", "m5.large");
        assertThat(entry.savingsPercent()).isEqualTo(58.0);
        assertThat(entry.bucket().label()).isEqualTo("10-15%");
        assertThat(advisor.bucketIndex("us-east-1", "Windows", "m5.large")).isEqualTo(2);
        assertThat(advisor.bucketIndex("eu-west-1", "Windows", "m5.large")).isEqualTo(-1);
        assertThat(advisor.entry("ap-south-1", "Linux", "m5.large")).isNull();
    }

    @Test
    void shouldConvertBucketMidpointToHazardPerHourWhenAsked() throws Exception
    {
        final SpotAdvisor advisor = SpotAdvisorReader.read(RealFixtures.fixture("aws/spot-advisor-data.json"));

        assertThat(advisor.monthlyProbability("us-east-1", "Linux", "c5.xlarge")).isEqualTo(0.025);
        assertThat(advisor.hazardPerHour("us-east-1", "Linux", "c5.xlarge"))
            .isCloseTo(-Math.log(0.975) / 730, within(1e-15)).isCloseTo(3.468e-5, within(1e-8));
        assertThat(advisor.hazardPerHour("eu-west-1", "Linux", "m5.large"))
            .isCloseTo(-Math.log(1 - 0.075) / 730, within(1e-15));
        assertThat(advisor.openBucketMonthlyProbability()).isCloseTo(0.225, within(1e-12));
        assertThat(advisor.hazardPerHour("us-east-1", "Linux", "g4dn.xlarge"))
            .isCloseTo(-Math.log(1 - 0.225) / 730, within(1e-15)).isCloseTo(3.49e-4, within(1e-6));
        final SpotAdvisor pessimistic = advisor.withOpenBucketMonthlyProbability(0.5);
        assertThat(pessimistic.hazardPerHour("us-east-1", "Linux", "g4dn.xlarge"))
            .isCloseTo(Math.log(2) / 730, within(1e-15));
        assertThat(pessimistic.hazardPerHour("us-east-1", "Linux", "c5.xlarge"))
            .isEqualTo(advisor.hazardPerHour("us-east-1", "Linux", "c5.xlarge"));
    }

    @Test
    void shouldMakeHazardIncreaseWithBucketAndMatchProbabilityOverMonthWhenComputed()
    {
        double previous = -1;
        for (double p = 0; p < 0.99; p += 0.01)
        {
            final double hazard = SpotAdvisor.hazardPerHour(p);
            assertThat(hazard).isGreaterThan(previous);
            assertThat(1 - Math.exp(-hazard * SpotAdvisor.HOURS_PER_MONTH)).isCloseTo(p, within(1e-12));
            previous = hazard;
        }
        assertThatThrownBy(() -> SpotAdvisor.hazardPerHour(1.0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SpotAdvisor.hazardPerHour(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldNameMissingEntryWhenHazardUnknown() throws Exception
    {
        final SpotAdvisor advisor = SpotAdvisorReader.read(RealFixtures.fixture("aws/spot-advisor-data.json"));

        assertThatThrownBy(() -> advisor.hazardPerHour("us-east-1", "Linux", "x9.huge"))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("x9.huge (Linux) in us-east-1");
        assertThatThrownBy(() -> advisor.hazardPerHour("mars-1", "Linux", "m5.large"))
            .hasMessageContaining("known regions: [eu-west-1, us-east-1]");
    }

    @Test
    void shouldParseLabelBoundsWhenInPublishedForms()
    {
        assertThat(SpotAdvisorReader.bounds("<5%")).containsExactly(0, 5);
        assertThat(SpotAdvisorReader.bounds("15-20%")).containsExactly(15, 20);
        assertThat(SpotAdvisorReader.bounds(" > 20 % ")).containsExactly(20, Double.POSITIVE_INFINITY);
        assertThatThrownBy(() -> SpotAdvisorReader.bounds("high")).hasMessageContaining("expected <a%, a-b% or >a%");
        assertThatThrownBy(() -> SpotAdvisorReader.bounds("10-5%")).hasMessageContaining("empty");
    }

    @Test
    void shouldReportEveryProblemWithPointerWhenFeedIsWrong() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("bad-advisor.json"), """
            {
              "instance_types": {"m5.large": {"emr": true, "cores": 0, "ram_gb": 8}},
              "spot_advisor": {
                "us-east-1": {
                  "Linux": {
                    "m5.large": {"s": 58, "r": 7},
                    "c5.large": {"s": 140, "r": 1},
                    "t3.nano": {"s": "high", "r": 1},
                    "t3.micro": {"r": 1.5, "s": 10}
                  },
                  "Windows": []
                }
              },
              "ranges": [
                {"index": 0, "label": "<5%", "max": 5},
                {"index": 1, "label": "often", "max": 11},
                {"index": 0, "label": "5-10%", "max": 11}
              ]
            }
            """);

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> SpotAdvisorReader.read(file));

        final Map<String, TraceProblem> byPointer = new HashMap<>();
        e.problems().forEach(problem -> byPointer.put(problem.jsonPath(), problem));
        assertThat(byPointer).containsOnlyKeys(
            "/instance_types/m5.large/cores",
            "/spot_advisor/us-east-1/Linux/m5.large/r",
            "/spot_advisor/us-east-1/Linux/c5.large/s",
            "/spot_advisor/us-east-1/Linux/t3.nano/s",
            "/spot_advisor/us-east-1/Linux/t3.micro/r",
            "/spot_advisor/us-east-1/Windows",
            "/ranges/1/label",
            "/ranges/2/index");
        assertThat(byPointer.get("/instance_types/m5.large/cores").message()).contains("at least 1");
        assertThat(byPointer.get("/spot_advisor/us-east-1/Linux/c5.large/s").message()).contains("between 0 and 100");
        assertThat(byPointer.get("/spot_advisor/us-east-1/Linux/t3.micro/r").line()).isEqualTo(9);
        assertThat(byPointer.get("/ranges/2/index").message()).contains("used twice");
        assertThat(e.getMessage()).contains("bad-advisor.json:");
    }

    @Test
    void shouldReportUnknownBucketOnceRangesAreKnownWhenRangesComeLast() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("r.json"), """
            {"spot_advisor": {"us-east-1": {"Linux": {"m5.large": {"s": 58, "r": 7}}}},
             "ranges": [{"index": 0, "label": "<5%", "max": 5}]}
            """);

        final TraceFormatException e = catchThrowableOfType(TraceFormatException.class,
            () -> SpotAdvisorReader.read(file));

        assertThat(e.problems()).singleElement().satisfies(problem ->
        {
            assertThat(problem.jsonPath()).isEqualTo("/spot_advisor/us-east-1/Linux/m5.large/r");
            assertThat(problem.message()).isEqualTo("no range has index 7");
        });
    }

    @Test
    void shouldRequireRangesAndAdvisorWhenMissing() throws Exception
    {
        final Path file = Files.writeString(tempDir.resolve("empty-object.json"), "{\"global_rate\": \"<10%\"}");

        assertThatThrownBy(() -> SpotAdvisorReader.read(file)).isInstanceOf(TraceFormatException.class)
            .hasMessageContaining("field 'ranges': missing").hasMessageContaining("field 'spot_advisor': missing");
        assertThatThrownBy(() -> SpotAdvisorReader.read(Files.write(tempDir.resolve("empty"), new byte[0])))
            .isInstanceOf(TraceFormatException.class).hasMessageContaining("file is empty");
        assertThatThrownBy(() -> SpotAdvisorReader.read(tempDir.resolve("absent.json")))
            .isInstanceOf(NoSuchFileException.class);
    }

    @Test
    void shouldOnlyThrowFormatErrorsWhenFeedTruncatedOrCorrupted() throws Exception
    {
        final byte[] valid = Files.readAllBytes(RealFixtures.fixture("aws/spot-advisor-data.json"));
        final SplittableRandom random = new SplittableRandom(7331);
        for (int i = 0; i < 200; i++)
        {
            final byte[] bytes;
            if (i % 2 == 0)
            {
                bytes = Arrays.copyOf(valid, random.nextInt(valid.length + 1));
            }
            else
            {
                bytes = valid.clone();
                for (int f = 1 + random.nextInt(8); f > 0; f--)
                {
                    bytes[random.nextInt(bytes.length)] = (byte)random.nextInt(256);
                }
            }
            final String name = "mutant-" + i;
            final Path file = Files.write(tempDir.resolve(name), bytes);
            try
            {
                SpotAdvisorReader.read(file);
            }
            catch (final TraceFormatException e)
            {
                assertThat(e.problems()).isNotEmpty().allSatisfy(p -> assertThat(p.file()).contains(name));
            }
            catch (final Exception | Error e)
            {
                fail("mutant " + i + " threw " + e, e);
            }
        }
    }

    @Test
    void shouldMatchRealFeedFactsWhenSamplePresent() throws Exception
    {
        final Path file = RealFixtures.realSample("aws-spot-advisor-2024").resolve("spot-advisor-data.json");

        final SpotAdvisor advisor = SpotAdvisorReader.read(file);

        // README A4: 770 instance types, five buckets <5% .. >20% with max 5, 11, 16, 22, 100, 29 regions,
        // 20,887 entries: 11,948 Linux and 8,939 Windows; global_rate <10%.
        assertThat(advisor.instanceTypes()).hasSize(770);
        assertThat(advisor.buckets()).extracting(InterruptionBucket::label)
            .containsExactly("<5%", "5-10%", "10-15%", "15-20%", ">20%");
        assertThat(advisor.buckets()).extracting(InterruptionBucket::maxPercent)
            .containsExactly(5.0, 11.0, 16.0, 22.0, 100.0);
        assertThat(advisor.regions()).hasSize(29);
        assertThat(advisor.size()).isEqualTo(20_887);
        assertThat(advisor.entries().stream().filter(e -> e.os().equals("Linux")).count()).isEqualTo(11_948);
        assertThat(advisor.entries().stream().filter(e -> e.os().equals("Windows")).count()).isEqualTo(8_939);
        assertThat(advisor.globalRate()).isEqualTo("<10%");
        for (final SpotAdvisorEntry entry : advisor.entries())
        {
            final double hazard = advisor.hazardPerHour(entry.region(), entry.os(), entry.instanceType());
            assertThat(hazard).isBetween(SpotAdvisor.hazardPerHour(0.025), SpotAdvisor.hazardPerHour(0.225));
        }
        assertThat(List.copyOf(advisor.regions())).contains("us-east-1", "eu-west-1", "ap-northeast-1");
    }
}
