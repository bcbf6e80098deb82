package org.juju.state.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PropertiesTest {
    private static final Gen<String> TEXT = Gens.strings(40);

    @Test
    void aPropertyThatHoldsIsCheckedOnEveryTry() {
        AtomicInteger calls = new AtomicInteger();

        Properties.forAll(7, "holds", 250, TEXT, text -> calls.incrementAndGet());

        assertThat(calls).hasValue(250);
    }

    @Test
    void aFailureNamesThePropertySeedTryAndEscapedInputWithTheCause() {
        IllegalStateException broken = new IllegalStateException("broken");

        assertThatThrownBy(() -> Properties.forAll(42, "no tabs", 100, random -> "a\tb\u0000\"", text -> {
            throw broken;
        }))
                .isInstanceOf(AssertionError.class)
                .hasCause(broken)
                .hasMessageStartingWith("property 'no tabs' failed on try 1 of 100 with seed 42"
                        + " (rerun: -Dproperties.seed=42); input: \"a\\tb\\u0000\\\"\"");
    }

    @Test
    void aFailingStringIsShrunkToASmallerOneThatStillFails() {
        assertThatThrownBy(() -> Properties.forAll(1, "no x", 10, random -> "abcdefxghijk",
                text -> assertThat(text).doesNotContain("x")))
                .hasMessageContaining("input: \"abcdefxghijk\"; shrunk to: \"x\"");
    }

    @Test
    void aLongInputIsShownCut() {
        assertThatThrownBy(() -> Properties.forAll(1, "short", 1, random -> "y".repeat(1000), text -> {
            throw new AssertionError("too long");
        }))
                .hasMessageContaining("\"" + "y".repeat(Properties.SHOWN_CHARS - 1) + "... (1002 chars)");
    }

    @Test
    void theSameSeedGivesTheSameInputsAndAnotherSeedOthers() {
        assertThat(inputs(5)).isEqualTo(inputs(5)).isNotEqualTo(inputs(6));
    }

    @Test
    void aFailureOnALaterTryIsReproducedByItsSeed() {
        Gen<String> unique = random -> Long.toHexString(random.nextLong());
        List<String> seen = new ArrayList<>();
        Properties.forAll(9, "differs", 50, unique, seen::add);
        String eleventh = seen.get(10);

        assertThatThrownBy(() -> Properties.forAll(9, "differs", 50, unique,
                text -> assertThat(text).isNotEqualTo(eleventh)))
                .hasMessageContaining("on try 11 of 50 with seed 9")
                .hasMessageContaining("input: " + Properties.show(eleventh));
    }

    @Test
    void seedsAreReadInDecimalOrHex() {
        assertThat(Properties.parseSeed("123")).isEqualTo(123L);
        assertThat(Properties.parseSeed("-5")).isEqualTo(-5L);
        assertThat(Properties.parseSeed("0xff")).isEqualTo(255L);
    }

    @Test
    void recordsBytesAndListsAreShownPieceByPiece() {
        record Pair(String text, byte[] data) {
        }

        assertThat(Properties.show(List.of(new Pair("a\nb", new byte[] {1, -1}))))
                .isEqualTo("[Pair[text=\"a\\nb\", data=bytes[2] 01ff]]");
    }

    private static List<String> inputs(long seed) {
        List<String> seen = new ArrayList<>();
        Properties.forAll(seed, "collect", 200, TEXT, seen::add);
        return seen;
    }
}
