package org.juju.state.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Generators of plain inputs for {@link Properties}: numbers with their edge cases, bytes, strings
 * from mixed alphabets (control characters, YAML punctuation, non-ASCII letters, lone surrogates,
 * characters outside the BMP), picks from lists and weighted choices between generators.
 */
public final class Gens {
    /** Lower-case ASCII letters. */
    public static final String LOWER = "abcdefghijklmnopqrstuvwxyz";
    /** ASCII letters and digits. */
    public static final String ALPHANUMERIC = LOWER + LOWER.toUpperCase() + "0123456789";
    /** Characters with a meaning in YAML (and shells, and URLs). */
    public static final String PUNCTUATION = " :-#&*!|>'\"{}[],?%@`~=\\/.;<$^()+_";
    /** Control characters, line and paragraph separators, a byte order mark and non-characters. */
    public static final String CONTROL = "\u0000\u0001\u0007\b\t\n\u000b\f\r\u001b\u001f\u007f\u0085\u00a0"
            + "\u2028\u2029\ufeff\ufffe\uffff";
    /** Letters and symbols beyond ASCII (two-byte and three-byte UTF-8). */
    public static final String NON_ASCII = "éÉßøñü€¥αβЖж中文日本語한국어ـعربي";

    private Gens() {
    }

    /** Always {@code value} (which may be null). */
    public static <T> Gen<T> constant(T value) {
        return random -> value;
    }

    /** One of {@code values} (nulls allowed), uniformly. */
    @SafeVarargs
    public static <T> Gen<T> of(T... values) {
        return of(Arrays.asList(values.clone()));
    }

    /** One of {@code values}, uniformly. */
    public static <T> Gen<T> of(List<? extends T> values) {
        List<T> copy = new ArrayList<>(values);
        return random -> copy.get(random.nextInt(copy.size()));
    }

    /** A value of one of {@code gens}, chosen uniformly. */
    @SafeVarargs
    public static <T> Gen<T> oneOf(Gen<? extends T>... gens) {
        Gen<? extends T>[] copy = gens.clone();
        return random -> copy[random.nextInt(copy.length)].next(random);
    }

    /** {@code a} with weight {@code wa}, else {@code b} with weight {@code wb}. */
    public static <T> Gen<T> frequency(int wa, Gen<? extends T> a, int wb, Gen<? extends T> b) {
        return random -> random.nextInt(wa + wb) < wa ? a.next(random) : b.next(random);
    }

    /** {@code a}, {@code b} or {@code c} with weights {@code wa}, {@code wb} and {@code wc}. */
    public static <T> Gen<T> frequency(int wa, Gen<? extends T> a, int wb, Gen<? extends T> b, int wc,
                                       Gen<? extends T> c) {
        Gen<T> rest = frequency(wb, b, wc, c);
        return frequency(wa, a, wb + wc, rest);
    }

    /** True or false. */
    public static Gen<Boolean> booleans() {
        return java.util.Random::nextBoolean;
    }

    /** Integers in [{@code min}, {@code max}]; the bounds and 0 (if in range) come up often. */
    public static Gen<Integer> ints(int min, int max) {
        return longs(min, max).map(Long::intValue);
    }

    /** Any integer, the edges (0, ±1, MIN_VALUE, MAX_VALUE) often. */
    public static Gen<Integer> ints() {
        return frequency(1, of(0, 1, -1, Integer.MIN_VALUE, Integer.MAX_VALUE), 9,
                ints(Integer.MIN_VALUE, Integer.MAX_VALUE));
    }

    /** Longs in [{@code min}, {@code max}]; the bounds and 0 (if in range) come up often. */
    public static Gen<Long> longs(long min, long max) {
        if (min > max) {
            throw new IllegalArgumentException("empty range " + min + ".." + max);
        }
        return random -> {
            int pick = random.nextInt(20);
            if (pick == 0) {
                return min;
            }
            if (pick == 1) {
                return max;
            }
            if (pick == 2 && min <= 0 && max >= 0) {
                return 0L;
            }
            long span = max - min + 1;
            if (span > 0) {
                return min + Math.floorMod(random.nextLong(), span);
            }
            long value;
            do {
                value = random.nextLong();
            } while (value < min || value > max);
            return value;
        };
    }

    /** Any finite double, small and huge, with 0, -0 and the extremes often. */
    public static Gen<Double> doubles() {
        return frequency(1, of(0.0, -0.0, 1.0, -1.0, Double.MIN_VALUE, Double.MAX_VALUE, -Double.MAX_VALUE), 5,
                random -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 10));
    }

    /** Byte arrays of 0 to {@code maxSize} random bytes. */
    public static Gen<byte[]> bytes(int maxSize) {
        return random -> {
            byte[] data = new byte[size(random, 0, maxSize)];
            random.nextBytes(data);
            return data;
        };
    }

    /**
     * Strings of 0 to {@code maxLength} chars, each from a randomly chosen alphabet: ASCII letters
     * and digits, {@link #PUNCTUATION}, {@link #CONTROL}, {@link #NON_ASCII}, any BMP char (lone
     * surrogates included) or a character outside the BMP (a surrogate pair, counting two).
     */
    public static Gen<String> strings(int maxLength) {
        return random -> {
            int length = size(random, 0, maxLength);
            StringBuilder text = new StringBuilder(length);
            while (text.length() < length) {
                switch (random.nextInt(8)) {
                    case 0, 1, 2 -> text.append(pick(random, ALPHANUMERIC));
                    case 3 -> text.append(pick(random, PUNCTUATION));
                    case 4 -> text.append(pick(random, CONTROL));
                    case 5 -> text.append(pick(random, NON_ASCII));
                    case 6 -> text.append((char) random.nextInt(0x10000));
                    default -> {
                        if (text.length() + 2 <= length) {
                            text.appendCodePoint(0x10000 + random.nextInt(0x100000));
                        }
                    }
                }
            }
            return text.toString();
        };
    }

    /** Strings of {@code minLength} to {@code maxLength} chars of {@code alphabet}. */
    public static Gen<String> strings(String alphabet, int minLength, int maxLength) {
        return random -> {
            int length = size(random, minLength, maxLength);
            StringBuilder text = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                text.append(pick(random, alphabet));
            }
            return text.toString();
        };
    }

    /** Mappings (insertion-ordered) of up to {@code maxSize} entries; duplicate keys collapse. */
    public static <K, V> Gen<Map<K, V>> maps(Gen<? extends K> keys, Gen<? extends V> values, int maxSize) {
        return random -> {
            int size = size(random, 0, maxSize);
            Map<K, V> map = new LinkedHashMap<>();
            for (int i = 0; i < size; i++) {
                map.put(keys.next(random), values.next(random));
            }
            return map;
        };
    }

    /** A size in [{@code min}, {@code max}]: small ones more often, the bounds sometimes. */
    static int size(java.util.Random random, int min, int max) {
        int pick = random.nextInt(10);
        if (pick == 0) {
            return min;
        }
        if (pick == 1) {
            return max;
        }
        double skewed = random.nextDouble() * random.nextDouble();
        return min + (int) Math.round(skewed * (max - min));
    }

    private static char pick(java.util.Random random, String alphabet) {
        return alphabet.charAt(random.nextInt(alphabet.length()));
    }
}
