package io.windtunnel.simulator.policy;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Every registered policy has its section in {@code docs/policies.md}, naming its parameters and its class. */
class PolicyDocsTest
{
    @Test
    void shouldDocumentEveryRegisteredPolicyAndItsParametersWhenRegistered() throws Exception
    {
        final String docs = Files.readString(Path.of("../docs/policies.md"));
        final List<String> problems = new ArrayList<>();
        final PolicyRegistry registry = PolicyRegistry.standard();
        assertThat(registry.all()).hasSizeGreaterThanOrEqualTo(5);
        for (final PolicyProvider<?> p : registry.all())
        {
            final String section = section(docs, p.type());
            if (section == null)
            {
                problems.add(p + ": no section whose heading names (`type: " + p.type() + "`)");
                continue;
            }
            for (final PolicyParameter parameter : p.parameters())
            {
                if (!section.contains("`" + parameter.name() + "`"))
                {
                    problems.add(p + ": its section does not mention the parameter `" + parameter.name() + "`");
                }
            }
            if (!section.contains(p.policyClass().getSimpleName()))
            {
                problems.add(p + ": its section does not name its source, " + p.policyClass().getSimpleName());
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void shouldFindNoSectionWhenTypeIsNotDocumented()
    {
        final String docs = "# Policies\n\n## A (`type: a`)\n\nParameters: `x`.\n\n## B (`type: b`)\n\nNone.\n";
        assertThat(section(docs, "a")).contains("`x`").doesNotContain("None");
        assertThat(section(docs, "b")).contains("None");
        assertThat(section(docs, "c")).isNull();
    }

    /** The text from the level-2 heading that names {@code (`type: TYPE`)} to the next level-2 heading. */
    private static String section(final String docs, final String type)
    {
        int from = 0;
        while (true)
        {
            final int heading = docs.indexOf("\n## ", from);
            if (heading < 0)
            {
                return null;
            }
            final int lineEnd = docs.indexOf('\n', heading + 1);
            final String title = docs.substring(heading, lineEnd < 0 ? docs.length() : lineEnd);
            if (title.contains("(`type: " + type + "`)"))
            {
                final int next = docs.indexOf("\n## ", heading + 1);
                return docs.substring(heading, next < 0 ? docs.length() : next);
            }
            from = heading + 1;
        }
    }
}
