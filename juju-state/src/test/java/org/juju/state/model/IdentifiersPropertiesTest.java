package org.juju.state.model;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import org.juju.state.error.InvalidInputException;
import org.juju.state.testing.CleanOutcome;

/**
 * Identifiers parse back from their text forms, and any text either parses to an identifier that
 * prints as that text or is refused with a one-line {@link InvalidInputException} quoting it.
 */
class IdentifiersPropertiesTest {

    @Property(tries = 500)
    void unitNamesRoundTripThroughTextAndKey(@ForAll("serviceNames") String service,
                                             @ForAll @IntRange(max = 999_999_999) int number) {
        UnitName unit = new UnitName(ServiceName.of(service), number);

        assertThat(UnitName.parse(unit.toString())).isEqualTo(unit);
        assertThat(UnitName.fromKey(unit.key())).isEqualTo(unit);
    }

    @Property(tries = 300)
    void machineAndRelationIdsRoundTrip(@ForAll @IntRange(max = 999_999_999) int value) {
        assertThat(MachineId.parse(new MachineId(value).toString())).isEqualTo(new MachineId(value));
        assertThat(RelationId.parse(new RelationId(value).hookId("db"))).isEqualTo(new RelationId(value));
        assertThat(RelationId.parse(new RelationId(value).toString())).isEqualTo(new RelationId(value));
    }

    @Property(tries = 1000)
    void anyTextIsAnIdentifierThatPrintsAsItOrIsRefused(@ForAll("nameish") String text) {
        CleanOutcome.of(() -> UnitName.parse(text), InvalidInputException.class, null)
                .ifPresent(unit -> assertThat(unit.toString()).isEqualTo(text));
        CleanOutcome.of(() -> UnitName.fromKey(text), InvalidInputException.class, null)
                .ifPresent(unit -> assertThat(unit.key()).isEqualTo(text));
        CleanOutcome.of(() -> ServiceName.of(text), InvalidInputException.class, null)
                .ifPresent(name -> assertThat(name.toString()).isEqualTo(text));
        CleanOutcome.of(() -> MachineId.parse(text), InvalidInputException.class, null)
                .ifPresent(id -> assertThat(Integer.parseInt(text)).isEqualTo(id.value()));
        CleanOutcome.of(() -> RelationId.parse(text), InvalidInputException.class, null);
    }

    @Provide
    Arbitrary<String> serviceNames() {
        Arbitrary<String> head = Arbitraries.strings().withCharRange('a', 'z').ofMinLength(1).ofMaxLength(6);
        Arbitrary<String> tail = Arbitraries.strings().withCharRange('a', 'z').numeric().ofMaxLength(5)
                .filter(s -> !s.chars().allMatch(Character::isDigit));
        return Combinators.combine(head, tail.list().ofMaxSize(3))
                .as((h, parts) -> parts.isEmpty() ? h : h + "-" + String.join("-", parts));
    }

    @Provide
    Arbitrary<String> nameish() {
        return Arbitraries.oneOf(
                Arbitraries.strings().withChars("ab-/:09\n\u0000 é").ofMaxLength(15),
                Arbitraries.strings().ofMaxLength(30),
                Arbitraries.just(null));
    }
}
