package org.juju.state.testing;

import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.juju.state.codec.Json;

/**
 * The project's property runner: checks a property against many random inputs from plain JUnit 5
 * tests.
 *
 * <p>Contract of {@link #forAll}: try {@code i} (0-based) draws its input from a {@link Random}
 * seeded with a mix of the run's seed, the property's name and {@code i}, so the same seed gives
 * the same inputs, in the same order, on every machine. The seed is {@link #DEFAULT_SEED} (CI
 * is reproducible) unless the system property {@value #SEED_PROPERTY} gives another (decimal or
 * {@code 0x} hex) to explore new inputs, e.g. {@code mvn ... -Dproperties.seed=42}. The first
 * input the property throws on (an assertion or any other exception or error) fails the run with
 * an {@link AssertionError} naming the property, the seed, the try and the input (escaped, cut to
 * {@value #SHOWN_CHARS} characters), with the property's exception as its cause. A failing
 * string, byte array or list is then shrunk (shorter prefixes and suffixes that still fail) and
 * the smallest failing one is shown too.
 */
public final class Properties {
    /** The seed of every run unless {@value #SEED_PROPERTY} is set. */
    public static final long DEFAULT_SEED = 0x1A2B_3C4D_5E6FL;
    /** The system property overriding {@link #DEFAULT_SEED}. */
    public static final String SEED_PROPERTY = "properties.seed";
    /** How many characters of an input a failure shows. */
    public static final int SHOWN_CHARS = 300;
    private static final int SHRINK_BUDGET = 500;

    private Properties() {
    }

    /** A property of one input; may throw anything, which fails it. */
    @FunctionalInterface
    public interface Check<T> {
        /** Throws if the property does not hold for {@code input}. */
        void check(T input) throws Exception;
    }

    /** Checks {@code property} for {@code tries} inputs of {@code gen}, with {@link #seed()}. */
    public static <T> void forAll(String name, int tries, Gen<T> gen, Check<? super T> property) {
        forAll(seed(), name, tries, gen, property);
    }

    /** Checks {@code property} for {@code tries} inputs of {@code gen}, with {@code seed}. */
    public static <T> void forAll(long seed, String name, int tries, Gen<T> gen, Check<? super T> property) {
        for (int i = 0; i < tries; i++) {
            T input = gen.next(new Random(trySeed(seed, name, i)));
            Throwable failure = failure(property, input);
            if (failure != null) {
                Object smallest = shrink(property, input);
                String message = "property '" + name + "' failed on try " + (i + 1) + " of " + tries + " with seed "
                        + seed + " (rerun: -D" + SEED_PROPERTY + "=" + seed + "); input: " + show(input)
                        + (smallest == input ? "" : "; shrunk to: " + show(smallest)) + "; failure: " + failure;
                throw new AssertionError(message, failure);
            }
        }
    }

    /** The seed of this run: {@value #SEED_PROPERTY} if set, else {@link #DEFAULT_SEED}. */
    public static long seed() {
        String text = System.getProperty(SEED_PROPERTY);
        return text == null || text.isBlank() ? DEFAULT_SEED : parseSeed(text.trim());
    }

    /** A seed written in decimal or as {@code 0x} hex. */
    static long parseSeed(String text) {
        return text.startsWith("0x") || text.startsWith("0X") ? Long.parseUnsignedLong(text.substring(2), 16)
                : Long.parseLong(text);
    }

    /** The input of a value as a failure shows it: strings quoted and escaped, at most {@value #SHOWN_CHARS} chars. */
    public static String show(Object input) {
        String text = describe(input);
        return text.length() <= SHOWN_CHARS ? text
                : text.substring(0, SHOWN_CHARS) + "... (" + text.length() + " chars)";
    }

    private static long trySeed(long seed, String name, int i) {
        long mixed = seed * 0x9E3779B97F4A7C15L + name.hashCode();
        mixed = (mixed ^ (mixed >>> 31)) * 0xBF58476D1CE4E5B9L + i;
        return mixed ^ (mixed >>> 29);
    }

    private static <T> Throwable failure(Check<? super T> property, T input) {
        try {
            property.check(input);
            return null;
        } catch (Throwable t) {
            return t;
        }
    }

    /** The smallest prefix/suffix of a failing string, byte array or list that still fails; else the input. */
    private static <T> T shrink(Check<? super T> property, T input) {
        T smallest = input;
        int budget = SHRINK_BUDGET;
        boolean progress = true;
        while (progress && budget > 0) {
            progress = false;
            for (T candidate : smaller(smallest)) {
                if (budget-- <= 0) {
                    break;
                }
                if (failure(property, candidate) != null) {
                    smallest = candidate;
                    progress = true;
                    break;
                }
            }
        }
        return smallest;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> smaller(T input) {
        int length;
        if (input instanceof String s) {
            length = s.length();
        } else if (input instanceof byte[] b) {
            length = b.length;
        } else if (input instanceof List<?> l) {
            length = l.size();
        } else {
            return List.of();
        }
        List<T> candidates = new ArrayList<>();
        for (int cut : new int[] {length / 2, length - 1}) {
            if (cut >= 0 && cut < length) {
                candidates.add((T) slice(input, 0, cut));
                candidates.add((T) slice(input, length - cut, length));
            }
        }
        return candidates;
    }

    private static Object slice(Object input, int from, int to) {
        if (input instanceof String s) {
            return s.substring(from, to);
        }
        if (input instanceof byte[] b) {
            return Arrays.copyOfRange(b, from, to);
        }
        return new ArrayList<>(((List<?>) input).subList(from, to));
    }

    private static String describe(Object value) {
        if (value instanceof String s) {
            return quote(s);
        }
        if (value instanceof byte[] b) {
            return "bytes[" + b.length + "] " + hex(b);
        }
        if (value instanceof List<?> list) {
            List<String> items = new ArrayList<>();
            list.forEach(item -> items.add(describe(item)));
            return "[" + String.join(", ", items) + "]";
        }
        if (value instanceof Map<?, ?> map) {
            List<String> entries = new ArrayList<>();
            map.forEach((k, v) -> entries.add(describe(k) + "=" + describe(v)));
            return "{" + String.join(", ", entries) + "}";
        }
        if (value != null && value.getClass().isRecord()) {
            return describeRecord((Record) value);
        }
        return String.valueOf(value);
    }

    private static String describeRecord(Record record) {
        List<String> parts = new ArrayList<>();
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                component.getAccessor().setAccessible(true);
                parts.add(component.getName() + "=" + describe(component.getAccessor().invoke(record)));
            } catch (ReflectiveOperationException | RuntimeException e) {
                parts.add(component.getName() + "=?");
            }
        }
        return record.getClass().getSimpleName() + "[" + String.join(", ", parts) + "]";
    }

    /** {@code text} as a JSON string, with every character outside printable ASCII as a u-escape. */
    private static String quote(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : Json.write(text).toCharArray()) {
            if (c < 0x7f) {
                out.append(c);
            } else {
                out.append(String.format("\\u%04x", (int) c));
            }
        }
        return out.toString();
    }

    private static String hex(byte[] data) {
        StringBuilder out = new StringBuilder();
        for (byte b : data) {
            out.append(String.format("%02x", b));
        }
        return out.toString();
    }
}
