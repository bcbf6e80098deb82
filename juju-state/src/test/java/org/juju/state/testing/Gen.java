package org.juju.state.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * A generator of random inputs for {@link Properties}. Contract: a value depends only on the
 * {@link Random} given (same random state, same value), so a run is reproduced by its seed.
 *
 * @param <T> the kind of input
 */
@FunctionalInterface
public interface Gen<T> {
    /** Draws one value from {@code random}. */
    T next(Random random);

    /** Values of this generator passed through {@code function}. */
    default <R> Gen<R> map(Function<? super T, ? extends R> function) {
        return random -> function.apply(next(random));
    }

    /** Values of this generator that pass {@code test}; fails after 1000 rejected draws in a row. */
    default Gen<T> filter(Predicate<? super T> test) {
        return random -> {
            for (int i = 0; i < 1000; i++) {
                T value = next(random);
                if (test.test(value)) {
                    return value;
                }
            }
            throw new IllegalStateException("filter rejected 1000 values in a row");
        };
    }

    /** Lists of 0 to {@code maxSize} values (short ones more often, empty and full ones included). */
    default Gen<List<T>> list(int maxSize) {
        return random -> {
            int size = Gens.size(random, 0, maxSize);
            List<T> values = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                values.add(next(random));
            }
            return values;
        };
    }
}
