package org.juju.state.testing;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;

/** Generators of YAML-ish input for the parsers' property tests. */
public final class YamlArbitraries {
    /** Pieces of YAML syntax, tags, YAML 1.1 oddities and awkward characters. */
    private static final List<String> TOKENS = List.of("a", "b", "name", "options", "type", "default", "int",
            "string", "boolean", "float", "interface", "provides", "requires", "peers", "limit", "scope",
            ":", ": ", " ", "\n", "  ", "    ", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "&y ", "*y", "<<: ",
            "!!", "!!binary ", "!!set ", "!!int ", "!!float ", "!!str ", "!!map ", "!!seq ", "!!timestamp ",
            "!!python/object:os.system ", "!foo ", "? ", "| ", "> ", "\"", "'", "#", "%YAML 1.1\n", "---\n",
            "...\n", "~", "null", "yes", "off", "0x1F", "017", "-1", "99999999999999999999", "1e400", ".inf",
            ".nan", "2001-12-14", "2001-13-45 25:61:61", "\\", "\\x", "\t", "\u0000", "\u0085", "é", "\ud83d\ude00",
            "\ufeff", "=", "@", "`", "%", "|-", "0.5", "true", "false");

    private YamlArbitraries() {
    }

    /** Text made of YAML tokens (mostly), or of arbitrary characters. */
    public static Arbitrary<String> yamlishText() {
        Arbitrary<String> tokens = Arbitraries.of(TOKENS).list().ofMaxSize(60).map(list -> String.join("", list));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(4, tokens),
                net.jqwik.api.Tuple.of(1, Arbitraries.strings().ofMaxLength(200)));
    }

    /** Plain data mappings (strings, integers, booleans, nulls, lists, nested mappings). */
    public static Arbitrary<Map<String, Object>> plainMaps() {
        return maps(3);
    }

    /** Strings of printable characters, including YAML-significant ones and non-ASCII letters. */
    public static net.jqwik.api.arbitraries.StringArbitrary printable() {
        return Arbitraries.strings().alpha().numeric().withChars(" :-#&*!|>'\"{}[],?%@\\\té€\n")
                .ofMaxLength(30);
    }

    private static Arbitrary<Map<String, Object>> maps(int depth) {
        return Arbitraries.maps(printable().ofMinLength(1), value(depth)).ofMaxSize(5)
                .map(LinkedHashMap::new);
    }

    private static Arbitrary<Object> value(int depth) {
        Arbitrary<Object> scalar = Arbitraries.oneOf(printable(), Arbitraries.integers(), Arbitraries.longs()
                .greaterOrEqual(Integer.MAX_VALUE + 1L), Arbitraries.of(true, false), Arbitraries.just(null));
        if (depth == 0) {
            return scalar;
        }
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, scalar),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> value(depth - 1)).list().ofMaxSize(4)
                        .map(ArrayList<Object>::new)),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> maps(depth - 1))));
    }
}
