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

    /** Any plain value: scalars (also doubles, infinities), lists and mappings, nested a few levels. */
    public static Arbitrary<Object> anyValue() {
        return Arbitraries.oneOf(value(2), Arbitraries.doubles(), Arbitraries.of(Double.NaN,
                Double.POSITIVE_INFINITY, 1L << 40, new java.math.BigInteger("99999999999999999999999")));
    }

    /**
     * Mappings whose keys are mostly from {@code keys} (the keys a parser looks for) and whose
     * values are of any shape, nested: wrong types where the parser expects maps, lists, strings.
     */
    public static Arbitrary<Map<String, Object>> shapedMaps(List<String> keys) {
        return shaped(keys, 3);
    }

    private static Arbitrary<Map<String, Object>> shaped(List<String> keys, int depth) {
        Arbitrary<String> key = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, Arbitraries.of(keys)),
                net.jqwik.api.Tuple.of(1, printable().ofMinLength(1).ofMaxLength(8)));
        Arbitrary<Object> leaf = Arbitraries.oneOf(anyValue(), Arbitraries.of(keys).map(k -> k),
                Arbitraries.of("int", "string", "float", "boolean", "global", "container", "-1", "0", "x").map(k -> k));
        Arbitrary<Object> value = depth == 0 ? leaf : Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(3, leaf),
                net.jqwik.api.Tuple.of(2, Arbitraries.lazy(() -> shaped(keys, depth - 1)).map(m -> (Object) m)),
                net.jqwik.api.Tuple.of(1, Arbitraries.lazy(() -> shaped(keys, depth - 1)).list().ofMaxSize(2)
                        .map(l -> (Object) l)));
        return Arbitraries.maps(key, value).ofMaxSize(6).map(LinkedHashMap::new);
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
