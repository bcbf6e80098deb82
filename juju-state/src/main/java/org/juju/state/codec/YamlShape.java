package org.juju.state.codec;

import java.util.Collections;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.juju.state.error.InvalidInputException;

/**
 * Checks that a freshly loaded YAML value is plain, finite data before anyone walks it. SnakeYAML
 * shares the value of an alias instead of copying it, so a document of a few lines ("billion
 * laughs") loads cheaply but expands to billions of values for whoever walks it (validation,
 * {@link YamlCodec#dump}, {@code equals}); and an anchor inside its own value ({@code &a [*a]})
 * gives a list that contains itself, on which {@code hashCode} or {@code toString} overflow the
 * stack. Both are refused here, as is data that is not plain ({@code !!binary}, {@code !!set}).
 */
final class YamlShape {
    /**
     * Values (mappings, lists, scalars) a document may expand to when walked, counting every use
     * of an alias afresh. A full 4 MiB document of one-character list items stays under it.
     */
    static final int MAX_EXPANDED_NODES = 2_500_000;

    private final String source;
    private final Set<Object> open = Collections.newSetFromMap(new IdentityHashMap<>());
    private long visited;

    private YamlShape(String source) {
        this.source = source;
    }

    /**
     * @throws InvalidInputException naming {@code source} if {@code value} is not plain, finite,
     *                               acyclic data
     */
    static void check(Object value, String source) {
        new YamlShape(source).walk(value);
    }

    private void walk(Object value) {
        if (++visited > MAX_EXPANDED_NODES) {
            throw new InvalidInputException(source + ": invalid YAML: the document expands to more than "
                    + MAX_EXPANDED_NODES + " values through aliases");
        }
        if (value instanceof Map<?, ?> map) {
            enter(map);
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getKey());
                walk(e.getValue());
            }
            open.remove(map);
        } else if (value instanceof List<?> list) {
            enter(list);
            for (Object item : list) {
                walk(item);
            }
            open.remove(list);
        } else if (!(value == null || value instanceof String || value instanceof Number
                || value instanceof Boolean || value instanceof Date)) {
            throw new InvalidInputException(source + ": invalid YAML: unsupported value of type "
                    + (value instanceof byte[] ? "!!binary" : value instanceof Set ? "!!set"
                    : value.getClass().getSimpleName()) + " (only mappings, lists and scalars)");
        }
    }

    private void enter(Object collection) {
        if (!open.add(collection)) {
            throw new InvalidInputException(source + ": invalid YAML: an alias refers to a mapping or list"
                    + " that contains it (a recursive structure)");
        }
    }
}
