package io.windtunnel.simulator.scenario;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class YamlNodeTest
{
    private static YamlNode parse(final String yaml) throws ScenarioException
    {
        return YamlNode.parse("s.yaml", yaml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shouldReadAliasAsTheAnchoredValueWhenScalarIsAliased() throws Exception
    {
        final YamlNode root = parse(String.join("\n",
            "fast: &fast 5ms",
            "network:",
            "  jitter: *fast",
            ""));

        final YamlNode jitter = root.get("network").get("jitter");
        assertThat(jitter.text()).isEqualTo("5ms");
        assertThat(jitter.asDurationNs()).isEqualTo(5_000_000L);
        assertThat(jitter.path()).isEqualTo("network.jitter");
        // The line where the text is written; the message says where the alias is.
        assertThat(jitter.line()).isEqualTo(1);
        assertThat(jitter.error("bad").getMessage())
            .isEqualTo("s.yaml:1: key 'network.jitter': bad (through alias *fast at line 3)");
    }

    @Test
    void shouldGiveEachUseOfAnAliasedMappingItsOwnPath() throws Exception
    {
        final YamlNode root = parse(String.join("\n",
            "stacks:",
            "  - name: a",
            "    autoscaler: &auto",
            "      type: target-utilization",
            "      target: 0.6",
            "  - name: b",
            "    autoscaler: *auto",
            ""));

        final YamlNode second = root.get("stacks").items().get(1).get("autoscaler");
        assertThat(second.get("target").path()).isEqualTo("stacks[1].autoscaler.target");
        assertThat(second.get("target").text()).isEqualTo("0.6");
        assertThat(second.get("target").line()).isEqualTo(5);
        assertThat(second.get("target").error("x").getMessage()).endsWith("(through alias *auto at line 7)");
        assertThat(root.scalars()).containsExactly(
            Map.entry("stacks[0].name", "a"),
            Map.entry("stacks[0].autoscaler.type", "target-utilization"),
            Map.entry("stacks[0].autoscaler.target", "0.6"),
            Map.entry("stacks[1].name", "b"),
            Map.entry("stacks[1].autoscaler.type", "target-utilization"),
            Map.entry("stacks[1].autoscaler.target", "0.6"));
    }

    @Test
    void shouldKeepOwnKeysAndPreferEarlierMappingsWhenMergingAList() throws Exception
    {
        final YamlNode root = parse(String.join("\n",
            "a: &a {x: 1, y: 2}",
            "b: &b {y: 3, z: 4}",
            "c:",
            "  w: 0",
            "  <<: [*a, *b]",
            "  x: 9",
            ""));

        final YamlNode c = root.get("c");
        assertThat(c.entries().keySet()).containsExactly("w", "y", "z", "x");
        assertThat(c.get("x").text()).isEqualTo("9");
        assertThat(c.get("y").text()).isEqualTo("2");
        assertThat(c.get("z").text()).isEqualTo("4");
        assertThat(c.get("z").line()).isEqualTo(2);
        assertThat(c.get("z").error("bad").getMessage())
            .isEqualTo("s.yaml:2: key 'c.z': bad (merged from *b by '<<' at line 5)");
        assertThat(root.scalars()).containsEntry("c.y", "2").doesNotContainKey("c.<<");
    }

    @Test
    void shouldMergeSingleAliasInlineMappingAndNestedMerges() throws Exception
    {
        final YamlNode root = parse(String.join("\n",
            "base: &base {type: fixed, replicas: 2}",
            "more: &more {<<: *base, replicas: 3}",
            "one: {<<: *more}",
            "two: {<<: {type: inline}, replicas: 1}",
            ""));

        assertThat(root.get("one").get("type").text()).isEqualTo("fixed");
        assertThat(root.get("one").get("replicas").text()).isEqualTo("3");
        assertThat(root.get("one").get("type").error("x").getMessage())
            .endsWith("(merged from *more by '<<' at line 3; merged from *base by '<<' at line 2)");
        assertThat(root.get("two").get("type").text()).isEqualTo("inline");
        assertThat(root.get("two").get("replicas").text()).isEqualTo("1");
    }

    @Test
    void shouldNameBothLinesWhenKeyIsRepeated() throws Exception
    {
        assertThatThrownBy(() -> parse("stacks: []\nname: x\nstacks: [a]\n"))
            .isInstanceOf(ScenarioException.class)
            .hasMessage("s.yaml:3: key 'stacks': duplicate key (first at line 1)");
        assertThatThrownBy(() -> parse("a:\n  b: 1\n  c: 2\n  b: 3\n"))
            .hasMessage("s.yaml:4: key 'a.b': duplicate key (first at line 2)");
        assertThatThrownBy(() -> parse("l:\n  - {x: 1, x: 2}\n"))
            .hasMessage("s.yaml:2: key 'l[0].x': duplicate key (first at line 2)");
        assertThatThrownBy(() -> parse("a: &a {x: 1}\nb: &b {y: 1}\nc:\n  <<: *a\n  <<: *b\n"))
            .hasMessage("s.yaml:5: key 'c.<<': duplicate key (first at line 4)");
    }

    @Test
    void shouldRefuseAliasesWithoutAnchorsOrThatContainThemselves() throws Exception
    {
        assertThatThrownBy(() -> parse("a: 1\nb: *nowhere\n"))
            .hasMessage("s.yaml:2: key 'b': alias *nowhere has no anchor &nowhere before it");
        assertThatThrownBy(() -> parse("a: &a [1, *a]\n"))
            .hasMessage("s.yaml:1: key 'a[1]': alias *a refers to a node that contains it");
        assertThatThrownBy(() -> parse("a: &a\n  b: *a\n"))
            .hasMessageContaining("s.yaml:2: key 'a.b': alias *a refers to a node that contains it");
        assertThatThrownBy(() -> parse("a: &a\n  <<: *a\n"))
            .hasMessage("s.yaml:2: key 'a.<<': alias *a refers to a node that contains it");
        // The anchor of the mapping being read wins over an earlier one of the same name.
        assertThatThrownBy(() -> parse("x: &a [1]\ny: &a [*a]\n"))
            .hasMessage("s.yaml:2: key 'y[0]': alias *a refers to a node that contains it");
        assertThat(parse("x: &a [1]\ny: &a [2]\nz: *a\n").get("z").items().get(0).text()).isEqualTo("2");
    }

    @Test
    void shouldRefuseMergeOfNonMapping() throws Exception
    {
        assertThatThrownBy(() -> parse("x: &x 5\na: {<<: *x}\n"))
            .hasMessage("s.yaml:2: key 'a.<<': a merge key needs a mapping or a list of mappings (e.g. <<: *base)");
        assertThatThrownBy(() -> parse("x: &x {b: 1}\na: {<<: [*x, 3]}\n"))
            .hasMessageContaining("a merge key needs a mapping or a list of mappings");
    }

    @Test
    void shouldTakeQuotedMergeKeyAsAnOrdinaryKey() throws Exception
    {
        final YamlNode root = parse("x: &x {b: 1}\na: {'<<': 5}\n");

        assertThat(root.get("a").get("<<").text()).isEqualTo("5");
    }

    @Test
    void shouldRefuseTagsComplexKeysAndSecondDocuments() throws Exception
    {
        assertThatThrownBy(() -> parse("a: !!str 5\n"))
            .hasMessage("s.yaml:1: key 'a': tag '!!str' is not supported: write the value without a tag");
        assertThatThrownBy(() -> parse("a: !custom {b: 1}\n")).hasMessageContaining("tag '!custom' is not supported");
        assertThatThrownBy(() -> parse("? [a, b]\n: 1\n"))
            .hasMessage("s.yaml:1: a key must be a single value, not a list or mapping");
        assertThatThrownBy(() -> parse("a: 1\n---\nb: 2\n"))
            .hasMessage("s.yaml:2: a second YAML document starts here; a scenario is one document");
    }

    @Test
    void shouldNameLineAndColumnOfFirstBadByteWhenNotUtf8() throws Exception
    {
        final byte[] latin1 = "name: x\nzone: caf\u00e9\n".getBytes(StandardCharsets.ISO_8859_1);

        assertThatThrownBy(() -> YamlNode.parse("s.yaml", latin1))
            .hasMessage("s.yaml:2: not valid UTF-8 (byte 0xE9 at column 10); save the scenario as UTF-8");
        // Columns count characters: the two-byte \u00fc before the bad byte is one column.
        final byte[] mixed = new byte[] {'a', ':', ' ', (byte)0xC3, (byte)0xBC, (byte)0xFF, '\n'};
        assertThatThrownBy(() -> YamlNode.parse("s.yaml", mixed))
            .hasMessage("s.yaml:1: not valid UTF-8 (byte 0xFF at column 5); save the scenario as UTF-8");
    }

    @Test
    void shouldSkipByteOrderMarkWhenFileStartsWithOne() throws Exception
    {
        final YamlNode root = YamlNode.parse("s.yaml", "\uFEFFname: x\n".getBytes(StandardCharsets.UTF_8));

        assertThat(root.get("name").text()).isEqualTo("x");
        assertThat(root.scalars()).containsExactly(Map.entry("name", "x"));
    }

    @Test
    void shouldCountLinesAsTheParserDoesWhenLineEndingsAreNotLf() throws Exception
    {
        final YamlNode crlf = parse("a: 1\r\nb: 2\r\nc: 3\r\n");
        assertThat(crlf.get("b").line()).isEqualTo(2);
        assertThat(crlf.get("b").text()).isEqualTo("2");
        // Old Mac line ends: 10,000 short lines (100,000 characters), not one line beyond the limit.
        final String cr = "a: 1\r" + "# comment\r".repeat(10_000) + "b: 2\r";
        assertThat(parse(cr).get("b").line()).isEqualTo(10_002);
        final byte[] crBad = "a: 1\rb: \u00e9\r".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> YamlNode.parse("s.yaml", crBad)).hasMessageStartingWith("s.yaml:2: not valid UTF-8");
    }

    @Test
    void shouldNameLineWhenYamlIsMalformedOrEmpty() throws Exception
    {
        assertThatThrownBy(() -> parse("a: [1, 2\nb: 3\n"))
            .hasMessageStartingWith("s.yaml:2: not valid YAML: ");
        assertThatThrownBy(() -> parse("# only a comment\n")).hasMessage("s.yaml:1: the file is empty");
        assertThatThrownBy(() -> parse("a: \u0001\n")).hasMessage("s.yaml:1: not valid YAML: character U+0001 is not allowed");
    }

    @Test
    void shouldRefuseFilesLinesAndValuesBeyondTheLimits() throws Exception
    {
        assertThatThrownBy(() -> YamlNode.parse("s.yaml", new byte[YamlNode.MAX_FILE_BYTES + 1]))
            .hasMessage("s.yaml: the file is 1048577 bytes, more than a scenario may have (max 1048576 bytes = 1 MiB; " +
                "traces belong in their own files)");
        assertThatThrownBy(() -> parse("a: 1\nname: " + "x".repeat(YamlNode.MAX_LINE_CHARS) + "\n"))
            .hasMessage("s.yaml:2: the line has 65542 characters, more than a scenario line may have (max 65536)");
        // A block scalar has short lines but may still be too long as a whole.
        final String block = ("  " + "y".repeat(99) + "\n").repeat(700);
        assertThatThrownBy(() -> parse("a: 1\nname: |\n" + block))
            .hasMessage("s.yaml:2: key 'name': the value has 70000 characters, more than a scenario value may have " +
                "(max 65536)");
    }

    @Test
    void shouldRefuseDeepNestingWhenWrittenOrReachedThroughAliases() throws Exception
    {
        // One bracket per line: the line limit does not stop it, the depth limit does, at the 32nd level.
        assertThatThrownBy(() -> parse("a:\n" + " [\n".repeat(100_000)))
            .hasMessage("s.yaml:33: key 'a[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]" +
                "[0][0][0][0][0][0]': nested more than 32 levels deep (max 32)");
        // Each anchor is 20 deep, legal on its own; the aliases stack them.
        final StringBuilder yaml = new StringBuilder("a0: &a0 " + "[".repeat(20) + "1" + "]".repeat(20) + "\n");
        for (int i = 1; i < 4; i++)
        {
            yaml.append("a").append(i).append(": &a").append(i).append(' ').append("[".repeat(20)).append("*a")
                .append(i - 1).append("]".repeat(20)).append('\n');
        }
        assertThatThrownBy(() -> parse(yaml.toString()))
            .hasMessage("s.yaml:2: key 'a1[0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0][0]': nested more " +
                "than 32 levels deep after expanding alias *a0 (max 32)");
        assertThatThrownBy(() -> parse("a: &a " + "[".repeat(25) + "]".repeat(25) + "\nc: &c {x: *a}\n" +
            "d: [[[[[[[[[{<<: *c}]]]]]]]]]\n"))
            .hasMessage("s.yaml:3: key 'd[0][0][0][0][0][0][0][0][0].<<': nested more than 32 levels deep after " +
                "expanding alias *c (max 32)");
    }

    @Test
    void shouldCountMergedKeysNotTheMergeValueAgainstTheNodeLimit() throws Exception
    {
        // 400 mappings each merging the previous one and adding a key: sum of 1..400 = 80,200 values, under the limit.
        final StringBuilder yaml = new StringBuilder("m0: &m0 {k0: 0}\n");
        for (int i = 1; i < 400; i++)
        {
            yaml.append("m").append(i).append(": &m").append(i).append(" {<<: *m").append(i - 1).append(", k")
                .append(i).append(": ").append(i).append("}\n");
        }
        final YamlNode root = parse(yaml.toString());
        assertThat(root.get("m399").entries()).hasSize(400);
        assertThat(root.get("m399").get("k0").error("x").getMessage())
            .startsWith("s.yaml:1: key 'm399.k0': x (merged from *m398 by '<<' at line 400; merged from *m397");
        // 500 of them would expand to 125,250.
        for (int i = 400; i < 500; i++)
        {
            yaml.append("m").append(i).append(": &m").append(i).append(" {<<: *m").append(i - 1).append(", k")
                .append(i).append(": ").append(i).append("}\n");
        }
        assertThatThrownBy(() -> parse(yaml.toString())).hasMessageContaining("(max 100000)");
    }

    @Test
    void shouldRefuseAliasBombWhenExpansionExceedsNodeLimit() throws Exception
    {
        final StringBuilder yaml = new StringBuilder("a0: &a0 [x, x, x, x, x, x, x, x, x]\n");
        for (int i = 1; i < 10; i++)
        {
            yaml.append("a").append(i).append(": &a").append(i).append(" [");
            for (int j = 0; j < 9; j++)
            {
                yaml.append(j > 0 ? ", " : "").append("*a").append(i - 1);
            }
            yaml.append("]\n");
        }

        assertThatThrownBy(() -> parse(yaml.toString()))
            .isInstanceOf(ScenarioException.class)
            .hasMessageContaining("the scenario has more than 100000 values, lists and mappings after expanding " +
                "aliases and merge keys (max 100000)");
    }

    @Test
    void shouldReadNullAsAbsentButEchoItsText() throws Exception
    {
        final YamlNode root = parse("a:\nb: ~\nc: null\nd: ''\n");

        assertThat(root.has("a")).isFalse();
        assertThat(root.get("b")).isNull();
        assertThat(root.string("c", "fallback")).isEqualTo("fallback");
        assertThat(root.get("d").text()).isEmpty();
        assertThat(root.scalars()).containsExactly(
            Map.entry("a", ""), Map.entry("b", "~"), Map.entry("c", "null"), Map.entry("d", ""));
        assertThat(root.defaults()).containsExactly(Map.entry("c", "fallback"));
    }

    @Test
    void shouldRecordDefaultsInTheKeysOwnFormatIncludingAbsentSections() throws Exception
    {
        final YamlNode root = parse("given: 3\nsub: {x: 1}\n");

        root.durationNs("warmup", 0);
        root.positiveDurationNs("sampleInterval", 60_000_000_000L);
        root.number("speed", 1.0, 0, 10);
        root.number("target", 0.6, 0, 1);
        root.integer("given", 7, 0, 10);
        final YamlNode absent = root.section("slo");
        absent.durationNs("latency", 1_000_000_000L);
        root.get("sub").integer("y", 4, 0, 10);

        assertThat(root.defaults()).containsExactly(
            Map.entry("warmup", "0s"), Map.entry("sampleInterval", "1m"), Map.entry("speed", "1"),
            Map.entry("target", "0.6"), Map.entry("slo.latency", "1s"), Map.entry("sub.y", "4"));
        assertThat(absent.isMap()).isTrue();
        assertThat(root.scalars()).containsExactly(Map.entry("given", "3"), Map.entry("sub.x", "1"));
    }

    @Test
    void shouldSayTooLongOrMustBePositiveWhenDurationIsOutOfRange() throws Exception
    {
        final YamlNode root = parse("a: 100000d\nb: 0s\nc: -5s\nd: PT-5S\ne: 1e400s\nf: 10000d\ng: soon\n");

        assertThatThrownBy(() -> root.get("a").asPositiveDurationNs())
            .hasMessage("s.yaml:1: key 'a': '100000d' is too long (max 10000d)");
        assertThatThrownBy(() -> root.get("e").asDurationNs()).hasMessageContaining("'1e400s' is too long (max 10000d)");
        assertThatThrownBy(() -> root.get("b").asPositiveDurationNs()).hasMessage("s.yaml:2: key 'b': must be positive");
        assertThatThrownBy(() -> root.get("c").asPositiveDurationNs()).hasMessage("s.yaml:3: key 'c': must be positive");
        assertThatThrownBy(() -> root.get("d").asPositiveDurationNs()).hasMessage("s.yaml:4: key 'd': must be positive");
        assertThatThrownBy(() -> root.get("c").asDurationNs()).hasMessage("s.yaml:3: key 'c': must not be negative");
        assertThat(root.get("b").asDurationNs()).isZero();
        assertThat(root.get("f").asPositiveDurationNs()).isEqualTo(YamlNode.MAX_DURATION_NS);
        assertThatThrownBy(() -> root.get("g").asDurationNs()).hasMessageContaining("cannot read 'soon' as a duration");
    }

    @Test
    void shouldRejectKeysNoReaderAskedForAnywhereInTheTree() throws Exception
    {
        final YamlNode root = parse("a: {b: 1, c: 2}\nd: [{e: 1}]\n");
        root.get("a").get("b");
        root.get("d").items().get(0).get("e");

        assertThatThrownBy(root::rejectUnreadKeys).hasMessage("s.yaml:1: key 'a.c': unknown key (expected one of: b)");
        root.get("a").get("c");
        root.rejectUnreadKeys();
    }

    @Test
    void shouldRefuseAmbiguousKeyPathsWhenEchoingScalars() throws Exception
    {
        final YamlNode root = parse("a.b: 1\na: {b: 2}\n");

        assertThatThrownBy(root::scalars)
            .hasMessage("s.yaml:2: key 'a.b': the key path is ambiguous: it also names the value at line 1 " +
                "(rename the key with a dot)");
    }
}
