package io.windtunnel.simulator.scenario;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.composer.Composer;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.parser.ParserImpl;
import org.yaml.snakeyaml.reader.StreamReader;
import org.yaml.snakeyaml.resolver.Resolver;

import java.util.HashMap;
import java.util.Map;

/**
 * Flattens a YAML document with SnakeYAML's own composer (aliases and merge keys resolved by SnakeYAML, not by
 * {@link YamlNode}), for checking what a scenario's echo lists against an independent reading.
 */
final class IndependentYaml
{
    private IndependentYaml()
    {
    }

    /**
     * @param yaml a document.
     * @return every scalar leaf, {@link YamlNode} key path to its text.
     */
    static Map<String, String> scalars(final String yaml)
    {
        final LoaderOptions options = new LoaderOptions();
        options.setMergeOnCompose(true);
        final Node root = new Composer(new ParserImpl(new StreamReader(yaml), options), new Resolver(), options)
            .getSingleNode();
        final Map<String, String> out = new HashMap<>();
        flatten(root, "", out);
        return out;
    }

    private static void flatten(final Node node, final String path, final Map<String, String> out)
    {
        if (node instanceof ScalarNode)
        {
            out.put(path, ((ScalarNode)node).getValue());
        }
        else if (node instanceof SequenceNode)
        {
            int i = 0;
            for (final Node item : ((SequenceNode)node).getValue())
            {
                flatten(item, path + "[" + i++ + "]", out);
            }
        }
        else
        {
            for (final NodeTuple tuple : ((MappingNode)node).getValue())
            {
                final String key = ((ScalarNode)tuple.getKeyNode()).getValue();
                flatten(tuple.getValueNode(), path.isEmpty() ? key : path + "." + key, out);
            }
        }
    }
}
