package org.juju.state.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.juju.state.error.InvalidInputException;
import org.juju.state.testing.CleanOutcome;
import org.juju.state.testing.Gen;
import org.juju.state.testing.Gens;
import org.juju.state.testing.Properties;
import org.junit.jupiter.api.Test;

/**
 * Identifiers parse back from their text forms, and any text either parses to an identifier that
 * prints as that text or is refused with a one-line {@link InvalidInputException} quoting it.
 */
class IdentifiersPropertiesTest {

    private static final Gen<Integer> NUMBERS = Gens.ints(0, 999_999_999);

    private record Unit(String service, int number) {
    }

    @Test
    void unitNamesRoundTripThroughTextAndKey() {
        Gen<Unit> units = random -> new Unit(serviceNames().next(random), NUMBERS.next(random));
        Properties.forAll("unit names round-trip through text and key", 500, units, input -> {
            UnitName unit = new UnitName(ServiceName.of(input.service()), input.number());

            assertThat(UnitName.parse(unit.toString())).isEqualTo(unit);
            assertThat(UnitName.fromKey(unit.key())).isEqualTo(unit);
        });
    }

    @Test
    void machineAndRelationIdsRoundTrip() {
        Properties.forAll("machine and relation ids round-trip", 300, NUMBERS, value -> {
            assertThat(MachineId.parse(new MachineId(value).toString())).isEqualTo(new MachineId(value));
            assertThat(RelationId.parse(new RelationId(value).hookId("db"))).isEqualTo(new RelationId(value));
            assertThat(RelationId.parse(new RelationId(value).toString())).isEqualTo(new RelationId(value));
        });
    }

    @Test
    void anyTextIsAnIdentifierThatPrintsAsItOrIsRefused() {
        Properties.forAll("any text is an identifier that prints as it or is refused", 1000, nameish(), text -> {
            CleanOutcome.of(() -> UnitName.parse(text), InvalidInputException.class, null)
                    .ifPresent(unit -> assertThat(unit.toString()).isEqualTo(text));
            CleanOutcome.of(() -> UnitName.fromKey(text), InvalidInputException.class, null)
                    .ifPresent(unit -> assertThat(unit.key()).isEqualTo(text));
            CleanOutcome.of(() -> ServiceName.of(text), InvalidInputException.class, null)
                    .ifPresent(name -> assertThat(name.toString()).isEqualTo(text));
            CleanOutcome.of(() -> MachineId.parse(text), InvalidInputException.class, null)
                    .ifPresent(id -> assertThat(Integer.parseInt(text)).isEqualTo(id.value()));
            CleanOutcome.of(() -> RelationId.parse(text), InvalidInputException.class, null);
        });
    }

    /** Valid service names: a lower-case head, then up to three dash-joined parts not all digits. */
    private static Gen<String> serviceNames() {
        Gen<String> head = Gens.strings(Gens.LOWER, 1, 6);
        Gen<String> tail = Gens.strings(Gens.LOWER + "0123456789", 0, 5)
                .filter(s -> !s.chars().allMatch(Character::isDigit));
        Gen<java.util.List<String>> tails = tail.list(3);
        return random -> {
            String h = head.next(random);
            java.util.List<String> parts = tails.next(random);
            return parts.isEmpty() ? h : h + "-" + String.join("-", parts);
        };
    }

    private static Gen<String> nameish() {
        return Gens.oneOf(Gens.strings("ab-/:09\n\u0000 é", 0, 15), Gens.strings(30), Gens.constant(null));
    }
}
