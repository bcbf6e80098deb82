package org.juju.state.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.Optional;
import java.util.function.Supplier;
import org.juju.state.error.JujuException;

/**
 * The contract every parser of outside input keeps, for property tests: given anything, it
 * returns a value or throws the project's own exception of the expected kind, with a one-line
 * message that names the source. Never a NullPointerException, ClassCastException, a library's
 * exception or a StackOverflowError.
 */
public final class CleanOutcome {
    private CleanOutcome() {
    }

    /**
     * Runs {@code parse}.
     *
     * @param expected  the exception kind a refusal must be
     * @param mustNames text every refusal's message must contain (the file or node), or null
     * @return the value, or empty if {@code parse} refused cleanly
     */
    public static <T> Optional<T> of(Supplier<T> parse, Class<? extends JujuException> expected, String mustNames) {
        try {
            return Optional.ofNullable(parse.get());
        } catch (JujuException e) {
            assertThat(e).as("refusal kind").isInstanceOf(expected);
            assertThat(e.getMessage()).as("one-line message").doesNotContain("\n", "\r").isNotBlank();
            if (mustNames != null) {
                assertThat(e.getMessage()).as("message names the source").contains(mustNames);
            }
            return Optional.empty();
        } catch (RuntimeException | StackOverflowError e) {
            return fail("parser leaked " + e, e);
        }
    }
}
