package org.juju.state.testing;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Generators of YAML-ish input for the parsers' property tests (see {@link Properties}). */
public final class YamlGenerators {
    /** Pieces of YAML syntax, tags, YAML 1.1 oddities and awkward characters. */
    private static final List<String> TOKENS = List.of("a", "b", "name", "options", "type", "default", "int",
            "string", "boolean", "float", "interface", "provides", "requires", "peers", "limit", "scope",
            ":", ": ", " ", "\n", "  ", "    ", "- ", "[", "]", "{", "}", ",", "&x ", "*x", "&y ", "*y", "<<: ",
            "!!", "!!binary ", "!!set ", "!!int ", "!!float ", "!!str ", "!!map ", "!!seq ", "!!timestamp ",
            "!!python/object:os.system ", "!foo ", "? ", "| ", "> ", "\"", "'", "#", "%YAML 1.1\n", "---\n",
            "...\n", "~", "null", "yes", "off", "0x1F", "017", "-1", "99999999999999999999", "1e400", ".inf",
            ".nan", "2001-12-14", "2001-13-45 25:61:61", "\\", "\\x", "\t", "\u0000", "\u0085", "é", "\ud83d\ude00",
            "\ufeff", "=", "@", "`", "%", "|-", "0.5", "true", "false");
    /** Letters, digits, YAML-significant characters, a tab, a newline and non-ASCII letters. */
    private static final String PRINTABLE = Gens.ALPHANUMERIC + " :-#&*!|>'\"{}[],?%@\\\té€\n";

    private YamlGenerators() {
    }

    /** Text made of YAML tokens (mostly, up to 60), or of arbitrary characters (up to 200). */
    public static Gen<String> yamlishText() {
        Gen<String> tokens = Gens.of(TOKENS).list(60).map(list -> String.join("", list));
        return Gens.frequency(4, tokens, 1, Gens.strings(200));
    }

    /** Plain data mappings (strings, integers, longs, booleans, nulls, lists, nested mappings). */
    public static Gen<Map<String, Object>> plainMaps() {
        return maps(3);
    }

    /** Strings of {@code minLength} to {@code maxLength} letters, digits, YAML punctuation and non-ASCII letters. */
    public static Gen<String> printable(int minLength, int maxLength) {
        return Gens.strings(PRINTABLE, minLength, maxLength);
    }

    /** Any plain value: scalars (also doubles, infinities, NaN, big integers), lists and mappings, nested a few levels. */
    public static Gen<Object> anyValue() {
        return Gens.oneOf(value(2), Gens.doubles(), Gens.of(Double.NaN, Double.POSITIVE_INFINITY, 1L << 40,
                new BigInteger("99999999999999999999999")));
    }

    /**
     * Mappings whose keys are mostly from {@code keys} (the keys a parser looks for) and whose
     * values are of any shape, nested: wrong types where the parser expects maps, lists, strings.
     */
    public static Gen<Map<String, Object>> shapedMaps(List<String> keys) {
        return shaped(keys, 3);
    }

    private static Gen<Map<String, Object>> shaped(List<String> keys, int depth) {
        Gen<String> key = Gens.frequency(5, Gens.of(keys), 1, printable(1, 8));
        Gen<Object> leaf = Gens.oneOf(anyValue(), Gens.of(keys),
                Gens.of("int", "string", "float", "boolean", "global", "container", "-1", "0", "x"));
        Gen<Object> value = depth == 0 ? leaf : Gens.frequency(3, leaf, 2, shaped(keys, depth - 1),
                1, shaped(keys, depth - 1).list(2));
        return Gens.maps(key, value, 6);
    }

    private static Gen<Map<String, Object>> maps(int depth) {
        return Gens.maps(printable(1, 30), value(depth), 5);
    }

    private static Gen<Object> value(int depth) {
        Gen<Object> scalar = Gens.oneOf(printable(0, 30), Gens.ints(), Gens.longs(Integer.MAX_VALUE + 1L,
                Long.MAX_VALUE), Gens.booleans(), Gens.constant(null));
        if (depth == 0) {
            return scalar;
        }
        return Gens.frequency(6, scalar, 1, value(depth - 1).list(4).map(ArrayList<Object>::new), 1, maps(depth - 1));
    }
}
